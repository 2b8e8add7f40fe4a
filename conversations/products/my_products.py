"""A member's own products ("Produk saya"): see how each is doing, change it, share it.

    list ─► listing (card, views and questions, links to share)
              ──price / stock / description / name──► typed ─► listing
              ──photos──► photos (see my_product_photos) ─► listing
              ──sold out / available / show or hide WA / send again──► listing
              ──delete──► confirm_delete ─► list

Ownership is checked at every step, against the database as it is now. The button on
a rejection notice (`@my_product:<id>`) opens its listing here straight away.
"""

from __future__ import annotations

from typing import Any

from bot.ascii_numbers import parse_row_id
from bot.i18n import N_, _
from bot.messages import Choice
from bot.models import Listing
from bot.services import catalog
from bot.vocabulary import ListingStatus
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.products import my_product_edits as edits
from conversations.products import my_product_photos as photos
from conversations.products.listing_text import (
    links_text,
    listing_card,
    listing_entry,
    rejection_text,
)
from conversations.products.my_product_state import (
    BACK,
    MENU,
    MY_PRODUCTS_FLOW,
    MyProductsData,
    MyProductsStep,
    S,
    Turn_,
    not_yours,
    owned,
    review_required,
    save_changes,
)
from conversations.steps import Confirmation

PRICE, STOCK, DESCRIPTION, NAME, PHOTOS = "price", "stock", "description", "name", "photos"
SOLD_OUT, AVAILABLE, SEND, WHATSAPP, DELETE = "sold_out", "available", "send", "whatsapp", "delete"
DELETE_CONFIRMATION = Confirmation(yes=N_("Ya, hapus"), yes_icon="🗑️")
EDITS = {PRICE: S.PRICE, STOCK: S.STOCK, DESCRIPTION: S.DESCRIPTION, NAME: S.NAME, PHOTOS: S.PHOTOS}


async def ask_list(t: Turn_) -> Prompt:
    """The member's listings, newest first, each with its price and status."""
    assert t.member is not None
    listings = await catalog.seller_listings(t.session, t.member.id)
    menu = Choice(MENU, _("↩ Menu"))
    if not listings:
        return Prompt(
            _("Anda belum punya produk. Kirim foto produk Anda untuk mulai jualan, ya."), [menu]
        )
    entries = [listing_entry(listing, t.limits.label_length) for listing in listings]
    return Prompt(_("🛍️ Produk saya. Pilih nomornya:"), [menu], entries=entries)


async def picked_listing(t: Turn_) -> Outcome:
    """Open the listing picked, if it is the member's own."""
    if t.choice == MENU:
        return Finish()
    listing_id = parse_row_id(t.choice or "")
    if listing_id is None:
        return Retry(_("Pilih salah satu produk di bawah, ya."))
    t.data["listing_id"] = listing_id
    if await owned(t) is None:
        return not_yours(t)
    return Goto(S.LISTING)


async def ask_listing(t: Turn_) -> Prompt:
    """The listing's card and links (said first), then what can be done with it."""
    listing = await owned(t)
    if listing is None:
        return Prompt(_("Produk itu tidak ada di daftar Anda."), [Choice(BACK, _("↩ Kembali"))])
    count = len(await catalog.listing_photos(t.session, listing.id))
    stats = await catalog.listing_stats(t.session, listing.id)
    t.say(listing_card(listing, count, stats))
    rejection = rejection_text(listing)
    t.say(rejection if rejection is not None else links_text(t.settings, listing))
    return Prompt(_("Mau ubah apa?"), _listing_choices(listing))


def _listing_choices(listing: Listing) -> list[Choice]:
    choices = [
        Choice(PRICE, _("💰 Ubah harga")),
        Choice(STOCK, _("📦 Ubah stok")),
        Choice(DESCRIPTION, _("📝 Ubah deskripsi")),
        Choice(NAME, _("✏️ Ubah nama")),
        Choice(PHOTOS, _("📷 Foto")),
    ]
    if listing.status == ListingStatus.LIVE:
        choices.append(Choice(SOLD_OUT, _("🚫 Tandai habis")))
    elif listing.status == ListingStatus.SOLD_OUT:
        choices.append(Choice(AVAILABLE, _("✅ Ada stok lagi")))
    elif listing.status == ListingStatus.REJECTED:
        choices.append(Choice(SEND, _("📤 Kirim lagi")))
    elif listing.status == ListingStatus.DRAFT:
        choices.append(Choice(SEND, _("📤 Tayangkan")))
    if listing.show_whatsapp:
        choices.append(Choice(WHATSAPP, _("🙈 Sembunyikan no. WA")))
    else:
        choices.append(Choice(WHATSAPP, _("📱 Tampilkan no. WA")))
    choices += [Choice(DELETE, _("🗑️ Hapus")), Choice(BACK, _("↩ Kembali"))]
    return choices


