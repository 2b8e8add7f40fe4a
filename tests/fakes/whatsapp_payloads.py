"""Builders for WhatsApp Cloud API webhook deliveries, in Meta's exact format.

Each builder returns the whole JSON body Meta POSTs to the webhook
(`{"object": "whatsapp_business_account", "entry": [...]}`) holding one message or one
status; `combine` puts several into one delivery, as Meta batches them. `encode` gives
the raw bytes and `sign` their `X-Hub-Signature-256` header. The JSON files in
`tests/fixtures/whatsapp/` are real-looking samples the builders are checked against.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any, Final

from .graph_api import PHONE_NUMBER_ID

WABA_ID: Final = "102290129340398"
DISPLAY_PHONE_NUMBER: Final = "6281100000001"
_sequence = itertools.count(1)


def new_wamid(wa_id: str = "6281234567890") -> str:
    """A fresh message id shaped like Meta's (`wamid.` + base64)."""
    raw = f"\x18\x0d{wa_id}\x15\x02\x00\x12\x18\x14{next(_sequence):020X}\x00".encode()
    return "wamid." + base64.b64encode(raw).decode()


def _now() -> str:
    return str(int(time.time()))


def _delivery(value: Mapping[str, Any], phone_number_id: str) -> dict[str, Any]:
    metadata = {"display_phone_number": DISPLAY_PHONE_NUMBER, "phone_number_id": phone_number_id}
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA_ID,
                "changes": [
                    {
                        "value": {"messaging_product": "whatsapp", "metadata": metadata, **value},
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def _message(
    wa_id: str,
    kind: str,
    content: Mapping[str, Any],
    *,
    wamid: str | None,
    timestamp: str | None,
    name: str,
    phone_number_id: str,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "from": wa_id,
        "id": wamid or new_wamid(wa_id),
        "timestamp": timestamp or _now(),
        "type": kind,
    }
    if context is not None:
        message = {"context": dict(context), **message}
    message.update(content)
    value = {"contacts": [{"profile": {"name": name}, "wa_id": wa_id}], "messages": [message]}
    return _delivery(value, phone_number_id)


def text_message(
    wa_id: str,
    text: str,
    *,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person typed `text`."""
    return _message(
        wa_id,
        "text",
        {"text": {"body": text}},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def button_reply(
    wa_id: str,
    button_id: str,
    title: str,
    *,
    replied_to: str | None = None,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person pressed a reply button on the bot's message `replied_to`."""
    content = {
        "interactive": {"type": "button_reply", "button_reply": {"id": button_id, "title": title}}
    }
    return _message(
        wa_id,
        "interactive",
        content,
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
        context={"from": DISPLAY_PHONE_NUMBER, "id": replied_to or new_wamid(wa_id)},
    )


def list_reply(
    wa_id: str,
    row_id: str,
    title: str,
    description: str | None = None,
    *,
    replied_to: str | None = None,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person picked a row of the bot's list message `replied_to`."""
    row = {"id": row_id, "title": title}
    if description is not None:
        row["description"] = description
    return _message(
        wa_id,
        "interactive",
        {"interactive": {"type": "list_reply", "list_reply": row}},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
        context={"from": DISPLAY_PHONE_NUMBER, "id": replied_to or new_wamid(wa_id)},
    )


def image_message(
    wa_id: str,
    media_id: str,
    *,
    caption: str | None = None,
    mime_type: str = "image/jpeg",
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person sent a photo, held by the Graph API under `media_id`."""
    image: dict[str, Any] = {
        "mime_type": mime_type,
        "sha256": base64.b64encode(hashlib.sha256(media_id.encode()).digest()).decode(),
        "id": media_id,
    }
    if caption is not None:
        image = {"caption": caption, **image}
    return _message(
        wa_id,
        "image",
        {"image": image},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def location_message(
    wa_id: str,
    latitude: float,
    longitude: float,
    *,
    place: str | None = None,
    address: str | None = None,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person shared a location (a pinned place has a name and an address)."""
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    if place is not None:
        location["name"] = place
    if address is not None:
        location["address"] = address
    return _message(
        wa_id,
        "location",
        {"location": location},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def contacts_message(
    wa_id: str,
    phone: str,
    *,
    contact_wa_id: str | None = None,
    formatted_name: str = "Siti Aminah",
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person shared a contact card; `contact_wa_id` is set when that number is on WhatsApp."""
    number: dict[str, Any] = {"phone": phone, "type": "CELL"}
    if contact_wa_id is not None:
        number["wa_id"] = contact_wa_id
    first, _, last = formatted_name.partition(" ")
    card = {
        "name": {"formatted_name": formatted_name, "first_name": first, "last_name": last},
        "phones": [number],
    }
    return _message(
        wa_id,
        "contacts",
        {"contacts": [card]},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def sticker_message(
    wa_id: str,
    media_id: str = "1234567890123456",
    *,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """A person sent a sticker."""
    sticker = {
        "mime_type": "image/webp",
        "sha256": base64.b64encode(hashlib.sha256(media_id.encode()).digest()).decode(),
        "id": media_id,
        "animated": False,
    }
    return _message(
        wa_id,
        "sticker",
        {"sticker": sticker},
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def other_message(
    wa_id: str,
    kind: str,
    content: Mapping[str, Any],
    *,
    wamid: str | None = None,
    timestamp: str | None = None,
    name: str = "Siti Aminah",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """Any other message type (`audio`, `reaction`, `unsupported`…) with its content keys."""
    return _message(
        wa_id,
        kind,
        content,
        wamid=wamid,
        timestamp=timestamp,
        name=name,
        phone_number_id=phone_number_id,
    )


def status_update(
    wamid: str,
    status: str,
    recipient: str,
    *,
    errors: Sequence[Mapping[str, Any]] | None = None,
    timestamp: str | None = None,
    conversation_id: str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    phone_number_id: str = PHONE_NUMBER_ID,
) -> dict[str, Any]:
    """What became of a message the bot sent: `sent`, `delivered`, `read` or `failed`."""
    item: dict[str, Any] = {
        "id": wamid,
        "status": status,
        "timestamp": timestamp or _now(),
        "recipient_id": recipient,
    }
    if status in ("sent", "delivered"):
        item["conversation"] = {"id": conversation_id, "origin": {"type": "service"}}
        item["pricing"] = {
            "billable": False,
            "pricing_model": "PMP",
            "category": "service",
            "type": "free_customer_service",
        }
    if errors is not None:
        item["errors"] = [dict(error) for error in errors]
    return _delivery({"statuses": [item]}, phone_number_id)


def combine(*deliveries: Mapping[str, Any]) -> dict[str, Any]:
    """One delivery carrying the changes of several (Meta batches under load)."""
    changes = [
        change
        for delivery in deliveries
        for entry in delivery["entry"]
        for change in entry["changes"]
    ]
    return {"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": changes}]}


def encode(payload: Mapping[str, Any]) -> bytes:
    """The raw body as Meta sends it (compact JSON, non-ASCII escaped)."""
    return json.dumps(payload, separators=(",", ":")).encode()


def sign(app_secret: str, raw_body: bytes) -> str:
    """The `X-Hub-Signature-256` header Meta sends with `raw_body`."""
    return "sha256=" + hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
