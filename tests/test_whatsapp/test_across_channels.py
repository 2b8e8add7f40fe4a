"""WhatsApp with the rest of the bot: one member on two channels, the 24-hour window,
delivery reports, and booking a session."""

from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.delivery import ProactiveSender
from bot.inbox import DatabaseInbox
from bot.models import ChannelAccount, OutboxMessage
from bot.services import coaching
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.factories import add_session, book
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import START, Person, make_engine
from tests.wired import open_to_whatsapp, unpaced_dispatcher, whatsapp_channel
from wiring.dispatcher import OutboxDispatcher

SITI = "6281234567890"
SESSION_START = START + timedelta(days=3)
REMINDER_TEMPLATE = {"reminder": {"name": "okoce_pengingat", "language": "id"}}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    return make_engine(database, clock=clock)


@pytest.fixture
def channel(engine: ConversationEngine, graph_client: GraphClient) -> WhatsAppChannel:
    """The channel as `okoce-bot run` builds it: statuses recorded, a reminder template."""
    open_to_whatsapp(engine, REMINDER_TEMPLATE)
    return whatsapp_channel(engine, graph_client)


@pytest.fixture
def siti(
    webhook: TestClient[web.Request, web.Application],
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
) -> WhatsAppPerson:
    return WhatsAppPerson(webhook, channel, fake_graph, SITI)


def _dispatcher(engine: ConversationEngine, **senders: ProactiveSender) -> OutboxDispatcher:
    return unpaced_dispatcher(engine, senders)


async def _book_a_session(database: Database, member_id: int) -> None:
    """A seat three days away, with one reminder, 24 hours before."""
    session_id = await add_session(database, SESSION_START, now=START)
    booked = await book(database, session_id, member_id, now=START, offsets=(timedelta(hours=24),))
    assert isinstance(booked, coaching.Booked)


async def _member_id(database: Database) -> int:
    async with database.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(ChannelAccount.channel == "whatsapp")
            )
        ).one()
    assert account.member_id is not None
    return account.member_id


async def test_a_telegram_member_is_recognised_on_whatsapp(
    siti: WhatsAppPerson, engine: ConversationEngine
) -> None:
    await Person(engine, "777", channel="telegram").registers(phone="0812-3456-7890")
    await siti.says("halo")
    assert "Menu utama, Siti Aminah" in siti.text
    assert "Profil saya" in siti.text and "Daftar OK OCE" not in siti.text


async def test_a_whatsapp_member_is_recognised_when_sharing_their_own_contact_on_telegram(
    siti: WhatsAppPerson, engine: ConversationEngine
) -> None:
    await siti.says("daftar")
    await siti.presses("Setuju")
    await siti.says("Siti Aminah")
    await siti.presses("Pakai nomor ini")
    await siti.says("tebet")
    await siti.presses("Manggarai")
    await siti.presses("Masih ide")
    await siti.presses("Jasa")
    await siti.presses("Simpan")
    assert "Nomor anggota: OK-317401-000001" in siti.text

    telegram = Person(engine, "888", channel="telegram")
    await telegram.commands("daftar")
    await telegram.presses("Setuju")
    await telegram.says("Siti A")
    await telegram.shares_contact("6281234567890", own=True)
    assert "sudah terdaftar" in telegram.text and "Siti" not in telegram.text
    await telegram.presses("Itu saya")
    assert "terhubung dengan data Anda: Siti Aminah (OK-317401-000001)" in telegram.text
    await telegram.says("menu")
    assert "Profil saya" in " ".join(telegram.labels)


async def test_a_reminder_inside_the_window_is_a_normal_message(
    siti: WhatsAppPerson,
    engine: ConversationEngine,
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    clock: ManualClock,
) -> None:
    await siti.registers()
    await _book_a_session(engine.db, await _member_id(engine.db))
    clock.advance(SESSION_START - timedelta(hours=24) - START)
    await siti.says("halo")  # the member wrote just now: the window is open
    await _dispatcher(engine, whatsapp=channel).run_once()
    reminder = fake_graph.messages_to(SITI)[-1]
    assert (
        reminder["type"] == "interactive" and "Pengingat" in reminder["interactive"]["body"]["text"]
    )


