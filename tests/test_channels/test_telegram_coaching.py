"""Booking, reminders and one-tap cancel over Telegram, every request checked against the spec."""

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import Booking, ChannelAccount, CoachingSession
from handlers.telegram import TelegramChannel
from tests.factories import add_session
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_on_fake
from tests.transcript import START, make_engine
from tests.wired import unpaced_dispatcher
from wiring.dispatcher import OutboxDispatcher

SITI = 5551001
SESSION_START = START + timedelta(days=3)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
async def channel(
    database: Database, fake_telegram: FakeTelegramAPI, clock: ManualClock
) -> AsyncIterator[TelegramChannel]:
    channel = channel_on_fake(make_engine(database, clock=clock), fake_telegram)
    await channel.application.initialize()
    yield channel
    await channel.application.shutdown()


@pytest.fixture
def dispatcher(channel: TelegramChannel, database: Database) -> OutboxDispatcher:
    return unpaced_dispatcher(channel.engine, {"telegram": channel})


async def _registered(channel: TelegramChannel, api: FakeTelegramAPI) -> TelegramPerson:
    siti = TelegramPerson(channel, api, SITI)
    await siti.says("/daftar")
    for step in ("Setuju",):
        await siti.presses(step)
    for answer in ("Siti Aminah", "081234567890", "tebet", "Manggarai"):
        await siti.says(answer)
    await siti.presses("Masih ide")
    await siti.presses("Kuliner")
    await siti.presses("Simpan")
    assert "Nomor anggota" in siti.text
    return siti


async def test_member_books_gets_a_calendar_file_and_a_reminder_then_cancels_in_one_tap(
    channel: TelegramChannel,
    fake_telegram: FakeTelegramAPI,
    database: Database,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
) -> None:
    session_id = await add_session(database, SESSION_START, now=START, kind="training", capacity=10)
    siti = await _registered(channel, fake_telegram)

    await siti.presses("Cari pelatihan")
    await siti.presses("Semua topik")
    await siti.presses("1.")
    assert "Kursi tersisa: 10" in siti.text
    await siti.presses("Pesan tempat")
    assert "Tempat Anda sudah dipesan" in str(siti.last[0].params.get("caption", "")) + siti.text
    ics = fake_telegram.sent("sendDocument")[-1].files["document"]
    assert ics.filename.endswith(".ics")
    assert b"BEGIN:VCALENDAR" in ics.content and b"TZID=Asia/Jakarta:20261126T090000" in ics.content

    clock.advance(SESSION_START - timedelta(hours=24) - START)
    await dispatcher.run_once()
    reminder = fake_telegram.messages_to(SITI)[-1]
    assert "Pengingat: besok" in reminder.params["text"]
    buttons = reminder.params["reply_markup"]["inline_keyboard"][0]
    assert buttons[0]["callback_data"].startswith("@cancel:")

    await siti.presses("Batalkan tempat")
    assert "sudah dibatalkan" in siti.text
    async with database.transaction() as session:
        booking = (await session.scalars(select(Booking))).one()
        found = await session.get(CoachingSession, session_id)
    assert booking.status == "cancelled" and found is not None and found.seats_taken == 0


async def test_my_schedule_lists_and_cancels_a_booking(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI, database: Database
) -> None:
    await add_session(database, SESSION_START, now=START)
    siti = await _registered(channel, fake_telegram)
    await siti.says("/jadwal")
    await siti.presses("Semua topik")
    await siti.presses("1.")
    await siti.presses("Pesan tempat")
    await siti.says("/jadwalsaya")
    assert "Jadwal Anda" in siti.text
    await siti.presses("1.")
    await siti.presses("Batalkan")
    await siti.presses("Ya, batalkan")
    assert "sudah dibatalkan" in siti.text


async def test_a_blocked_member_is_not_messaged_again(
    channel: TelegramChannel,
    fake_telegram: FakeTelegramAPI,
    database: Database,
    dispatcher: OutboxDispatcher,
    clock: ManualClock,
) -> None:
    await add_session(database, SESSION_START, now=START)
    siti = await _registered(channel, fake_telegram)
    await siti.says("/jadwal")
    await siti.presses("Semua topik")
    await siti.presses("1.")
    await siti.presses("Pesan tempat")

    clock.advance(SESSION_START - timedelta(hours=24) - START)
    fake_telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    await dispatcher.run_once()
    sent_before = len(fake_telegram.messages_to(SITI))
    clock.advance(timedelta(hours=22))
    await dispatcher.run_once()
    assert len(fake_telegram.messages_to(SITI)) == sent_before
    async with database.transaction() as session:
        account = (await session.scalars(select(ChannelAccount))).one()
    assert account.unreachable_at is not None
