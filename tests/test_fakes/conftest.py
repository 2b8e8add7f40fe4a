"""Fixtures for testing the fakes: the checked fake Telegram and a bot wired to it."""

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram

TOKEN = "123:ABC"


@pytest.fixture
async def bot(fake_telegram: FakeTelegramAPI) -> AsyncIterator[Bot]:
    """A real, initialised `telegram.Bot` whose every request goes to the fake."""
    bot = Bot(token=TOKEN, request=fake_telegram, get_updates_request=fake_telegram)
    await bot.initialize()
    yield bot
    await bot.shutdown()
