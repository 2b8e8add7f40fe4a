"""A seller's own listings: writing one, its photos, sold out or available, deleting it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import jakarta_areas
from bot.catalog_search import fold_text
from bot.models import Listing, ListingPhoto, Member
from bot.product_photos import PreparedPhoto
from bot.services.catalog import notices
from bot.services.catalog.outcomes import Changed, NotFound, WrongStatus
from bot.services.catalog.photo_queue import keep_photos, queue_unused_photos
from bot.vocabulary import ListingStatus, ProductCategory

MAX_PHOTOS = 5
MAX_NAME = 80
MAX_UNIT = 40
MAX_DESCRIPTION = 1000
MAX_PRICE = 1_000_000_000
"""Whole rupiah; more than any product a member sells through a chat."""

CONTENT_FIELDS = frozenset({"name", "description", "category"})
"""Changing these (or the photos) sends a live listing back to review when reviews are on."""


@dataclass(frozen=True)
class ListingDraft:
    """What a seller says about a product (a listing starts as a draft)."""

    name: str
    price: int
    category: ProductCategory
    unit: str | None = None
    stock: int | None = None
    description: str | None = None
    show_whatsapp: bool = False

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > MAX_NAME:
            raise ValueError(f"a listing's name is 1 to {MAX_NAME} characters")
        if not 0 < self.price <= MAX_PRICE:
            raise ValueError("a price is whole rupiah above zero")
        if self.stock is not None and self.stock < 0:
            raise ValueError("stock is never negative")
        if self.unit is not None and len(self.unit) > MAX_UNIT:
            raise ValueError(f"a unit is at most {MAX_UNIT} characters")
        if self.description is not None and len(self.description) > MAX_DESCRIPTION:
            raise ValueError(f"a description is at most {MAX_DESCRIPTION} characters")


@dataclass(frozen=True)
class PhotoFacts:
    """What the catalog keeps of a stored photo: its key, sizes and placeholder bytes."""

    key: str
    web_width: int
    web_height: int
    thumb_width: int
    thumb_height: int
    placeholder: bytes

    @classmethod
    def of(cls, prepared: PreparedPhoto) -> PhotoFacts:
        """The facts of a prepared photo (put it in the `PhotoStore` too)."""
        return cls(
            key=prepared.key,
            web_width=prepared.web.width,
            web_height=prepared.web.height,
            thumb_width=prepared.thumb.width,
            thumb_height=prepared.thumb.height,
            placeholder=prepared.placeholder.data,
        )


@dataclass(frozen=True)
class Updated:
    """The listing after a change; `back_to_review` when the change needs a new look."""

    listing: Listing
    back_to_review: bool


@dataclass(frozen=True)
class PhotoAdded:
    listing: Listing
    position: int
    back_to_review: bool


@dataclass(frozen=True)
class TooManyPhotos:
    """The listing already has `MAX_PHOTOS` photos."""


@dataclass(frozen=True)
class PhotoAlreadyThere:
    """That very photo is already one of the listing's."""


async def create_listing(
    session: AsyncSession, seller: Member, draft: ListingDraft, *, now: datetime
) -> Listing:
    """A new draft listing of the seller's, in their kecamatan; publish it when complete."""
    listing = Listing(
        seller_member_id=seller.id,
        kecamatan_code=seller.kecamatan_code,
        status=ListingStatus.DRAFT,
        created_at=now,
        updated_at=now,
        **_draft_values(draft),
    )
    _refresh_search(listing, seller)
    session.add(listing)
    await session.flush()
    return listing


