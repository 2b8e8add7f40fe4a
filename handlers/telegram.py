"""The Telegram channel, on python-telegram-bot.

Update in, `Incoming` out; `Reply` in, Bot API calls out. Telegram's limits
live here, named once, and nothing else does: no rules, no database.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    PhotoSize,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, Application, ContextTypes, TypeHandler
from telegram.request import BaseRequest

from bot.delivery import (
    Delivered,
    DeliveryOutcome,
    RetryLater,
    SendContext,
    Undeliverable,
    Unreachable,
)
from bot.i18n import gettext, use_language
from bot.logs import UNEXPECTED
from bot.messages import ChannelLimits, Choice, Incoming, Photo, Reply, SharedContact
from bot.messages import Location as IncomingLocation
from conversations.commands import menu_commands
from conversations.engine import ConversationEngine
from handlers.telegram_updates import (
    SERVICE_MESSAGES,
    UNSUPPORTED_KINDS,
    ChatReachability,
    Ignored,
    malformed_field,
    read_edit,
    read_membership,
    read_press,
    update_kind,
)

log = logging.getLogger(__name__)

CHANNEL = "telegram"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_START_PAYLOAD = 64
"""A deep link's `start` parameter is at most 64 characters."""
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
"""The most a bot may download from the Bot API (`getFile`)."""
BUTTONS_PER_ROW = 2
SHORT_LABEL = 14
"""Labels up to this long sit two to a row; longer ones get a row of their own."""
BUTTON_LABEL = 32
"""Characters a button shows whole on a phone before Telegram cuts it."""
BUTTONS_PER_MESSAGE = 10
"""Telegram takes up to 100 buttons; ten still fit a phone screen without scrolling."""
TELEGRAM_LIMITS = ChannelLimits(
    choices_per_message=BUTTONS_PER_MESSAGE,
    choices_per_page=BUTTONS_PER_MESSAGE - 2,
    label_length=BUTTON_LABEL,
)


async def incoming_from_update(update: Update) -> Incoming | Ignored | ChatReachability:
    """Translate an update into the engine's terms, or say why it needs no answer."""
    malformed = malformed_field(update)
    if malformed is not None:
        return Ignored(f"malformed update: {malformed}")
    user = update.effective_user
    if user is None:
        return Ignored(f"{update_kind(update)} has no person to answer")
    if user.is_bot:
        return Ignored("sent by a bot")
    if update.my_chat_member is not None:
        return read_membership(update.my_chat_member)
    base = Incoming(
        channel=CHANNEL,
        user_id=str(user.id),
        event_id=str(update.update_id),
        language_hint=user.language_code,
    )
    if update.callback_query is not None:
        return read_press(base, update.callback_query)
    if update.edited_message is not None:
        return read_edit(base, update.edited_message)
    message = update.message
    if message is None:
        return Ignored(f"{update_kind(update)} updates are not used")
    if message.chat.type != ChatType.PRIVATE:
        return Ignored("not a private chat")
    base = replace(base, received_at=message.date)
    if SERVICE_MESSAGES.check_update(update):
        return Ignored("a service message")
    if message.text is not None:
        command = _command_in(message.text)
        if command is not None:
            return replace(base, command=command, command_argument=_argument_in(message.text))
        return replace(base, text=message.text)
    if message.contact is not None:
        is_own = message.contact.user_id == user.id
        return replace(base, contact=SharedContact(message.contact.phone_number, is_own))
    if message.photo:
        photo = await download_photo(message.photo)
        if photo is None:
            return replace(base, unsupported="image_unavailable", text=message.caption)
        return replace(base, photo=photo, text=message.caption, album=message.media_group_id)
    if message.location is not None:
        where = IncomingLocation(message.location.latitude, message.location.longitude)
        return replace(base, location=where)
    kind = next((k for k in UNSUPPORTED_KINDS if getattr(message, k, None)), "other")
    return replace(base, unsupported=kind)


