"""Every reply the engine gives in a test is measured: short unless the person asked for detail.

`make_engine` (tests/transcript.py) builds a `MeasuredEngine`, which every engine,
Telegram and WhatsApp test uses; a reply over `MAX_LINES` phone lines of
`LINE_WIDTH` characters fails the test it appeared in (see tests/conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.message_size import LINE_WIDTH, MAX_LINES, wrapped_lines
from bot.messages import Incoming, Reply
from conversations.engine import ConversationEngine


@dataclass(frozen=True)
class LongMessage:
    """A reply that would scroll its buttons away on a small phone."""

    lines: int
    text: str
    language: str | None

    def __str__(self) -> str:
        return f"{self.lines} lines ({self.language}):\n{self.text}"


TOO_LONG: list[LongMessage] = []
"""Long replies seen in the running test; tests/conftest.py empties and checks it."""
SEEN: list[Reply] = []
"""Every reply measured in the running test."""


def measure(replies: list[Reply]) -> None:
    """Note each reply longer than a short message, unless it is detail asked for."""
    SEEN.extend(replies)
    for reply in replies:
        lines = wrapped_lines(reply.text)
        if lines > MAX_LINES and not reply.detail:
            TOO_LONG.append(LongMessage(lines, reply.text, reply.language))


class MeasuredEngine(ConversationEngine):
    """The real engine; what it answers is measured on the way out."""

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle the event as the engine does, then measure the replies."""
        replies = await super().handle(incoming)
        measure(replies)
        return replies


__all__ = ["LINE_WIDTH", "MAX_LINES", "SEEN", "TOO_LONG", "MeasuredEngine", "measure"]
