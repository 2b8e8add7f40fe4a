"""Sellers who chat with the bot, their products, and the outbox delivered to test chats."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select

from bot.clock import ManualClock
from bot.db import Database
from bot.models import ChannelAccount, Member
from bot.photo_store import PhotoStore
from bot.services import catalog
from conversations.engine import ConversationEngine
from tests.catalog_factories import add_listing, draft
from tests.showcase_shop import product_photo
from tests.test_outbox.recording import RecordingSender, make_dispatcher
from tests.transcript import Person

SELLER_PHONE = "0812-3456-7890"
SELLER_E164 = "+6281234567890"


async def chat_member(db: Database, person: Person) -> Member:
    """The member a test chat registered as."""
    async with db.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(
                    ChannelAccount.channel == person.channel,
                    ChannelAccount.external_id == person.user_id,
                )
            )
        ).one()
        assert account.member_id is not None
        member = await session.get(Member, account.member_id)
        assert member is not None
        return member


async def seller_with_product(
    engine: ConversationEngine, user_id: str = "seller", **listing: Any
) -> tuple[Person, int]:
    """A member who registered in chat (business "Dapur Bu Siti") and one live product."""
    seller = Person(engine, user_id)
    await seller.registers(phone=SELLER_PHONE, business="Dapur Bu Siti")
    member = await chat_member(engine.db, seller)
    listing_id = await add_listing(engine.db, member, now=engine.clock.now(), **listing)
    return seller, listing_id


async def listing_with_photo(
    db: Database, store: PhotoStore, seller: Member, n: int = 0, **changes: Any
) -> int:
    """A live listing of `seller` whose photo really is in `store` (cards can send it)."""
    photo = product_photo(n)
    await store.put(photo.key, photo)
    now = seller.registered_at
    async with db.transaction() as session:
        listing = await catalog.create_listing(
            session, seller, dataclasses.replace(draft(), **changes), now=now
        )
        facts = catalog.PhotoFacts.of(photo)
        await catalog.add_photo(
            session, listing.id, seller.id, facts, review_required=False, now=now
        )
        await catalog.publish(session, listing.id, seller.id, review_required=False, now=now)
        return listing.id


class Outbox:
    """Runs the dispatcher and hands each test chat what it was sent, as if it arrived."""

    def __init__(self, engine: ConversationEngine, clock: ManualClock) -> None:
        self.sender = RecordingSender()
        self.dispatcher = make_dispatcher(engine.db, clock, self.sender)

    async def deliver(self, *people: Person) -> None:
        """Send what is due; each person's `last` becomes what reached them (if anything)."""
        before = len(self.sender.sent)
        await self.dispatcher.run_once()
        arrived = self.sender.sent[before:]
        for person in people:
            replies = [reply for chat, reply in arrived if chat == person.user_id]
            if replies:
                person.last = replies

    @property
    def everything_sent(self) -> list[tuple[str, str]]:
        """Every (chat, text) sent so far."""
        return [(chat, reply.text) for chat, reply in self.sender.sent]
