"""The WhatsApp channel, on the WhatsApp Cloud API.

Webhook delivery in, `Incoming` out; `Reply` in, Graph API messages out. WhatsApp's
limits live in `limits`, named once; nothing here holds rules or touches the database.

    signature        X-Hub-Signature-256 over the raw body
    webhook_payload  deliveries parsed into messages and statuses
    rendering        a Reply as message bodies within the limits
    window           the 24-hour window and template messages
    channel          the routes, the per-member order, sending
    graph            the Graph API client (HTTP)
"""

from handlers.whatsapp.channel import WEBHOOK_PATH, WhatsAppChannel
from handlers.whatsapp.limits import WHATSAPP_LIMITS
from handlers.whatsapp.signature import SIGNATURE_HEADER, verify_signature
from handlers.whatsapp.webhook_payload import (
    CHANNEL,
    DeliveryStatus,
    WhatsAppMessage,
    parse_delivery,
)
from handlers.whatsapp.window import WhatsAppTemplate

__all__ = [
    "CHANNEL",
    "SIGNATURE_HEADER",
    "WEBHOOK_PATH",
    "WHATSAPP_LIMITS",
    "DeliveryStatus",
    "WhatsAppChannel",
    "WhatsAppMessage",
    "WhatsAppTemplate",
    "parse_delivery",
    "verify_signature",
]
