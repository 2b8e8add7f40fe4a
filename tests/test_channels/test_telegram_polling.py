"""`okoce-bot run` with a token: long polling against the Bot API URL it is given."""

from collections.abc import AsyncIterator, Callable

import pytest

from bot.db import Database
from conversations.commands import COMMANDS
from handlers.telegram import TelegramChannel
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI, RecordedRequest
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import channel_on_fake
from tests.transcript import make_engine


@pytest.fixture
async def polling(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    channel = channel_on_fake(make_engine(sqlite_database), fake_telegram)
    await channel.start_polling()
    yield channel
    await channel.stop()


def _to(chat_id: int, needle: str) -> Callable[[RecordedRequest], bool]:
    def matches(request: RecordedRequest) -> bool:
        return (
            request.method == "sendMessage"
            and request.params.get("chat_id") == chat_id
            and needle in str(request.params.get("text"))
        )

    return matches


async def test_polled_updates_are_answered(
    polling: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.queue_update(updates.text_message(1, 7001, "/start"))
    fake_telegram.queue_update(updates.text_message(2, 7002, "/menu"))
    first = await fake_telegram.wait_for(_to(7001, "Menu utama"))  # raises if never answered
    second = await fake_telegram.wait_for(_to(7002, "Menu utama"))
    assert first.params["reply_markup"]["inline_keyboard"], "the menu comes with its buttons"
    assert second.params["chat_id"] == 7002


async def test_commands_are_published_in_both_languages(
    polling: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    published = fake_telegram.sent("setMyCommands")
    assert [r.params.get("language_code") for r in published] == [None, "en"]
    indonesian = {c["command"]: c["description"] for c in published[0].params["commands"]}
    english = {c["command"]: c["description"] for c in published[1].params["commands"]}
    assert set(indonesian) == set(english) >= {"menu", "daftar", "batal", "bantuan", "bahasa"}
    assert indonesian["batal"] != english["batal"]


async def test_every_member_command_the_engine_knows_is_in_the_menu(
    polling: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    published = fake_telegram.sent("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in published] == [c.name for c in COMMANDS if c.in_menu]
    assert {"jadwal", "jadwalsaya"} <= {c["command"] for c in published}
    assert not {"sesi", "peran"} & {c["command"] for c in published}, "staff commands stay out"


async def test_a_failing_set_my_commands_is_not_fatal(
    sqlite_database: Database, fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.fail_next("setMyCommands", 400, "Bad Request: something went wrong")
    channel = channel_on_fake(make_engine(sqlite_database), fake_telegram)
    await channel.start_polling()
    try:
        fake_telegram.queue_update(updates.text_message(1, 7003, "/start"))
        answer = await fake_telegram.wait_for(_to(7003, "Menu utama"))  # raises if never answered
        assert answer.params["chat_id"] == 7003
        assert fake_telegram.pop_violations() == [], "the failed setMyCommands broke nothing else"
    finally:
        await channel.stop()
