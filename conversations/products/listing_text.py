"""How a member's own listing reads in chat: its status in words, its card, its links.

"Produk saya" shows these; the link to share on a WhatsApp status is the showcase's
public page (`OKOCE_PUBLIC_URL` + `/p/<id>`) wrapped in a `wa.me/?text=` link that
opens WhatsApp with the name, price and page ready to post.
"""

from __future__ import annotations

from urllib.parse import quote

from bot.config import Settings
from bot.i18n import _, gettext
from bot.models import Listing
from bot.money import format_rupiah
from bot.services.catalog import MAX_PHOTOS, ListingStats
from bot.vocabulary import ListingStatus
from conversations.flow import Entry
from conversations.labels import LISTING_STATUS_LABELS
from conversations.products.rejection_reasons import reason_words

WHATSAPP_SHARE = "https://wa.me/?text="
DESCRIPTION_PREVIEW = 60
"""Characters of the description the card shows (two phone lines)."""
REASON_IN_LIST = 40
"""Characters of a rejection's reason an entry of the list shows."""


def status_words(listing: Listing, *, reason_room: int | None = None) -> str:
    """`Tayang`, `Menunggu ditinjau`, `Ditolak: Foto tidak jelas`, `Stok habis`...

    `reason_room` cuts a long rejection reason to that many characters (in a list).
    """
    words = gettext(LISTING_STATUS_LABELS[listing.status])
    if listing.status != ListingStatus.REJECTED:
        return words
    reason = reason_words(listing.rejection_reason)
    if reason_room is not None:
        reason = shortened(reason, reason_room)
    return f"{words}: {reason}"


def shortened(text: str, most: int) -> str:
    """`text` on one line, cut to `most` characters with an ellipsis when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[: most - 1].rstrip() + "…"


def price_words(listing: Listing) -> str:
    """`Rp15.000 / bungkus`, or the price alone when there is no unit."""
    price = format_rupiah(listing.price)
    return f"{price} / {listing.unit}" if listing.unit else price


def stock_words(listing: Listing) -> str:
    """The stock as counted, or that it is not counted."""
    if listing.stock is None:
        return _("tidak dihitung")
    return str(listing.stock)


def listing_entry(listing: Listing, label_length: int) -> Entry:
    """One listing in the list: its name on the button, name, price and status in the text."""
    label = shortened(listing.name, max(8, label_length - 4))  # the engine adds `5. `
    status = status_words(listing, reason_room=REASON_IN_LIST)
    return Entry(
        str(listing.id), label, f"{listing.name}\n{format_rupiah(listing.price)} · {status}"
    )


def listing_card(listing: Listing, photos: int, stats: ListingStats) -> str:
    """The listing as its seller sees it: what buyers read, and how it is doing.

    A rejection's reason is left out here: `rejection_text` says it whole, apart.
    """
    lines = [
        f"🛍️ {listing.name}",
        _("{price} · stok: {stock}").format(price=price_words(listing), stock=stock_words(listing)),
        _("Status: {status}").format(status=gettext(LISTING_STATUS_LABELS[listing.status])),
        _("Foto: {count} dari {most} · No. WA: {shown}").format(
            count=photos,
            most=MAX_PHOTOS,
            shown=_("tampil") if listing.show_whatsapp else _("disembunyikan"),
        ),
    ]
    if listing.description:
        lines.append(f"📝 {shortened(listing.description, DESCRIPTION_PREVIEW)}")
    lines.append(
        _("👀 {views} dilihat · 💬 {leads} ditanya").format(views=stats.views, leads=stats.leads)
    )
    return "\n".join(lines)


def rejection_text(listing: Listing) -> str | None:
    """Why the coordinator turned the listing down, whole, or None when it was not."""
    if listing.status != ListingStatus.REJECTED:
        return None
    return _("Alasan ditolak: {reason}\nPerbaiki dulu, lalu pilih 📤 Kirim lagi.").format(
        reason=reason_words(listing.rejection_reason)
    )


def page_link(settings: Settings, listing: Listing) -> str | None:
    """The listing's public page, when the showcase has a public address."""
    if not settings.public_url:
        return None
    return f"{settings.public_url}/p/{listing.id}"


def share_link(listing: Listing, page: str) -> str:
    """A `wa.me` link that opens WhatsApp with the name, price and page, ready to post."""
    text = _("{name} {price}. Pesan di sini: {link}").format(
        name=listing.name, price=format_rupiah(listing.price), link=page
    )
    return WHATSAPP_SHARE + quote(text, safe="")


def links_text(settings: Settings, listing: Listing) -> str:
    """The links to share, or why there are none yet."""
    if not listing.status.is_public:
        return _("🔗 Tautan untuk dibagikan muncul setelah produknya tayang.")
    page = page_link(settings, listing)
    if page is None:
        return _("🔗 Tautan untuk dibagikan akan ada begitu etalase online sudah dibuka.")
    return _("🔗 Halaman produk:\n{page}\nBagikan ke status WA Anda:\n{share}").format(
        page=page, share=share_link(listing, page)
    )
