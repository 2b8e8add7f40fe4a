"""Laporkan from a chat card: a reason, once per chat; three people send it back to review."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Listing, ListingReport, OutboxMessage
from bot.photo_store import DirectoryPhotoStore
from bot.vocabulary import ListingStatus, OutboxKind
from conversations.engine import ConversationEngine
from tests.showcase_shop import Shop, stock_shop
from tests.transcript import Person, make_engine


@pytest.fixture
def store(tmp_path: Path) -> DirectoryPhotoStore:
    return DirectoryPhotoStore(tmp_path / "photos")


@pytest.fixture
def engine(database: Database, store: DirectoryPhotoStore) -> ConversationEngine:
    return make_engine(database, photos=store)


@pytest.fixture
async def shop(database: Database, store: DirectoryPhotoStore) -> Shop:
    return await stock_shop(database, store)


async def _reports(person: Person, reason: str) -> None:
    """Find the kerupuk, press "Laporkan" on its card, and give a reason."""
    await person.says("cari kerupuk")
    await person.presses("Laporkan")
    assert "Kenapa Kerupuk Udang dilaporkan?" in person.text
    await person.presses(reason)


async def test_a_report_is_recorded_with_its_reason_and_the_buyer_is_back_at_the_results(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await _reports(buyer, "Info atau harga salah")
    assert "laporan Anda kami terima" in buyer.text
    assert "Halaman 1" in buyer.question  # back where the report was made from
    async with engine.db.transaction() as session:
        [report] = (await session.scalars(select(ListingReport))).all()
    assert report.reason == "wrong_info" and report.reporter == "chat:test:buyer"


async def test_the_same_chat_reporting_twice_is_thanked_not_counted_again(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await _reports(buyer, "Penipuan")
    await buyer.says("menu")
    await _reports(buyer, "Tidak pantas")
    assert "Anda sudah melaporkan produk ini" in buyer.text
    async with engine.db.transaction() as session:
        assert len((await session.scalars(select(ListingReport))).all()) == 1


async def test_three_reporters_send_the_product_back_to_review(
    engine: ConversationEngine, shop: Shop
) -> None:
    for n in range(3):
        await _reports(Person(engine, f"buyer{n}"), "Penipuan")
    listing_id = shop.ids["Kerupuk Udang"]
    async with engine.db.transaction() as session:
        listing = await session.get(Listing, listing_id)
        assert listing is not None and listing.status == ListingStatus.PENDING_REVIEW
        kinds = set(await session.scalars(select(OutboxMessage.kind)))
    assert OutboxKind.LISTING_HIDDEN_FOR_REVIEW in kinds
    late = Person(engine, "buyer3")
    await late.says("cari kerupuk")
    assert "Belum ada produk yang cocok" in late.text


async def test_changing_ones_mind_reports_nothing(engine: ConversationEngine, shop: Shop) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari kerupuk")
    await buyer.presses("Laporkan")
    await buyer.says("tidak jadi")
    assert "tidak jadi melapor" in buyer.text
    async with engine.db.transaction() as session:
        assert (await session.scalars(select(ListingReport))).all() == []


async def test_a_report_from_the_product_step_typed_works_too(
    engine: ConversationEngine, shop: Shop
) -> None:
    buyer = Person(engine, "buyer")
    await buyer.says("cari kerupuk")
    await buyer.says("1")
    await buyer.says("laporkan")
    await buyer.says("1")  # the first reason: Penipuan
    assert "laporan Anda kami terima" in buyer.text
    assert "Mau tanya penjual soal produk ini?" in buyer.question
