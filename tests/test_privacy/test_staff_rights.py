"""Staff rights are read at every step, not only when a flow starts."""

from sqlalchemy import func, select

from bot.db import Database
from bot.models import CoachingSession, StaffRole
from bot.services import roles
from bot.vocabulary import StaffRoleName
from tests.test_privacy.staff import grant
from tests.transcript import Person, make_engine

TEBET, CENGKARENG = "31.74.01", "31.73.01"


async def _sessions(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(CoachingSession)) or 0)


async def _starts_a_session(coordinator: Person) -> None:
    await coordinator.commands("sesi")
    await coordinator.presses("Buat sesi")
    await coordinator.presses("Pelatihan")
    await coordinator.presses("P2 Pelatihan")
    await coordinator.says("Aula Kantor Kecamatan Tebet")


async def _finishes_the_session(coordinator: Person) -> None:
    await coordinator.says("Jl. Prof. Dr. Soepomo No. 54")
    await coordinator.presses("Lewati")
    await coordinator.says("25/11")
    await coordinator.says("09.00")
    await coordinator.says("11.00")
    await coordinator.says("30")
    await coordinator.presses("Lewati")
    await coordinator.presses("Simpan")


async def test_a_coordinator_whose_role_is_revoked_mid_flow_is_stopped_at_the_next_step(
    database: Database,
) -> None:
    engine = make_engine(database)
    budi = Person(engine, "300")
    await budi.registers(name="Budi Santoso", phone="0813-0000-1111")
    budi_id = await grant(database, "0813-0000-1111", StaffRoleName.COORDINATOR, kecamatan=TEBET)
    await _starts_a_session(budi)
    async with database.transaction() as session:
        await roles.revoke_role(session, budi_id, StaffRoleName.COORDINATOR)

    await budi.says("Jl. Prof. Dr. Soepomo No. 54")
    assert "khusus staf program" in budi.text
    assert "Menu utama" in budi.question and "Kelola sesi" not in " ".join(budi.labels)
    assert await _sessions(database) == 0


async def test_a_coordinator_moved_to_another_kecamatan_mid_flow_cannot_save_in_the_old_one(
    database: Database,
) -> None:
    engine = make_engine(database)
    budi = Person(engine, "301")
    await budi.registers(name="Budi Santoso", phone="0813-0000-1112")
    await grant(database, "0813-0000-1112", StaffRoleName.COORDINATOR, kecamatan=TEBET)
    await _starts_a_session(budi)  # the draft is in Tebet, his kecamatan then
    await grant(database, "0813-0000-1112", StaffRoleName.COORDINATOR, kecamatan=CENGKARENG)

    await _finishes_the_session(budi)
    assert "tidak bisa membuat sesi di Kec. Tebet" in budi.text
    assert await _sessions(database) == 0


async def test_an_admin_removed_from_the_settings_cannot_go_on_granting_after_a_restart(
    database: Database,
) -> None:
    await Person(make_engine(database), "200").registers(
        name="Budi Santoso", phone="0813-0000-1111"
    )
    admin = Person(make_engine(database, admins=["test:1"]), "1")
    await admin.commands("peran")
    await admin.presses("Beri peran")
    assert "nomor anggota" in admin.question

    admin.engine = make_engine(database)  # restarted without test:1 in OKOCE_ADMINS
    await admin.says("0813-0000-1111")
    assert "khusus admin" in admin.text
    assert "Budi" not in admin.text
    async with database.transaction() as session:
        assert (await session.scalars(select(StaffRole))).all() == []