async def update_listing(
    session: AsyncSession,
    listing_id: int,
    seller_member_id: int,
    draft: ListingDraft,
    *,
    review_required: bool,
    now: datetime,
) -> Updated | NotFound:
    """Change a listing's details; under review, new words for a live one are looked at again."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, seller = found
    values = _draft_values(draft)
    content_changed = any(getattr(listing, name) != values[name] for name in CONTENT_FIELDS)
    for name, value in values.items():
        setattr(listing, name, value)
    if listing.stock == 0 and listing.status == ListingStatus.LIVE:
        listing.status = ListingStatus.SOLD_OUT
    elif listing.stock and listing.status == ListingStatus.SOLD_OUT:
        listing.status = ListingStatus.LIVE
    back = review_required and content_changed and _back_to_review(listing)
    _touch(listing, seller, now)
    if back:
        await notices.ask_for_review(session, listing, now=now)
    return Updated(listing, back_to_review=back)


async def add_photo(
    session: AsyncSession,
    listing_id: int,
    seller_member_id: int,
    photo: PhotoFacts,
    *,
    review_required: bool,
    now: datetime,
) -> PhotoAdded | TooManyPhotos | PhotoAlreadyThere | NotFound:
    """Add a photo after the listing's others (the first one is its cover)."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, seller = found
    photos = await listing_photos(session, listing.id)
    if any(existing.photo_key == photo.key for existing in photos):
        return PhotoAlreadyThere()
    if len(photos) >= MAX_PHOTOS:
        return TooManyPhotos()
    position = photos[-1].position + 1 if photos else 0
    session.add(ListingPhoto(listing_id=listing.id, position=position, **_photo_values(photo)))
    # A photo queued for removal is wanted again: keep it.
    await keep_photos(session, [photo.key])
    back = review_required and _back_to_review(listing)
    _touch(listing, seller, now)
    await session.flush()
    if back:
        await notices.ask_for_review(session, listing, now=now)
    return PhotoAdded(listing, position=position, back_to_review=back)


async def replace_photo(
    session: AsyncSession,
    listing_id: int,
    seller_member_id: int,
    old_key: str,
    photo: PhotoFacts,
    *,
    review_required: bool,
    now: datetime,
) -> PhotoAdded | PhotoAlreadyThere | NotFound:
    """Put `photo` where `old_key` was, so a new cover stays the cover."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, seller = found
    photos = await listing_photos(session, listing.id)
    old = next((existing for existing in photos if existing.photo_key == old_key), None)
    if old is None:
        return NotFound()
    if any(existing.photo_key == photo.key for existing in photos):
        return PhotoAlreadyThere()
    for field, value in _photo_values(photo).items():
        setattr(old, field, value)
    await keep_photos(session, [photo.key])
    await session.flush()
    await queue_unused_photos(session, [old_key], now=now)
    back = review_required and _back_to_review(listing)
    _touch(listing, seller, now)
    await session.flush()
    if back:
        await notices.ask_for_review(session, listing, now=now)
    return PhotoAdded(listing, position=old.position, back_to_review=back)


async def remove_photo(
    session: AsyncSession, listing_id: int, seller_member_id: int, photo_key: str, *, now: datetime
) -> Changed | NotFound:
    """Take one photo off a listing; the others keep their order."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, seller = found
    removed = await session.execute(
        delete(ListingPhoto).where(
            ListingPhoto.listing_id == listing.id, ListingPhoto.photo_key == photo_key
        )
    )
    if not removed.rowcount:  # type: ignore[attr-defined]
        return NotFound()
    await queue_unused_photos(session, [photo_key], now=now)
    _touch(listing, seller, now)
    return Changed(listing)


async def mark_sold_out(
    session: AsyncSession, listing_id: int, seller_member_id: int, *, now: datetime
) -> Changed | WrongStatus | NotFound:
    """Sold out: the page stays, marked so, and the product leaves the grid and search."""
    return await _switch(session, listing_id, seller_member_id, ListingStatus.LIVE, now=now)


async def mark_available(
    session: AsyncSession, listing_id: int, seller_member_id: int, *, now: datetime
) -> Changed | WrongStatus | NotFound:
    """In stock again: back in the grid and search (a counted stock of 0 is cleared)."""
    return await _switch(session, listing_id, seller_member_id, ListingStatus.SOLD_OUT, now=now)


