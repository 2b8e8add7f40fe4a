"""People and listings for the "Produk saya" and review tests: an engine with a photo store,
members found behind their chats, listings in each state, and outbox notices rendered."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from bot.areas import jakarta_areas
from bot.clock import ManualClock
from bot.config import Settings
from bot.db import Database
from bot.messages import Photo, Reply
from bot.models import ChannelAccount, Listing, ListingPhoto, Member, OutboxMessage
from bot.photo_store import DirectoryPhotoStore
from bot.services import catalog, roles
from bot.vocabulary import CatalogModeration, OutboxKind, ProductCategory, StaffRoleName
from conversations.engine import ConversationEngine
from conversations.notifications import render_outbox_message
from conversations.products.photo_intake import take_photo
from conversations.registry import all_actions, all_flows
from tests.catalog_factories import add_listing
from tests.factories import NOW
from tests.message_lengths import MeasuredEngine
from tests.transcript import START, Person
from wiring.app import channel_limits

TEBET = "31.74.01"
KALIDERES = "31.73.06"
PUBLIC_URL = "https://etalase.okoce.example"
ADMIN = "test:admin"


def shop_engine(
    db: Database,
    photo_dir: Path,
    *,
    moderation: CatalogModeration = CatalogModeration.IMMEDIATE,
    public_url: str | None = PUBLIC_URL,
    admins: Sequence[str] = (ADMIN,),
) -> ConversationEngine:
    """An engine as `tests.transcript.make_engine` builds it, with the catalog's settings."""
    settings = Settings(  # type: ignore[call-arg]
        admins=frozenset(admins),
        catalog_moderation=moderation,
        public_url=public_url,
        _env_file=None,
    )
    return MeasuredEngine(
        db,
        settings,
        all_flows(),
        jakarta_areas(),
        ManualClock(START),
        all_actions(),
        limits=channel_limits(),
        photos=DirectoryPhotoStore(photo_dir),
    )


def jpeg(
    width: int = 1200, height: int = 900, colour: tuple[int, int, int] = (200, 120, 40)
) -> bytes:
    """A real photo as a phone sends it."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


async def sends_photo(person: Person, data: bytes) -> list[Reply]:
    """The person sends a photo (no caption)."""
    return await person.send(person.event(photo=Photo(data)))


async def member_of(db: Database, person: Person) -> Member:
    """The member behind a person's chat."""
    return await member_behind(db, person.channel, person.user_id)


async def member_behind(db: Database, channel: str, external_id: str) -> Member:
    """The member behind one chat (`whatsapp`, their wa_id)."""
    async with db.transaction() as session:
        account = (
            await session.scalars(
                select(ChannelAccount).where(
                    ChannelAccount.channel == channel,
                    ChannelAccount.external_id == external_id,
                )
            )
        ).one()
        assert account.member_id is not None
        member = await session.get(Member, account.member_id)
        assert member is not None
        return member


async def registered(engine: ConversationEngine, user_id: str, **details: str) -> Person:
    """A person who has registered as a member (in Tebet unless told otherwise)."""
    person = Person(engine, user_id)
    await person.registers(**details)
    return person


async def opens_product(person: Person, name: str) -> None:
    """Open "Produk saya" and the listing called `name` (pressing its button)."""
    await person.says("produk saya")
    await person.presses(name[:10])
    assert "Mau ubah apa?" in person.question, person.text


async def listing_of(db: Database, person: Person, **changes: object) -> int:
    """A live listing of the person's (keripik balado unless told otherwise)."""
    return await add_listing(db, await member_of(db, person), **changes)  # type: ignore[arg-type]


async def listing_with_a_real_photo(
    engine: ConversationEngine, seller: Member, name: str = "Keripik Tebet"
) -> int:
    """A live listing whose photo is really in the engine's photo store."""
    facts = await take_photo(engine.photos, Photo(jpeg()))
    assert isinstance(facts, catalog.PhotoFacts)
    async with engine.db.transaction() as session:
        draft = catalog.ListingDraft(name=name, price=15_000, category=ProductCategory.CAMILAN)
        created = await catalog.create_listing(session, seller, draft, now=NOW)
        await catalog.add_photo(
            session, created.id, seller.id, facts, review_required=False, now=NOW
        )
        await catalog.publish(session, created.id, seller.id, review_required=False, now=NOW)
        return created.id


async def pending_listing(db: Database, seller: Member, **changes: object) -> int:
    """A listing of `seller`'s sent for review."""
    listing_id = await add_listing(db, seller, publish=False, **changes)  # type: ignore[arg-type]
    async with db.transaction() as session:
        sent = await catalog.publish(session, listing_id, seller.id, review_required=True, now=NOW)
        assert isinstance(sent, catalog.SentForReview)
    return listing_id


async def listing(db: Database, listing_id: int) -> Listing:
    """The listing as the database holds it now."""
    async with db.transaction() as session:
        found = await session.get(Listing, listing_id)
        assert found is not None
        return found


async def photo_keys(db: Database, listing_id: int) -> list[str]:
    """The listing's photo keys, cover first."""
    async with db.transaction() as session:
        rows = await session.scalars(
            select(ListingPhoto.photo_key)
            .where(ListingPhoto.listing_id == listing_id)
            .order_by(ListingPhoto.position)
        )
        return list(rows)


async def make_coordinator(db: Database, person: Person | Member, kecamatan_code: str) -> None:
    """Grant the coordinator role of `kecamatan_code` to a registered person (or member)."""
    member = person if isinstance(person, Member) else await member_of(db, person)
    async with db.transaction() as session:
        await roles.grant_role(
            session,
            member.id,
            StaffRoleName.COORDINATOR,
            kecamatan_code=kecamatan_code,
            granted_by=ADMIN,
            now=NOW,
        )


async def revoke_coordinator(db: Database, person: Person) -> None:
    """Take a person's coordinator role away."""
    member = await member_of(db, person)
    async with db.transaction() as session:
        await roles.revoke_role(session, member.id, StaffRoleName.COORDINATOR)


async def notices(
    db: Database, kind: OutboxKind, member_id: int, language: str = "id"
) -> list[Reply]:
    """The outbox messages of one kind to one member, rendered as they would be sent."""
    async with db.transaction() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == kind, OutboxMessage.member_id == member_id)
            .order_by(OutboxMessage.id)
        )
        rendered = []
        for row in rows:
            reply = await render_outbox_message(
                session, row, language, areas=jakarta_areas(), now=NOW
            )
            if reply is not None:
                rendered.append(reply)
        return rendered
