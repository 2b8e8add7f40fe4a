"""What WhatsApp delivered and we acknowledged survives a crash, and is answered once."""

from sqlalchemy import func, select

from bot.db import Database
from bot.inbox import DatabaseInbox
from bot.models import InboundDelivery
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.fakes import whatsapp_payloads as payloads
from tests.fakes.graph_api import FakeGraphAPI
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN

SITI = "6281234567890"


def _channel(engine: ConversationEngine, client: GraphClient) -> WhatsAppChannel:
    return WhatsAppChannel(
        engine,
        client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=DatabaseInbox(engine.db, engine.clock, "whatsapp"),
    )


async def _unprocessed(db: Database) -> int:
    async with db.transaction() as session:
        query = (
            select(func.count())
            .select_from(InboundDelivery)
            .where(InboundDelivery.processed_at.is_(None))
        )
        return int(await session.scalar(query) or 0)


async def test_an_acknowledged_delivery_is_processed_after_a_crash(
    engine: ConversationEngine, graph_client: GraphClient, fake_graph: FakeGraphAPI
) -> None:
    inbox = DatabaseInbox(engine.db, engine.clock, "whatsapp")
    await inbox.record(payloads.encode(payloads.text_message(SITI, "halo")))  # acked, then crash
    assert fake_graph.messages_to(SITI) == []

    restarted = _channel(engine, graph_client)
    assert await restarted.recover() == 1
    await restarted.close()
    assert "OK OCE" in " ".join(str(m) for m in fake_graph.messages_to(SITI))
    assert await _unprocessed(engine.db) == 0


async def test_a_delivery_handled_but_not_marked_done_is_not_answered_twice(
    engine: ConversationEngine, graph_client: GraphClient, fake_graph: FakeGraphAPI
) -> None:
    raw = payloads.encode(payloads.text_message(SITI, "halo"))
    inbox = DatabaseInbox(engine.db, engine.clock, "whatsapp")
    await inbox.record(raw)
    first = _channel(engine, graph_client)
    await first.handle_delivery(raw)  # answered, then the process died before `done`
    answered = len(fake_graph.messages_to(SITI))

    restarted = _channel(engine, graph_client)
    await restarted.recover()
    await restarted.close()
    assert len(fake_graph.messages_to(SITI)) == answered
    assert await _unprocessed(engine.db) == 0
