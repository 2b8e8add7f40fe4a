"""The Telegram webhook under hostile or broken traffic: never a 500, never a lost update.

Telegram retries an update for as long as it gets anything but a 2xx, so an update the
bot cannot decode must still be acknowledged (and counted), and a secret of any shape
that is not ours must get 403, not a server error.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.db import Database
from bot.inbox import DatabaseInbox
from handlers.telegram_webhook import SECRET_HEADER, WEBHOOK_PATH, TelegramWebhook
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import channel_on_fake
from tests.transcript import make_engine
from wiring.web.app import build_web_app

Client = TestClient[web.Request, web.Application]
SECRET = "s3cret-token_for-webhook"
URL = "https://okoce.example/webhooks/telegram"
MARKER = "Siti-0812-3456-7890"
"""Personal data inside the bodies below: it must never reach a log line."""

USER = {"id": 5550001, "is_bot": False, "first_name": MARKER}
CHAT = {"id": 5550001, "type": "private", "first_name": MARKER}


def _deep_reply_chain(depth: int) -> bytes:
    """An update whose message replies to a message replying to… `depth` times."""
    head = '{"message_id": 1, "date": 1, "chat": ' + json.dumps(CHAT) + ', "reply_to_message": '
    innermost = json.dumps({"message_id": 1, "date": 1, "chat": CHAT, "text": MARKER})
    return ('{"update_id": 1, "message": ' + head * depth + innermost + "}" * (depth + 1)).encode()


UNDECODABLE: dict[str, Any] = {
    "no update_id (TypeError)": {"message": {"message_id": 1, "date": 1, "chat": CHAT}},
    "message is a string (AttributeError)": {"update_id": 1, "message": MARKER},
    "message is a list (TypeError)": {"update_id": 1, "message": [MARKER]},
    "sender without a name (TypeError)": {
        "update_id": 1,
        "message": {"message_id": 1, "date": 1, "chat": CHAT, "from": {"id": 1}, "text": MARKER},
    },
    "member without a status (TypeError)": {
        "update_id": 1,
        "my_chat_member": {
            "chat": CHAT,
            "from": USER,
            "date": 1,
            "old_chat_member": {"user": USER},
            "new_chat_member": {"user": USER},
        },
    },
    "date in words (TypeError)": {
        "update_id": 1,
        "message": {"message_id": 1, "date": "kemarin", "chat": CHAT, "text": MARKER},
    },
    "chat is a number (TypeError)": {
        "update_id": 1,
        "message": {"message_id": 1, "date": 1, "chat": 5550001, "text": MARKER},
    },
    "paid media without a buyer (KeyError)": {
        "update_id": 1,
        "purchased_paid_media": {"paid_media_payload": MARKER},
    },
    "keyboard without rows (KeyError)": {
        "update_id": 1,
        "message": {"message_id": 1, "date": 1, "chat": CHAT, "text": MARKER, "reply_markup": {}},
    },
    "pressed message without a date (KeyError)": {
        "update_id": 1,
        "callback_query": {
            "id": "1",
            "from": USER,
            "chat_instance": "1",
            "message": {"chat": CHAT, "message_id": 1},
        },
    },
}
NOT_AN_UPDATE: dict[str, bytes] = {
    "reply chain 3000 deep (RecursionError)": _deep_reply_chain(3000),
    "not JSON": f"halo {MARKER}".encode(),
    "not UTF-8": b"\xff\xfe" + MARKER.encode("utf-16-le"),
    "a JSON list": json.dumps([MARKER]).encode(),
    "JSON null": b"null",
    "nested 100000 deep": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.fixture
async def webhook(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramWebhook]:
    engine = make_engine(sqlite_database)
    channel = channel_on_fake(engine, fake_telegram)
    hook = TelegramWebhook(
        channel, DatabaseInbox(sqlite_database, engine.clock, "telegram"), SECRET
    )
    await hook.start(URL)
    yield hook
    await hook.close()
    await channel.stop()


@pytest.fixture
async def client(sqlite_database: Database, webhook: TelegramWebhook) -> AsyncIterator[Client]:
    app = build_web_app(sqlite_database, webhook.routes(), [webhook.counters])
    async with TestClient(TestServer(app, host="127.0.0.1")) as http:
        yield http


async def post(client: Client, body: bytes, secret: str = SECRET) -> int:
    response = await client.post(WEBHOOK_PATH, data=body, headers={SECRET_HEADER: secret})
    return response.status


@pytest.mark.parametrize(
    "body",
    [json.dumps(u).encode() for u in UNDECODABLE.values()] + list(NOT_AN_UPDATE.values()),
    ids=[*UNDECODABLE, *NOT_AN_UPDATE],
)
async def test_an_update_that_cannot_be_decoded_is_acknowledged_counted_and_logged_once(
    client: Client,
    webhook: TelegramWebhook,
    fake_telegram: FakeTelegramAPI,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert await post(client, body) == 200, "anything else and Telegram retries forever"
    assert webhook.undecodable_updates == 1
    health = await (await client.get("/healthz")).json()
    assert health["counters"]["telegram_undecodable_updates"] == 1
    lines = [
        r for r in caplog.records if r.getMessage() == "undecodable telegram update acknowledged"
    ]
    assert len(lines) == 1
    assert all(MARKER not in json.dumps(r.__dict__, default=str) for r in caplog.records)
    await webhook.drain()
    assert fake_telegram.sent("sendMessage") == []


@pytest.mark.parametrize(
    "secret",
    ["wrong", "", SECRET[:-1], SECRET + "x", SECRET.upper(), "x" * 8000, "rahasia-ñ-日本"],
    ids=["wrong", "empty", "shorter", "longer", "other case", "very long", "not ascii"],
)
async def test_a_secret_that_is_not_ours_is_refused(
    client: Client, fake_telegram: FakeTelegramAPI, secret: str
) -> None:
    update = json.dumps(updates.text_message(5, 8105, "/start")).encode()
    assert await post(client, update, secret) == 403
    assert fake_telegram.messages_to(8105) == []


async def test_a_secret_that_is_not_utf8_is_refused(client: Client) -> None:
    """Header bytes no text decoding accepts, written on the socket as an attacker would."""
    body = json.dumps(updates.text_message(6, 8106, "/start")).encode()
    request = (
        (
            f"POST {WEBHOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n"
        ).encode()
        + SECRET_HEADER.encode()
        + b": \xff\xfe\xc3(\r\n\r\n"
        + body
    )
    server = client.server
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(request)
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    assert status_line.split()[1] == b"403"


async def test_an_update_without_a_secret_header_is_refused(client: Client) -> None:
    response = await client.post(WEBHOOK_PATH, data=b"{}")
    assert response.status == 403


async def test_an_update_kept_by_a_run_that_died_is_answered_at_the_next_start(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> None:
    engine = make_engine(sqlite_database)
    inbox = DatabaseInbox(sqlite_database, engine.clock, "telegram")
    await inbox.record(json.dumps(updates.text_message(7, 8107, "/start")).encode())
    channel = channel_on_fake(engine, fake_telegram)
    hook = TelegramWebhook(channel, inbox, SECRET)
    await hook.start(URL)
    try:
        await hook.drain()
        assert "Menu utama" in "\n".join(fake_telegram.texts_to(8107))
        assert await inbox.pending() == []
    finally:
        await hook.close()
        await channel.stop()
