"""What a channel says happened to one proactive message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.messages import Reply


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


@dataclass(frozen=True)
class NoRoute:
    """This channel cannot carry this message now (WhatsApp outside 24 hours with no
    template): try the member's next channel."""

    reason: str


DeliveryOutcome = Delivered | RetryLater | Unreachable | Undeliverable | NoRoute


@dataclass(frozen=True)
class SendContext:
    """What a channel may need to decide how to send a proactive message."""

    kind: str
    last_inbound_at: datetime | None
    now: datetime


class ProactiveSender(Protocol):
    """A channel that can send a message nobody asked for just now."""

    channel: str

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        """Send `reply` to the chat `external_id` on this channel."""
        ...
