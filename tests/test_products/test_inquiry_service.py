"""The inquiry service on its own: who may ask how often, who is on which side, idling."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.chat_identity import ChatIdentity
from bot.clock import ManualClock
from bot.db import Database
from bot.models import OutboxMessage
from bot.services import catalog
from bot.services.catalog import inquiries
from bot.vocabulary import InquirySide, OutboxKind, OutboxStatus
from tests.catalog_factories import add_listing, add_seller
from tests.factories import NOW, add_members
from wiring.housekeeping import Housekeeper

GUEST = inquiries.Buyer(ChatIdentity("telegram", "4242"), member_id=None)


async def _listings(database: Database, count: int) -> list[int]:
    seller = await add_seller(database, 7)
    return [await add_listing(database, seller, photo_offset=100 + 10 * n) for n in range(count)]


async def _open(
    database: Database, listing_id: int, buyer: inquiries.Buyer, minutes: int = 0
) -> object:
    async with database.transaction() as session:
        return await inquiries.open_inquiry(
            session,
            listing_id,
            buyer,
            "Masih ada?",
            now=NOW + timedelta(minutes=minutes),
            per_hour=3,
        )


async def test_the_hourly_limit_counts_a_member_on_every_channel_and_says_when(
    database: Database,
) -> None:
    [member_id] = await add_members(database, 1)
    listing_ids = await _listings(database, 4)
    on_telegram = inquiries.Buyer(ChatIdentity("telegram", "1"), member_id)
    on_whatsapp = inquiries.Buyer(ChatIdentity("whatsapp", "6281"), member_id)
    for n, buyer in enumerate([on_telegram, on_whatsapp, on_telegram]):
        assert isinstance(
            await _open(database, listing_ids[n], buyer, minutes=n * 5), inquiries.InquiryOpened
        )
    refused = await _open(database, listing_ids[3], on_whatsapp, minutes=20)
    assert refused == inquiries.TooManyInquiries(retry_at=NOW + timedelta(hours=1))
    assert isinstance(
        await _open(database, listing_ids[3], GUEST, minutes=20), inquiries.InquiryOpened
    )
    later = await _open(database, listing_ids[3], on_whatsapp, minutes=61)
    assert isinstance(later, inquiries.InquiryOpened) and not later.continued


async def test_sides_are_told_apart_and_strangers_are_not_let_in(database: Database) -> None:
    [listing_id] = await _listings(database, 1)
    opened = await _open(database, listing_id, GUEST)
    assert isinstance(opened, inquiries.InquiryOpened)
    inquiry = opened.inquiry
    assert inquiries.side_of(inquiry, GUEST.chat, None) == InquirySide.BUYER
    assert (
        inquiries.side_of(inquiry, ChatIdentity("whatsapp", "x"), inquiry.seller_member_id)
        == InquirySide.SELLER
    )
    assert inquiries.side_of(inquiry, ChatIdentity("telegram", "4243"), None) is None
    async with database.transaction() as session:
        outcome = await inquiries.send_message(
            session, inquiry.id, ChatIdentity("telegram", "4243"), None, "hai", now=NOW
        )
    assert isinstance(outcome, catalog.NotAllowed)


async def test_an_inquiry_about_a_product_taken_down_is_over(database: Database) -> None:
    [listing_id] = await _listings(database, 1)
    opened = await _open(database, listing_id, GUEST)
    assert isinstance(opened, inquiries.InquiryOpened)
    async with database.transaction() as session:
        seller_id = opened.inquiry.seller_member_id
        assert isinstance(
            await catalog.delete_listing(session, listing_id, seller_id, now=NOW), catalog.Changed
        )
    async with database.transaction() as session:
        outcome = await inquiries.send_message(
            session, opened.inquiry.id, GUEST.chat, None, "halo", now=NOW
        )
    assert isinstance(outcome, inquiries.InquiryOver)


async def test_sent_texts_are_dropped_and_pending_ones_kept(database: Database) -> None:
    [listing_id] = await _listings(database, 1)
    await _open(database, listing_id, GUEST)
    await _open(database, listing_id, GUEST, minutes=1)  # the same inquiry, a second message
    async with database.transaction() as session:
        first, second = (
            await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        ).all()
        assert first.kind == OutboxKind.INQUIRY_FOR_SELLER and first.payload["opening"] is True
        first.status = OutboxStatus.SENT
    async with database.transaction() as session:
        assert await inquiries.forget_sent_texts(session) == 1
    async with database.transaction() as session:
        first, second = (
            await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        ).all()
        assert "text" not in first.payload and second.payload["text"] == "Masih ada?"
        assert await inquiries.forget_sent_texts(session) == 0
        assert await inquiries.inquiry_counts(session, [listing_id, 999]) == {listing_id: 1}


async def test_housekeeping_empties_sent_inquiry_rows(database: Database) -> None:
    [listing_id] = await _listings(database, 1)
    await _open(database, listing_id, GUEST)
    async with database.transaction() as session:
        [row] = (await session.scalars(select(OutboxMessage))).all()
        row.status = OutboxStatus.SENT
    keeper = Housekeeper(database, ManualClock(NOW), retention=timedelta(days=7))
    await keeper.run_once()
    async with database.transaction() as session:
        [row] = (await session.scalars(select(OutboxMessage))).all()
        assert "text" not in row.payload and row.payload["inquiry_id"] == 1
