"""How a product being listed is shown to its seller: the preview, and what became of it.

The preview is what buyers will see, on one phone screen: the cover photo (the web
rendition the showcase serves) with the name, price, unit, category, stock, a short
piece of the description, how many photos, and whether buyers see a WhatsApp link.
"""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Attachment
from bot.money import format_rupiah
from bot.photo_store import PhotoStore
from bot.product_photos import RenditionKind
from conversations.labels import CATEGORY_LABELS, label
from conversations.products.sell_draft import SellData, photos_of

PREVIEW_DESCRIPTION = 68
"""Characters of the description the preview shows: two phone lines; the page shows all."""
ELLIPSIS = "…"


def price_line(data: SellData) -> str:
    """`Rp15.000 / bungkus`, or just `Rp15.000`."""
    price = format_rupiah(data["price"])
    unit = data.get("unit")
    return f"{price} / {unit}" if unit else price


def preview_text(data: SellData) -> str:
    """The listing as buyers will read it, and the question: publish it?"""
    lines = [
        _("Cek dulu, begini yang dilihat pembeli:"),
        f"🛍️ {data['name']}",
        f"💰 {price_line(data)}",
        f"🏷️ {label(CATEGORY_LABELS, data.get('category'))}",
    ]
    stock = data.get("stock")
    if stock is not None:
        lines.append(_("📦 Stok: {stock}").format(stock=stock))
    description = data.get("description")
    if description:
        lines.append(f"📝 {_shortened(' '.join(description.split()), PREVIEW_DESCRIPTION)}")
    whatsapp = _("WA ditampilkan") if data.get("show_whatsapp") else _("WA tidak ditampilkan")
    count = len(data.get("photos", []))
    lines.append(_("📷 {count} foto · {whatsapp}").format(count=count, whatsapp=whatsapp))
    lines.append(_("Terbitkan sekarang?"))
    return "\n".join(lines)


async def cover_photo(photos: PhotoStore, data: SellData) -> Attachment | None:
    """The first photo as the showcase serves it, or None if the store no longer has it."""
    facts = photos_of(data)
    if not facts:
        return None
    cover = await photos.read(facts[0].key, RenditionKind.WEB)
    if cover is None:
        return None
    return Attachment(filename=f"{facts[0].key}.jpg", data=cover, mime_type="image/jpeg")


def published_text(public_url: str | None, listing_id: int) -> str:
    """The product is live: where buyers find it."""
    if public_url:
        link = f"{public_url.rstrip('/')}/p/{listing_id}"
        return _("✅ Produk Anda sudah tayang!\nBagikan link ini ke pembeli:\n{link}").format(
            link=link
        )
    return _("✅ Produk Anda sudah tayang di etalase OK OCE.")


def sent_for_review_text() -> str:
    """The product waits for a coordinator's look before buyers see it."""
    return _(
        "⏳ Produk Anda sudah dikirim. Koordinator kecamatan cek dulu, "
        "lalu kami kabari di chat ini."
    )


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:-") + ELLIPSIS
