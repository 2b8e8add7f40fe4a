"""What every step of "Produk saya" shares: its step names, its data, and the listing on screen.

The listing is looked up afresh, as the member's own, at every step (`owned`): one
deleted meanwhile, or not theirs (an old button, a forged id), is never shown or changed.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any, TypedDict

from bot.i18n import _
from bot.models import Listing
from bot.services import catalog
from bot.vocabulary import ListingStatus
from conversations.flow import Goto, Outcome, Turn

MY_PRODUCTS_FLOW = "my_products"


class MyProductsStep(StrEnum):
    LIST = "list"
    LISTING = "listing"
    PRICE = "price"
    STOCK = "stock"
    DESCRIPTION = "description"
    NAME = "name"
    PHOTOS = "photos"
    PHOTO = "photo"
    REPLACE_PHOTO = "replace_photo"
    CONFIRM_DELETE = "confirm_delete"


class MyProductsData(TypedDict, total=False):
    """The listing open on screen, and the photo picked to replace or remove."""

    listing_id: int
    photo_key: str


S = MyProductsStep
Turn_ = Turn[MyProductsData]
BACK, MENU = "back", "menu"


async def owned(t: Turn_) -> Listing | None:
    """The listing on screen if it is (still) this member's own."""
    if t.member is None or "listing_id" not in t.data:
        return None
    found = await catalog.owned_listing(t.session, t.data["listing_id"], t.member.id)
    return None if found is None else found[0]


def not_yours(t: Turn_) -> Outcome:
    """Say the listing cannot be opened, and show the member's list again."""
    t.say(_("Produk itu tidak ada di daftar Anda."))
    t.data.pop("listing_id", None)
    return Goto(S.LIST)


def review_required(t: Turn[Any]) -> bool:
    """Whether changed listings wait for a coordinator (`OKOCE_CATALOG_MODERATION`)."""
    return catalog.review_required(t.settings.catalog_moderation)


def draft_of(listing: Listing, **changes: Any) -> catalog.ListingDraft:
    """The listing's details as a draft, with `changes` made (for `update_listing`)."""
    draft = catalog.ListingDraft(
        name=listing.name,
        price=listing.price,
        category=listing.category,
        unit=listing.unit,
        stock=listing.stock,
        description=listing.description,
        show_whatsapp=listing.show_whatsapp,
    )
    return dataclasses.replace(draft, **changes)


async def save_changes(t: Turn_, listing: Listing, **changes: Any) -> Outcome:
    """Change the listing's details through the catalog, and say what became of it."""
    assert t.member is not None
    before = listing.status
    outcome = await catalog.update_listing(
        t.session,
        listing.id,
        t.member.id,
        draft_of(listing, **changes),
        review_required=review_required(t),
        now=t.clock.now(),
    )
    if isinstance(outcome, catalog.NotFound):
        return not_yours(t)
    t.say(_("✅ Tersimpan."))
    tell_back_to_review(t, back_to_review=outcome.back_to_review)
    after = outcome.listing.status
    if after != before and after == ListingStatus.SOLD_OUT:
        t.say(_("Stoknya 0, jadi produk ditandai habis."))
    elif after != before and after == ListingStatus.LIVE:
        t.say(_("Stoknya ada lagi, jadi produk tayang lagi."))
    return Goto(S.LISTING)


def tell_back_to_review(t: Turn_, *, back_to_review: bool) -> None:
    """A live listing changed under review waits for the coordinator again: say so."""
    if back_to_review:
        t.say(_("Perubahan ini dicek dulu oleh koordinator. Sementara itu produk tidak tampil."))