async def download_photo(sizes: Sequence[PhotoSize]) -> Photo | None:
    """The largest size of a photo that a bot may download, or None when it cannot be had.

    `getFile` and the download go to the bot's configured Bot API server (a local server
    in `--local` mode returns a path on disk, which is read instead). A photo over the
    20 MB download limit, an expired file or a network failure gives None, and the
    member is asked to send it again.
    """
    within = [size for size in sizes if (size.file_size or 0) <= MAX_DOWNLOAD_BYTES]
    if not within:
        log.info("telegram photo over the download limit", extra={"channel": CHANNEL})
        return None
    try:
        data = await (await within[-1].get_file()).download_as_bytearray()
    except (TelegramError, OSError) as error:
        log.warning("telegram photo download failed", extra={"error": type(error).__name__})
        return None
    if len(data) > MAX_DOWNLOAD_BYTES:
        return None
    return Photo(bytes(data))


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


def _command_in(text: str) -> str | None:
    """`/batal@okoce_bot extra` → `batal`; None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower()


def _argument_in(text: str) -> str | None:
    """`/start p42` → `p42` (a deep link's payload); None when nothing follows the command."""
    parts = text.split(maxsplit=1)
    return parts[1].strip()[:MAX_START_PAYLOAD] if len(parts) == 2 else None


def inline_keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup:
    """Buttons two to a row when short, one to a row when long."""
    rows: list[list[InlineKeyboardButton]] = []
    for choice in choices:
        data = choice.id
        if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise ValueError(f"callback_data must be 1-64 bytes, got {data!r}")
        button = InlineKeyboardButton(choice.label, callback_data=data)
        last = rows[-1] if rows else None
        if (
            last is not None
            and len(last) < BUTTONS_PER_ROW
            and len(choice.label) <= SHORT_LABEL
            and all(len(b.text) <= SHORT_LABEL for b in last)
        ):
            last.append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a long text into messages Telegram accepts, at line breaks where possible."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        chunks.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    chunks.append(rest)
    return [chunk for chunk in chunks if chunk] or ["…"]


class TelegramChannel:
    """Runs the bot on Telegram through python-telegram-bot."""

    channel = CHANNEL

    def __init__(
        self,
        engine: ConversationEngine,
        token: str,
        *,
        api_url: str,
        file_url: str,
        overall_rate: float = 30.0,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
    ) -> None:
        """`api_url` and `file_url` are the Bot API server's bases up to `/bot` and `/file/bot`."""
        self.engine = engine
        builder = (
            Application.builder()
            .token(token)
            .base_url(api_url)
            .base_file_url(file_url)
            .concurrent_updates(True)
            .rate_limiter(AIORateLimiter(overall_max_rate=overall_rate, max_retries=3))
        )
        if request is not None:
            builder = builder.request(request)
        if get_updates_request is not None:
            builder = builder.get_updates_request(get_updates_request)
        self.application = builder.build()
        self.application.add_handler(TypeHandler(Update, self.on_update))
        self.application.add_error_handler(self._on_error)

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Hand one update to the engine and send back its replies."""
        outcome = await incoming_from_update(update)
        if isinstance(outcome, Ignored):
            log.debug("telegram update needs no answer", extra={"reason": outcome.reason})
            return
        if isinstance(outcome, ChatReachability):
            await self.engine.note_reachability(
                CHANNEL, outcome.user_id, reachable=outcome.reachable
            )
            return
        replies = await self.engine.handle(outcome)
        if update.callback_query is not None and replies:
            await self._acknowledge_press(update)
        chat = update.effective_chat
        # A press under an inline message has no chat; the private chat's id is the person's.
        chat_id = chat.id if chat is not None else int(outcome.user_id)
        try:
            for reply in replies:
                await self.send_reply(chat_id, reply)
        except Forbidden:
            log.info("member blocked the bot", extra={"channel": CHANNEL})
        except TelegramError as error:
            log.warning("telegram send failed", extra={"error": type(error).__name__})

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An update whose handling raised: logged as unexpected, with no update content."""
        error = context.error
        log.error(
            "telegram update failed",
            exc_info=(type(error), error, error.__traceback__) if error is not None else None,
            extra={"error_id": uuid.uuid4().hex[:8], UNEXPECTED: True},
        )

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        """Send a proactive message (from the outbox) and say what happened."""
        try:
            message = await self.send_reply(int(external_id), reply)
        except Forbidden as error:
            return Unreachable(str(error))
        except RetryAfter as error:
            return RetryLater("rate limited", _seconds(error.retry_after))
        except BadRequest as error:
            return Undeliverable(str(error))
        except (TimedOut, NetworkError) as error:
            return RetryLater(type(error).__name__)
        return Delivered(str(message.message_id))

    async def send_reply(self, chat_id: int, reply: Reply) -> Message:
        """Send one reply (text split if long, keyboard, photo, document); return the last message."""
        bot = self.application.bot
        markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None
        if reply.choices:
            markup = inline_keyboard(reply.choices)
        elif reply.contact_button is not None:
            button = KeyboardButton(reply.contact_button, request_contact=True)
            markup = ReplyKeyboardMarkup([[button]], resize_keyboard=True, one_time_keyboard=True)
        elif reply.ends_contact_request:
            markup = ReplyKeyboardRemove()
        text = reply.text
        if reply.photo is not None:
            caption = text if len(text) <= MAX_CAPTION else None
            sent_photo = await bot.send_photo(
                chat_id,
                InputFile(reply.photo.data, filename=reply.photo.filename),
                caption=caption,
                reply_markup=markup if caption is not None else None,
            )
            if caption is not None:
                return sent_photo
        if reply.document is not None:
            await bot.send_document(
                chat_id, InputFile(reply.document.data, filename=reply.document.filename)
            )
        chunks = split_text(text)
        for chunk in chunks[:-1]:
            await bot.send_message(chat_id, chunk)
        return await bot.send_message(chat_id, chunks[-1], reply_markup=markup)

    async def _acknowledge_press(self, update: Update) -> None:
        """Stop the button's spinner and take the pressed keyboard away."""
        query = update.callback_query
        assert query is not None
        try:
            await query.answer()
            if isinstance(query.message, Message) and query.message.reply_markup is not None:
                await query.edit_message_reply_markup(None)
        except TelegramError as error:
            log.info("could not clear pressed keyboard", extra={"error": type(error).__name__})

    async def register_commands(self) -> None:
        """Publish the engine's command menu in Indonesian (default) and English; never fatal."""
        for language, code in (("id", None), ("en", "en")):
            with use_language(language):
                commands = [
                    BotCommand(command.name, gettext(command.description))
                    for command in menu_commands()
                ]
            try:
                await self.application.bot.set_my_commands(commands, language_code=code)
            except TelegramError as error:
                log.warning("setMyCommands failed", extra={"error": str(error)})

    async def start(self) -> None:
        """Initialise the bot (getMe), publish its commands, and start handling updates."""
        await self.application.initialize()
        await self.register_commands()
        await self.application.start()

    @property
    def username(self) -> str | None:
        """The bot's @username, known once started (python-telegram-bot asks `getMe`)."""
        try:
            return self.application.bot.username
        except RuntimeError:  # not initialised yet
            return None

    async def start_polling(self) -> None:
        """Start, then poll for updates until `stop` is called."""
        await self.start()
        await self.begin_polling()

    async def begin_polling(self) -> None:
        """Take updates by long polling (after `start`); one poller per token at a time."""
        assert self.application.updater is not None
        await self.application.updater.start_polling(drop_pending_updates=False)

    async def end_polling(self) -> None:
        """Stop long polling, confirming what was fetched; sending still works."""
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()

    async def stop(self) -> None:
        """Stop polling and release the HTTP clients."""
        await self.end_polling()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