async def chose_for_listing(t: Turn_) -> Outcome:
    """Open the change picked, or do the one-tap ones (sold out, WhatsApp, send again)."""
    if t.choice == BACK:
        return Goto(S.LIST)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    if t.choice in EDITS:
        return Goto(EDITS[t.choice])
    if t.choice == DELETE:
        return Goto(S.CONFIRM_DELETE)
    if t.choice == WHATSAPP:
        shown = not listing.show_whatsapp
        outcome = await save_changes(t, listing, show_whatsapp=shown)
        if outcome == Goto(S.LISTING) and shown:
            t.say(_("Pembeli kini bisa chat WA Anda dari halaman produk."))
        elif outcome == Goto(S.LISTING):
            t.say(_("Nomor WA Anda tidak tampil. Pembeli bertanya lewat bot."))
        return outcome
    if t.choice in (SOLD_OUT, AVAILABLE):
        return await _switch(t, listing, sold_out=t.choice == SOLD_OUT)
    if t.choice == SEND:
        return await _send_again(t, listing)
    if t.incoming.photo is not None:
        t.say(_("Untuk menambah foto, pilih 📷 Foto dulu, ya."))
        return Goto(S.LISTING)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def _switch(t: Turn_, listing: Listing, *, sold_out: bool) -> Outcome:
    assert t.member is not None
    mark = catalog.mark_sold_out if sold_out else catalog.mark_available
    outcome = await mark(t.session, listing.id, t.member.id, now=t.clock.now())
    if isinstance(outcome, catalog.NotFound):
        return not_yours(t)
    if isinstance(outcome, catalog.WrongStatus):
        t.say(_("Produk ini sedang tidak tayang, jadi belum bisa diubah begitu."))
    elif sold_out:
        t.say(_("✅ Ditandai habis. Halamannya tetap ada, ditandai stok habis."))
    else:
        t.say(_("✅ Tayang lagi. Pembeli bisa menemukannya lagi."))
    return Goto(S.LISTING)


async def _send_again(t: Turn_, listing: Listing) -> Outcome:
    """Put a draft or a rejected listing (corrected) out again: live, or to the coordinator."""
    assert t.member is not None
    outcome = await catalog.publish(
        t.session,
        listing.id,
        t.member.id,
        review_required=review_required(t),
        now=t.clock.now(),
    )
    if isinstance(outcome, catalog.NotFound):
        return not_yours(t)
    if isinstance(outcome, catalog.Published):
        t.say(_("✅ Produk Anda sudah tayang."))
    elif isinstance(outcome, catalog.SentForReview):
        t.say(_("📤 Terkirim. Koordinator kecamatan akan mengeceknya dulu, nanti Anda dikabari."))
    elif isinstance(outcome, catalog.NeedsPhoto):
        t.say(_("Tambahkan foto dulu lewat 📷 Foto, baru bisa dikirim."))
    else:
        t.say(_("Produk ini sudah dikirim, tidak perlu dikirim lagi."))
    return Goto(S.LISTING)


async def ask_confirm_delete(t: Turn_) -> Prompt:
    """Deleting is for good: ask first."""
    listing = await owned(t)
    if listing is None:
        return Prompt(_("Produk itu tidak ada di daftar Anda."), [Choice(BACK, _("↩ Kembali"))])
    text = _("Hapus {name}? Produk hilang dari etalase dan tidak bisa dikembalikan.").format(
        name=listing.name
    )
    return Prompt(text, DELETE_CONFIRMATION.choices())


async def confirmed_delete(t: Turn_) -> Outcome:
    """Delete the listing (its photos go too), or go back to it."""
    if t.choice == BACK:
        return Goto(S.LIST)
    answer = DELETE_CONFIRMATION.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.LISTING)
    assert t.member is not None
    outcome = await catalog.delete_listing(
        t.session, t.data.get("listing_id", 0), t.member.id, now=t.clock.now()
    )
    if isinstance(outcome, catalog.NotFound):
        return not_yours(t)
    t.say(_("🗑️ {name} sudah dihapus.").format(name=outcome.listing.name))
    t.data.pop("listing_id", None)
    return Goto(S.LIST)


async def open_my_product(t: Turn[Any], argument: str) -> Outcome:
    """The button on a notice about a listing: open it in "Produk saya"."""
    listing_id = parse_row_id(argument)
    if listing_id is None:
        return StartFlow(MY_PRODUCTS_FLOW)
    return StartFlow(MY_PRODUCTS_FLOW, S.LISTING, {"listing_id": listing_id})


MY_PRODUCTS = Flow[MyProductsData](
    name=MY_PRODUCTS_FLOW,
    step_names=MyProductsStep,
    members_only=True,
    steps=(
        Step(S.LIST, ask_list, picked_listing),
        Step(S.LISTING, ask_listing, chose_for_listing),
        Step(S.PRICE, edits.ask_price, edits.got_price),
        Step(S.STOCK, edits.ask_stock, edits.got_stock),
        Step(S.DESCRIPTION, edits.ask_description, edits.got_description),
        Step(S.NAME, edits.ask_name, edits.got_name),
        Step(S.PHOTOS, photos.ask_photos, photos.got_photos),
        Step(S.PHOTO, photos.ask_photo, photos.chose_for_photo),
        Step(S.REPLACE_PHOTO, photos.ask_replace_photo, photos.got_replacement),
        Step(S.CONFIRM_DELETE, ask_confirm_delete, confirmed_delete),
    ),
)
