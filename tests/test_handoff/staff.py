"""People for the handoff tests: members, coordinators of a kecamatan, and their rows."""

from __future__ import annotations

from sqlalchemy import select

from bot.db import Database
from bot.models import ChannelAccount, HandoffQuestion, OutboxMessage
from bot.services import roles
from bot.vocabulary import OutboxKind, StaffRoleName
from tests.factories import NOW
from tests.transcript import Person

TEBET = "31.74.01"
KALIDERES = "31.73.06"


async def member_id_of(db: Database, person: Person) -> int:
    """The member behind a person's chat."""
    async with db.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(
                    ChannelAccount.channel == person.channel,
                    ChannelAccount.external_id == person.user_id,
                )
            )
        ).one()
    assert account.member_id is not None
    return account.member_id


async def make_coordinator(db: Database, person: Person, kecamatan_code: str) -> None:
    """Grant the coordinator role of `kecamatan_code` to a registered person."""
    member_id = await member_id_of(db, person)
    async with db.transaction() as session:
        await roles.grant_role(
            session,
            member_id,
            StaffRoleName.COORDINATOR,
            kecamatan_code=kecamatan_code,
            granted_by="test:admin",
            now=NOW,
        )


async def revoke_coordinator(db: Database, person: Person) -> None:
    """Take a person's coordinator role away."""
    member_id = await member_id_of(db, person)
    async with db.transaction() as session:
        await roles.revoke_role(session, member_id, StaffRoleName.COORDINATOR)


async def questions(db: Database) -> list[HandoffQuestion]:
    """Every question for staff, oldest first."""
    async with db.transaction() as session:
        rows = await session.scalars(select(HandoffQuestion).order_by(HandoffQuestion.id))
        return list(rows)


async def outbox_rows(db: Database, kind: OutboxKind | None = None) -> list[OutboxMessage]:
    """Outbox rows (of one kind), in order."""
    async with db.transaction() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind is not None:
            query = query.where(OutboxMessage.kind == kind)
        return list(await session.scalars(query))


async def asks_staff(person: Person, question: str) -> None:
    """Ask staff through the menu item, in the member's words, and send it."""
    await person.says("menu")
    await person.presses("Tanya petugas")
    await person.says(question)
    await person.presses("Kirim ke petugas")
    assert "sudah dikirim" in person.text, person.text
