"""Buyers ask sellers about a listing ("Tanya penjual"), and the two talk through the bot.

An inquiry joins a buyer's chat (a guest or a member, any channel) and a listing's
seller. Each message goes to the other side as an outbox row (the only place its text
is kept); neither side learns the other's phone number or platform id. Either side
ends it, or it idles out after `IDLE_AFTER` without a message. Once a message is sent,
housekeeping drops its text from the row (`forget_sent_texts`). A buyer opens at most
`per_hour` inquiries an hour (their own message to an inquiry still open does not
count), and each new inquiry is a lead on the listing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.chat_identity import ChatIdentity, parse_identity
from bot.models import Listing, OutboxMessage, ProductInquiry
from bot.services import outbox
from bot.services.catalog.counters import record_lead
from bot.services.catalog.outcomes import NotAllowed, NotFound
from bot.vocabulary import (
    INQUIRY_KINDS,
    InquirySide,
    InquiryStatus,
    ListingStatus,
    OutboxKind,
    OutboxStatus,
)

IDLE_AFTER = timedelta(days=3)
"""A seller may answer the next day or the one after; three quiet days end the inquiry."""
RATE_WINDOW = timedelta(hours=1)
DEDUPE_PREFIX = "inquiry"
"""Outbox rows of an inquiry are keyed `inquiry:<id>:<n>:<opened>`, so erasure finds them."""


@dataclass(frozen=True)
class Buyer:
    """Who asks: the chat the question comes from, and the member it belongs to, if any."""

    chat: ChatIdentity
    member_id: int | None


@dataclass(frozen=True)
class InquiryOpened:
    """The question went to the seller; `continued` when it joined an inquiry still open."""

    inquiry: ProductInquiry
    continued: bool


@dataclass(frozen=True)
class TooManyInquiries:
    """The buyer opened `per_hour` inquiries within the last hour; they may ask at `retry_at`."""

    retry_at: datetime


@dataclass(frozen=True)
class OwnListing:
    """A seller asking about their own product."""


@dataclass(frozen=True)
class Relayed:
    """The message is on its way to the other side."""

    inquiry: ProductInquiry


@dataclass(frozen=True)
class InquiryOver:
    """The inquiry was ended (by either side) or idled out; nothing more goes through."""


@dataclass(frozen=True)
class Ended:
    """This side ended the inquiry; the other side is told."""


def _message_key(inquiry: ProductInquiry) -> str:
    """Unique per message; the opening time keeps a reused id (SQLite) from colliding."""
    opened = int(inquiry.opened_at.timestamp())
    return f"{DEDUPE_PREFIX}:{inquiry.id}:{inquiry.messages}:{opened}"


def side_of(
    inquiry: ProductInquiry, chat: ChatIdentity, member_id: int | None
) -> InquirySide | None:
    """Which side of `inquiry` this chat (of this member) is on, or None for a stranger."""
    if member_id is not None and member_id == inquiry.seller_member_id:
        return InquirySide.SELLER
    if (chat.channel, chat.external_id) == (inquiry.buyer_channel, inquiry.buyer_external_id):
        return InquirySide.BUYER
    if member_id is not None and member_id == inquiry.buyer_member_id:
        return InquirySide.BUYER
    return None


def is_open(inquiry: ProductInquiry, now: datetime) -> bool:
    """Open, and not idle for longer than `IDLE_AFTER`."""
    return inquiry.status == InquiryStatus.OPEN and now - inquiry.last_message_at <= IDLE_AFTER


async def open_inquiry(
    session: AsyncSession,
    listing_id: int,
    buyer: Buyer,
    question: str,
    *,
    now: datetime,
    per_hour: int,
) -> InquiryOpened | TooManyInquiries | OwnListing | NotFound:
    """Send a buyer's question to the seller of a public listing.

    An inquiry of this buyer about this listing that is still open takes the question
    as its next message; otherwise a new one is opened (within the hourly limit), and
    counted as a lead.
    """
    listing = await session.get(Listing, listing_id)
    if listing is None or not listing.status.is_public:
        return NotFound()
    if buyer.member_id == listing.seller_member_id:
        return OwnListing()
    current = await _open_for(session, listing_id, buyer, now)
    if current is not None:
        await _relay(session, current, InquirySide.BUYER, question, now=now)
        return InquiryOpened(current, continued=True)
    refusal = await refused_until(session, listing_id, buyer, now=now, per_hour=per_hour)
    if refusal is not None:
        return refusal
    inquiry = ProductInquiry(
        listing_id=listing.id,
        seller_member_id=listing.seller_member_id,
        buyer_member_id=buyer.member_id,
        buyer_channel=buyer.chat.channel,
        buyer_external_id=buyer.chat.external_id,
        status=InquiryStatus.OPEN,
        opened_at=now,
        last_message_at=now,
        messages=0,
    )
    session.add(inquiry)
    await session.flush()
    await record_lead(session, listing.id, now=now)
    await _relay(session, inquiry, InquirySide.BUYER, question, now=now)
    return InquiryOpened(inquiry, continued=False)


async def refused_until(
    session: AsyncSession, listing_id: int, buyer: Buyer, *, now: datetime, per_hour: int
) -> TooManyInquiries | None:
    """Why this buyer may not ask about this listing now (over the limit), or None.

    Asked before the buyer types their question, so they are not made to write it in vain.
    """
    if await _open_for(session, listing_id, buyer, now) is not None:
        return None
    recent = await _opened_since(session, buyer, now - RATE_WINDOW)
    if len(recent) >= per_hour:
        return TooManyInquiries(retry_at=recent[-per_hour] + RATE_WINDOW)
    return None


async def participant_inquiry(
    session: AsyncSession, inquiry_id: int, chat: ChatIdentity, member_id: int | None
) -> tuple[ProductInquiry, InquirySide] | NotAllowed | NotFound:
    """The inquiry and this chat's side in it; strangers are `NotAllowed`."""
    inquiry = await session.get(ProductInquiry, inquiry_id)
    if inquiry is None:
        return NotFound()
    side = side_of(inquiry, chat, member_id)
    if side is None:
        return NotAllowed()
    return inquiry, side


