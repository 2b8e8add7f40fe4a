"""A listing's photos in "Produk saya": add one, or pick one to replace or remove.

    photos ──a photo sent──► added (at most five) ─► photos
           ──pick a photo──► photo (shown) ──replace─► replace_photo ──a photo──► photos
                                           ──remove──► removed (never the last one) ─► photos

A photo sent here goes through `take_photo` (checked, cleaned, stored once) before the
catalog adds it; adding one to a live listing may send it back to review.
"""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Attachment, Choice, Reply
from bot.models import Listing, ListingPhoto
from bot.product_photos import PhotoRefusal, RenditionKind
from bot.services import catalog
from bot.services.catalog.photo_queue import queue_unused_photos
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.products.my_product_state import (
    BACK,
    S,
    Turn_,
    not_yours,
    owned,
    review_required,
    tell_back_to_review,
)
from conversations.products.photo_intake import refusal_text, take_photo

REPLACE, REMOVE = "replace", "remove"


def _back() -> Choice:
    return Choice(BACK, _("↩ Kembali"))


def _photo_label(number: int) -> str:
    if number == 1:
        return _("🖼️ Foto 1 (sampul)")
    return _("🖼️ Foto {number}").format(number=number)


async def ask_photos(t: Turn_) -> Prompt:
    """The listing's photos by number; a photo sent adds one."""
    listing = await owned(t)
    if listing is None:
        return Prompt(_("Produk itu tidak ada di daftar Anda."), [_back()])
    photos = await catalog.listing_photos(t.session, listing.id)
    choices = [Choice(p.photo_key, _photo_label(n)) for n, p in enumerate(photos, start=1)]
    lines = [
        _("📷 Foto produk: {count} dari {most}.").format(count=len(photos), most=catalog.MAX_PHOTOS)
    ]
    if len(photos) < catalog.MAX_PHOTOS:
        lines.append(_("Kirim foto untuk menambah."))
    else:
        lines.append(_("Sudah 5 foto. Ganti atau hapus salah satu dulu, ya."))
    if photos:
        lines.append(_("Pilih fotonya untuk mengganti atau menghapus:"))
    return Prompt("\n".join(lines), [*choices, _back()])


