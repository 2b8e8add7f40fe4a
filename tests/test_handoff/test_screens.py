"""Every message of Tanya petugas fits one phone screen (12 lines of 35 characters), in both
languages, with the longest question and answer the flows accept."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.areas import jakarta_areas
from bot.content_files import PHONE_SCREEN_LINES, phone_lines
from bot.db import Database
from bot.messages import Reply
from bot.models import OutboxMessage
from conversations.notifications import render_outbox_message
from tests.test_handoff.staff import TEBET, make_coordinator
from tests.transcript import START, Person, make_engine

LONGEST_QUESTION = " ".join(["pertanyaan panjang"] * 9)  # six phone lines
LONGEST_ANSWER = " ".join(["jawaban yang panjang"] * 12)  # eight phone lines


@pytest.mark.parametrize("language", ["id", "en"])
async def test_every_handoff_message_fits_a_phone_screen(
    sqlite_database: Database, language: str
) -> None:
    assert phone_lines(LONGEST_QUESTION) == 6 and phone_lines(LONGEST_ANSWER) == 8
    engine = make_engine(sqlite_database, admins=["test:admin"])
    seen: list[Reply] = []

    async def speaks(person: Person) -> None:
        if language == "en":
            await person.commands("bahasa")
            await person.presses("English")

    siti = Person(engine, "401")
    await siti.registers(name="Siti Nurhaliza Binti Abdullah Rahman")
    await speaks(siti)
    coordinator = Person(engine, "402")
    await coordinator.registers(name="Budi Santoso Wicaksono", phone="0812-3456-7000")
    await make_coordinator(sqlite_database, coordinator, TEBET)
    await speaks(coordinator)

    seen += await siti.says("menu") + await siti.presses("💬")
    seen += await siti.says(LONGEST_QUESTION)
    seen += await siti.presses("✅")
    seen += await siti.says("jual sambal botolan di pasar minggu pagi")
    seen += await coordinator.commands("jawab")
    seen += await coordinator.presses("#")
    seen += await coordinator.says(LONGEST_ANSWER)
    seen += await coordinator.presses("✅")
    seen += await coordinator.presses("➕")

    async with sqlite_database.transaction() as session:
        for row in await session.scalars(select(OutboxMessage)):
            rendered = await render_outbox_message(
                session, row, language, areas=jakarta_areas(), now=START
            )
            if rendered is not None:
                seen.append(rendered)
    assert len(seen) >= 12
    too_long = [r.text for r in seen if phone_lines(r.text) > PHONE_SCREEN_LINES]
    assert too_long == []
