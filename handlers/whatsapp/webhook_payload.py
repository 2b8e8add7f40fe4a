"""Webhook deliveries in: `entry[].changes[].value` as the engine's `Incoming` and statuses.

Malformed items are skipped (and logged), never fatal: one odd item must not cost the
rest of a delivery its answers. An item Meta could not fully deliver (it names its
`errors`) is still answered, and reactions, deletions and system notices pass quietly
with their reason (`Delivery.ignored`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.messages import UNREADABLE_CHOICE, Incoming, Location, Photo, SharedContact
from handlers.whatsapp.graph import GraphClient, GraphRequestFailed

log = logging.getLogger(__name__)
_T = TypeVar("_T")

CHANNEL = "whatsapp"
MAX_SENDER_ID = 64
"""Characters of a sender id we can key a chat by: a phone (15 digits) or a BSUID fits."""
QUIET_KINDS = {
    "reaction": "a reaction to a message",
    "revoke": "a message the sender deleted",
    "system": "a system notice (a changed number or user id)",
}
"""Message types no answer is owed for, with the reason they pass quietly."""


class MalformedItem(ValueError):
    """A `messages[]` item that does not say who sent it or which message it is."""


@dataclass(frozen=True)
class WhatsAppMessage:
    """One message of a delivery, translated; an image still needs downloading."""

    incoming: Incoming
    media_id: str | None = None


@dataclass(frozen=True)
class DeliveryStatus:
    """What became of a message the bot sent: sent, delivered, read or failed."""

    wamid: str
    status: str
    recipient: str
    timestamp: datetime | None
    error_code: int | None = None


@dataclass(frozen=True)
class Ignored:
    """A message that is read but owes no answer (a reaction, a deletion), and why."""

    kind: str
    reason: str


@dataclass(frozen=True)
class Delivery:
    """Everything in one webhook delivery, in the order WhatsApp listed it."""

    messages: tuple[WhatsAppMessage, ...] = ()
    statuses: tuple[DeliveryStatus, ...] = ()
    ignored: tuple[Ignored, ...] = ()


def parse_delivery(payload: object, *, phone_number_id: str | None = None) -> Delivery:
    """Translate a webhook body (`entry[].changes[].value`) into messages and statuses.

    With `phone_number_id`, changes addressed to another business number of the
    same app are left out. Malformed items are skipped (and logged), not fatal.
    """
    messages: list[WhatsAppMessage] = []
    statuses: list[DeliveryStatus] = []
    ignored: list[Ignored] = []
    for entry in _items(payload, "entry"):
        for change in _items(entry, "changes"):
            if change.get("field", "messages") != "messages":
                continue
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            number = str(metadata.get("phone_number_id")) if isinstance(metadata, dict) else ""
            if phone_number_id is not None and number != phone_number_id:
                log.info("delivery for another business number skipped")
                continue
            for raw in _items(value, "messages"):
                message = _guarded(_message_from, raw)
                if isinstance(message, Ignored):
                    ignored.append(message)
                elif message is not None:
                    messages.append(message)
            for raw in _items(value, "statuses"):
                status = _guarded(_status_from, raw)
                if status is not None:
                    statuses.append(status)
    return Delivery(tuple(messages), tuple(statuses), tuple(ignored))


def _items(container: object, key: str) -> Iterator[dict[str, Any]]:
    """The objects in `container[key]`, when both are what they should be."""
    items = container.get(key) if isinstance(container, dict) else None
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


def _guarded(parse: Callable[[dict[str, Any]], _T], raw: dict[str, Any]) -> _T | None:
    try:
        return parse(raw)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
        kind = raw.get("type")
        log.warning(
            "malformed whatsapp webhook item skipped",
            extra={"type": kind if isinstance(kind, str) else type(kind).__name__},
        )
        return None


def _sender(raw: dict[str, Any]) -> tuple[str, str | None]:
    """Who sent the item: their chat id, and their phone number when WhatsApp shows it.

    A member with a username may hide their number: the item then has no (or an empty)
    `from`, and `from_user_id` carries their business-scoped user id (`ID.1234…`).
    """
    phone = raw.get("from")
    if phone is not None and not isinstance(phone, str):
        raise MalformedItem("from is not a string")
    if phone:
        return _sender_id(phone), phone
    user_id = raw.get("from_user_id")
    if not isinstance(user_id, str) or not user_id:
        raise MalformedItem("no sender")
    return _sender_id(user_id), None


def _sender_id(value: str) -> str:
    if len(value) > MAX_SENDER_ID or not value.isprintable() or value != value.strip():
        raise MalformedItem("sender id too long or not printable")
    return value


def _message_id(raw: dict[str, Any]) -> str:
    wamid = raw["id"]
    if not isinstance(wamid, str | int) or isinstance(wamid, bool) or not str(wamid):
        raise MalformedItem("no message id")
    return str(wamid)


def _message_from(raw: dict[str, Any]) -> WhatsAppMessage | Ignored | None:
    """One `messages[]` item as the engine's `Incoming`, or why it needs no answer."""
    kind = raw.get("type", "unknown")
    kind = kind if isinstance(kind, str) else "unknown"
    if kind in QUIET_KINDS:
        return Ignored(kind, QUIET_KINDS[kind])
    user_id, phone = _sender(raw)
    base = Incoming(
        channel=CHANNEL,
        user_id=user_id,
        event_id=_message_id(raw),
        received_at=_timestamp(raw.get("timestamp")),
        sender_phone=phone,
    )
    other = _OTHER_READERS.get(kind)
    if other is not None:
        return other(base, raw.get(kind))
    reader = _READERS.get(kind)
    if reader is None:
        return WhatsAppMessage(replace(base, unsupported=kind))
    content = raw.get(kind)
    if isinstance(content, dict):
        return reader(base, content)
    if not _has_errors(raw):
        raise MalformedItem(f"{kind} item without its {kind} object")
    # Meta could not deliver the content and says so (error 131000 and the like).
    return WhatsAppMessage(replace(base, unsupported=_MISSING_CONTENT.get(kind, kind)))


