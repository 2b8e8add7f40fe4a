"""Chat identities as `OKOCE_ADMINS` lists them."""

from __future__ import annotations

import pytest

from bot.chat_identity import ChatIdentity, parse_identity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("telegram:123456", ChatIdentity("telegram", "123456")),
        (" whatsapp:6281234567890 ", ChatIdentity("whatsapp", "6281234567890")),
        ("terminal:local", ChatIdentity("terminal", "local")),
        ("telegram:", None),
        (":123", None),
        ("123456", None),
    ],
)
def test_identities(text: str, expected: ChatIdentity | None) -> None:
    assert parse_identity(text) == expected


def test_an_identity_reads_back_as_written() -> None:
    assert str(ChatIdentity("telegram", "123")) == "telegram:123"
