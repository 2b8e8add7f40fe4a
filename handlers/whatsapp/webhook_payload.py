"""Webhook deliveries in: `entry[].changes[].value` as the engine's `Incoming` and statuses.

Malformed items are skipped (and logged), never fatal: one odd item must not cost the
rest of a delivery its answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.messages import Incoming, Location, Photo, SharedContact
from handlers.whatsapp.graph import GraphClient, GraphRequestFailed

log = logging.getLogger(__name__)
_T = TypeVar("_T")

CHANNEL = "whatsapp"
IGNORED_KINDS = frozenset({"system"})
"""Messages no person wrote (a member changed their number): nothing to answer."""


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
class Delivery:
    """Everything in one webhook delivery, in the order WhatsApp listed it."""

    messages: tuple[WhatsAppMessage, ...] = ()
    statuses: tuple[DeliveryStatus, ...] = ()


def parse_delivery(payload: object, *, phone_number_id: str | None = None) -> Delivery:
    """Translate a webhook body (`entry[].changes[].value`) into messages and statuses.

    With `phone_number_id`, changes addressed to another business number of the
    same app are left out. Malformed items are skipped (and logged), not fatal.
    """
    messages: list[WhatsAppMessage] = []
    statuses: list[DeliveryStatus] = []
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
                if message is not None:
                    messages.append(message)
            for raw in _items(value, "statuses"):
                status = _guarded(_status_from, raw)
                if status is not None:
                    statuses.append(status)
    return Delivery(tuple(messages), tuple(statuses))


def _items(container: object, key: str) -> Iterator[dict[str, Any]]:
    """The objects in `container[key]`, when both are what they should be."""
    items = container.get(key) if isinstance(container, dict) else None
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


def _guarded(parse: Callable[[dict[str, Any]], _T | None], raw: dict[str, Any]) -> _T | None:
    try:
        return parse(raw)
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("malformed whatsapp webhook item skipped", extra={"type": raw.get("type")})
        return None


def _message_from(raw: dict[str, Any]) -> WhatsAppMessage | None:
    """One `messages[]` item as the engine's `Incoming` (None for system notices)."""
    kind = str(raw.get("type", "unknown"))
    if kind in IGNORED_KINDS:
        return None
    base = Incoming(
        channel=CHANNEL,
        user_id=str(raw["from"]),
        event_id=str(raw["id"]),
        received_at=_timestamp(raw.get("timestamp")),
        sender_phone=str(raw["from"]),
    )
    if kind == "text":
        body = str(raw["text"]["body"])
        command = _command_in(body)
        if command is not None:
            return WhatsAppMessage(replace(base, command=command))
        return WhatsAppMessage(replace(base, text=body))
    if kind == "interactive":
        interactive = raw["interactive"]
        reply_kind = interactive.get("type")
        if reply_kind in ("button_reply", "list_reply"):
            return WhatsAppMessage(replace(base, choice=str(interactive[reply_kind]["id"])))
        return WhatsAppMessage(replace(base, unsupported=f"interactive:{reply_kind}"))
    if kind == "button":
        # A quick-reply button of a template message answers with its text.
        return WhatsAppMessage(replace(base, text=str(raw["button"]["text"])))
    if kind == "image":
        image = raw["image"]
        caption = image.get("caption")
        return WhatsAppMessage(
            replace(base, text=str(caption) if caption else None), media_id=str(image["id"])
        )
    if kind == "location":
        where = raw["location"]
        location = Location(float(where["latitude"]), float(where["longitude"]))
        return WhatsAppMessage(replace(base, location=location))
    if kind == "contacts":
        contact = _shared_contact(raw["contacts"], sender=base.user_id)
        if contact is None:
            return WhatsAppMessage(replace(base, unsupported="contacts"))
        return WhatsAppMessage(replace(base, contact=contact))
    if kind == "request_welcome":
        return WhatsAppMessage(replace(base, command="start"))
    return WhatsAppMessage(replace(base, unsupported=kind))


def _shared_contact(cards: list[dict[str, Any]], sender: str) -> SharedContact | None:
    """The first number on the first contact card; the sender's own only by its `wa_id`.

    WhatsApp vouches for a card's `wa_id` (the account a number belongs to), never for
    its `phone`, which is text anyone can edit. A card whose `wa_id` is the sender's
    therefore stands for the sender's number, whatever its `phone` says.
    """
    for card in cards:
        for phone in card.get("phones") or []:
            wa_id = str(phone.get("wa_id") or "")
            if wa_id and wa_id == sender:
                return SharedContact(sender, is_own=True)
            number = phone.get("phone") or wa_id
            if number:
                return SharedContact(str(number), is_own=False)
    return None


def _status_from(raw: dict[str, Any]) -> DeliveryStatus:
    errors = raw.get("errors") or []
    code = errors[0].get("code") if errors and isinstance(errors[0], dict) else None
    return DeliveryStatus(
        wamid=str(raw["id"]),
        status=str(raw["status"]),
        recipient=str(raw.get("recipient_id", "")),
        timestamp=_timestamp(raw.get("timestamp")),
        error_code=int(code) if code is not None else None,
    )


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
