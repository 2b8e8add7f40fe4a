"""Telegram updates beyond a plain message: why one needs no answer, presses, edits, blocks.

Kept apart from the channel so `incoming_from_update` stays a readable table: every
update either becomes the engine's `Incoming`, or an `Ignored` with its reason, or a
`ChatReachability` (the person blocked or unblocked the bot).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from telegram import CallbackQuery, Chat, ChatMember, ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import filters

from bot.messages import Incoming

UNSUPPORTED_KINDS = (
    "sticker",
    "voice",
    "video",
    "video_note",
    "audio",
    "animation",
    "document",
    "poll",
    "dice",
    "game",
    "story",
    "paid_media",
    "checklist",
    "invoice",
    "giveaway",
    "giveaway_winners",
)
SERVICE_MESSAGES = filters.StatusUpdate.ALL | filters.SUCCESSFUL_PAYMENT | filters.PASSPORT_DATA
"""Service messages (pinned, timer changed, payment done…): nobody typed them."""


@dataclass(frozen=True)
class Ignored:
    """An update that needs no answer, and why (for the logs and the payload corpus)."""

    reason: str


@dataclass(frozen=True)
class ChatReachability:
    """The person blocked the bot (`reachable=False`) or let it back in."""

    user_id: str
    reachable: bool


def malformed_field(update: Update) -> str | None:
    """Which field the bot reads has the wrong type, if one has.

    Only the secret vouches for a webhook update, not its shape, and python-telegram-bot
    does not check types while decoding: `"text": 5` would reach `startswith`.
    """
    user = update.effective_user
    message = update.message or update.edited_message or update.effective_message
    query = update.callback_query
    checks: list[tuple[str, object, type | tuple[type, ...]]] = [
        ("update_id", update.update_id, int),
    ]
    if user is not None:
        checks += [
            ("user id", user.id, int),
            ("is_bot", user.is_bot, bool),
            ("language_code", user.language_code, (str, type(None))),
        ]
    if query is not None:
        checks.append(("callback data", query.data, (str, type(None))))
    if message is not None:
        checks += [
            ("chat", getattr(message, "chat", None), Chat),
            ("text", getattr(message, "text", None), (str, type(None))),
            ("caption", getattr(message, "caption", None), (str, type(None))),
        ]
        contact, location = getattr(message, "contact", None), getattr(message, "location", None)
        if contact is not None:
            checks.append(("contact phone", contact.phone_number, str))
        if location is not None:
            checks.append(("latitude", location.latitude, (int, float)))
            checks.append(("longitude", location.longitude, (int, float)))
    change = update.my_chat_member
    if change is not None:
        checks += [
            ("member chat", change.chat, Chat),
            ("member", change.new_chat_member, ChatMember),
        ]
    for name, value, expected in checks:
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            return name
    if message is not None and not isinstance(getattr(message.chat, "type", None), str):
        return "chat type"
    return None


def update_kind(update: Update) -> str:
    """Which kind of update this is (`message`, `poll_answer`…), for the reasons given."""
    return next((str(kind) for kind in Update.ALL_TYPES if getattr(update, kind, None)), "empty")


def read_press(base: Incoming, query: CallbackQuery) -> Incoming | Ignored:
    """A button press; its message may be gone (too old) or absent (an inline message)."""
    message = query.message
    if message is not None and message.chat.type != ChatType.PRIVATE:
        return Ignored("a button in a chat that is not private")
    return replace(base, choice=query.data or "")


def read_edit(base: Incoming, message: Message) -> Incoming | Ignored:
    """An edited message is not read; the engine says so once per message."""
    if message.chat.type != ChatType.PRIVATE:
        return Ignored("an edit in a chat that is not private")
    if message.location is not None:
        return Ignored("a live location moving")
    received_at = message.edit_date or message.date
    return replace(base, received_at=received_at, edit_of=f"{message.chat.id}:{message.message_id}")


def read_membership(change: ChatMemberUpdated) -> ChatReachability | Ignored:
    """`kicked` in a private chat means the person blocked the bot; `member`, unblocked."""
    if change.chat.type != ChatType.PRIVATE:
        return Ignored("membership of a chat that is not private")
    status = change.new_chat_member.status
    if status == ChatMemberStatus.BANNED:  # "kicked": the person blocked the bot
        return ChatReachability(str(change.from_user.id), reachable=False)
    if status == ChatMemberStatus.MEMBER:
        return ChatReachability(str(change.from_user.id), reachable=True)
    return Ignored(f"membership changed to {status}")
