"""Replies out: the `POST /messages` bodies that show a `Reply`, every one within the limits.

0 choices: text (split when long); 1-3: reply buttons; 4-10: a list; more, or ids
WhatsApp cannot carry: numbered text (a typed number picks a choice).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from bot.i18n import _, use_language
from bot.messages import Choice, Reply, numbered_label
from handlers.whatsapp.limits import (
    MAX_BUTTON_ID,
    MAX_BUTTON_TITLE,
    MAX_BUTTONS,
    MAX_CAPTION,
    MAX_INTERACTIVE_BODY,
    MAX_LIST_BUTTON,
    MAX_LIST_ROWS,
    MAX_ROW_DESCRIPTION,
    MAX_ROW_ID,
    MAX_ROW_TITLE,
    MAX_TEXT,
    text_length,
)

ELLIPSIS = "…"


def payloads_for_reply(
    to: str,
    reply: Reply,
    *,
    photo_media_id: str | None = None,
    document_media_id: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """The `POST /messages` bodies that show `reply` to `to`, every one within the limits.

    0 choices: text (split when long); 1-3: reply buttons; 4-10: a list; more, or
    ids WhatsApp cannot carry: numbered text (a typed number picks a choice).
    The photo and document go first and must have been uploaded already; a
    short text without choices becomes the photo's caption. `contact_button`
    has no WhatsApp equivalent: the sender's number is known already.
    `language` is that of the few words this adapter adds (the list button).
    """
    if reply.photo is not None and photo_media_id is None:
        raise ValueError("upload the reply's photo first and pass photo_media_id")
    if reply.document is not None and document_media_id is None:
        raise ValueError("upload the reply's document first and pass document_media_id")
    text = reply.text.strip()
    payloads: list[dict[str, Any]] = []
    if reply.photo is not None and photo_media_id is not None:
        image: dict[str, Any] = {"id": photo_media_id}
        if text and not reply.choices and text_length(text) <= MAX_CAPTION:
            image["caption"] = text
            text = ""
        payloads.append(message_body(to, "image", image))
    if reply.document is not None and document_media_id is not None:
        document = {"id": document_media_id, "filename": reply.document.filename}
        payloads.append(message_body(to, "document", document))
    if not text and not reply.choices and payloads:
        return payloads
    with use_language(language) if language else nullcontext():
        payloads += _text_and_choices(to, text, reply.choices)
    return payloads


def _text_and_choices(to: str, text: str, choices: Sequence[Choice]) -> list[dict[str, Any]]:
    if not choices:
        return [_text(to, chunk) for chunk in split_text(text)]
    titles = [shorten(_label(choice, n), MAX_BUTTON_TITLE) for n, choice in enumerate(choices, 1)]
    if (
        len(choices) <= MAX_BUTTONS
        and _ids_fit(choices, MAX_BUTTON_ID)
        and len(set(titles)) == len(titles)
    ):
        buttons = [
            {"type": "reply", "reply": {"id": choice.id, "title": title}}
            for choice, title in zip(choices, titles, strict=True)
        ]
        return _with_body(to, text, "button", {"buttons": buttons})
    if len(choices) <= MAX_LIST_ROWS and _ids_fit(choices, MAX_ROW_ID):
        rows = [_row(choice, _label(choice, n)) for n, choice in enumerate(choices, 1)]
        action = {
            "button": shorten(_("Pilih"), MAX_LIST_BUTTON),
            "sections": [{"rows": rows}],
        }
        return _with_body(to, text, "list", action)
    return [_text(to, chunk) for chunk in split_text(numbered_text(text, choices))]


def _label(choice: Choice, position: int) -> str:
    """The choice's label, or its number when it has none (titles must not be empty)."""
    return " ".join(choice.label.split()) or str(position)


def _ids_fit(choices: Sequence[Choice], limit: int) -> bool:
    """Whether every id can travel in a button or row: unique, 1..limit, no outer spaces."""
    ids = [choice.id for choice in choices]
    return len(set(ids)) == len(ids) and all(
        0 < text_length(i) <= limit and i == i.strip() for i in ids
    )