async def got_photos(t: Turn_) -> Outcome:
    """Add a photo sent, or open the photo picked."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    if t.incoming.photo is not None:
        return await _add(t, listing)
    photos = await catalog.listing_photos(t.session, listing.id)
    if t.choice is not None and any(p.photo_key == t.choice for p in photos):
        t.data["photo_key"] = t.choice
        return Goto(S.PHOTO)
    return Retry(_("Kirim foto untuk menambah, atau pilih foto di bawah, ya."))


async def _add(t: Turn_, listing: Listing) -> Outcome:
    """Add the photo sent; a sixth is refused before it is even stored."""
    assert t.member is not None and t.incoming.photo is not None
    if len(await catalog.listing_photos(t.session, listing.id)) >= catalog.MAX_PHOTOS:
        return Retry(_("Sudah 5 foto. Ganti atau hapus salah satu dulu, ya."))
    facts = await take_photo(t.photos, t.incoming.photo)
    if isinstance(facts, PhotoRefusal):
        return Retry(refusal_text(facts))
    added = await catalog.add_photo(
        t.session,
        listing.id,
        t.member.id,
        facts,
        review_required=review_required(t),
        now=t.clock.now(),
    )
    if isinstance(added, catalog.NotFound):
        return not_yours(t)
    if isinstance(added, catalog.TooManyPhotos):  # a photo added meanwhile, from elsewhere
        await queue_unused_photos(t.session, [facts.key], now=t.clock.now())
        return Retry(_("Sudah 5 foto. Ganti atau hapus salah satu dulu, ya."))
    if isinstance(added, catalog.PhotoAlreadyThere):
        return Retry(_("Foto itu sudah ada di produk ini. Kirim foto yang lain, ya."))
    t.say(_("✅ Foto ditambahkan."))
    tell_back_to_review(t, back_to_review=added.back_to_review)
    return Goto(S.PHOTOS)


async def _picked(t: Turn_, listing: Listing) -> tuple[int, ListingPhoto] | None:
    """The photo picked (its number, counting from 1), if the listing still has it."""
    photos = await catalog.listing_photos(t.session, listing.id)
    for number, photo in enumerate(photos, start=1):
        if photo.photo_key == t.data.get("photo_key"):
            return number, photo
    return None


async def ask_photo(t: Turn_) -> Prompt:
    """The photo picked, shown, and what to do with it."""
    listing = await owned(t)
    picked = await _picked(t, listing) if listing else None
    if picked is None:
        return Prompt(_("Foto itu sudah tidak ada."), [_back()])
    number, photo = picked
    data = await t.photos.read(photo.photo_key, RenditionKind.THUMB)
    label = _photo_label(number)
    if data is not None:
        t.replies.append(Reply(label, photo=Attachment(f"foto-{number}.jpg", data, "image/jpeg")))
    return Prompt(
        _("Foto ini mau diapakan? Bisa juga langsung kirim foto penggantinya."),
        [Choice(REPLACE, _("🔁 Ganti")), Choice(REMOVE, _("🗑️ Hapus")), _back()],
    )


async def chose_for_photo(t: Turn_) -> Outcome:
    """Replace the photo (asked for next, or sent right away), or remove it."""
    if t.choice == BACK:
        return Goto(S.PHOTOS)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    picked = await _picked(t, listing)
    if picked is None:
        t.say(_("Foto itu sudah tidak ada."))
        return Goto(S.PHOTOS)
    if t.incoming.photo is not None:
        return await _replace(t, listing, picked[1])
    if t.choice == REPLACE:
        return Goto(S.REPLACE_PHOTO)
    if t.choice == REMOVE:
        return await _remove(t, listing, picked[1])
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def _remove(t: Turn_, listing: Listing, photo: ListingPhoto) -> Outcome:
    assert t.member is not None
    if len(await catalog.listing_photos(t.session, listing.id)) == 1:
        t.say(_("Produk perlu paling sedikit 1 foto. Ganti saja fotonya, ya."))
        return Goto(S.PHOTO)
    removed = await catalog.remove_photo(
        t.session, listing.id, t.member.id, photo.photo_key, now=t.clock.now()
    )
    if isinstance(removed, catalog.NotFound):
        t.say(_("Foto itu sudah tidak ada."))
    else:
        t.say(_("🗑️ Foto dihapus."))
    t.data.pop("photo_key", None)
    return Goto(S.PHOTOS)


async def ask_replace_photo(t: Turn_) -> Prompt:
    """The photo to put in place of the one picked."""
    return Prompt(_("Kirim foto penggantinya, ya."), [_back()])


async def got_replacement(t: Turn_) -> Outcome:
    """Put the photo sent in place of the one picked."""
    if t.choice == BACK:
        return Goto(S.PHOTO)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    picked = await _picked(t, listing)
    if picked is None:
        t.say(_("Foto itu sudah tidak ada."))
        return Goto(S.PHOTOS)
    if t.incoming.photo is None:
        return Retry(_("Kirim fotonya (bukan tulisan), ya."))
    return await _replace(t, listing, picked[1])


async def _replace(t: Turn_, listing: Listing, old: ListingPhoto) -> Outcome:
    """Take the new photo and put it where the old one was (a new cover stays the cover)."""
    assert t.member is not None and t.incoming.photo is not None
    facts = await take_photo(t.photos, t.incoming.photo)
    if isinstance(facts, PhotoRefusal):
        return Retry(refusal_text(facts))
    if facts.key == old.photo_key:
        t.say(_("Itu foto yang sama dengan yang lama."))
        return Goto(S.PHOTOS)
    replaced = await catalog.replace_photo(
        t.session,
        listing.id,
        t.member.id,
        old.photo_key,
        facts,
        review_required=review_required(t),
        now=t.clock.now(),
    )
    if isinstance(replaced, catalog.PhotoAlreadyThere):
        return Retry(_("Foto itu sudah ada di produk ini. Kirim foto yang lain, ya."))
    if isinstance(replaced, catalog.NotFound):
        return not_yours(t)
    t.say(_("✅ Foto diganti."))
    tell_back_to_review(t, back_to_review=replaced.back_to_review)
    t.data.pop("photo_key", None)
    return Goto(S.PHOTOS)
