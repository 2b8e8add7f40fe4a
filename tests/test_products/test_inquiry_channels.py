"""Tanya penjual across two channels: a buyer on Telegram (python-telegram-bot over HTTP to
the fake Bot API), a seller on WhatsApp (signed webhook, fake Graph API), and the outbox
dispatched to both. The buyer arrives by the showcase's deep link, `/start p<id>`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.clock import ManualClock
from bot.db import Database
from bot.photo_store import DirectoryPhotoStore
from bot.product_photos import RenditionKind
from bot.services import catalog
from conversations.engine import ConversationEngine
from handlers.telegram import TelegramChannel
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.fakes import telegram_updates as updates
from tests.fakes.graph_api import FakeGraphAPI, readable
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_over_http
from tests.test_products.chat_shop import chat_member, listing_with_photo
from tests.test_whatsapp.conftest import graph_client as graph_client
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import START, Person, make_engine
from tests.whatsapp_webhook import webhook_client
from tests.wired import open_to_whatsapp, unpaced_dispatcher, whatsapp_channel
from wiring.dispatcher import OutboxDispatcher

TOKEN = "123456:BUYER"
SITI = "6281234567890"
"""The seller's WhatsApp number: it must never reach the buyer."""
SITI_FORMS = (SITI, "+" + SITI, "081234567890", "0812-3456-7890")
BUYER = 5550177
QUESTION = "Kak, keripiknya masih ada? Bisa COD di Tebet?"
SELLER_TEMPLATE = {"inquiry_for_seller": {"name": "okoce_tanya_penjual", "language": "id"}}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def store(tmp_path: Path) -> DirectoryPhotoStore:
    return DirectoryPhotoStore(tmp_path / "photos")


@pytest.fixture
def engine(
    database: Database, clock: ManualClock, store: DirectoryPhotoStore
) -> ConversationEngine:
    engine = make_engine(database, clock=clock, photos=store)
    open_to_whatsapp(engine, SELLER_TEMPLATE)
    return engine


@pytest.fixture
def whatsapp(engine: ConversationEngine, graph_client: GraphClient) -> WhatsAppChannel:
    return whatsapp_channel(engine, graph_client)


