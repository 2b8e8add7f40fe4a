"""The one web application: the Telegram webhook (secret checked) and the health check."""

from collections.abc import AsyncIterator, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.db import Database
from bot.inbox import DatabaseInbox
from handlers.telegram_webhook import SECRET_HEADER, WEBHOOK_PATH, TelegramWebhook
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import BOT_USERNAME, FakeTelegramAPI, RecordedRequest
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import channel_on_fake
from tests.transcript import make_engine
from wiring.web.app import build_web_app

SECRET = "s3cret-token_for-webhook"
URL = "https://okoce.example/webhooks/telegram"


@pytest.fixture
async def telegram(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramWebhook]:
    engine = make_engine(sqlite_database)
    channel = channel_on_fake(engine, fake_telegram)
    webhook = TelegramWebhook(
        channel, DatabaseInbox(sqlite_database, engine.clock, "telegram"), SECRET
    )
    await webhook.start(URL)
    yield webhook
    await webhook.close()
    await channel.stop()


@pytest.fixture
async def web_client(
    sqlite_database: Database, telegram: TelegramWebhook
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    app = build_web_app(sqlite_database, telegram.routes(), [telegram.counters])
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


def _menu_to(chat_id: int) -> Callable[[RecordedRequest], bool]:
    def matches(request: RecordedRequest) -> bool:
        return request.method == "sendMessage" and request.params.get("chat_id") == chat_id

    return matches


async def test_the_bot_knows_its_username_once_started(telegram: TelegramWebhook) -> None:
    """The showcase's "Tanya lewat Telegram" links need it (from getMe)."""
    assert telegram.channel.username == BOT_USERNAME


async def test_telegram_is_told_the_webhook_and_its_secret(
    telegram: TelegramWebhook, fake_telegram: FakeTelegramAPI
) -> None:
    [registered] = fake_telegram.sent("setWebhook")
    assert registered.params["url"] == URL and registered.params["secret_token"] == SECRET


async def test_an_update_with_the_right_secret_is_answered(
    web_client: TestClient[web.Request, web.Application], fake_telegram: FakeTelegramAPI
) -> None:
    response = await web_client.post(
        WEBHOOK_PATH, json=updates.text_message(1, 8101, "/start"), headers={SECRET_HEADER: SECRET}
    )
    assert response.status == 200
    reply = await fake_telegram.wait_for(_menu_to(8101))
    assert "Menu utama" in str(reply.params["text"]) or "OK OCE" in str(reply.params["text"])


@pytest.mark.parametrize("headers", [{SECRET_HEADER: "wrong"}, {}])
async def test_an_update_without_the_right_secret_is_refused(
    web_client: TestClient[web.Request, web.Application],
    telegram: TelegramWebhook,
    fake_telegram: FakeTelegramAPI,
    headers: dict[str, str],
) -> None:
    response = await web_client.post(
        WEBHOOK_PATH, json=updates.text_message(2, 8102, "/start"), headers=headers
    )
    assert response.status == 403
    await telegram.drain()
    assert fake_telegram.messages_to(8102) == []


async def test_health_check_reports_the_database(
    web_client: TestClient[web.Request, web.Application],
) -> None:
    response = await web_client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {
        "status": "ok",
        "counters": {"telegram_undecodable_updates": 0},
    }