async def send_message(
    session: AsyncSession,
    inquiry_id: int,
    chat: ChatIdentity,
    member_id: int | None,
    text: str,
    *,
    now: datetime,
) -> Relayed | InquiryOver | NotAllowed | NotFound:
    """Pass one side's message to the other, while the inquiry is open."""
    found = await participant_inquiry(session, inquiry_id, chat, member_id)
    if isinstance(found, NotAllowed | NotFound):
        return found
    inquiry, side = found
    if not await _still_open(session, inquiry, now):
        return InquiryOver()
    await _relay(session, inquiry, side, text, now=now)
    return Relayed(inquiry)


async def end_inquiry(
    session: AsyncSession,
    inquiry_id: int,
    chat: ChatIdentity,
    member_id: int | None,
    *,
    now: datetime,
) -> Ended | InquiryOver | NotAllowed | NotFound:
    """End the conversation from one side; the other side is told it is over."""
    found = await participant_inquiry(session, inquiry_id, chat, member_id)
    if isinstance(found, NotAllowed | NotFound):
        return found
    inquiry, side = found
    if not await _still_open(session, inquiry, now):
        return InquiryOver()
    inquiry.status = InquiryStatus.CLOSED
    inquiry.closed_at = now
    inquiry.messages += 1
    await _enqueue_to_other_side(
        session, inquiry, side, OutboxKind.INQUIRY_ENDED, {"by": side.value}, now=now
    )
    return Ended()


async def inquiry_counts(session: AsyncSession, listing_ids: Collection[int]) -> dict[int, int]:
    """Inquiries ever opened per listing (listings without any are left out)."""
    if not listing_ids:
        return {}
    rows = await session.execute(
        select(ProductInquiry.listing_id, func.count())
        .where(ProductInquiry.listing_id.in_(listing_ids))
        .group_by(ProductInquiry.listing_id)
    )
    return {listing_id: int(count) for listing_id, count in rows}


async def forget_person(session: AsyncSession, member_id: int, identities: Collection[str]) -> int:
    """Delete the inquiries a forgotten member took part in, as seller or buyer (also as a
    guest, from one of their chats `identities`), with every outbox row carrying their
    messages either way; returns how many inquiries went."""
    chats = [chat for chat in map(parse_identity, identities) if chat is not None]
    theirs = or_(
        ProductInquiry.seller_member_id == member_id,
        ProductInquiry.buyer_member_id == member_id,
        *(
            and_(
                ProductInquiry.buyer_channel == chat.channel,
                ProductInquiry.buyer_external_id == chat.external_id,
            )
            for chat in chats
        ),
    )
    ids = list(await session.scalars(select(ProductInquiry.id).where(theirs)))
    if not ids:
        return 0
    await session.execute(
        delete(OutboxMessage)
        .where(
            OutboxMessage.kind.in_(INQUIRY_KINDS),
            or_(*(OutboxMessage.dedupe_key.like(f"{DEDUPE_PREFIX}:{i}:%") for i in ids)),
        )
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        delete(ProductInquiry)
        .where(ProductInquiry.id.in_(ids))
        .execution_options(synchronize_session="fetch")
    )
    return len(ids)


