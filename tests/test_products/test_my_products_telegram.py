"""A photo added in 'Produk saya' over Telegram: getFile and the download on the Bot API
server, through python-telegram-bot's own HTTP client, then checked, stored and added."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.db import Database
from conversations.engine import ConversationEngine
from handlers.telegram import TelegramChannel
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import channel_over_http
from tests.test_products.shop_people import jpeg, listing_of, photo_keys, shop_engine
from tests.transcript import Person

TOKEN = "123456:PRODUK"
SITI = 5550202
FILE_PATH = "photos/file_9.jpg"
REGISTRATION = (
    "daftar",
    "setuju",
    "Siti Aminah",
    "0812-3456-7890",
    "tebet",
    "Menteng Dalam",
    "sudah jalan",
    "Warung Bu Siti",
    "Kuliner",
    "simpan",
)
"""Siti registers on Telegram, typing every answer."""


@pytest.fixture
def engine(database: Database, tmp_path: Path) -> ConversationEngine:
    return shop_engine(database, tmp_path / "photos")


@pytest.fixture
async def channel(
    engine: ConversationEngine, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    """Our channel on the fake served over HTTP, as `okoce-bot run` builds it."""
    async with channel_over_http(engine, fake_telegram, TOKEN) as channel:
        yield channel


async def _deliver(channel: TelegramChannel, update: dict[str, Any]) -> None:
    await channel.application.process_update(Update.de_json(update, channel.application.bot))


async def test_a_photo_sent_on_telegram_is_added_to_the_listing(
    engine: ConversationEngine, channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    update_ids = itertools.count(1)
    for typed in REGISTRATION:
        await _deliver(channel, updates.text_message(next(update_ids), SITI, typed))
    assert any("Nomor anggota" in text for text in fake_telegram.texts_to(SITI))
    siti = Person(engine, str(SITI), channel="telegram")
    listing_id = await listing_of(engine.db, siti, name="Keripik Balado")
    fake_telegram.store_file("file_9", jpeg(1600, 1200), FILE_PATH)

    for typed in ("produk saya", "1", "foto"):
        await _deliver(channel, updates.text_message(next(update_ids), SITI, typed))
    fake_telegram.clear()
    await _deliver(channel, updates.photo_message(next(update_ids), SITI, ["small_9", "file_9"]))

    assert [r.params["file_id"] for r in fake_telegram.sent("getFile")] == ["file_9"]
    assert fake_telegram.downloads == [FILE_PATH]
    answers = fake_telegram.texts_to(SITI)
    assert answers[0] == "✅ Foto ditambahkan.", answers
    assert "Foto produk: 2 dari 5" in answers[-1]
    cover, added = await photo_keys(engine.db, listing_id)
    assert await engine.photos.exists(added) and added != cover