async def test_outside_the_window_the_reminder_uses_its_template(
    siti: WhatsAppPerson,
    engine: ConversationEngine,
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    clock: ManualClock,
) -> None:
    await siti.registers()
    await _book_a_session(engine.db, await _member_id(engine.db))
    clock.advance(SESSION_START - timedelta(hours=24) - START)  # silent for over a day
    await _dispatcher(engine, whatsapp=channel).run_once()
    template = fake_graph.messages_to(SITI)[-1]
    assert template["type"] == "template"
    assert template["template"]["name"] == "okoce_pengingat"
    parameters = [p["text"] for p in template["template"]["components"][0]["parameters"]]
    assert (
        parameters[0].startswith("Klinik konsultasi") and "Kantor Kecamatan Tebet" in parameters[2]
    )

    [wamid] = await _sent_ids(engine.db)
    await siti.deliver(payloads.status_update(wamid, "delivered", SITI))
    async with engine.db.transaction() as session:
        row = (await session.scalars(select(OutboxMessage))).one()
    assert row.status == "sent" and row.delivery_status == "delivered"


async def test_without_a_template_the_reminder_goes_to_the_other_channel_or_is_recorded(
    siti: WhatsAppPerson,
    engine: ConversationEngine,
    graph_client: GraphClient,
    fake_graph: FakeGraphAPI,
    clock: ManualClock,
) -> None:
    untemplated = WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=DatabaseInbox(engine.db, engine.clock, "whatsapp"),
    )
    await siti.registers()
    member_id = await _member_id(engine.db)
    await _book_a_session(engine.db, member_id)
    clock.advance(SESSION_START - timedelta(hours=24) - START)
    sent_before = len(fake_graph.messages_to(SITI))
    await _dispatcher(engine, whatsapp=untemplated).run_once()
    assert len(fake_graph.messages_to(SITI)) == sent_before
    async with engine.db.transaction() as session:
        row = (await session.scalars(select(OutboxMessage))).one()
    assert row.status == "undeliverable"
    assert row.last_error is not None and "24-hour window" in row.last_error


async def test_a_131047_from_whatsapp_falls_back_to_the_template(
    siti: WhatsAppPerson,
    engine: ConversationEngine,
    channel: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
    clock: ManualClock,
) -> None:
    await siti.registers()
    await _book_a_session(engine.db, await _member_id(engine.db))
    clock.advance(SESSION_START - timedelta(hours=24) - START)
    await siti.says("halo")
    fake_graph.fail_next(131047, message="Re-engagement message")
    await _dispatcher(engine, whatsapp=channel).run_once()
    assert fake_graph.messages_to(SITI)[-1]["type"] == "template"


async def test_booking_over_whatsapp_sends_the_calendar_file(
    siti: WhatsAppPerson, engine: ConversationEngine, fake_graph: FakeGraphAPI
) -> None:
    await siti.registers()
    await add_session(engine.db, SESSION_START, now=START, kind="training", topic="P5")
    await siti.says("jadwal")
    await siti.presses("Semua topik")
    await siti.presses("1.")
    await siti.presses("Pesan tempat")
    assert "Tempat Anda sudah dipesan" in siti.text
    document = next(m for m in siti.last if m["type"] == "document")
    assert document["document"]["filename"].endswith(".ics")
    uploads = fake_graph.requests_to("/media", method="POST")
    assert uploads, "the calendar file was uploaded through the Graph API"


async def _sent_ids(db: Database) -> list[str]:
    async with db.transaction() as session:
        rows = await session.scalars(select(OutboxMessage.external_id))
        return [r for r in rows if r]
