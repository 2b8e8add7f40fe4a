"""A chat named by its channel and the platform's id in it: `telegram:123`, `whatsapp:628…`.

`OKOCE_ADMINS` lists admins this way; they need not be members, so messages to them
are addressed to the chat itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatIdentity:
    """One chat on one channel."""

    channel: str
    external_id: str

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"


def parse_identity(text: str) -> ChatIdentity | None:
    """`telegram:123` as a `ChatIdentity`, or None when either part is missing."""
    channel, _colon, external_id = text.strip().partition(":")
    if not channel or not external_id.strip():
        return None
    return ChatIdentity(channel.strip(), external_id.strip())
