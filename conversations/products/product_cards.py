"""Products as chat cards: the photo, a few short lines, and the buttons buyers use.

A card in a list of results shows the thumbnail, the name, the price, where the seller
is and the web link; a product opened on its own shows the larger photo and adds its
description and stock. Both fit one phone screen. The seller's WhatsApp number is shown
only when the seller chose to show it on that listing; no other contact ever is.
"""

from __future__ import annotations

from bot.areas import AreaDirectory
from bot.i18n import _
from bot.messages import Attachment, Choice, Reply
from bot.money import format_rupiah
from bot.photo_store import PhotoStore
from bot.product_photos import RenditionKind
from bot.services.catalog import ListingCard, ProductView

INQUIRE_ACTION = "inquire"
REPORT_ACTION = "report"
PRODUCT_ACTION = "product"
NAME_LENGTH = 60
DESCRIPTION_LENGTH = 100
"""Characters of a description on a card (three phone lines); the web page has it all."""


def inquire_button(listing_id: int) -> Choice:
    """Ask the seller about this product (works from any step)."""
    return Choice(f"@{INQUIRE_ACTION}:{listing_id}", _("💬 Tanya penjual"))


def report_button(listing_id: int) -> Choice:
    """Report this product (works from any step)."""
    return Choice(f"@{REPORT_ACTION}:{listing_id}", _("🚩 Laporkan"))


def web_link(public_url: str | None, listing_id: int) -> str | None:
    """The product's page on the showcase, when its public address is configured."""
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/p/{listing_id}"


def price_line(price: int, unit: str | None) -> str:
    """`Rp15.000 / bungkus`."""
    return f"{format_rupiah(price)} / {unit}" if unit else format_rupiah(price)


def _place(kecamatan_code: str, business_name: str | None, areas: AreaDirectory) -> str:
    kecamatan = areas.kecamatan(kecamatan_code)
    where = kecamatan.name if kecamatan else "-"
    return f"📍 {where} · {cut(business_name, 30)}" if business_name else f"📍 {where}"


def cut(text: str, length: int) -> str:
    """`text` on one line, at most `length` characters (an ellipsis marks a cut)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def card_text(card: ListingCard, areas: AreaDirectory, public_url: str | None) -> str:
    """A result card's lines: name, price, place, link."""
    lines = [
        cut(card.name, NAME_LENGTH),
        price_line(card.price, card.unit),
        _place(card.kecamatan_code, card.business_name, areas),
    ]
    link = web_link(public_url, card.id)
    if link:
        lines.append(link)
    return "\n".join(lines)


def product_text(view: ProductView, areas: AreaDirectory, public_url: str | None) -> str:
    """A product opened on its own: the card's lines, its description and stock."""
    lines = [
        cut(view.name, NAME_LENGTH),
        price_line(view.price, view.unit),
        _place(view.kecamatan_code, view.seller.business_name, areas),
    ]
    if view.seller.has_nib:
        lines.append(_("✓ Anggota OK OCE · Usaha ber-NIB"))
    if view.sold_out:
        lines.append(_("⛔ Stok sedang habis"))
    elif view.stock is not None:
        lines.append(_("Stok: {stock}").format(stock=view.stock))
    if view.description:
        lines.append(cut(view.description, DESCRIPTION_LENGTH))
    if view.seller.whatsapp_e164:
        lines.append(
            _("WhatsApp penjual: wa.me/{number}").format(
                number=view.seller.whatsapp_e164.lstrip("+")
            )
        )
    link = web_link(public_url, view.id)
    if link:
        lines.append(link)
    return "\n".join(lines)


async def photo_of(
    photos: PhotoStore, key: str | None, rendition: RenditionKind, listing_id: int
) -> Attachment | None:
    """The photo as a file to send, or None when there is none (or it is missing)."""
    if key is None:
        return None
    data = await photos.read(key, rendition)
    if data is None:
        return None
    return Attachment(f"produk-{listing_id}.jpg", data, "image/jpeg")


async def result_card(
    card: ListingCard, photos: PhotoStore, areas: AreaDirectory, public_url: str | None
) -> Reply:
    """One result: the thumbnail, its lines, and "Tanya penjual" and "Laporkan"."""
    key = card.cover.key if card.cover else None
    return Reply(
        card_text(card, areas, public_url),
        choices=(inquire_button(card.id), report_button(card.id)),
        photo=await photo_of(photos, key, RenditionKind.THUMB, card.id),
    )


async def product_card(
    view: ProductView, photos: PhotoStore, areas: AreaDirectory, public_url: str | None
) -> Reply:
    """A product on its own, with its larger photo (the question with its buttons follows)."""
    key = view.photos[0].key if view.photos else None
    return Reply(
        product_text(view, areas, public_url),
        photo=await photo_of(photos, key, RenditionKind.WEB, view.id),
    )
