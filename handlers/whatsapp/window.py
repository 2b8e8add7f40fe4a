"""WhatsApp's 24-hour customer-service window, and the template messages used outside it.

Free-form and interactive messages may go only within 24 hours of the member's last
inbound message (our own messages do not reopen it); after that only a message
template Meta approved, with its parameters, may be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers.whatsapp.limits import MAX_TEMPLATE_PARAMETER
from handlers.whatsapp.rendering import message_body, shorten

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)


def within_window(last_inbound_at: datetime | None, now: datetime) -> bool:
    """Whether a free-form message may still be sent to someone who last wrote then."""
    return last_inbound_at is not None and now - last_inbound_at < CUSTOMER_SERVICE_WINDOW


@dataclass(frozen=True)
class WhatsAppTemplate:
    """An approved message template: its name and language; the body takes the reply's
    `template_parameters` in order."""

    name: str
    language: str


def template_payload(
    to: str, template: WhatsAppTemplate, parameters: Sequence[str]
) -> dict[str, Any]:
    """A template message, each parameter shortened to what a template variable holds."""
    body = [
        {"type": "text", "text": shorten(value, MAX_TEMPLATE_PARAMETER)} for value in parameters
    ]
    content: dict[str, Any] = {"name": template.name, "language": {"code": template.language}}
    if body:
        content["components"] = [{"type": "body", "parameters": body}]
    return message_body(to, "template", content)