async def forget_sent_texts(session: AsyncSession, *, limit: int = 500) -> int:
    """Drop the text of relayed messages already sent (or given up): their row has done its
    job, and nothing else keeps a copy. Returns how many rows were emptied."""
    rows = await session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.kind.in_(INQUIRY_KINDS),
            OutboxMessage.status != OutboxStatus.PENDING,
            OutboxMessage.payload["text"].as_string().is_not(None),
        )
        .limit(limit)
    )
    emptied = 0
    for message in rows:
        message.payload = {key: v for key, v in message.payload.items() if key != "text"}
        emptied += 1
    return emptied


async def _open_for(
    session: AsyncSession, listing_id: int, buyer: Buyer, now: datetime
) -> ProductInquiry | None:
    """This buyer's inquiry about this listing that is still open, if any."""
    found = await session.scalars(
        select(ProductInquiry)
        .where(
            ProductInquiry.listing_id == listing_id,
            ProductInquiry.status == InquiryStatus.OPEN,
            _asked_by(buyer),
        )
        .order_by(ProductInquiry.id.desc())
    )
    for inquiry in found:
        if await _still_open(session, inquiry, now):
            return inquiry
    return None


async def _opened_since(session: AsyncSession, buyer: Buyer, since: datetime) -> list[datetime]:
    """When this buyer opened inquiries from `since` on, oldest first."""
    rows = await session.scalars(
        select(ProductInquiry.opened_at)
        .where(_asked_by(buyer), ProductInquiry.opened_at >= since)
        .order_by(ProductInquiry.opened_at)
    )
    return list(rows)


def _asked_by(buyer: Buyer) -> ColumnElement[bool]:
    """The inquiries of this buyer: from this chat, or by this member from any chat."""
    from_chat = and_(
        ProductInquiry.buyer_channel == buyer.chat.channel,
        ProductInquiry.buyer_external_id == buyer.chat.external_id,
    )
    if buyer.member_id is None:
        return from_chat
    return or_(from_chat, ProductInquiry.buyer_member_id == buyer.member_id)


async def _still_open(session: AsyncSession, inquiry: ProductInquiry, now: datetime) -> bool:
    """Whether messages may still pass; an idle inquiry, or one whose listing went, is closed."""
    if inquiry.status != InquiryStatus.OPEN:
        return False
    listing = await session.get(Listing, inquiry.listing_id)
    gone = listing is None or listing.status == ListingStatus.DELETED
    if is_open(inquiry, now) and not gone:
        return True
    inquiry.status = InquiryStatus.CLOSED
    inquiry.closed_at = now
    return False


async def _relay(
    session: AsyncSession, inquiry: ProductInquiry, side: InquirySide, text: str, *, now: datetime
) -> None:
    """Queue one message from `side` to the other side."""
    inquiry.messages += 1
    inquiry.last_message_at = now
    kind = (
        OutboxKind.INQUIRY_FOR_SELLER if side == InquirySide.BUYER else OutboxKind.INQUIRY_FOR_BUYER
    )
    payload = {"text": text, "opening": inquiry.messages == 1}
    await _enqueue_to_other_side(session, inquiry, side, kind, payload, now=now)


async def _enqueue_to_other_side(
    session: AsyncSession,
    inquiry: ProductInquiry,
    side: InquirySide,
    kind: OutboxKind,
    payload: dict[str, object],
    *,
    now: datetime,
) -> None:
    """The seller gets it as a member (their chats); the buyer in the chat they asked from."""
    to_buyer = side == InquirySide.SELLER
    await outbox.enqueue(
        session,
        member_id=None if to_buyer else inquiry.seller_member_id,
        chat=ChatIdentity(inquiry.buyer_channel, inquiry.buyer_external_id) if to_buyer else None,
        kind=kind,
        payload={"inquiry_id": inquiry.id, **payload},
        due_at=now,
        dedupe_key=_message_key(inquiry),
        now=now,
    )
