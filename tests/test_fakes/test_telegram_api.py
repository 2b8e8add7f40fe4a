"""The fake Telegram answers like Telegram and catches requests Telegram would reject."""

import datetime as dtm
from collections.abc import Callable
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from tests.fakes.telegram_api import BOT_ID, FakeTelegramAPI, RecordedRequest, load_spec
from tests.fakes.telegram_updates import (
    callback_press,
    contact_message,
    photo_message,
    sticker_message,
    text_message,
    voice_message,
)
from tests.test_fakes.conftest import TOKEN

SITI = 6281234


def build_application(fake: FakeTelegramAPI) -> Application[Any, Any, Any, Any, Any, Any]:
    """A real Application whose requests, polling included, all go to `fake`."""
    return ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()


def keyboard(callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Pilih", callback_data=callback_data)]])


# --- recording and default answers -----------------------------------------------------------


async def test_send_message_is_recorded_and_answered_with_the_message(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    message = await bot.send_message(chat_id=1, text="halo")

    assert fake_telegram.sent("sendMessage") == [
        RecordedRequest(method="sendMessage", params={"chat_id": 1, "text": "halo"}, files={})
    ]
    assert message.text == "halo"
    assert message.chat.id == 1
    assert message.from_user is not None and message.from_user.id == BOT_ID
    assert fake_telegram.violations == []


async def test_initialize_asks_telegram_who_the_bot_is(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    assert [r.method for r in fake_telegram.sent()] == ["getMe"]
    assert (bot.id, bot.username, bot.first_name) == (BOT_ID, "okoce_test_bot", "OK OCE")


async def test_each_sent_message_gets_a_new_id(bot: Bot) -> None:
    first = await bot.send_message(chat_id=1, text="satu")
    second = await bot.send_message(chat_id=1, text="dua")

    assert second.message_id == first.message_id + 1


async def test_inline_keyboard_is_recorded_as_json_and_echoed(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    message = await bot.send_message(chat_id=1, text="Pilih", reply_markup=keyboard("area:1"))

    sent = fake_telegram.sent("sendMessage")[0]
    assert sent.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Pilih", "callback_data": "area:1"}]]
    }
    assert message.reply_markup == keyboard("area:1")


async def test_uploaded_photo_is_recorded_with_name_type_and_bytes(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    png = b"\x89PNG\r\n\x1a\nfake"

    message = await bot.send_photo(
        chat_id=1, photo=InputFile(png, filename="kartu.png"), caption="Kartu anggota"
    )

    sent = fake_telegram.sent("sendPhoto")[0]
    assert "photo" not in sent.params
    assert sent.files["photo"].filename == "kartu.png"
    assert sent.files["photo"].mime_type == "image/png"
    assert sent.files["photo"].content == png
    assert message.caption == "Kartu anggota"
    assert len(message.photo) == 3
    assert message.photo[-1].file_size == len(png)


async def test_default_answers_are_valid_bot_api_objects(bot: Bot) -> None:
    spec = load_spec()
    answers = {
        "User": await bot._post("getMe"),
        "Message": await bot._post("sendMessage", {"chat_id": 1, "text": "halo"}),
    }
    answers["Edited"] = await bot._post(
        "editMessageText", {"chat_id": 1, "message_id": 1, "text": "baru"}
    )

    assert spec.check_value(answers["User"], "User") == []
    assert spec.check_value(answers["Message"], "Message") == []
    assert spec.check_value(answers["Edited"], "Message") == []
    assert answers["Edited"]["text"] == "baru"


async def test_messages_to_lists_one_chat_in_order(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_message(chat_id=1, text="satu")
    await bot.send_message(chat_id=2, text="lain")
    await bot.send_document(chat_id=1, document=b"isi", filename="a.txt", caption="dua")

    assert [r.method for r in fake_telegram.messages_to(1)] == ["sendMessage", "sendDocument"]
    assert fake_telegram.texts_to(1) == ["satu", "dua"]


async def test_clear_forgets_requests_but_keeps_violations(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_message(chat_id=1, text="x" * 4097)

    fake_telegram.clear()

    assert fake_telegram.sent() == []
    assert len(fake_telegram.pop_violations()) == 1


async def test_wait_for_returns_the_matching_request(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_message(chat_id=1, text="halo")

    found = await fake_telegram.wait_for(lambda r: r.params.get("text") == "halo")

    assert found.method == "sendMessage"


async def test_wait_for_fails_when_nothing_matches(fake_telegram: FakeTelegramAPI) -> None:
    with pytest.raises(AssertionError, match="no matching request"):
        await fake_telegram.wait_for(lambda r: r.method == "sendMessage", timeout=0.05)


# --- checks against the spec and platform limits ----------------------------------------------


async def test_text_over_4096_characters_is_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_message(chat_id=1, text="x" * 4097)

    assert fake_telegram.pop_violations() == [
        "sendMessage.text: 4097 characters after entity parsing, allowed 1-4096 characters"
    ]


async def test_html_markup_does_not_count_towards_the_text_limit(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_message(chat_id=1, text="<b>" + "x" * 4096 + "</b>", parse_mode="HTML")

    assert fake_telegram.violations == []


async def test_blank_text_is_flagged(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    await bot.send_message(chat_id=1, text="  \n")

    assert fake_telegram.pop_violations() == [
        "sendMessage.text: 0 characters after entity parsing, allowed 1-4096 characters"
    ]


async def test_caption_over_1024_characters_is_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot.send_photo(chat_id=1, photo="AgACAgUAAxkBAAI", caption="c" * 1025)

    assert fake_telegram.pop_violations() == [
        "sendPhoto.caption: 1025 characters after entity parsing, allowed 0-1024 characters"
    ]


async def test_callback_data_over_64_bytes_is_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    data = "a" + "é" * 32
    assert (len(data), len(data.encode())) == (33, 65)

    await bot.send_message(chat_id=1, text="Pilih", reply_markup=keyboard(data))

    assert fake_telegram.pop_violations() == [
        "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: 65 bytes, "
        "allowed 1-64 bytes (read as InlineKeyboardMarkup)"
    ]


async def test_button_without_an_action_is_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    markup = {"inline_keyboard": [[{"text": "Pilih"}]]}

    await bot._post("sendMessage", {"chat_id": 1, "text": "Pilih", "reply_markup": markup})

    [violation] = fake_telegram.pop_violations()
    assert "InlineKeyboardButton needs exactly one of" in violation


async def test_misspelt_method_is_flagged(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    result = await bot.do_api_request("send_mesage", api_kwargs={"chat_id": 1, "text": "halo"})

    assert result is True
    assert fake_telegram.pop_violations() == [
        "sendMesage: no such method in the Bot API spec (Bot API 10.1)"
    ]


async def test_method_names_are_case_insensitive(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    await bot._post("SENDMESSAGE", {"chat_id": 1, "text": "halo"})

    assert fake_telegram.violations == []
    assert len(fake_telegram.messages_to(1)) == 1


async def test_missing_required_parameter_is_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot._post("sendMessage", {"chat_id": 1})

    assert fake_telegram.pop_violations() == ["sendMessage: missing required parameter 'text'"]


async def test_unknown_parameter_and_wrong_type_are_flagged(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    await bot._post("sendMessage", {"chat_id": [1], "text": "halo", "colour": "red"})

    assert fake_telegram.pop_violations() == [
        "sendMessage.chat_id: expected Integer or String, got an array",
        "sendMessage: sendMessage has no parameter 'colour'",
    ]


async def test_json_encoded_parameters_are_decoded_before_checking(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    markup = '{"inline_keyboard": [[{"text": "Ya", "callback_data": "ya"}]]}'

    await bot._post("sendMessage", {"chat_id": 1, "text": "Ya?", "reply_markup": markup})

    assert fake_telegram.violations == []
    assert fake_telegram.sent("sendMessage")[0].params["reply_markup"]["inline_keyboard"]


async def test_edit_needs_a_message_to_edit(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    await bot._post("editMessageText", {"text": "baru"})

    assert set(fake_telegram.pop_violations()) == {
        "editMessageText: 'chat_id' is required when 'inline_message_id' is not given",
        "editMessageText: 'message_id' is required when 'inline_message_id' is not given",
        "editMessageText: 'inline_message_id' is required when 'chat_id' and 'message_id' "
        "are not given",
    }


async def test_bad_bot_commands_are_flagged(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    await bot.set_my_commands([BotCommand("Daftar-Anggota", "Daftar"), BotCommand("start", "")])

    assert fake_telegram.pop_violations() == [
        "setMyCommands.commands[0].command: 'Daftar-Anggota' has characters "
        "the spec does not allow",
        "setMyCommands.commands[1].description: 0 characters, allowed 1-256 characters",
    ]


async def test_more_than_100_commands_are_flagged(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    await bot.set_my_commands([BotCommand(f"c{n}", "perintah") for n in range(101)])

    assert fake_telegram.pop_violations() == [
        "setMyCommands.commands: 101 items, allowed 0-100 items"
    ]


def test_assert_no_violations_lists_them() -> None:
    fake = FakeTelegramAPI()
    fake.violations.append("sendMessage.text: too long")

    with pytest.raises(AssertionError, match="too long"):
        fake.assert_no_violations()


# --- errors Telegram answers with --------------------------------------------------------------


async def test_blocked_user_raises_forbidden(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat_id=1, text="halo")
    await bot.send_message(chat_id=1, text="halo lagi")

    assert len(fake_telegram.sent("sendMessage")) == 2


async def test_flood_limit_raises_retry_after(
    bot: Bot, fake_telegram: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    fake_telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(chat_id=1, text="halo")

    assert raised.value.retry_after == dtm.timedelta(seconds=7)


async def test_bad_request_raises_bad_request(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.fail_next("editMessageText", 400, "Bad Request: message is not modified")

    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("sama", chat_id=1, message_id=1)


def test_fail_next_rejects_a_method_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="sendMesage"):
        FakeTelegramAPI().fail_next("sendMesage", 400, "Bad Request")


# --- the whole PTB stack ---------------------------------------------------------------------


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer any text with a greeting by first name."""
    assert update.effective_message is not None and update.effective_user is not None
    await update.effective_message.reply_text(f"Halo, {update.effective_user.first_name}!")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /start with a menu of one button."""
    assert update.effective_message is not None
    await update.effective_message.reply_text("Selamat datang", reply_markup=keyboard("menu"))


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Acknowledge a button press and replace the menu with the choice."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"Pilihan: {query.data}")


async def test_application_replies_to_a_text_message(fake_telegram: FakeTelegramAPI) -> None:
    application = build_application(fake_telegram)
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, greet))

    async with application:
        update = Update.de_json(text_message(1, SITI, "halo"), application.bot)
        await application.process_update(update)

    assert fake_telegram.texts_to(SITI) == ["Halo, Siti!"]


async def test_command_entity_lets_command_handler_match(fake_telegram: FakeTelegramAPI) -> None:
    application = build_application(fake_telegram)
    application.add_handler(CommandHandler("start", start))

    async with application:
        update = Update.de_json(text_message(1, SITI, "/start"), application.bot)
        await application.process_update(update)

    assert fake_telegram.texts_to(SITI) == ["Selamat datang"]


async def test_button_press_is_answered_and_message_edited(
    fake_telegram: FakeTelegramAPI,
) -> None:
    application = build_application(fake_telegram)
    application.add_handler(CallbackQueryHandler(choose))

    async with application:
        press = callback_press(2, SITI, "area:7", message_id=10, message_text="Pilih area")
        await application.process_update(Update.de_json(press, application.bot))

    assert [r.method for r in fake_telegram.sent()][-2:] == [
        "answerCallbackQuery",
        "editMessageText",
    ]
    edit = fake_telegram.sent("editMessageText")[0]
    assert edit.params == {"chat_id": SITI, "message_id": 10, "text": "Pilihan: area:7"}


async def test_polling_delivers_queued_updates(fake_telegram: FakeTelegramAPI) -> None:
    application = build_application(fake_telegram)
    application.add_handler(CommandHandler("start", start))

    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling()
        fake_telegram.queue_update(text_message(1, SITI, "/start"))

        reply = await fake_telegram.wait_for(lambda r: r.method == "sendMessage")

        await application.updater.stop()
        await application.stop()

    assert reply.params["text"] == "Selamat datang"
    assert fake_telegram.sent("deleteWebhook")


async def test_get_updates_confirms_with_offset(bot: Bot, fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.queue_update(text_message(5, SITI, "halo"))

    first = await bot.get_updates()
    again = await bot.get_updates()
    after_offset = await bot.get_updates(offset=6, timeout=0)

    assert [u.update_id for u in first] == [5]
    assert [u.update_id for u in again] == [5]
    assert after_offset == ()


def test_queue_update_rejects_a_duplicate_update_id() -> None:
    fake = FakeTelegramAPI()
    fake.queue_update(text_message(1, SITI, "halo"))

    with pytest.raises(ValueError, match="already queued"):
        fake.queue_update(text_message(1, SITI, "halo lagi"))


# --- update builders --------------------------------------------------------------------------


BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "text": lambda: text_message(1, SITI, "halo"),
    "command": lambda: text_message(2, SITI, "/start@okoce_test_bot kode"),
    "group text": lambda: text_message(3, SITI, "halo", chat_id=-1001234),
    "button press": lambda: callback_press(4, SITI, "area:7", message_id=10),
    "own contact": lambda: contact_message(5, SITI, "6281234567890", contact_user_id=SITI),
    "other contact": lambda: contact_message(6, SITI, "6289876", contact_user_id=None),
    "photo": lambda: photo_message(7, SITI, ["small", "medium", "large"], caption="KTP"),
    "sticker": lambda: sticker_message(8, SITI),
    "voice": lambda: voice_message(9, SITI),
}


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
async def test_builders_make_valid_updates(build: Callable[[], dict[str, Any]], bot: Bot) -> None:
    data = build()

    assert load_spec().check_value(data, "Update", "update") == []
    assert Update.de_json(data, bot).update_id == data["update_id"]


def test_command_gets_a_bot_command_entity() -> None:
    message = text_message(1, SITI, "/daftar 0812")["message"]

    assert message["entities"] == [{"offset": 0, "length": 7, "type": "bot_command"}]
    assert "entities" not in text_message(2, SITI, "daftar /bantuan")["message"]


def test_photo_sizes_grow_with_largest_last() -> None:
    photo = photo_message(1, SITI, ["s", "m", "l"])["message"]["photo"]

    assert [size["file_id"] for size in photo] == ["s", "m", "l"]
    assert photo[0]["width"] < photo[1]["width"] < photo[2]["width"]


async def test_object_unions_are_read_as_the_subtype_they_name(
    bot: Bot, fake_telegram: FakeTelegramAPI
) -> None:
    commands = [{"command": "start", "description": "Mulai"}]

    await bot._post("setMyCommands", {"commands": commands, "scope": {"type": "chat"}})

    assert fake_telegram.pop_violations() == [
        "setMyCommands.scope: missing required field 'chat_id' (read as BotCommandScopeChat)"
    ]


async def test_parameters_added_by_ptb_defaults_are_not_flagged(
    fake_telegram: FakeTelegramAPI,
) -> None:
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(fake_telegram)
        .get_updates_request(fake_telegram)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .build()
    )

    async with application:
        await application.bot.send_location(chat_id=1, latitude=-6.2, longitude=106.8)

    assert fake_telegram.sent("sendLocation")[0].params["parse_mode"] == "HTML"
    assert fake_telegram.violations == []
