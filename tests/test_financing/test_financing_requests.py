"""A financing request from "Saya tertarik" to a lender's answer, followed up by the coordinator.

The member is told of every change once, through the real outbox dispatcher; who may see
and move a request is checked again at every step, against the roles held at that moment.
"""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.delivery import Delivered, DeliveryOutcome, SendContext
from bot.messages import Reply
from bot.models import FinancingRequest, Member, MemberProgress, OutboxMessage
from bot.phones import parse_indonesian_mobile
from bot.services import financing, members, roles
from bot.vocabulary import FinancingRequestStatus, OutboxKind, PasStep, StaffRoleName
from conversations.engine import ConversationEngine
from tests.factories import NOW, add_members
from tests.phone_screens import ScreenCheckedPerson, assert_fits_phone_screens
from tests.transcript import START, make_engine
from tests.wired import unpaced_dispatcher
from wiring.dispatcher import OutboxDispatcher

TEBET, CENGKARENG = "31.74.01", "31.73.01"
Status = FinancingRequestStatus


class RecordingSender:
    """The "test" channel the transcript people chat on, recording what it is asked to send."""

    channel = "test"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        self.sent.append((external_id, reply))
        return Delivered(f"m{len(self.sent)}")

    def texts_to(self, external_id: str) -> list[str]:
        return [reply.text for to, reply in self.sent if to == external_id]


def _dispatcher(engine: ConversationEngine, sender: RecordingSender) -> OutboxDispatcher:
    return unpaced_dispatcher(engine, {"test": sender})


async def _grant(
    database: Database, phone: str, role: StaffRoleName, kecamatan: str | None
) -> None:
    async with database.transaction() as session:
        member = await members.find_member(session, parse_indonesian_mobile(phone) or phone)
        assert member is not None
        await roles.grant_role(
            session, member.id, role, kecamatan_code=kecamatan, granted_by="test:1", now=START
        )


async def _revoke(database: Database, phone: str, role: StaffRoleName) -> None:
    async with database.transaction() as session:
        member = await members.find_member(session, parse_indonesian_mobile(phone) or phone)
        assert member is not None
        await roles.revoke_role(session, member.id, role)


async def _asks_for_a_loan(siti: ScreenCheckedPerson) -> None:
    await siti.registers()
    await siti.commands("modal")
    await siti.presses("Saya tertarik")
    await siti.presses("KUR Super Mikro")
    await siti.says("8jt")
    await siti.says("beli gerobak baru")
    await siti.presses("Kirim ke koordinator")


async def _coordinator(
    engine: ConversationEngine, kecamatan: str = TEBET, user: str = "budi"
) -> ScreenCheckedPerson:
    phone = "0813-1111-2222" if user == "budi" else "0813-3333-4444"
    person = ScreenCheckedPerson(engine, user)
    await person.registers(name="Budi Santoso", phone=phone, business=None)
    await _grant(engine.db, phone, StaffRoleName.COORDINATOR, kecamatan)
    return person