async def delete_listing(
    session: AsyncSession, listing_id: int, seller_member_id: int, *, now: datetime
) -> Changed | NotFound:
    """The seller deletes a listing: hidden for good, its photos queued for removal."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, _seller = found
    keys = [photo.photo_key for photo in await listing_photos(session, listing.id)]
    await session.execute(delete(ListingPhoto).where(ListingPhoto.listing_id == listing.id))
    await queue_unused_photos(session, keys, now=now)
    listing.status = ListingStatus.DELETED
    listing.updated_at = now
    return Changed(listing)


async def seller_listings(session: AsyncSession, seller_member_id: int) -> list[Listing]:
    """A seller's listings, newest first, except the deleted ones ("Produk saya")."""
    rows = await session.scalars(
        select(Listing)
        .where(
            Listing.seller_member_id == seller_member_id,
            Listing.status != ListingStatus.DELETED,
        )
        .order_by(Listing.created_at.desc(), Listing.id.desc())
    )
    return list(rows)


async def listing_photos(session: AsyncSession, listing_id: int) -> list[ListingPhoto]:
    """A listing's photos in order, the cover first."""
    rows = await session.scalars(
        select(ListingPhoto)
        .where(ListingPhoto.listing_id == listing_id)
        .order_by(ListingPhoto.position)
    )
    return list(rows)


async def owned_listing(
    session: AsyncSession, listing_id: int, seller_member_id: int
) -> tuple[Listing, Member] | None:
    """The seller's own listing (not deleted) and the seller, or None."""
    row = (
        await session.execute(
            select(Listing, Member)
            .join(Member, Member.id == Listing.seller_member_id)
            .where(
                Listing.id == listing_id,
                Listing.seller_member_id == seller_member_id,
                Listing.status != ListingStatus.DELETED,
                Member.deleted_at.is_(None),
            )
        )
    ).first()
    return None if row is None else (row[0], row[1])


async def photo_count(session: AsyncSession, listing_id: int) -> int:
    """How many photos a listing has."""
    count = await session.scalar(
        select(func.count()).select_from(ListingPhoto).where(ListingPhoto.listing_id == listing_id)
    )
    return int(count or 0)


async def _switch(
    session: AsyncSession,
    listing_id: int,
    seller_member_id: int,
    expected: ListingStatus,
    *,
    now: datetime,
) -> Changed | WrongStatus | NotFound:
    """Flip between live and sold out, from `expected` to the other."""
    found = await owned_listing(session, listing_id, seller_member_id)
    if found is None:
        return NotFound()
    listing, _seller = found
    if listing.status != expected:
        return WrongStatus(listing)
    if expected == ListingStatus.LIVE:
        listing.status = ListingStatus.SOLD_OUT
    else:
        listing.status = ListingStatus.LIVE
        if listing.stock == 0:
            listing.stock = None
    listing.updated_at = now
    return Changed(listing)


def _back_to_review(listing: Listing) -> bool:
    """Send a public listing back to review; whether it was public."""
    if listing.status.is_public:
        listing.status = ListingStatus.PENDING_REVIEW
        return True
    return False


def _draft_values(draft: ListingDraft) -> dict[str, object]:
    values = dataclasses.asdict(draft)
    values["name"] = draft.name.strip()
    return values


def _photo_values(photo: PhotoFacts) -> dict[str, object]:
    values = dataclasses.asdict(photo)
    values["photo_key"] = values.pop("key")
    return values


def _touch(listing: Listing, seller: Member, now: datetime) -> None:
    """After any change: the seller's kecamatan now, fresh search words, the time."""
    listing.kecamatan_code = seller.kecamatan_code
    listing.updated_at = now
    _refresh_search(listing, seller)


def _refresh_search(listing: Listing, seller: Member) -> None:
    """The folded words the full-text index is built over (`bot.catalog_search`)."""
    kecamatan = jakarta_areas().kecamatan(listing.kecamatan_code)
    listing.search_name = fold_text(listing.name)[:400]
    listing.search_text = fold_text(
        listing.description,
        listing.unit,
        listing.category.value.replace("_", " "),
        seller.business_name,
        kecamatan.name if kecamatan else None,
    )[:2000]
