"""A photo a member sent, made ready for a listing: checked, cleaned, stored once.

The selling flow and "Produk saya" both take photos this way. Preparing a photo is
CPU-bound (`bot.product_photos`), so it runs in a thread; the store keeps one copy per
content hash, so the same photo sent twice is stored once. Flow data is JSON, so the
facts a listing needs travel in it as a plain dict (`facts_as_data` / `facts_from_data`).
"""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from bot.i18n import _
from bot.messages import Photo
from bot.photo_store import PhotoStore
from bot.product_photos import MIN_PHOTO_SHORT_SIDE, PhotoRefusal, RefusalReason, prepare_photo
from bot.services.catalog import PhotoFacts

BYTES_PER_MB = 1024 * 1024


async def take_photo(photos: PhotoStore, photo: Photo) -> PhotoFacts | PhotoRefusal:
    """The stored photo's facts, or why it was not taken."""
    prepared = await asyncio.to_thread(prepare_photo, photo.data)
    if isinstance(prepared, PhotoRefusal):
        return prepared
    await photos.put(prepared.key, prepared)
    return PhotoFacts.of(prepared)


def refusal_text(refusal: PhotoRefusal) -> str:
    """What to tell the member, in one or two short lines, and what to do instead."""
    if refusal.reason is RefusalReason.FILE_TOO_LARGE:
        limit = (refusal.limit or 0) // BYTES_PER_MB
        return _("Fotonya terlalu besar (lebih dari {limit} MB). Kirim sebagai foto biasa.").format(
            limit=limit
        )
    if refusal.reason is RefusalReason.NOT_A_PHOTO:
        return _("Itu bukan foto yang bisa kami pakai. Kirim foto JPG atau PNG, ya.")
    if refusal.reason is RefusalReason.TOO_MANY_PIXELS:
        return _("Fotonya terlalu besar. Ambil foto dengan ukuran kamera biasa, lalu kirim lagi.")
    if refusal.reason is RefusalReason.TOO_SMALL:
        return _("Fotonya terlalu kecil (kurang dari {side} px). Foto lebih dekat, ya.").format(
            side=MIN_PHOTO_SHORT_SIDE
        )
    return _("Fotonya rusak atau terpotong. Coba kirim lagi, ya.")


def facts_as_data(facts: PhotoFacts) -> dict[str, Any]:
    """The facts as JSON-safe flow data."""
    return {
        "key": facts.key,
        "web": [facts.web_width, facts.web_height],
        "thumb": [facts.thumb_width, facts.thumb_height],
        "placeholder": base64.b64encode(facts.placeholder).decode("ascii"),
    }


def facts_from_data(data: dict[str, Any]) -> PhotoFacts:
    """The facts back from flow data written by `facts_as_data`."""
    web_width, web_height = data["web"]
    thumb_width, thumb_height = data["thumb"]
    return PhotoFacts(
        key=data["key"],
        web_width=web_width,
        web_height=web_height,
        thumb_width=thumb_width,
        thumb_height=thumb_height,
        placeholder=base64.b64decode(data["placeholder"]),
    )
