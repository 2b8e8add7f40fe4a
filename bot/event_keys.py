"""Processed event ids, kept as keyed hashes so the de-duplication table names nobody.

A platform's event id can carry personal data (a WhatsApp message id holds the sender's
number in base64), and de-duplication only needs to recognise an id seen before. So
the table keeps HMAC-SHA256(key, channel, id): equal ids give equal keys, and without
the key (from the settings, never stored in the database) no guess can be checked.
"""

from __future__ import annotations

import hashlib
import hmac


def event_key(secret: bytes, channel: str, event_id: str) -> str:
    """The 64 hex characters a processed event is recorded under."""
    message = f"{channel}\x00{event_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