@pytest.fixture
async def webhook(
    whatsapp: WhatsAppChannel,
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    async with webhook_client(whatsapp) as client:
        yield client


@pytest.fixture
async def telegram(
    engine: ConversationEngine, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    """Our channel on the fake Bot API served over HTTP, with PTB's own HTTP client."""
    async with channel_over_http(engine, fake_telegram, TOKEN) as channel:
        yield channel


@pytest.fixture
def dispatcher(
    engine: ConversationEngine, whatsapp: WhatsAppChannel, telegram: TelegramChannel
) -> OutboxDispatcher:
    return unpaced_dispatcher(engine, {"whatsapp": whatsapp, "telegram": telegram})


@pytest.fixture
async def siti(
    webhook: TestClient[web.Request, web.Application],
    whatsapp: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
) -> WhatsAppPerson:
    """A member in Tebet, registered on WhatsApp: the seller."""
    person = WhatsAppPerson(webhook, whatsapp, fake_graph, SITI)
    await person.registers()
    return person


@pytest.fixture
def buyer(telegram: TelegramChannel, fake_telegram: FakeTelegramAPI) -> TelegramPerson:
    return TelegramPerson(telegram, fake_telegram, BUYER)


async def _siti_sells(engine: ConversationEngine) -> int:
    """Siti's keripik, live with its photo, without her WhatsApp shown."""
    member = await chat_member(engine.db, Person(engine, SITI, "whatsapp"))
    return await listing_with_photo(engine.db, engine.photos, member, show_whatsapp=False)


async def _photo_key(engine: ConversationEngine, listing_id: int) -> str:
    async with engine.db.transaction() as session:
        [photo] = await catalog.listing_photos(session, listing_id)
        return photo.photo_key


def _newest_to(fake_graph: FakeGraphAPI) -> str:
    return readable(fake_graph.messages_to(SITI)[-1])


async def test_a_telegram_buyer_and_a_whatsapp_seller_talk_and_the_number_stays_hidden(
    siti: WhatsAppPerson,
    buyer: TelegramPerson,
    engine: ConversationEngine,
    dispatcher: OutboxDispatcher,
    fake_graph: FakeGraphAPI,
    fake_telegram: FakeTelegramAPI,
) -> None:
    listing_id = await _siti_sells(engine)
    await buyer.says(f"/start p{listing_id}")
    [photo] = [r for r in buyer.last if r.method.lower() == "sendphoto"]
    assert "Keripik Singkong Balado" in photo.params["caption"]
    assert "Rp15.000" in photo.params["caption"]
    [sent_file] = photo.files.values()
    assert sent_file.content == await engine.photos.read(
        await _photo_key(engine, listing_id), RenditionKind.WEB
    )
    await buyer.presses("Tanya penjual")
    await buyer.says(QUESTION)
    assert "Pertanyaan terkirim ke penjual" in buyer.text

    await dispatcher.run_once()
    notice = _newest_to(fake_graph)
    assert "Pembeli #1 bertanya soal Keripik Singkong Balado" in notice
    assert QUESTION in notice and str(BUYER) not in notice
    await siti.presses("Balas")
    assert "Tulis balasan untuk pembeli" in siti.text
    await siti.says("Masih ada kak, bisa COD di stasiun Tebet.")

    await dispatcher.run_once()
    answer = fake_telegram.texts_to(BUYER)[-1]
    assert "Jawaban Penjual soal Keripik Singkong Balado" in answer
    assert "bisa COD di stasiun Tebet" in answer
    await buyer.says("Siap, besok jam 10 ya kak")  # still in the relay
    await dispatcher.run_once()
    assert "besok jam 10" in _newest_to(fake_graph)

    await buyer.presses("Akhiri")
    assert "Percakapan diakhiri" in buyer.text
    await dispatcher.run_once()
    assert "Pembeli #1 mengakhiri percakapan" in _newest_to(fake_graph)

    everything_to_buyer = json.dumps(
        [request.params for request in fake_telegram.messages_to(BUYER)], ensure_ascii=False
    )
    assert not any(form in everything_to_buyer for form in SITI_FORMS)
    everything_to_siti = json.dumps(fake_graph.messages_to(SITI), ensure_ascii=False)
    assert str(BUYER) not in everything_to_siti


async def test_outside_whatsapps_window_the_question_goes_as_the_sellers_template(
    siti: WhatsAppPerson,
    buyer: TelegramPerson,
    engine: ConversationEngine,
    dispatcher: OutboxDispatcher,
    fake_graph: FakeGraphAPI,
    clock: ManualClock,
) -> None:
    listing_id = await _siti_sells(engine)
    clock.advance(timedelta(hours=25))  # Siti has not written for over a day
    await buyer.says(f"/start p{listing_id}")
    await buyer.presses("Tanya penjual")
    await buyer.says(QUESTION)
    await dispatcher.run_once()
    template = fake_graph.messages_to(SITI)[-1]
    assert template["type"] == "template"
    assert template["template"]["name"] == "okoce_tanya_penjual"
    parameters = [p["text"] for p in template["template"]["components"][0]["parameters"]]
    assert parameters == ["Keripik Singkong Balado", QUESTION]


async def test_a_deep_link_to_a_product_no_longer_shown_answers_kindly_on_telegram(
    siti: WhatsAppPerson, buyer: TelegramPerson, engine: ConversationEngine
) -> None:
    listing_id = await _siti_sells(engine)
    await buyer.says(f"/start p{listing_id + 1}")
    assert "tidak ada lagi di etalase" in buyer.text
    assert "Menu utama" in buyer.text
    assert not [r for r in buyer.last if r.method.lower() == "sendphoto"]


async def test_a_whatsapp_buyer_gets_photo_cards_and_can_ask_from_one(
    siti: WhatsAppPerson,
    webhook: TestClient[web.Request, web.Application],
    whatsapp: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    engine: ConversationEngine,
    dispatcher: OutboxDispatcher,
) -> None:
    await _siti_sells(engine)
    budi = WhatsAppPerson(webhook, whatsapp, fake_graph, "6281299990000")
    await budi.says("cari kripik")
    kinds = [message["type"] for message in budi.last]
    assert kinds[0] == "image" and fake_graph.requests_to("/media", method="POST")
    card = readable(budi.last[1])
    assert "Keripik Singkong Balado" in card and "[💬 Tanya penjual]" in card
    await budi.presses("1.")
    await budi.presses("Tanya penjual")
    await budi.says(QUESTION)
    assert "Pertanyaan terkirim" in budi.text
    await dispatcher.run_once()
    assert QUESTION in _newest_to(fake_graph) and "6281299990000" not in _newest_to(fake_graph)


async def test_tanya_penjual_on_a_telegram_result_card_opens_the_question(
    siti: WhatsAppPerson,
    buyer: TelegramPerson,
    engine: ConversationEngine,
    fake_telegram: FakeTelegramAPI,
) -> None:
    await _siti_sells(engine)
    await buyer.says("cari keripik")
    [card] = [
        m for m in fake_telegram.keyboard_messages(BUYER) if "Keripik" in m.get("caption", "")
    ]
    buttons = [b for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["💬 Tanya penjual", "🚩 Laporkan"]
    await buyer.deliver(
        updates.callback_press(
            90_001,
            BUYER,
            buttons[0]["callback_data"],
            message_id=card["message_id"],
            reply_markup=card["reply_markup"],
        )
    )
    assert "Tulis pertanyaan untuk penjual Keripik Singkong Balado" in buyer.text