async def test_the_coordinator_moves_a_request_and_the_member_is_told_of_each_change_once(
    database: Database,
) -> None:
    engine = make_engine(database)
    sender = RecordingSender()
    dispatcher = _dispatcher(engine, sender)
    siti = ScreenCheckedPerson(engine, "siti")
    await _asks_for_a_loan(siti)
    budi = await _coordinator(engine)

    await budi.commands("menu")
    assert "💼 Permintaan modal" in budi.labels
    await budi.presses("Permintaan modal")
    assert "1 masih berjalan" in budi.question
    await budi.presses("Siti Aminah 8jt")
    card = budi.text
    assert "Siti Aminah (OK-317401-000001)" in card
    assert "HP: 0812-3456-7890" in card
    assert "Jumlah: Rp8.000.000" in card and "Produk: KUR Super Mikro" in card
    assert "Untuk: beli gerobak baru" in card
    assert "7 PAS: 1/7 (P1)" in card
    assert budi.labels == [
        "📞 Sudah dihubungi",
        "🏦 Diteruskan ke lender",
        "🎉 Disetujui lender",
        "✖️ Tidak dilanjutkan",
        "↩ Kembali",
    ]

    await budi.presses("Sudah dihubungi")
    assert "Anggota akan dikabari" in budi.text
    await dispatcher.run_once()
    await dispatcher.run_once()
    told = sender.texts_to("siti")
    assert len(told) == 1 and "sudah dicatat koordinator" in told[0]

    await budi.presses("Diteruskan ke lender")
    await budi.presses("Disetujui lender")
    assert "tidak bisa diubah lagi" in budi.question
    await budi.presses("Ya, simpan")
    assert "Status: 🎉 Disetujui pemberi pinjaman" in budi.text
    assert budi.labels == ["↩ Kembali"], "a final status cannot move again"
    await dispatcher.run_once()
    await dispatcher.run_once()

    told = sender.texts_to("siti")
    assert len(told) == 3
    assert "diteruskan ke pemberi pinjaman" in told[1] and "P7 selesai" in told[1]
    assert "menyetujui pinjaman Anda (Rp8.000.000)" in told[2]
    replies = [reply for _to, reply in sender.sent]
    assert_fits_phone_screens(replies)
    assert all(reply.choices[0].id == "@progress:" for reply in replies)
    async with database.transaction() as session:
        kinds = [m.kind for m in await session.scalars(select(OutboxMessage))]
        done = set(await session.scalars(select(MemberProgress.step)))
    assert kinds == [OutboxKind.FINANCING_REQUEST_UPDATE] * 3
    assert PasStep.P7 in done

    await siti.send(siti.event(choice=replies[-1].choices[0].id))  # the notice's button
    assert "✅ P7 Akses permodalan" in siti.text


async def test_the_coordinator_downloads_the_requests_as_csv(database: Database) -> None:
    engine = make_engine(database)
    siti = ScreenCheckedPerson(engine, "siti")
    await _asks_for_a_loan(siti)
    budi = await _coordinator(engine)
    await budi.commands("permintaan")
    await budi.presses("Unduh CSV")
    document = budi.last[0].document
    assert document is not None and document.filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert [(r["nama"], r["hp"], r["produk"], r["jumlah"], r["status"]) for r in rows] == [
        ("Siti Aminah", "0812-3456-7890", "KUR Super Mikro", "8000000", "baru")
    ]
    assert rows[0]["kecamatan"] == "Tebet" and rows[0]["untuk"] == "beli gerobak baru"


async def test_a_coordinator_sees_only_their_own_kecamatan(database: Database) -> None:
    engine = make_engine(database)
    siti = ScreenCheckedPerson(engine, "siti")
    await _asks_for_a_loan(siti)
    other = await _coordinator(engine, CENGKARENG, user="ani")
    await other.commands("permintaan")
    assert "Belum ada permintaan modal" in other.question
    guest = ScreenCheckedPerson(engine, "guest")
    await guest.commands("permintaan")
    assert "khusus staf" in guest.text


async def test_rights_are_checked_again_at_every_step(database: Database) -> None:
    engine = make_engine(database)
    siti = ScreenCheckedPerson(engine, "siti")
    await _asks_for_a_loan(siti)
    budi = await _coordinator(engine)
    await budi.commands("permintaan")
    await budi.presses("Siti Aminah")
    await _grant(database, "0813-1111-2222", StaffRoleName.COORDINATOR, CENGKARENG)
    await budi.presses("Sudah dihubungi")
    assert "bukan dari kecamatan yang Anda pegang" in budi.text
    assert "Belum ada permintaan modal" in budi.question
    await _revoke(database, "0813-1111-2222", StaffRoleName.COORDINATOR)
    await budi.presses("Unduh CSV")
    assert "khusus staf" in budi.text, "a revoked role ends the flow at the next press"
    assert all(reply.document is None for reply in budi.last)
    async with database.transaction() as session:
        request = (await session.scalars(select(FinancingRequest))).one()
        outbox_rows = (await session.scalars(select(OutboxMessage))).all()
    assert request.status == Status.NEW and outbox_rows == []


