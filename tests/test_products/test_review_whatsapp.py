"""A coordinator on WhatsApp reviews a listing: the photo is uploaded, the choices are a list."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.services import catalog
from bot.vocabulary import ListingStatus, OutboxKind, ReportReason
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.catalog_factories import add_seller
from tests.factories import NOW
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.test_products.shop_people import (
    TEBET,
    listing,
    listing_with_a_real_photo,
    make_coordinator,
    member_behind,
    notices,
    shop_engine,
)
from tests.test_whatsapp.conftest import APP_SECRET, FAST_BACKOFF, VERIFY_TOKEN
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.whatsapp_webhook import webhook_client

RINA = "6281398765432"


@pytest.fixture
def engine(database: Database, tmp_path: Path) -> ConversationEngine:
    """On SQLite and on PostgreSQL, with photos in a folder of the test's own."""
    return shop_engine(database, tmp_path / "photos")


@pytest.fixture
async def webhook(
    engine: ConversationEngine, fake_graph: FakeGraphAPI
) -> AsyncIterator[tuple[TestClient[web.Request, web.Application], WhatsAppChannel]]:
    """The WhatsApp channel's routes on a real server (127.0.0.1), talking to the fake."""
    async with GraphClient(
        fake_graph.api_url,
        fake_graph.phone_number_id,
        fake_graph.token,
        backoff_base=FAST_BACKOFF,
    ) as client:
        channel = WhatsAppChannel(
            engine,
            client,
            app_secret=APP_SECRET,
            verify_token=VERIFY_TOKEN,
            inbox=DatabaseInbox(engine.db, engine.clock, "whatsapp"),
        )
        async with webhook_client(channel) as http:
            yield http, channel


async def test_a_coordinator_on_whatsapp_sees_the_photo_and_approves(
    engine: ConversationEngine,
    webhook: tuple[TestClient[web.Request, web.Application], WhatsAppChannel],
    fake_graph: FakeGraphAPI,
) -> None:
    http, channel = webhook
    rina = WhatsAppPerson(http, channel, fake_graph, RINA)
    await rina.registers()
    await make_coordinator(engine.db, await member_behind(engine.db, "whatsapp", RINA), TEBET)
    seller = await add_seller(engine.db, 1)
    listing_id = await listing_with_a_real_photo(engine, seller, name="Keripik Tebet")
    await _send_back_to_review(engine, listing_id)

    await rina.says("tinjau")
    assert "menunggu tinjauan: 1" in rina.text
    await rina.presses("Keripik Tebet")

    [image] = [message for message in rina.last if message["type"] == "image"]
    uploaded = fake_graph.media[image["image"]["id"]]
    assert uploaded.mime_type == "image/jpeg" and uploaded.data.startswith(b"\xff\xd8")
    assert image["image"]["caption"].startswith("📋 Keripik Tebet")
    assert "Setujui produk ini" in rina.text
    await rina.presses("Setujui")

    assert "Penjual sudah dikabari" in rina.text
    assert (await listing(engine.db, listing_id)).status == ListingStatus.LIVE
    [told] = await notices(engine.db, OutboxKind.LISTING_APPROVED, seller.id)
    assert "Keripik Tebet" in told.text


async def _send_back_to_review(engine: ConversationEngine, listing_id: int) -> None:
    """Three buyers report the live listing, which puts it before its coordinator."""
    async with engine.db.transaction() as session:
        for n in range(3):
            reporter = catalog.chat_reporter("telegram", f"buyer{n}")
            await catalog.report_listing(
                session, listing_id, reporter, ReportReason.WRONG_INFO, now=NOW
            )
