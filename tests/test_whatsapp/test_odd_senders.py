"""Senders WhatsApp describes in unusual ways, through the webhook, on both databases.

Members with a username may hide their number: Meta then sends their business-scoped
user id (`from_user_id`) and no `from`. Attackers send a `from` that is not a string,
or ids longer than any real one.
"""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.models import ChannelAccount
from handlers.whatsapp import SIGNATURE_HEADER, WEBHOOK_PATH, WhatsAppChannel, parse_delivery
from handlers.whatsapp.graph import GraphClient
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI, readable
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from tests.transcript import make_engine
from tests.whatsapp_webhook import webhook_client

Client = TestClient[web.Request, web.Application]
SITI = "6281234567890"
RINA = "ID.1203948571203948"
BUDI = "ID.9877012398470125"


@pytest.fixture
async def webhook(
    database: Database, graph_client: GraphClient
) -> AsyncIterator[tuple[Client, WhatsAppChannel]]:
    engine = make_engine(database)
    channel = WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=DatabaseInbox(database, engine.clock, "whatsapp"),
    )
    async with webhook_client(channel) as client:
        yield client, channel


async def deliver(webhook: tuple[Client, WhatsAppChannel], payload: dict[str, Any]) -> None:
    client, channel = webhook
    raw = payloads.encode(payload)
    response = await client.post(
        WEBHOOK_PATH, data=raw, headers={SIGNATURE_HEADER: payloads.sign(APP_SECRET, raw)}
    )
    assert response.status == 200
    await channel.drain()


def from_username(user_id: str, text: str, *, empty_from: bool = False) -> dict[str, Any]:
    """A text from a member whose number WhatsApp withholds."""
    payload = payloads.text_message(SITI, text)
    value = payload["entry"][0]["changes"][0]["value"]
    message = value["messages"][0]
    del message["from"]
    if empty_from:
        message["from"] = ""
    message["from_user_id"] = user_id
    value["contacts"] = [{"profile": {"name": "Tamu", "username": "@tamu"}, "user_id": user_id}]
    return payload


def with_sender(sender: object, *, wamid: str | None = None) -> dict[str, Any]:
    payload = payloads.text_message(SITI, "halo", wamid=wamid)
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = sender
    return payload


async def accounts(database: Database) -> list[str]:
    async with database.transaction() as session:
        return sorted(await session.scalars(select(ChannelAccount.external_id)))


async def test_members_known_only_by_user_id_each_get_their_own_chat(
    webhook: tuple[Client, WhatsAppChannel], fake_graph: FakeGraphAPI, database: Database
) -> None:
    await deliver(webhook, from_username(RINA, "halo"))
    await deliver(webhook, from_username(BUDI, "halo", empty_from=True))
    await deliver(webhook, from_username(RINA, "daftar"))
    assert await accounts(database) == [RINA, BUDI]
    to_rina = [readable(m) for m in fake_graph.messages_to(RINA)]
    to_budi = [readable(m) for m in fake_graph.messages_to(BUDI)]
    assert "Ini layanan OK OCE" in to_rina[0] and "Ini layanan OK OCE" in to_budi[0]
    assert any("Setuju?" in text for text in to_rina), "Rina's second message went on in her chat"
    assert not any("Setuju?" in text for text in to_budi)
    assert all("to" not in m and m["recipient"] in (RINA, BUDI) for m in fake_graph.sent)


def test_a_user_id_sender_has_no_verified_phone() -> None:
    (message,) = parse_delivery(from_username(RINA, "halo")).messages
    assert (message.incoming.user_id, message.incoming.sender_phone) == (RINA, None)
    (phone,) = parse_delivery(payloads.text_message(SITI, "halo")).messages
    assert (phone.incoming.user_id, phone.incoming.sender_phone) == (SITI, SITI)


@pytest.mark.parametrize(
    "sender",
    [6281234567890, None, ["6281234567890"], {"id": SITI}, True, "6" * 65, " 628123", "62\x00812"],
    ids=["number", "null", "list", "object", "boolean", "too long", "padded", "nul"],
)
async def test_a_sender_that_is_not_a_usable_id_is_refused_not_invented(
    webhook: tuple[Client, WhatsAppChannel],
    fake_graph: FakeGraphAPI,
    database: Database,
    sender: object,
) -> None:
    await deliver(webhook, payloads.combine(with_sender(sender), payloads.text_message(SITI, "x")))
    assert await accounts(database) == [SITI], "the good message of the delivery still counts"
    assert "None" not in await accounts(database)
    assert len(fake_graph.messages_to(SITI)) == 2, "only the good message was answered"


async def test_a_message_id_longer_than_any_real_one_is_answered_once(
    webhook: tuple[Client, WhatsAppChannel], fake_graph: FakeGraphAPI
) -> None:
    payload = with_sender(SITI, wamid="wamid." + "HBgNNjI4MTIzNDU2Nzg5" * 20)
    await deliver(webhook, payload)
    await deliver(webhook, payload)  # Meta redelivers it
    welcome, menu = (readable(m) for m in fake_graph.messages_to(SITI))
    assert "Ini layanan OK OCE" in welcome and "Menu utama" in menu
