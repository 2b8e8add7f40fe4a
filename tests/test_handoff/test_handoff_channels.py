"""Tanya petugas end to end: a member asks on WhatsApp (signed webhook, fake Graph API), the
coordinator of her kecamatan answers on Telegram (the PTB stack, fake Bot API), and the
dispatcher delivers the notice, the answer (once) and the reminders of an overdue question."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.clock import ManualClock
from bot.content_files import PHONE_SCREEN_LINES, phone_lines
from bot.db import Database
from conversations.engine import ConversationEngine
from handlers.telegram import TelegramChannel
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.fakes.graph_api import FakeGraphAPI, readable
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_api import fake_telegram as fake_telegram
from tests.telegram_people import TelegramPerson, channel_on_fake
from tests.test_handoff.staff import TEBET, make_coordinator, questions
from tests.test_whatsapp.conftest import graph_client as graph_client
from tests.test_whatsapp.whatsapp_people import WhatsAppPerson
from tests.transcript import START, Person, make_engine
from tests.whatsapp_webhook import webhook_client
from tests.wired import open_to_whatsapp, unpaced_dispatcher, whatsapp_channel
from wiring.dispatcher import OutboxDispatcher

SITI = "6281234567890"
COORDINATOR = 5551201
ADMIN = 5559999
QUESTION = "apakah boleh jualan di car free day sudirman"
ANSWER = "Boleh di area UMKM yang disediakan panitia. Daftar dulu ke kelurahan, ya."
ANSWER_TEMPLATE = {"handoff_answer": {"name": "okoce_jawaban", "language": "id"}}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)  # Monday 23 Nov 2026, 09.00 in Jakarta


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    engine = make_engine(database, admins=[f"telegram:{ADMIN}"], clock=clock)
    open_to_whatsapp(engine, ANSWER_TEMPLATE)
    return engine


@pytest.fixture
def whatsapp(engine: ConversationEngine, graph_client: GraphClient) -> WhatsAppChannel:
    return whatsapp_channel(engine, graph_client)


@pytest.fixture
async def webhook(
    whatsapp: WhatsAppChannel,
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    async with webhook_client(whatsapp) as client:
        yield client


@pytest.fixture
async def telegram(
    engine: ConversationEngine, fake_telegram: FakeTelegramAPI
) -> AsyncIterator[TelegramChannel]:
    channel = channel_on_fake(engine, fake_telegram)
    await channel.application.initialize()
    yield channel
    await channel.application.shutdown()


@pytest.fixture
def dispatcher(
    engine: ConversationEngine, whatsapp: WhatsAppChannel, telegram: TelegramChannel
) -> OutboxDispatcher:
    return unpaced_dispatcher(engine, {"whatsapp": whatsapp, "telegram": telegram})


@pytest.fixture
async def siti(
    webhook: TestClient[web.Request, web.Application],
    whatsapp: WhatsAppChannel,
    fake_graph: FakeGraphAPI,
) -> WhatsAppPerson:
    """A member in Tebet, registered on WhatsApp."""
    person = WhatsAppPerson(webhook, whatsapp, fake_graph, SITI)
    await person.registers()
    return person


@pytest.fixture
async def coordinator(
    telegram: TelegramChannel, fake_telegram: FakeTelegramAPI, engine: ConversationEngine
) -> TelegramPerson:
    """Pak Budi, coordinator of Tebet, on Telegram."""
    budi = TelegramPerson(telegram, fake_telegram, COORDINATOR)
    await budi.says("/daftar")
    await budi.presses("Setuju")
    for answer in ("Budi Santoso", "081298765432", "tebet", "Manggarai"):
        await budi.says(answer)
    await budi.presses("Masih ide")
    await budi.presses("Jasa")
    await budi.presses("Simpan")
    await make_coordinator(engine.db, Person(engine, str(COORDINATOR), "telegram"), TEBET)
    return budi


async def _siti_asks(siti: WhatsAppPerson) -> None:
    await siti.says("mau bicara dengan petugas")
    assert "Tulis pertanyaan Anda untuk petugas" in siti.text
    await siti.says(QUESTION)
    assert f"«{QUESTION}»" in siti.text
    await siti.presses("Kirim ke petugas")
    assert "dikirim ke koordinator OK OCE Tebet" in siti.text
    assert "paling lambat Rab, 25 Nov 2026 09.00 WIB" in siti.text


def _answers_to(fake_graph: FakeGraphAPI) -> list[dict[str, object]]:
    return [m for m in fake_graph.messages_to(SITI) if ANSWER in str(m)]


async def test_asked_on_whatsapp_answered_on_telegram_delivered_once(
    siti: WhatsAppPerson,
    coordinator: TelegramPerson,
    dispatcher: OutboxDispatcher,
    fake_graph: FakeGraphAPI,
    fake_telegram: FakeTelegramAPI,
) -> None:
    await _siti_asks(siti)

    await dispatcher.run_once()  # the coordinator is told at once, with a button to answer
    notice = fake_telegram.messages_to(COORDINATOR)[-1].params
    assert "Pertanyaan baru dari warga (Tebet)" in notice["text"]
    assert QUESTION in notice["text"]
    assert phone_lines(notice["text"]) <= PHONE_SCREEN_LINES

    await coordinator.presses("Jawab")
    card, context = coordinator.last[0].params["text"], coordinator.last[-1].params["text"]
    assert "Dari: Siti Aminah (OK-317401-000001)" in card
    assert "7 PAS selesai: P1" in context and "Jadwal: belum ada" in context
    await coordinator.says(ANSWER)
    await coordinator.presses("Kirim")
    assert "Jawaban terkirim" in coordinator.text

    await dispatcher.run_once()
    await dispatcher.run_once()  # nothing is sent twice
    [answer] = _answers_to(fake_graph)
    shown = readable(answer)
    assert shown.startswith(f"💬 Jawaban petugas OK OCE:\n«{QUESTION}»")
    assert "[💬 Tanya lagi]" in shown
    assert phone_lines(answer["interactive"]["body"]["text"]) <= PHONE_SCREEN_LINES  # type: ignore[index]

    [question] = await questions(siti.channel.engine.db)
    assert question.answered_by == f"telegram:{COORDINATOR}"
    assert question.answered_at == START


async def test_an_overdue_question_reminds_the_coordinator_then_an_admin(
    siti: WhatsAppPerson,
    coordinator: TelegramPerson,
    dispatcher: OutboxDispatcher,
    fake_graph: FakeGraphAPI,
    fake_telegram: FakeTelegramAPI,
    clock: ManualClock,
) -> None:
    await _siti_asks(siti)
    await dispatcher.run_once()
    told = len(fake_telegram.messages_to(COORDINATOR))

    clock.advance(timedelta(days=2) - timedelta(minutes=1))  # Wednesday 08.59: not yet due
    await dispatcher.run_once()
    assert len(fake_telegram.messages_to(COORDINATOR)) == told
    assert fake_telegram.messages_to(ADMIN) == []

    clock.advance(timedelta(minutes=1))  # Wednesday 09.00: the promise is up
    await dispatcher.run_once()
    reminder = fake_telegram.messages_to(COORDINATOR)[-1].params["text"]
    assert reminder.startswith("⏰ Pertanyaan warga (Tebet) belum dijawab")
    assert fake_telegram.messages_to(ADMIN) == []

    clock.advance(timedelta(days=1))  # a working day later, an admin hears of it
    await dispatcher.run_once()
    [escalated] = fake_telegram.messages_to(ADMIN)
    assert escalated.params["text"].startswith("⏰ Pertanyaan warga (Tebet) belum dijawab")
    assert "Jawab" in str(escalated.params["reply_markup"])

    # Siti has been silent for three days: the answer goes as the approved template.
    await coordinator.presses("Jawab")
    await coordinator.says(ANSWER)
    await coordinator.presses("Kirim")
    await dispatcher.run_once()
    template = fake_graph.messages_to(SITI)[-1]
    assert template["type"] == "template"
    assert template["template"]["name"] == "okoce_jawaban"
    parameters = [p["text"] for p in template["template"]["components"][0]["parameters"]]
    assert parameters == [QUESTION, ANSWER]
