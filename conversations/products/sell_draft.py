"""The product a member is putting up for sale, while the selling flow collects it.

Flow data is JSON, so the draft is a `TypedDict` of plain values: the photos' facts (as
`photo_intake.facts_as_data` writes them), what the caption said, and what was asked.
Only what is missing is asked, in one order (name, price, category); once everything
is there the preview shows it, and a field changed from the preview leads back to it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.names import parse_business_name
from bot.product_caption import CaptionParts, parse_caption
from bot.services.catalog import ListingDraft, PhotoFacts
from bot.vocabulary import ProductCategory
from conversations.products.photo_intake import facts_as_data, facts_from_data

SELL_FLOW = "sell_product"


class SellStep(StrEnum):
    PHOTO = "photo"
    JOIN = "join"
    NAME = "name"
    PRICE = "price"
    CATEGORY = "category"
    PREVIEW = "preview"
    EDIT_FIELD = "edit_field"
    UNIT = "unit"
    STOCK = "stock"
    DESCRIPTION = "description"


class SellData(TypedDict, total=False):
    """The listing being written: its photos (cover first) and its details.

    `album` is the platform's album id of the first photo; `price_doubtful` says the
    caption named a range or two prices, so the price question says why it is asked;
    `editing` sends the next answer back to the preview.
    """

    photos: list[dict[str, Any]]
    album: str | None
    name: str
    price: int
    price_doubtful: bool
    unit: str | None
    stock: int | None
    description: str | None
    category: str
    show_whatsapp: bool
    editing: bool


def new_draft(facts: PhotoFacts | None, caption: str | None, album: str | None) -> SellData:
    """A draft from the first photo (None when it was refused) and its caption."""
    data: SellData = {"photos": [facts_as_data(facts)] if facts else [], "album": album}
    fill_from_caption(data, caption)
    return data


def fill_from_caption(data: SellData, caption: str | None) -> bool:
    """Take what a caption says that the draft does not have yet; whether it added any."""
    if not caption or not caption.strip():
        return False
    parts: CaptionParts = parse_caption(caption)
    added = False
    name = parse_business_name(parts.name or "")
    if name is not None and "name" not in data:
        data["name"] = name
        added = True
    if "price" not in data:
        if parts.price is not None:
            data["price"] = parts.price
            data.pop("price_doubtful", None)
            added = True
        elif parts.price_doubtful:
            data["price_doubtful"] = True
    for key in ("unit", "description"):
        value = getattr(parts, key)
        if value and not data.get(key):
            data[key] = value
            added = True
    return added


def missing_step(data: SellData) -> SellStep:
    """The first thing still to ask, or the preview when nothing is missing."""
    if not data.get("photos"):
        return SellStep.PHOTO
    if not data.get("name"):
        return SellStep.NAME
    if not data.get("price"):
        return SellStep.PRICE
    if not data.get("category"):
        return SellStep.CATEGORY
    return SellStep.PREVIEW


def photos_of(data: SellData) -> list[PhotoFacts]:
    """The draft's photos, in the order they were sent (the first is the cover)."""
    return [facts_from_data(photo) for photo in data.get("photos", [])]


def listing_draft(data: SellData) -> ListingDraft:
    """What the catalog stores; call once `missing_step` says the preview."""
    return ListingDraft(
        name=data["name"],
        price=data["price"],
        category=ProductCategory(data["category"]),
        unit=data.get("unit"),
        stock=data.get("stock"),
        description=data.get("description"),
        show_whatsapp=bool(data.get("show_whatsapp")),
    )
