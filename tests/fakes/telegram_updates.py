"""Builders for Update dicts shaped like the ones Telegram sends to the bot.

Each returns plain JSON-ready data: feed it to `FakeTelegramAPI.queue_update` for polling,
or to `telegram.Update.de_json(data, bot)` and `Application.process_update` directly.
Users talk to the bot in a private chat unless a negative `chat_id` makes it a group.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Sequence
from typing import Any, Final

from .telegram_api import bot_user

_COMMAND: Final = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?(?=\s|$)")
_PHOTO_SIZES: Final = ((90, 68), (320, 240), (800, 600), (1280, 960))


def _now() -> int:
    return int(time.time())


def _utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _user(user_id: int, first_name: str, language_code: str) -> dict[str, Any]:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "language_code": language_code,
    }


def _chat(user_id: int, chat_id: int | None, first_name: str) -> dict[str, Any]:
    if chat_id is None or chat_id > 0:
        return {"id": chat_id or user_id, "first_name": first_name, "type": "private"}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "title": "Grup OK OCE", "type": kind}


def _message_update(
    update_id: int,
    user_id: int,
    content: dict[str, Any],
    *,
    first_name: str = "Siti",
    language_code: str = "id",
    chat_id: int | None = None,
    message_id: int | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id if message_id is None else message_id,
            "from": _user(user_id, first_name, language_code),
            "chat": _chat(user_id, chat_id, first_name),
            "date": _now() if date is None else date,
            **content,
        },
    }


def _file_ids(file_id: str, suffix: str) -> dict[str, str]:
    unique = zlib.crc32(f"{file_id}:{suffix}".encode())
    return {"file_id": file_id, "file_unique_id": f"AQAD{unique:010d}"}


def text_message(
    update_id: int,
    user_id: int,
    text: str,
    *,
    first_name: str = "Siti",
    language_code: str = "id",
    chat_id: int | None = None,
    message_id: int | None = None,
    date: int | None = None,
) -> dict[str, Any]:
    """A user types `text`; a leading `/command` gets its `bot_command` entity as on Telegram."""
    content: dict[str, Any] = {"text": text}
    if command := _COMMAND.match(text):
        content["entities"] = [
            {"offset": 0, "length": _utf16_length(command.group()), "type": "bot_command"}
        ]
    return _message_update(
        update_id,
        user_id,
        content,
        first_name=first_name,
        language_code=language_code,
        chat_id=chat_id,
        message_id=message_id,
        date=date,
    )


def callback_press(
    update_id: int,
    user_id: int,
    data: str,
    *,
    message_id: int,
    chat_id: int | None = None,
    message_text: str = "…",
    first_name: str = "Siti",
    language_code: str = "id",
    reply_markup: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A user presses an inline button carrying `data` under the bot's message `message_id`."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "from": bot_user(),
        "chat": _chat(user_id, chat_id, first_name),
        "date": _now() - 60,
        "text": message_text,
    }
    if reply_markup is not None:
        message["reply_markup"] = reply_markup
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"{user_id}{update_id:08d}",
            "from": _user(user_id, first_name, language_code),
            "message": message,
            "chat_instance": f"-{abs(user_id) * 7919 % 10**18}",
            "data": data,
        },
    }


def contact_message(
    update_id: int,
    user_id: int,
    phone_number: str,
    *,
    contact_user_id: int | None,
    first_name: str = "Siti",
    language_code: str = "id",
) -> dict[str, Any]:
    """A user shares a contact; it is their own number only when `contact_user_id == user_id`."""
    contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    return _message_update(
        update_id,
        user_id,
        {"contact": contact},
        first_name=first_name,
        language_code=language_code,
    )


def photo_message(
    update_id: int,
    user_id: int,
    file_ids: Sequence[str],
    *,
    caption: str | None = None,
    media_group_id: str | None = None,
    first_name: str = "Siti",
    language_code: str = "id",
) -> dict[str, Any]:
    """A user sends one photo, delivered as several sizes (one per file id), largest last."""
    if not 1 <= len(file_ids) <= len(_PHOTO_SIZES):
        raise ValueError(f"a photo comes in 1-{len(_PHOTO_SIZES)} sizes")
    sizes = _PHOTO_SIZES[-len(file_ids) :]
    content: dict[str, Any] = {
        "photo": [
            {**_file_ids(file_id, "p"), "width": w, "height": h, "file_size": w * h // 8}
            for file_id, (w, h) in zip(file_ids, sizes, strict=True)
        ]
    }
    if caption is not None:
        content["caption"] = caption
    if media_group_id is not None:
        content["media_group_id"] = media_group_id
    return _message_update(
        update_id, user_id, content, first_name=first_name, language_code=language_code
    )


def sticker_message(
    update_id: int,
    user_id: int,
    *,
    emoji: str = "👍",
    file_id: str = "CAACAgIAAxkBAAEBsticker",
    first_name: str = "Siti",
    language_code: str = "id",
) -> dict[str, Any]:
    """A user sends a (static, regular) sticker."""
    sticker = {
        **_file_ids(file_id, "s"),
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
        "set_name": "OkOceStickers",
        "file_size": 23456,
    }
    return _message_update(
        update_id, user_id, {"sticker": sticker}, first_name=first_name, language_code=language_code
    )


def voice_message(
    update_id: int,
    user_id: int,
    *,
    duration: int = 4,
    file_id: str = "AwACAgUAAxkBAAEBvoice",
    first_name: str = "Siti",
    language_code: str = "id",
) -> dict[str, Any]:
    """A user records a voice note of `duration` seconds."""
    voice = {
        **_file_ids(file_id, "v"),
        "duration": duration,
        "mime_type": "audio/ogg",
        "file_size": duration * 4000,
    }
    return _message_update(
        update_id, user_id, {"voice": voice}, first_name=first_name, language_code=language_code
    )