def _row(choice: Choice, label: str) -> dict[str, str]:
    """A list row; a label too long for the title is shown whole in the description."""
    row = {"id": choice.id, "title": shorten(label, MAX_ROW_TITLE)}
    if row["title"] != label:
        row["description"] = shorten(label, MAX_ROW_DESCRIPTION)
    return row


def _with_body(to: str, text: str, kind: str, action: dict[str, Any]) -> list[dict[str, Any]]:
    """An interactive message; a text too long for its body goes ahead as plain text."""
    lead, body = split_body(text)
    interactive = {"type": kind, "body": {"text": body}, "action": action}
    leading = [_text(to, chunk) for chunk in split_text(lead)] if lead else []
    return [*leading, message_body(to, "interactive", interactive)]


def numbered_text(text: str, choices: Sequence[Choice]) -> str:
    """The question followed by its choices as `1. …` lines, to be answered by number."""
    lines = [numbered_label(n, _label(choice, n)) for n, choice in enumerate(choices, 1)]
    framing = _("Balas dengan nomor pilihan Anda:")
    return "\n\n".join(part for part in (text, framing + "\n" + "\n".join(lines)) if part)


def split_body(text: str, limit: int = MAX_INTERACTIVE_BODY) -> tuple[str, str]:
    """Split a text into a lead to send first and a body of at most `limit` units.

    The body is the last paragraph (usually the question), else the last line,
    else as many whole words from the end as fit.
    """
    text = text.strip()
    if text_length(text) <= limit:
        return "", text or ELLIPSIS
    for separator in ("\n\n", "\n"):
        cut = text.rfind(separator)
        tail = text[cut + len(separator) :].strip() if cut > 0 else ""
        if tail and text_length(tail) <= limit:
            return text[:cut].rstrip(), tail
    tail = _suffix_within(text, limit)
    space = tail.find(" ")
    if 0 <= space < len(tail) - 1:
        tail = tail[space + 1 :]
    return text[: len(text) - len(tail)].rstrip(), tail


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a long text into messages WhatsApp accepts, at line breaks or spaces if possible."""
    chunks: list[str] = []
    rest = text.strip()
    while text_length(rest) > limit:
        room = _prefix_within(rest, limit)
        cut = room.rfind("\n")
        if cut <= 0:
            cut = room.rfind(" ")
        if cut <= 0:
            cut = len(room)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].strip()
    chunks.append(rest)
    return [chunk for chunk in chunks if chunk] or [ELLIPSIS]


def shorten(label: str, limit: int) -> str:
    """`label` within `limit` units: cut at a word boundary when that keeps most of it, plus `…`."""
    if text_length(label) <= limit:
        return label
    room = _prefix_within(label, limit - text_length(ELLIPSIS)).rstrip()
    space = room.rfind(" ")
    if space >= len(room) // 2:
        room = room[:space]
    return room.rstrip(" ,.;:-–/(") + ELLIPSIS


def _prefix_within(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` units long."""
    used = 0
    for index, char in enumerate(text):
        used += text_length(char)
        if used > limit:
            return text[:index]
    return text


def _suffix_within(text: str, limit: int) -> str:
    """The longest end of `text` that is at most `limit` units long."""
    return _prefix_within(text[::-1], limit)[::-1]


def _text(to: str, body: str) -> dict[str, Any]:
    return message_body(to, "text", {"preview_url": False, "body": body})


def message_body(to: str, kind: str, content: Mapping[str, Any]) -> dict[str, Any]:
    """A `POST /messages` body for the chat `to` (a phone number or a business-scoped user id)."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **addressed_to(to),
        "type": kind,
        kind: dict(content),
    }


def addressed_to(chat: str) -> dict[str, str]:
    """Meta's address field for a chat: `to` for a phone number, `recipient` for a member
    known only by their business-scoped user id (a username hides their number)."""
    digits = chat.removeprefix("+")
    if digits.isascii() and digits.isdigit():
        return {"to": chat}
    return {"recipient": chat}
