"""The roster download never hands a spreadsheet a formula, whatever a name holds."""

import csv
import io
from datetime import timedelta

from sqlalchemy import update

from bot.db import Database
from bot.models import Member
from bot.vocabulary import StaffRoleName
from tests.factories import add_session, book
from tests.test_privacy.staff import grant
from tests.transcript import START, Person, make_engine

HOSTILE = ['=HYPERLINK("http://evil.example","Siti")', "@SUM(A1:A9)", "+6281234567890", "-2+3"]
"""Names as they could reach the database other than through registration (older data)."""


async def test_formula_looking_cells_are_defused_in_the_roster_csv(database: Database) -> None:
    engine = make_engine(database)
    coach = Person(engine, "900")
    await coach.registers(name="Ani Wijaya", phone="0813-0000-2222")
    coach_id = await grant(database, "0813-0000-2222", StaffRoleName.COACH)
    session_id = await add_session(database, START + timedelta(days=2), coach_member_id=coach_id)
    for n, name in enumerate(HOSTILE):
        await Person(engine, f"90{n + 1}").registers(
            name="Calon Peserta", phone=f"0812-5555-000{n}"
        )
        async with database.transaction() as session:
            member_id = await session.scalar(
                update(Member)
                .where(Member.phone_e164 == f"+628125555000{n}")
                .values(full_name=name)
                .returning(Member.id)
            )
        assert member_id is not None
        await book(database, session_id, member_id, now=START)

    await coach.commands("sesi")
    await coach.presses("Sesi saya")
    await coach.says(f"#{session_id}")
    await coach.presses("Unduh CSV")
    document = coach.last[0].document
    assert document is not None
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["'" + name for name in HOSTILE]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
