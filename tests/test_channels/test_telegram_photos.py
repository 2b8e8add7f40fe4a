"""Photos over Telegram: fetched from the configured Bot API server, never left unanswered.

The fake Bot API is served over HTTP on 127.0.0.1 and python-telegram-bot uses its own
HTTP client, so the test sees where `getFile` and the download went: the fake serves
files only under its own `/file/bot<token>/` base, as a real (local) Bot API server does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.config import Settings
from bot.db import Database
from bot.messages import Incoming, Reply
from conversations.engine import ConversationEngine
from handlers.telegram import MAX_DOWNLOAD_BYTES, TelegramChannel
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.fakes.telegram_http import ServedBotApi, serve_bot_api
from tests.transcript import make_engine

TOKEN = "123456:PHOTO"
SITI = 5550101
PHOTO = b"\xff\xd8\xff\xe0 a JPEG, as far as this test cares \xff\xd9"
SEND_AGAIN = "Coba kirim sekali lagi"
FILE_PATH = "photos/file_7.jpg"


class RecordingEngine:
    """The real engine, remembering what reached it (to see the photo's bytes arrive)."""

    def __init__(self, engine: ConversationEngine) -> None:
        self.engine = engine
        self.seen: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> list[Reply]:
        self.seen.append(incoming)
        return await self.engine.handle(incoming)


@pytest.fixture
async def served(fake_telegram: FakeTelegramAPI) -> AsyncIterator[ServedBotApi]:
    async with serve_bot_api(fake_telegram, TOKEN) as served:
        yield served


async def _channel(database: Database, api_url: str, file_url: str) -> TelegramChannel:
    channel = TelegramChannel(make_engine(database), TOKEN, api_url=api_url, file_url=file_url)
    channel.engine = RecordingEngine(channel.engine)  # type: ignore[assignment]
    await channel.application.initialize()
    return channel


@pytest.fixture
async def channel(database: Database, served: ServedBotApi) -> AsyncIterator[TelegramChannel]:
    """Our channel on the served fake, with its own HTTP client, as `okoce-bot run` builds it."""
    channel = await _channel(database, served.base_url, served.base_file_url)
    yield channel
    await channel.application.shutdown()


def _seen(channel: TelegramChannel) -> list[Incoming]:
    engine = channel.engine
    assert isinstance(engine, RecordingEngine)
    return engine.seen


async def _deliver(channel: TelegramChannel, update: dict[str, Any]) -> None:
    await channel.application.process_update(Update.de_json(update, channel.application.bot))


async def _at_the_menu(channel: TelegramChannel, fake: FakeTelegramAPI) -> None:
    """Siti has opened the bot; what follows is the answer to her photo alone."""
    await _deliver(channel, updates.text_message(100, SITI, "/start"))
    fake.clear()
    _seen(channel).clear()


def _asked_again(fake: FakeTelegramAPI) -> None:
    """One short note to send the photo again, then the question she was on, nothing else."""
    answers = fake.texts_to(SITI)
    assert len(answers) == 2 and SEND_AGAIN in answers[0], answers
    assert answers[1].startswith("Menu utama")


def _photo_update(update_id: int, **file_size: int) -> dict[str, Any]:
    update = updates.photo_message(update_id, SITI, ["small_7", "file_7"], caption="Keripik 15rb")
    for size in update["message"]["photo"]:
        size["file_size"] = file_size.get("every", size["file_size"])
    return update


async def test_a_photo_is_downloaded_from_the_configured_server(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.store_file("file_7", PHOTO, FILE_PATH)
    await _deliver(channel, _photo_update(1))

    assert [r.params["file_id"] for r in fake_telegram.sent("getFile")] == ["file_7"]
    assert fake_telegram.downloads == [FILE_PATH], "the file came from the configured server"
    [incoming] = _seen(channel)
    assert incoming.photo is not None and incoming.photo.data == PHOTO
    assert incoming.text == "Keripik 15rb"
    answers = fake_telegram.texts_to(SITI)
    assert answers and not any(SEND_AGAIN in text for text in answers)


@pytest.mark.parametrize(
    ("failure", "why"),
    [
        ("getfile", "Bad Request: wrong file_id or the file is temporarily unavailable"),
        ("getfile", "Bad Request: file is too big"),
        ("download", "the file expired between getFile and the download"),
    ],
)
async def test_a_failed_download_asks_for_the_photo_again(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI, failure: str, why: str
) -> None:
    if failure == "getfile":
        fake_telegram.store_file("file_7", PHOTO, FILE_PATH)
        fake_telegram.fail_next("getFile", 400, why)
    else:
        fake_telegram.answer_next(
            "getFile",
            {"file_id": "file_7", "file_unique_id": "AQADgone", "file_path": "photos/gone.jpg"},
        )
    await _at_the_menu(channel, fake_telegram)
    await _deliver(channel, _photo_update(2))

    _asked_again(fake_telegram)
    [incoming] = _seen(channel)
    assert incoming.photo is None and incoming.unsupported == "image_unavailable"


async def test_a_photo_over_the_download_limit_is_not_fetched(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    await _at_the_menu(channel, fake_telegram)
    await _deliver(channel, _photo_update(3, every=MAX_DOWNLOAD_BYTES + 1))

    assert fake_telegram.sent("getFile") == []
    _asked_again(fake_telegram)


async def test_an_unreachable_file_server_asks_for_the_photo_again(
    database: Database, served: ServedBotApi, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.store_file("file_7", PHOTO, FILE_PATH)
    channel = await _channel(database, served.base_url, "http://127.0.0.1:9/file/bot")
    try:
        await _at_the_menu(channel, fake_telegram)
        await _deliver(channel, _photo_update(4))
    finally:
        await channel.application.shutdown()

    assert fake_telegram.downloads == []
    _asked_again(fake_telegram)


async def test_a_local_bot_api_server_path_is_read_without_a_download(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI, tmp_path: Path
) -> None:
    """`telegram-bot-api --local` answers getFile with a path on its own disk."""
    on_disk = tmp_path / "telegram-bot-api" / TOKEN / "photos" / "file_7.jpg"
    on_disk.parent.mkdir(parents=True)
    on_disk.write_bytes(PHOTO)
    fake_telegram.store_file("file_7", PHOTO, str(on_disk))
    await _deliver(channel, _photo_update(5))

    assert fake_telegram.downloads == []
    [incoming] = _seen(channel)
    assert incoming.photo is not None and incoming.photo.data == PHOTO


async def test_a_first_message_that_is_a_broken_photo_is_answered_too(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.fail_next("getFile", 400, "Bad Request: file is too big")
    await _deliver(channel, _photo_update(6))

    answers = fake_telegram.texts_to(SITI)
    assert SEND_AGAIN in answers[0] and answers[-1].startswith("Menu utama"), answers


@pytest.mark.parametrize(
    ("api_url", "file_url", "used"),
    [
        ("https://api.telegram.org/bot", None, "https://api.telegram.org/file/bot"),
        ("http://127.0.0.1:8081/bot", None, "http://127.0.0.1:8081/file/bot"),
        ("http://127.0.0.1:8081/bot/", None, "http://127.0.0.1:8081/file/bot"),
        ("http://proxy.local/tg/bot", "http://files.local/bot", "http://files.local/bot"),
        ("http://proxy.local/telegram-api", None, None),
    ],
)
def test_the_file_base_sits_beside_the_api_base_unless_set(
    api_url: str, file_url: str | None, used: str | None
) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_api_url=api_url, telegram_file_url=file_url
    )
    assert settings.effective_telegram_file_url == used
