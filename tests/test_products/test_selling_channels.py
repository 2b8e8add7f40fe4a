"""Jual produk over the real channels: Telegram through python-telegram-bot and the Bot API
over HTTP (getFile and the download included, an album as `media_group_id` updates), and
WhatsApp through the signed webhook with the media fetched from the Graph API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.messages import Incoming, Reply
from conversations.engine import ConversationEngine
from handlers.telegram import TelegramChannel
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.fakes import telegram_updates as updates
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_over_http
from tests.test_products.selling_people import jpeg, listings, photo_keys, selling_engine
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.whatsapp_webhook import webhook_client

TOKEN = "123456:SELL"
SITI_TELEGRAM = 5550301
SITI_WHATSAPP = "6281234567890"
ALBUM = "13929442155201234"
"""A `media_group_id` as Telegram writes them: a long string of digits."""


@pytest.fixture
def engine(database: Database, tmp_path: Path) -> ConversationEngine:
    return selling_engine(database, tmp_path, public_url="https://etalase.okoce.example")


@pytest.fixture
async def telegram(
    engine: ConversationEngine, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    """Our channel on the fake served over HTTP, with its own HTTP client, as `okoce-bot run`
    builds it."""
    async with channel_over_http(engine, fake_telegram, TOKEN) as channel:
        yield channel


async def _telegram_member(channel: TelegramChannel, api: FakeTelegramAPI) -> TelegramPerson:
    siti = TelegramPerson(channel, api, SITI_TELEGRAM)
    await siti.says("/daftar")
    await siti.presses("Setuju")
    for answer in ("Siti Aminah", "0812-3456-7890", "tebet", "Menteng Dalam"):
        await siti.says(answer)
    await siti.presses("sudah jalan")
    await siti.says("Warung Bu Siti")
    await siti.presses("Kuliner")
    await siti.presses("Simpan")
    assert "Nomor anggota" in siti.text
    return siti


async def test_a_photo_on_telegram_is_fetched_and_published_in_three_taps(
    telegram: TelegramChannel, fake_telegram: FakeTelegramAPI, database: Database
) -> None:
    siti = await _telegram_member(telegram, fake_telegram)
    fake_telegram.store_file("keripik_big", jpeg(), "photos/file_11.jpg")
    await siti.deliver(
        updates.photo_message(
            20_001, SITI_TELEGRAM, ["keripik_small", "keripik_big"], caption="Keripik Balado 15rb"
        )
    )
    assert [r.params["file_id"] for r in fake_telegram.sent("getFile")] == ["keripik_big"]
    assert fake_telegram.downloads == ["photos/file_11.jpg"]
    assert "Keripik Balado, Rp15.000." in siti.text and "kategori" in siti.text

    await siti.presses("Camilan")
    [preview] = siti.last
    assert preview.method.lower() == "sendphoto", "the preview shows the photo buyers will see"
    assert "Keripik Balado" in str(preview.params["caption"])
    buttons = [b["text"] for row in preview.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["🚀 Terbitkan", "✏️ Ubah", "✖️ Batal"], "one message: photo and buttons"

    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert f"https://etalase.okoce.example/p/{listing.id}" in siti.text
    assert len(await photo_keys(database, listing.id)) == 1


async def test_a_telegram_album_becomes_one_listing_without_asking_again(
    telegram: TelegramChannel, fake_telegram: FakeTelegramAPI, database: Database
) -> None:
    siti = await _telegram_member(telegram, fake_telegram)
    seen = _recording(telegram)
    for n, colour in enumerate([(220, 30, 30), (30, 220, 30), (30, 30, 220)], start=1):
        fake_telegram.store_file(f"album_{n}", jpeg(colour), f"photos/file_2{n}.jpg")
    await siti.deliver(
        updates.photo_message(
            20_010,
            SITI_TELEGRAM,
            ["album_1"],
            caption="Kue Lapis - 45.000/kotak",
            media_group_id=ALBUM,
        )
    )
    assert "kategori" in siti.text
    for n in (2, 3):
        await siti.deliver(
            updates.photo_message(20_010 + n, SITI_TELEGRAM, [f"album_{n}"], media_group_id=ALBUM)
        )
        assert [r.params.get("text") for r in siti.last] == [f"📷 Foto ke-{n} masuk."]
    assert fake_telegram.downloads == [f"photos/file_2{n}.jpg" for n in (1, 2, 3)]
    assert [incoming.album for incoming in seen] == [ALBUM] * 3, "media_group_id reached us"

    await siti.presses("Makanan")
    assert "3 foto" in str(siti.last[0].params["caption"])
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert (listing.name, listing.price, listing.unit) == ("Kue Lapis", 45_000, "kotak")
    assert len(set(await photo_keys(database, listing.id))) == 3


def _recording(channel: TelegramChannel) -> list[Incoming]:
    """From now on, note every event the channel hands the engine."""
    seen: list[Incoming] = []
    engine = channel.engine

    class Recording:
        async def handle(self, incoming: Incoming) -> list[Reply]:
            seen.append(incoming)
            return await engine.handle(incoming)

    channel.engine = Recording()  # type: ignore[assignment]
    return seen


@pytest.fixture
async def graph_client(fake_graph: FakeGraphAPI) -> AsyncIterator[GraphClient]:
    async with GraphClient(
        fake_graph.api_url, fake_graph.phone_number_id, fake_graph.token, backoff_base=0.01
    ) as client:
        yield client


@pytest.fixture
async def whatsapp(
    engine: ConversationEngine, graph_client: GraphClient, fake_graph: FakeGraphAPI
) -> AsyncIterator[WhatsAppPerson]:
    """Siti on WhatsApp, her messages signed and posted to the webhook on 127.0.0.1."""
    channel = WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=DatabaseInbox(engine.db, engine.clock, "whatsapp"),
    )
    async with webhook_client(channel) as client:
        yield WhatsAppPerson(client, channel, fake_graph, SITI_WHATSAPP)


async def test_images_in_a_row_on_whatsapp_become_one_published_listing(
    whatsapp: WhatsAppPerson, fake_graph: FakeGraphAPI, database: Database
) -> None:
    siti = whatsapp
    await siti.registers()
    media = [fake_graph.add_media(jpeg(colour)) for colour in ((9, 9, 99), (9, 99, 9), (99, 9, 9))]
    await siti.deliver(
        payloads.image_message(SITI_WHATSAPP, media[0], caption="Rp 15.000,- Nasi Uduk")
    )
    assert "Nasi Uduk, Rp15.000." in siti.text
    for n, media_id in enumerate(media[1:], start=2):
        await siti.deliver(payloads.image_message(SITI_WHATSAPP, media_id))
        assert siti.text == f"📷 Foto ke-{n} masuk."
    for media_id in media:
        download = fake_graph.requests_to(f"/media-download/{media_id}")
        assert download and download[0].bearer == fake_graph.token

    await siti.presses("Makanan")
    assert [message["type"] for message in siti.last] == ["image", "interactive"]
    assert "3 foto" in siti.text
    await siti.presses("Terbitkan")
    [listing] = await listings(database)
    assert f"https://etalase.okoce.example/p/{listing.id}" in siti.text
    assert (listing.name, listing.price) == ("Nasi Uduk", 15_000)
    assert len(set(await photo_keys(database, listing.id))) == 3
