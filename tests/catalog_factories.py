"""Listings for tests: sellers in the database, products with photos, published or not."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from datetime import datetime
from typing import Any

from PIL import Image

from bot.db import Database
from bot.models import Member
from bot.services import catalog, members
from bot.vocabulary import BusinessStatus, ProductCategory, Sector
from tests.factories import NOW, member_details


def placeholder_jpeg(colour: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    """A real 24x18 JPEG, as `prepare_photo` makes placeholders."""
    buffer = io.BytesIO()
    Image.new("RGB", (24, 18), colour).save(buffer, "JPEG", quality=40)
    return buffer.getvalue()


def photo_facts(n: int = 0) -> catalog.PhotoFacts:
    """The facts of the n-th test photo (a distinct key each)."""
    return catalog.PhotoFacts(
        key=hashlib.sha256(f"photo {n}".encode()).hexdigest()[:32],
        web_width=1280,
        web_height=960,
        thumb_width=400,
        thumb_height=300,
        placeholder=placeholder_jpeg(),
    )


def draft(**changes: Any) -> catalog.ListingDraft:
    """Keripik balado from Tebet, unless the test says otherwise."""
    base = catalog.ListingDraft(
        name="Keripik Singkong Balado",
        price=15_000,
        category=ProductCategory.CAMILAN,
        unit="bungkus",
        description="Pedas manis, renyah, 250 gram.",
        show_whatsapp=True,
    )
    return dataclasses.replace(base, **changes)


async def add_seller(
    db: Database, n: int = 0, *, business_name: str | None = "Dapur Bu Siti", **changes: Any
) -> Member:
    """A registered member with a running business (n gives a distinct phone)."""
    details = member_details(
        n,
        business_status=BusinessStatus.RUNNING,
        business_name=business_name,
        sector=Sector.KULINER,
        **changes,
    )
    async with db.transaction() as session:
        outcome = await members.register_member(session, details, NOW)
        assert isinstance(outcome, members.Registered)
        return outcome.member


async def add_listing(
    db: Database,
    seller: Member,
    *,
    photos: int = 1,
    publish: bool = True,
    now: datetime = NOW,
    photo_offset: int | None = None,
    **changes: Any,
) -> int:
    """A listing of the seller's with `photos` photos, published live unless told not to."""
    offset = seller.id * 10 if photo_offset is None else photo_offset
    async with db.transaction() as session:
        listing = await catalog.create_listing(session, seller, draft(**changes), now=now)
        for n in range(photos):
            added = await catalog.add_photo(
                session,
                listing.id,
                seller.id,
                photo_facts(offset + n),
                review_required=False,
                now=now,
            )
            assert isinstance(added, catalog.PhotoAdded)
        if publish:
            published = await catalog.publish(
                session, listing.id, seller.id, review_required=False, now=now
            )
            assert isinstance(published, catalog.Published)
        return listing.id