async def test_staff_see_a_members_progress_in_their_kecamatan(database: Database) -> None:
    engine = make_engine(database)
    siti = ScreenCheckedPerson(engine, "siti")
    await siti.registers()
    budi = await _coordinator(engine)
    await budi.commands("permintaan")
    await budi.presses("Progres anggota")
    await budi.says("OK-317401-000001")
    assert "Siti Aminah (OK-317401-000001)" in budi.text
    assert "🧭 Langkah 7 PAS: 1 dari 7 selesai" in budi.text
    assert "P4: buat NIB gratis, lalu catat" in budi.text

    ani = await _coordinator(engine, CENGKARENG, user="ani")
    await ani.commands("permintaan")
    await ani.presses("Progres anggota")
    await ani.says("0812-3456-7890")
    assert "bukan dari kecamatan yang Anda pegang" in ani.text
    assert "Langkah 7 PAS" not in ani.text


# The service on its own: the states a request may reach, and who may move it.


async def _request(database: Database) -> tuple[int, int]:
    [member_id] = await add_members(database)
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        created = await financing.create_request(
            session, member, product_id=None, amount=5_000_000, purpose="gerobak", now=NOW
        )
        assert isinstance(created, financing.Requested)
        return member_id, created.request.id


TEBET_DESK = financing.Reviewer("test:budi", coordinator_of=TEBET)
ADMIN = financing.Reviewer("test:admin", is_admin=True)


@pytest.mark.parametrize(
    ("moves", "last"),
    [
        ((Status.CONTACTED, Status.REFERRED, Status.APPROVED), Status.APPROVED),
        ((Status.REFERRED,), Status.REFERRED),
        ((Status.CONTACTED, Status.REJECTED), Status.REJECTED),
        ((Status.REJECTED,), Status.REJECTED),
    ],
)
async def test_a_request_moves_only_forward_and_each_move_is_one_message(
    database: Database, moves: tuple[Status, ...], last: Status
) -> None:
    member_id, request_id = await _request(database)
    async with database.transaction() as session:
        for status in moves:
            moved = await financing.move_request(session, TEBET_DESK, request_id, status, now=NOW)
            assert isinstance(moved, financing.Moved)
        again = await financing.move_request(session, ADMIN, request_id, moves[-1], now=NOW)
        back = await financing.move_request(session, ADMIN, request_id, Status.CONTACTED, now=NOW)
    assert again == financing.NotAllowed(last) and back == financing.NotAllowed(last)
    async with database.transaction() as session:
        keys = [m.dedupe_key for m in await session.scalars(select(OutboxMessage))]
        done = set(
            await session.scalars(
                select(MemberProgress.step).where(MemberProgress.member_id == member_id)
            )
        )
    assert keys == [f"financing-request:{request_id}:{status}" for status in moves]
    assert (PasStep.P7 in done) == (Status.REFERRED in moves)


async def test_only_the_kecamatans_coordinator_or_an_admin_may_move_a_request(
    database: Database,
) -> None:
    _member_id, request_id = await _request(database)
    elsewhere = financing.Reviewer("test:ani", coordinator_of=CENGKARENG)
    nobody = financing.Reviewer("test:x")
    async with database.transaction() as session:
        assert (
            await financing.move_request(session, elsewhere, request_id, Status.CONTACTED, now=NOW)
            == financing.NotYours()
        )
        assert (
            await financing.move_request(session, nobody, request_id, Status.CONTACTED, now=NOW)
            == financing.NotYours()
        )
        assert (
            await financing.move_request(session, ADMIN, 999, Status.CONTACTED, now=NOW)
            == financing.NotFound()
        )
        assert await financing.requests_for(session, elsewhere) == []
        assert [r.id for r in await financing.requests_for(session, ADMIN)] == [request_id]


async def test_a_member_has_one_open_request_at_a_time(database: Database) -> None:
    member_id, request_id = await _request(database)
    async with database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        second = await financing.create_request(
            session, member, product_id=None, amount=1, purpose="lagi", now=NOW
        )
        assert isinstance(second, financing.AlreadyOpen) and second.request.id == request_id
        await financing.move_request(session, ADMIN, request_id, Status.REJECTED, now=NOW)
        third = await financing.create_request(
            session, member, product_id=None, amount=1, purpose="lagi", now=NOW
        )
        assert isinstance(third, financing.Requested)
