"""What a channel says happened to one proactive message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from conversations.messages import Reply


@dataclass(frozen=True)
class Delivered:
    """Accepted by the platform; `external_id` is its message id when it gives one."""

    external_id: str | None = None


@dataclass(frozen=True)
class RetryLater:
    """A passing problem (rate limit, network): try again, after `after` seconds if known."""

    reason: str
    after: float | None = None


@dataclass(frozen=True)
class Unreachable:
    """The person blocked the bot: never send to this chat again."""

    reason: str


@dataclass(frozen=True)
class Undeliverable:
    """The platform refused this message for good."""

    reason: str


DeliveryOutcome = Delivered | RetryLater | Unreachable | Undeliverable


class ProactiveSender(Protocol):
    """A channel that can send a message nobody asked for just now."""

    channel: str

    async def deliver(self, external_id: str, reply: Reply) -> DeliveryOutcome:
        """Send `reply` to the chat `external_id` on this channel."""
        ...
