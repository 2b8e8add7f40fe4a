"""Only deliveries signed with our app secret are believed."""

import hashlib
import hmac

import pytest

from handlers.whatsapp import verify_signature
from tests.fakes.whatsapp_payloads import sign

SECRET = "app-secret"
BODY = b'{"object":"whatsapp_business_account","entry":[]}'
GOOD = "sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    ("secret", "body", "header", "expected"),
    [
        (SECRET, BODY, GOOD, True),
        (SECRET, BODY, GOOD.upper().replace("SHA256=", "sha256="), True),
        (SECRET, BODY, sign(SECRET, BODY), True),
        (SECRET, BODY + b" ", GOOD, False),
        ("other-secret", BODY, GOOD, False),
        (SECRET, BODY, GOOD.removeprefix("sha256="), False),
        (SECRET, BODY, "sha1=" + GOOD.removeprefix("sha256="), False),
        (SECRET, BODY, "sha256=", False),
        (SECRET, BODY, "sha256=zz", False),
        (SECRET, BODY, "sha256=" + "é" * 64, False),
        (SECRET, BODY, None, False),
        (SECRET, BODY, "", False),
        ("", BODY, "sha256=" + hmac.new(b"", BODY, hashlib.sha256).hexdigest(), False),
    ],
    ids=[
        "valid",
        "hex in upper case",
        "built by the test helper",
        "body changed by one byte",
        "signed with another secret",
        "without the sha256= prefix",
        "sha1 prefix",
        "empty digest",
        "not hex",
        "non-ascii digest",
        "header missing",
        "header empty",
        "no app secret configured",
    ],
)
def test_signature_verification(
    secret: str, body: bytes, header: str | None, expected: bool
) -> None:
    assert verify_signature(secret, body, header) is expected
