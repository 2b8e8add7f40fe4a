"""A member who asks to be forgotten takes their "Tanya penjual" conversations with them:
as a seller or as a buyer, with their words in the outbox rows to the other side."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import OutboxMessage, ProductInquiry
from conversations.engine import ConversationEngine
from tests.catalog_factories import add_listing
from tests.test_privacy.test_delete_my_data import leftovers
from tests.test_products.chat_shop import Outbox, chat_member
from tests.transcript import START, Person, make_engine

SELLER_CHAT = "siti-chat-77"
BUYER_CHAT = "budi-chat-88"
PHONE_FORMS = ("+6281234567890", "6281234567890", "081234567890", "0812-3456-7890")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def engine(database: Database, clock: ManualClock) -> ConversationEngine:
    return make_engine(database, clock=clock)


async def _forgets_me(person: Person) -> None:
    await person.says("menu")
    await person.presses("Profil saya")
    await person.presses("Hapus data saya")
    await person.presses("Ya, hapus")
    assert "sudah dihapus" in person.text


async def _conversation(engine: ConversationEngine, clock: ManualClock) -> tuple[Person, Person]:
    """Siti sells; Budi (a guest) asks twice; Siti answers; one message waits unsent."""
    siti = Person(engine, SELLER_CHAT)
    await siti.registers(name="Siti Aminah", phone="0812-3456-7890", business="Dapur Bu Siti")
    listing_id = await add_listing(engine.db, await chat_member(engine.db, siti), now=START)
    outbox = Outbox(engine, clock)
    budi = Person(engine, BUYER_CHAT)
    await budi.send(budi.event(choice=f"@inquire:{listing_id}"))
    await budi.says("Pertanyaan rahasia Budi: bisa kirim ke Jalan Melati 5?")
    await outbox.deliver(siti)
    await siti.presses("Balas")
    await siti.says("Jawaban Siti: bisa, saya di Gang Mawar 9.")
    await outbox.deliver(budi)
    await budi.says("Pesan Budi yang belum terkirim")  # still pending in the outbox
    return siti, budi


async def test_a_forgotten_seller_leaves_no_conversation_behind(
    engine: ConversationEngine, clock: ManualClock
) -> None:
    siti, budi = await _conversation(engine, clock)
    needles = ["Siti Aminah", "Gang Mawar", "Jalan Melati", "belum terkirim", SELLER_CHAT]
    needles += PHONE_FORMS
    assert any(
        found.startswith("outbox_messages.payload") for found in await leftovers(engine.db, needles)
    )

    await _forgets_me(siti)

    assert await leftovers(engine.db, needles) == []
    async with engine.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ProductInquiry)) == 0
    await budi.says("Halo kak?")  # Budi was still in the relay
    assert "sudah tidak ada" in budi.text


async def test_a_forgotten_buyer_takes_their_questions_from_the_sellers_outbox_too(
    engine: ConversationEngine, clock: ManualClock
) -> None:
    siti = Person(engine, SELLER_CHAT)
    await siti.registers(name="Siti Aminah", phone="0812-3456-7890", business="Dapur Bu Siti")
    listing_id = await add_listing(engine.db, await chat_member(engine.db, siti), now=START)
    budi = Person(engine, BUYER_CHAT)
    await budi.registers(name="Budi Santoso", phone="0813-0000-1111", business=None)
    await budi.send(budi.event(choice=f"@inquire:{listing_id}"))
    await budi.says("Pertanyaan rahasia Budi: bisa kirim ke Jalan Melati 5?")
    await Outbox(engine, clock).deliver(siti)
    await budi.says("Pesan Budi yang belum terkirim")

    await _forgets_me(budi)

    needles = ["Budi Santoso", "Jalan Melati", "belum terkirim", BUYER_CHAT, "0813-0000-1111"]
    assert await leftovers(engine.db, needles) == []
    async with engine.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ProductInquiry)) == 0
        kinds = set(await session.scalars(select(OutboxMessage.kind)))
    assert not kinds & {"inquiry_for_seller", "inquiry_for_buyer"}
    await siti.send(siti.event(choice="@inquiry_reply:1"))
    assert "sudah tidak ada" in siti.text
