"""After "hapus data saya" nothing in the database leads back to the person.

Siti registers on WhatsApp (through the signed webhook and the fake Graph API), links
her Telegram chat, books a seat ahead of Budi on the waitlist, rates a session with a
comment holding her name and number, then deletes her data. Every column of every
table the database itself lists (not the models: tables added later are covered
too) is then searched for her name, business name, phone in every form, member number
and platform ids.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.engine import Connection

from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import Delivered, DeliveryOutcome, SendContext
from bot.messages import Reply
from bot.models import Base, Booking, CoachingSession, Feedback, Member, OutboxMessage
from bot.services import coaching
from bot.services.erasure import HANDLED_TABLES
from bot.vocabulary import BookingStatus, OutboxStatus
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.factories import add_session, book
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import START, Person, make_engine
from wiring.app import BotApp, build_dispatcher, build_whatsapp

SITI_WA = "6281234567890"
SITI_TELEGRAM = "987654321"
NAME = "Siti Aminah"
BUSINESS = "Kedai Kopi Aminah Jaya"
MEMBER_NUMBER = "OK-317401-000002"
"""Budi registers first, so Siti is the second member of Tebet."""
PHONE_FORMS = ("+6281234567890", "6281234567890", "081234567890", "0812-3456-7890", "812-3456")
COMMENT = "Bagus! Saya Siti Aminah, kalau ada kelas lagi hubungi 0812-3456-7890 ya"


class RecordingWhatsAppPerson(WhatsAppPerson):
    """A WhatsApp person who remembers the id of every message they sent (platform ids too)."""

    sent_ids: list[str]

    async def deliver(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        for entry in payload["entry"]:
            for change in entry["changes"]:
                self.sent_ids += [m["id"] for m in change["value"].get("messages", [])]
        return await super().deliver(payload)


class RecordingSender:
    """A proactive channel `test` that keeps what it was asked to send."""

    channel = "test"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []

    async def deliver(
        self, external_id: str, reply: Reply, context: SendContext
    ) -> DeliveryOutcome:
        self.sent.append((external_id, reply))
        return Delivered(f"test-{len(self.sent)}")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    return make_engine(database, clock=clock)


@pytest.fixture
async def graph_client(fake_graph: FakeGraphAPI) -> AsyncIterator[GraphClient]:
    async with GraphClient(
        fake_graph.api_url, fake_graph.phone_number_id, fake_graph.token, backoff_base=0.01
    ) as client:
        yield client


@pytest.fixture
def app(engine: ConversationEngine) -> BotApp:
    settings = engine.settings.model_copy(
        update={"whatsapp_app_secret": APP_SECRET, "whatsapp_verify_token": VERIFY_TOKEN}
    )
    return BotApp(settings=settings, db=engine.db, engine=engine)


@pytest.fixture
async def channel(app: BotApp, graph_client: GraphClient) -> AsyncIterator[WhatsAppChannel]:
    whatsapp = build_whatsapp(app, graph_client)
    yield whatsapp
    await whatsapp.close()


@pytest.fixture
async def siti(
    channel: WhatsAppChannel, fake_graph: FakeGraphAPI
) -> AsyncIterator[RecordingWhatsAppPerson]:
    web_app = web.Application()
    web_app.add_routes(channel.routes())
    async with TestClient(TestServer(web_app, host="127.0.0.1")) as client:
        person = RecordingWhatsAppPerson(client, channel, fake_graph, SITI_WA)
        person.sent_ids = []
        yield person


async def leftovers(db: Database, needles: list[str]) -> list[str]:
    """`table.column: needle` for every value, in every table and column, containing a needle."""

    def scan(connection: Connection) -> list[str]:
        found = []
        inspector = sa.inspect(connection)
        for table_name in inspector.get_table_names():
            names = [column["name"] for column in inspector.get_columns(table_name)]
            table = sa.table(table_name, *(sa.column(name) for name in names))
            for row in connection.execute(sa.select(table)):
                for name, value in zip(names, row, strict=True):
                    text = _as_text(value).casefold()
                    found += [
                        f"{table_name}.{name}: {needle}"
                        for needle in needles
                        if needle.casefold() in text
                    ]
        return sorted(set(found))

    async with db.engine.connect() as connection:
        return await connection.run_sync(scan)


def _as_text(value: object) -> str:
    """Any stored value as searchable text: bytes decoded, JSON as written."""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


async def test_deleting_my_data_leaves_nothing_that_leads_back_to_me(
    siti: RecordingWhatsAppPerson,
    engine: ConversationEngine,
    app: BotApp,
    channel: WhatsAppChannel,
    clock: ManualClock,
) -> None:
    db = engine.db
    budi = Person(engine, "budi")
    await budi.registers(name="Budi Santoso", phone="0813-0000-1111", business=None)
    budi_id = await _member_id(db, "Budi Santoso")

    await siti.says("daftar")
    await siti.presses("Setuju")
    await siti.says(NAME)
    await siti.presses("Pakai nomor ini")
    await siti.says("tebet")
    await siti.presses("Manggarai")
    await siti.presses("sudah jalan")
    await siti.says(BUSINESS)
    await siti.presses("Kuliner")
    await siti.presses("Simpan")
    assert f"Nomor anggota: {MEMBER_NUMBER}" in siti.text
    siti_id = await _member_id(db, NAME)

    telegram = Person(engine, SITI_TELEGRAM, channel="telegram")
    await telegram.commands("daftar")
    await telegram.presses("Setuju")
    await telegram.says("Siti A")
    await telegram.shares_contact("+6281234567890", own=True)
    await telegram.presses("Itu saya")
    assert "Chat ini sekarang terhubung" in telegram.text
    await telegram.says("menu")
    await telegram.presses("Jadwal saya")

    future = await add_session(db, START + timedelta(days=3), now=START, capacity=1)
    await siti.says("jadwal")
    await siti.presses("Semua topik")
    await siti.presses("1.")
    await siti.presses("Pesan tempat")
    assert "Tempat Anda sudah dipesan" in siti.text
    waiting = await book(db, future, budi_id, now=START, waitlist_if_full=True)
    assert isinstance(waiting, coaching.Waitlisted)

    past = await add_session(db, START + timedelta(hours=1), now=START, kind="training")
    assert isinstance(await book(db, past, siti_id, now=START), coaching.Booked)
    clock.advance(timedelta(hours=4))
    async with db.transaction() as session:
        held = await session.get(CoachingSession, past)
        assert held is not None
        await coaching.record_attendance(session, held, {siti_id}, now=clock.now())
    budi_sender = RecordingSender()
    dispatcher = build_dispatcher(app, {"whatsapp": channel, "test": budi_sender})
    dispatcher.per_chat_interval = 0
    await dispatcher.run_once()
    await siti.presses("⭐⭐⭐⭐⭐")
    await siti.says(COMMENT)
    assert "masukan Anda sudah kami terima" in siti.text

    needles = [NAME, "Aminah", BUSINESS, MEMBER_NUMBER, SITI_TELEGRAM, *PHONE_FORMS]
    needles += siti.sent_ids
    before = await leftovers(db, needles)
    for where in ("members.full_name", "feedback.comment", "channel_accounts.external_id"):
        assert any(found.startswith(where) for found in before), (where, before)

    await siti.says("menu")
    await siti.presses("Profil saya")
    await siti.presses("Hapus data saya")
    await siti.presses("Ya, hapus")
    assert "sudah dihapus" in siti.text
    await channel.drain()

    assert await leftovers(db, needles) == []

    async with db.transaction() as session:
        seats = {
            b.member_id: b.status
            for b in await session.scalars(sa.select(Booking).where(Booking.session_id == future))
        }
        pending = await session.scalars(
            sa.select(OutboxMessage).where(
                OutboxMessage.member_id == siti_id, OutboxMessage.status == OutboxStatus.PENDING
            )
        )
        assert pending.all() == []
        [feedback] = await session.scalars(sa.select(Feedback))
        assert feedback.rating == 5 and feedback.comment is None
        member = await session.get(Member, siti_id)
        assert member is not None and member.kecamatan_code == "31.74.01"
    assert seats == {siti_id: BookingStatus.CANCELLED, budi_id: BookingStatus.BOOKED}

    await dispatcher.run_once()
    assert [who for who, _reply in budi_sender.sent] == ["budi"]
    assert "Ada kursi kosong" in budi_sender.sent[0][1].text

    await telegram.says("menu")  # her Telegram chat is a stranger's now
    assert "Daftar OK OCE" in " ".join(telegram.labels)


async def _member_id(db: Database, name: str) -> int:
    async with db.transaction() as session:
        member_id = await session.scalar(sa.select(Member.id).where(Member.full_name == name))
    assert member_id is not None
    return int(member_id)


def test_every_table_has_a_say_in_deletion() -> None:
    """A table added later must be listed in `erasure.HANDLED_TABLES`, deciding its fate."""
    assert set(HANDLED_TABLES) == set(Base.metadata.tables)
