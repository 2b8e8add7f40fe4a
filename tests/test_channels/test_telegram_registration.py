"""Registration over Telegram, through python-telegram-bot, every request checked against the spec."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Member
from handlers.telegram import TelegramChannel
from tests.fakes import telegram_updates as updates
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_on_fake
from tests.transcript import make_engine

SITI = 5550001


@pytest.fixture
async def channel(
    database: Database, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    """Our Telegram channel on the fake Bot API, initialised as `okoce-bot run` does."""
    channel = channel_on_fake(make_engine(database), fake_telegram)
    await channel.application.initialize()
    yield channel
    await channel.application.shutdown()


async def test_citizen_registers_over_telegram(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI, database: Database
) -> None:
    siti = TelegramPerson(channel, fake_telegram, SITI)

    await siti.says("/start")
    assert "OK OCE" in siti.text
    await siti.presses("Daftar")
    assert "Setuju?" in siti.text
    await siti.presses("Setuju")
    assert fake_telegram.sent("answerCallbackQuery"), "the button spinner is stopped"
    cleared = fake_telegram.sent("editMessageReplyMarkup")
    assert cleared and "reply_markup" not in cleared[-1].params, "the pressed keyboard is removed"
    await siti.says("Siti Aminah")

    phone_question = siti.last[-1].params
    keyboard = phone_question["reply_markup"]["keyboard"]
    assert keyboard[0][0]["request_contact"] is True
    await siti.shares_contact("6281234567890")
    assert "0812-3456-7890 dicatat" in siti.text
    assert siti.last[0].params["reply_markup"] == {"remove_keyboard": True}

    await siti.says("kby baru")
    await siti.says("senayan")
    await siti.presses("sudah jalan")
    await siti.says("Warung Bu Siti")
    await siti.presses("Kuliner")
    assert "Periksa data Anda" in siti.text
    await siti.presses("Simpan")
    assert "Nomor anggota: OK-317407-000001" in siti.text

    async with database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert member.phone_e164 == "+6281234567890"


async def test_a_contact_of_someone_else_is_refused(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = TelegramPerson(channel, fake_telegram, SITI)
    await siti.says("/daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminah")
    await siti.shares_contact("6281299990000", of_user=777)
    assert "nomor orang lain" in siti.text


async def test_a_redelivered_update_is_answered_once(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = TelegramPerson(channel, fake_telegram, SITI)
    update = updates.text_message(424242, SITI, "/start")
    await siti.deliver(update)
    assert siti.last
    again = await siti.deliver(update)
    assert again == []


async def test_stickers_and_voice_notes_get_a_friendly_answer(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = TelegramPerson(channel, fake_telegram, SITI)
    await siti.says("/daftar")
    await siti.presses("Setuju")
    await siti.deliver(updates.sticker_message(900001, SITI))
    assert "stiker" in siti.text and "Siapa nama lengkap Anda?" in siti.text
    await siti.deliver(updates.voice_message(900002, SITI))
    assert "pesan suara" in siti.text


async def test_english_speakers_are_answered_in_english(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    john = TelegramPerson(channel, fake_telegram, 5550002, language="en")
    await john.says("/daftar")
    assert "Agree" in str(john.last[-1].params["reply_markup"])


async def test_a_long_menu_fits_telegrams_limits(
    channel: TelegramChannel, fake_telegram: FakeTelegramAPI
) -> None:
    siti = TelegramPerson(channel, fake_telegram, SITI)
    await siti.says("/daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminah")
    await siti.says("081234567890")
    await siti.says("tambora")  # 11 kelurahan: paged
    buttons = [b for row in siti.last[-1].params["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 9
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
