"""An inbox kept in memory, for channel tests whose engine has no database."""

from __future__ import annotations

import itertools


class MemoryInbox:
    """Keeps deliveries in a dict; enough to exercise a channel's record/process/done cycle."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.kept: dict[int, bytes] = {}
        self.processed: set[int] = set()

    async def record(self, body: bytes) -> int:
        delivery_id = next(self._ids)
        self.kept[delivery_id] = body
        return delivery_id

    async def done(self, delivery_id: int) -> None:
        self.processed.add(delivery_id)

    async def pending(self) -> list[tuple[int, bytes]]:
        return [(i, body) for i, body in self.kept.items() if i not in self.processed]