def _has_errors(raw: dict[str, Any]) -> bool:
    errors = raw.get("errors")
    return isinstance(errors, list) and bool(errors)


def _text(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    body = content["body"]
    if not isinstance(body, str):
        raise MalformedItem("text body is not a string")
    command = _command_in(body)
    if command is not None:
        return WhatsAppMessage(replace(base, command=command))
    return WhatsAppMessage(replace(base, text=body))


def _interactive(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    reply_kind = content.get("type")
    reply = content.get(reply_kind) if isinstance(reply_kind, str) else None
    if reply_kind in ("button_reply", "list_reply"):
        if not isinstance(reply, dict) or not isinstance(reply.get("id"), str):
            return WhatsAppMessage(replace(base, unsupported=UNREADABLE_CHOICE))
        return WhatsAppMessage(replace(base, choice=reply["id"]))
    return WhatsAppMessage(replace(base, unsupported=f"interactive:{reply_kind}"))


def _button(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    # A quick-reply button of a template message answers with its text.
    text = content.get("text")
    if not isinstance(text, str):
        return WhatsAppMessage(replace(base, unsupported=UNREADABLE_CHOICE))
    return WhatsAppMessage(replace(base, text=text))


def _image(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    caption = content.get("caption")
    media_id = content.get("id")
    text = caption if isinstance(caption, str) and caption else None
    if not isinstance(media_id, str | int) or isinstance(media_id, bool):
        return WhatsAppMessage(replace(base, text=text, unsupported="image_unavailable"))
    return WhatsAppMessage(replace(base, text=text), media_id=str(media_id))


def _location(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    latitude, longitude = float(content["latitude"]), float(content["longitude"])
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise MalformedItem("location is not a place")
    return WhatsAppMessage(replace(base, location=Location(latitude, longitude)))


def _contacts(base: Incoming, cards: object) -> WhatsAppMessage:
    contact = _shared_contact(cards, sender=base.user_id)
    if contact is None:
        return WhatsAppMessage(replace(base, unsupported="contacts"))
    return WhatsAppMessage(replace(base, contact=contact))


def _edit(base: Incoming, content: dict[str, Any]) -> WhatsAppMessage:
    original = content.get("original_message_id")
    if not isinstance(original, str) or not original:
        raise MalformedItem("edit without the message it edits")
    return WhatsAppMessage(replace(base, edit_of=original))


def _welcome(base: Incoming, content: object) -> WhatsAppMessage:
    return WhatsAppMessage(replace(base, command="start"))


_READERS: dict[str, Callable[[Incoming, dict[str, Any]], WhatsAppMessage]] = {
    "text": _text,
    "interactive": _interactive,
    "button": _button,
    "image": _image,
    "location": _location,
    "edit": _edit,
}
"""Readers of the message types that carry an object named like the type."""
_OTHER_READERS: dict[str, Callable[[Incoming, Any], WhatsAppMessage]] = {
    "contacts": _contacts,
    "request_welcome": _welcome,
}
_MISSING_CONTENT = {
    "interactive": UNREADABLE_CHOICE,
    "button": UNREADABLE_CHOICE,
    "image": "image_unavailable",
}
"""What an item whose object did not arrive is, for the types where it differs from the type."""


def _shared_contact(cards: object, sender: str) -> SharedContact | None:
    """The first number on the first contact card; the sender's own only by its `wa_id`.

    WhatsApp vouches for a card's `wa_id` (the account a number belongs to), never for
    its `phone`, which is text anyone can edit. A card whose `wa_id` is the sender's
    therefore stands for the sender's number, whatever its `phone` says.
    """
    if not isinstance(cards, list):
        raise MalformedItem("contacts is not a list of cards")
    for card in cards:
        phones = card.get("phones") if isinstance(card, dict) else None
        for phone in phones if isinstance(phones, list) else []:
            if not isinstance(phone, dict):
                continue
            wa_id = str(phone.get("wa_id") or "")
            if wa_id and wa_id == sender:
                return SharedContact(sender, is_own=True)
            number = phone.get("phone") or wa_id
            if isinstance(number, str | int) and not isinstance(number, bool) and str(number):
                return SharedContact(str(number), is_own=False)
    return None


def _status_from(raw: dict[str, Any]) -> DeliveryStatus:
    wamid, status = raw["id"], raw["status"]
    if not isinstance(wamid, str) or not isinstance(status, str):
        raise MalformedItem("status without a message id or a status")
    recipient = raw.get("recipient_id") or raw.get("recipient_user_id") or ""
    return DeliveryStatus(
        wamid=wamid,
        status=status,
        recipient=recipient if isinstance(recipient, str) else "",
        timestamp=_timestamp(raw.get("timestamp")),
        error_code=_error_code(raw.get("errors")),
    )


def _error_code(errors: object) -> int | None:
    """The code of the first error of a failed status, when there is a readable one."""
    first = errors[0] if isinstance(errors, list) and errors else None
    code = first.get("code") if isinstance(first, dict) else None
    if isinstance(code, int) and not isinstance(code, bool):
        return code
    return int(code) if isinstance(code, str) and code.isascii() and code.isdigit() else None


def _timestamp(value: object) -> datetime | None:
    """Unix seconds (WhatsApp sends them as a string) as an aware UTC datetime."""
    try:
        return datetime.fromtimestamp(int(str(value)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _command_in(text: str) -> str | None:
    """`/batal extra` → `batal`, as on Telegram; None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return None
    return text[1:].split(maxsplit=1)[0].lower()


async def resolve_media(message: WhatsAppMessage, client: GraphClient) -> Incoming:
    """The message's `Incoming`, with its image downloaded through the Graph API.

    An image that cannot be fetched (expired id, Meta trouble) reaches the engine
    as `unsupported="image_unavailable"`, so the person still gets an answer.
    """
    if message.media_id is None:
        return message.incoming
    try:
        data, mime_type = await client.download_media(message.media_id)
    except GraphRequestFailed as failure:
        log.warning("whatsapp media download failed", extra={"outcome": repr(failure.outcome)})
        return replace(message.incoming, unsupported="image_unavailable")
    return replace(message.incoming, photo=Photo(data, mime_type))
