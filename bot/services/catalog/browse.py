"""What buyers see: public listings by category, kecamatan and words, a page at a time.

Used by the web showcase and by browsing in chat alike: `browse` answers one page of
cards (the newest first, or the best matches first for a search), `product` one
listing with its seller and photos. Only live listings are browsed; a sold-out one
keeps its page (`product`), marked sold out. Each page is one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.catalog_search import query_terms
from bot.models import Listing, ListingPhoto, Member
from bot.product_photos import jpeg_data_uri
from bot.services.catalog.outcomes import NotFound
from bot.services.catalog.search import matching
from bot.vocabulary import PUBLIC_LISTING_STATUSES, ListingStatus, ProductCategory

MAX_PER_PAGE = 48
MAX_PAGE = 400
"""Pages past this are not served: nobody reads them, and deep offsets cost."""


@dataclass(frozen=True)
class BrowseQuery:
    """What a buyer asked for; every part optional."""

    category: ProductCategory | None = None
    kecamatan_code: str | None = None
    text: str | None = None
    page: int = 1
    per_page: int = 24

    def __post_init__(self) -> None:
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page is 1 to {MAX_PER_PAGE}")


@dataclass(frozen=True)
class PhotoView:
    """One photo of a listing: its key, rendition sizes and inline placeholder."""

    key: str
    web_width: int
    web_height: int
    thumb_width: int
    thumb_height: int
    placeholder_data_uri: str


@dataclass(frozen=True)
class ListingCard:
    """A listing in a grid or a chat list."""

    id: int
    name: str
    price: int
    unit: str | None
    category: ProductCategory
    kecamatan_code: str
    business_name: str | None
    cover: PhotoView | None


@dataclass(frozen=True)
class BrowsePage:
    """One page of cards, and whether there are pages either side."""

    cards: tuple[ListingCard, ...]
    page: int
    has_previous: bool
    has_next: bool


@dataclass(frozen=True)
class SellerView:
    """Who sells it, as buyers see them; `whatsapp_e164` only when the seller allowed it."""

    member_id: int
    business_name: str | None
    kecamatan_code: str
    whatsapp_e164: str | None
    has_nib: bool


@dataclass(frozen=True)
class ProductView:
    """A public listing in full, for its page or a chat card."""

    id: int
    name: str
    price: int
    unit: str | None
    stock: int | None
    description: str | None
    category: ProductCategory
    kecamatan_code: str
    sold_out: bool
    seller: SellerView
    photos: tuple[PhotoView, ...]
    published_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class SitemapEntry:
    listing_id: int
    updated_at: datetime


def seller_has_nib(member: Member) -> bool:
    """Whether the seller's business has a recorded NIB (the "Usaha ber-NIB" badge),
    as the member records it in the licensing guide (7 PAS P4)."""
    return member.nib is not None


async def browse(session: AsyncSession, query: BrowseQuery) -> BrowsePage:
    """One page of live listings matching the query (an empty page when nothing does).

    Two short queries: the page's ids in order (from an index, or the full-text index
    with its rank), then those listings' cards; joining photos and sellers only for the
    page keeps a search matching hundreds of listings as cheap as the first page.
    """
    page = max(1, min(query.page, MAX_PAGE))
    ids = select(Listing.id).where(Listing.status == ListingStatus.LIVE)
    if query.category is not None:
        ids = ids.where(Listing.category == query.category)
    if query.kecamatan_code is not None:
        ids = ids.where(Listing.kecamatan_code == query.kecamatan_code)
    terms = query_terms(query.text)
    if terms:
        ids, ranks = matching(session, ids, terms)
        ids = ids.order_by(*ranks)
    ids = ids.order_by(Listing.published_at.desc(), Listing.id.desc())
    ids = ids.offset((page - 1) * query.per_page).limit(query.per_page + 1)
    found = list(await session.scalars(ids))
    shown = found[: query.per_page]
    cards: dict[int, ListingCard] = {}
    if shown:
        rows = await session.execute(_cards().where(Listing.id.in_(shown)))
        cards = {card.id: card for card in map(_card, rows)}
    return BrowsePage(
        cards=tuple(cards[listing_id] for listing_id in shown if listing_id in cards),
        page=page,
        has_previous=page > 1,
        has_next=len(found) > query.per_page,
    )


async def product(session: AsyncSession, listing_id: int) -> ProductView | NotFound:
    """A public listing (live or sold out) with its seller and photos, or NotFound."""
    row = (
        await session.execute(
            select(Listing, Member)
            .join(Member, Member.id == Listing.seller_member_id)
            .where(
                Listing.id == listing_id,
                Listing.status.in_(PUBLIC_LISTING_STATUSES),
                Member.deleted_at.is_(None),
            )
        )
    ).first()
    if row is None:
        return NotFound()
    listing, member = row
    photos = await session.scalars(
        select(ListingPhoto)
        .where(ListingPhoto.listing_id == listing.id)
        .order_by(ListingPhoto.position)
    )
    return ProductView(
        id=listing.id,
        name=listing.name,
        price=listing.price,
        unit=listing.unit,
        stock=listing.stock,
        description=listing.description,
        category=listing.category,
        kecamatan_code=listing.kecamatan_code,
        sold_out=listing.status == ListingStatus.SOLD_OUT,
        seller=SellerView(
            member_id=member.id,
            business_name=member.business_name,
            kecamatan_code=member.kecamatan_code,
            whatsapp_e164=member.phone_e164 if listing.show_whatsapp else None,
            has_nib=seller_has_nib(member),
        ),
        photos=tuple(_photo(photo) for photo in photos),
        published_at=listing.published_at,
        updated_at=listing.updated_at,
    )


async def photo_is_public(session: AsyncSession, photo_key: str) -> bool:
    """Whether some public listing shows this photo (only those are served on the web)."""
    found = await session.scalar(
        select(ListingPhoto.listing_id)
        .join(Listing, Listing.id == ListingPhoto.listing_id)
        .where(ListingPhoto.photo_key == photo_key, Listing.status.in_(PUBLIC_LISTING_STATUSES))
        .limit(1)
    )
    return found is not None


async def sitemap_entries(session: AsyncSession) -> list[SitemapEntry]:
    """Every public listing and when it last changed, for `/sitemap.xml`."""
    rows = await session.execute(
        select(Listing.id, Listing.updated_at)
        .where(Listing.status.in_(PUBLIC_LISTING_STATUSES))
        .order_by(Listing.id)
    )
    return [SitemapEntry(listing_id, updated_at) for listing_id, updated_at in rows]


async def kecamatans_with_listings(session: AsyncSession) -> dict[str, int]:
    """Live listings per kecamatan code (kecamatan without any are left out)."""
    rows = await session.execute(
        select(Listing.kecamatan_code, func.count())
        .where(Listing.status == ListingStatus.LIVE)
        .group_by(Listing.kecamatan_code)
    )
    return {code: int(count) for code, count in rows}


_CardColumns = Select[
    int,
    str,
    int,
    str | None,
    ProductCategory,
    str,
    str | None,
    str | None,
    int,
    int,
    int,
    int,
    bytes,
]


def _cards() -> _CardColumns:
    """Listings with their seller's business name and cover photo (the first in order)."""
    first_position = (
        select(func.min(ListingPhoto.position))
        .where(ListingPhoto.listing_id == Listing.id)
        .correlate(Listing)
        .scalar_subquery()
    )
    return (
        select(
            Listing.id,
            Listing.name,
            Listing.price,
            Listing.unit,
            Listing.category,
            Listing.kecamatan_code,
            Member.business_name,
            ListingPhoto.photo_key,
            ListingPhoto.web_width,
            ListingPhoto.web_height,
            ListingPhoto.thumb_width,
            ListingPhoto.thumb_height,
            ListingPhoto.placeholder,
        )
        .join(Member, Member.id == Listing.seller_member_id)
        .outerjoin(
            ListingPhoto,
            and_(ListingPhoto.listing_id == Listing.id, ListingPhoto.position == first_position),
        )
    )


def _card(row: Any) -> ListingCard:
    listing_id, name, price, unit, category, kecamatan_code, business_name, key, *sizes = row
    web_width, web_height, thumb_width, thumb_height, placeholder = sizes
    cover = None
    if key is not None:
        cover = PhotoView(
            key=key,
            web_width=web_width,
            web_height=web_height,
            thumb_width=thumb_width,
            thumb_height=thumb_height,
            placeholder_data_uri=jpeg_data_uri(placeholder),
        )
    return ListingCard(
        id=listing_id,
        name=name,
        price=price,
        unit=unit,
        category=category,
        kecamatan_code=kecamatan_code,
        business_name=business_name,
        cover=cover,
    )


def _photo(photo: ListingPhoto) -> PhotoView:
    return PhotoView(
        key=photo.photo_key,
        web_width=photo.web_width,
        web_height=photo.web_height,
        thumb_width=photo.thumb_width,
        thumb_height=photo.thumb_height,
        placeholder_data_uri=jpeg_data_uri(photo.placeholder),
    )
