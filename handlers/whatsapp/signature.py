"""`X-Hub-Signature-256`: proof that a webhook delivery comes from Meta."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature-256"
SIGNATURE_PREFIX = "sha256="


def verify_signature(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=<HMAC-SHA256 of raw_body with app_secret>`.

    Compared in constant time; an unset app secret verifies nothing.
    """
    if not app_secret or header is None or not header.startswith(SIGNATURE_PREFIX):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    given = header.removeprefix(SIGNATURE_PREFIX).strip().lower()
    return hmac.compare_digest(expected.encode(), given.encode("ascii", "replace"))
