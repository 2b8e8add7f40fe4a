"""A person chatting with the engine, so tests read like a transcript."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.config import Settings
from bot.db import Database
from bot.messages import Incoming, Reply, SharedContact
from bot.photo_store import PhotoStore
from conversations.engine import ConversationEngine
from conversations.registry import all_actions, all_flows
from tests.message_lengths import MeasuredEngine
from wiring.app import channel_limits

START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
_event_ids = itertools.count(1)


def make_engine(
    db: Database,
    *,
    admins: Sequence[str] = (),
    clock: ManualClock | None = None,
    photos: PhotoStore | None = None,
) -> ConversationEngine:
    """An engine with every flow, on `db`, with a clock the test controls.

    As `wiring.app.build_engine` builds it, but measuring every reply's length.
    """
    settings = Settings(admins=frozenset(admins), _env_file=None)  # type: ignore[call-arg]
    return MeasuredEngine(
        db,
        settings,
        all_flows(),
        jakarta_areas(),
        clock or ManualClock(START),
        all_actions(),
        limits=channel_limits(),
        photos=photos,
    )


class Person:
    """Someone on one channel: says things, presses buttons, remembers the last replies."""

    def __init__(self, engine: ConversationEngine, user_id: str, channel: str = "test") -> None:
        self.engine = engine
        self.user_id = user_id
        self.channel = channel
        self.last: list[Reply] = []

    def event(self, **fields: object) -> Incoming:
        """A new event from this person (fresh platform id)."""
        base = Incoming(channel=self.channel, user_id=self.user_id, event_id=str(next(_event_ids)))
        return replace(base, **fields)  # type: ignore[arg-type]

    async def send(self, incoming: Incoming) -> list[Reply]:
        self.last = await self.engine.handle(incoming)
        return self.last

    async def says(self, text: str) -> list[Reply]:
        return await self.send(self.event(text=text))

    async def commands(self, command: str) -> list[Reply]:
        return await self.send(self.event(command=command))

    async def shares_contact(self, phone: str, *, own: bool = True) -> list[Reply]:
        return await self.send(self.event(contact=SharedContact(phone, own)))

    async def presses(self, label: str) -> list[Reply]:
        """Press the button whose label contains `label` on the last question."""
        return await self.send(self.event(choice=self.button(label)))

    async def picks(self, choice_id: str) -> list[Reply]:
        """Press the last question's button for `choice_id`, whatever its label's language."""
        for reply in reversed(self.last):
            for choice in reply.choices:
                if choice.id.partition(":")[2] == choice_id:
                    return await self.send(self.event(choice=choice.id))
        raise AssertionError(f"no choice {choice_id!r} in {self.labels}")

    def button(self, label: str) -> str:
        """The id of the last question's button whose label contains `label`."""
        for reply in reversed(self.last):
            for choice in reply.choices:
                if label.casefold() in choice.label.casefold():
                    return choice.id
        raise AssertionError(f"no button {label!r} in {self.labels}")

    @property
    def text(self) -> str:
        """Everything the bot said last, joined."""
        return "\n".join(reply.text for reply in self.last)

    @property
    def question(self) -> str:
        """The last thing the bot asked."""
        return self.last[-1].text if self.last else ""

    @property
    def labels(self) -> list[str]:
        return [choice.label for reply in self.last for choice in reply.choices]

    async def registers(
        self,
        name: str = "Siti Aminah",
        phone: str = "0812-3456-7890",
        kecamatan: str = "tebet",
        kelurahan: str = "Menteng Dalam",
        business: str | None = "Warung Bu Siti",
        sector: str = "Kuliner",
    ) -> None:
        """Go through the whole registration, answering every question."""
        await self.commands("daftar")
        await self.presses("Setuju")
        await self.says(name)
        await self.says(phone)
        await self.says(kecamatan)
        await self.says(kelurahan)
        if business is None:
            await self.presses("Masih ide")
        else:
            await self.presses("sudah jalan")
            await self.says(business)
        await self.presses(sector)
        await self.presses("Simpan")
