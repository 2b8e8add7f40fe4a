"""Jual produk: a member puts a product in the showcase by sending its photo (7 PAS P5).

    photo (sent at the menu, or asked for here) ─► guest? join ─► registration ─┐
       ─► name? ─► price? ─► category ─► preview ◄──────────────────────────────┘
    preview ──Terbitkan──► live (with its link), or waiting for the coordinator ─► menu
            ──Ubah──► edit_field ─► that question (or unit, stock, description,
                      the WhatsApp link, new photos) ─► preview
            ──Batal──► nothing published, the photos let go ─► menu

The caption is read for name, price, unit and description (`bot.product_caption`); only
what it did not say, or said doubtfully (`15rb-20rb`), is asked. With name and price in
the caption it is photo, category, Terbitkan. While any step is open, one more photo
(the rest of a Telegram album, or images sent in a row on WhatsApp) joins the draft
with one short line and the question stays as it is; past five the photo is refused.
A guest's photo waits in the chat's data while they register, and the listing goes on
right after.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import N_, _, gettext
from bot.messages import Choice
from bot.money import Rupiah, RupiahRefusalReason, parse_rupiah
from bot.names import parse_business_name
from bot.product_caption import parse_caption
from bot.product_photos import PhotoRefusal
from bot.services import catalog
from bot.services.catalog import PhotoFacts
from bot.services.catalog.listings import MAX_PRICE
from bot.services.catalog.photo_queue import keep_photos
from bot.vocabulary import ProductCategory, category_for_sector
from conversations.flow import (
    NO,
    YES,
    Answer,
    Finish,
    Flow,
    Goto,
    Outcome,
    Prompt,
    Retry,
    StartFlow,
    Stay,
    Step,
    Turn,
)
from conversations.labels import CATEGORY_LABELS
from conversations.products.listing_preview import (
    cover_photo,
    preview_text,
    price_line,
    published_text,
    sent_for_review_text,
)
from conversations.products.photo_intake import facts_as_data, refusal_text, take_photo
from conversations.products.sell_draft import (
    SELL_FLOW,
    SellData,
    SellStep,
    fill_from_caption,
    listing_draft,
    missing_step,
    new_draft,
    photos_of,
)
from conversations.products.sell_edits import (
    ask_description,
    ask_edit_field,
    ask_stock,
    ask_unit,
    got_description,
    got_edit_field,
    got_stock,
    got_unit,
)
from conversations.steps import picked
from conversations.typed_numbers import price_problem

__all__ = ["SELL_FLOW", "SELL_PRODUCT", "SellData", "SellStep", "start_from_photo"]

S = SellStep
Turn_ = Turn[SellData]
REGISTRATION_FLOW = "registration"
BACK = "back"
PUBLISH, EDIT, CANCEL = "publish", "edit", "cancel"


async def start_from_photo(t: Turn[Any]) -> Outcome:
    """A photo sent outside a question: the first of a new listing, its caption read."""
    assert t.incoming.photo is not None
    taken = await _taken(t)
    if isinstance(taken, PhotoRefusal):
        t.say(refusal_text(taken))
        return StartFlow(SELL_FLOW, S.PHOTO, new_draft(None, t.text, t.incoming.album))
    data = new_draft(taken, t.text, t.incoming.album)
    return StartFlow(SELL_FLOW, S.JOIN if t.member is None else missing_step(data), data)


async def ask_photo(t: Turn_) -> Prompt:
    """Ask for the photo (or new photos, replacing the old ones, from the preview)."""
    if t.data.get("photos"):
        text = _("Kirim foto baru (sampai 5). Foto yang lama diganti.")
        return Prompt(text, [Choice(BACK, _("↩ Kembali"))])
    if t.member is None:
        offer = _join_offer() + "\n" + _("Sudah ada fotonya? Kirim saja, kami simpan dulu.")
        return Prompt(offer, [Choice(YES, _("📝 Daftar sekarang")), Choice(BACK, _("↩ Menu"))])
    text = _(
        "📸 Kirim foto produknya, bisa sampai 5.\n"
        "Tulis nama dan harga di keterangan foto.\n"
        "Contoh: Keripik Balado 15rb"
    )
    return Prompt(text, [Choice(BACK, _("↩ Menu"))])


async def got_photo(t: Turn_) -> Outcome:
    """Take the first photo (its caption too); a guest is offered registration next."""
    if t.choice == BACK:
        return Goto(S.PREVIEW) if t.data.get("photos") else Finish()
    if t.choice == YES and t.member is None:
        return _register_then_sell(t)
    if t.incoming.photo is None:
        return Retry(_("Kirim fotonya dulu, ya: tekan 📎, lalu pilih foto."))
    taken = await _taken(t)
    if isinstance(taken, PhotoRefusal):
        return Retry(refusal_text(taken))
    t.data["photos"] = [facts_as_data(taken)]  # "Ganti foto": the engine lets the old go
    t.data["album"] = t.incoming.album
    fill_from_caption(t.data, t.text)
    return Goto(S.JOIN if t.member is None else missing_step(t.data))


async def one_more_photo(t: Turn_) -> Outcome:
    """A further photo while the listing is being written: added, and the question stays.

    A caption on it fills what is still missing; when that answers the open question,
    the next one is asked.
    """
    assert t.incoming.photo is not None
    photos = t.data.get("photos", [])
    if len(photos) >= catalog.MAX_PHOTOS:
        t.say(
            _("Paling banyak {limit} foto per produk. Foto ini tidak dipakai.").format(
                limit=catalog.MAX_PHOTOS
            )
        )
        return Stay()
    taken = await _taken(t)
    if isinstance(taken, PhotoRefusal):
        t.say(refusal_text(taken))
        return Stay()
    if any(photo["key"] == taken.key for photo in photos):
        t.say(_("Foto ini sudah masuk tadi."))
        return Stay()
    # A new list, never one changed in place: the chat's saved data must see the change.
    t.data["photos"] = [*photos, facts_as_data(taken)]
    t.say(_("📷 Foto ke-{number} masuk.").format(number=len(t.data["photos"])))
    asking = t.account.step
    # On Telegram an album's caption may ride on any of its photos; another album's
    # caption speaks of other photos. WhatsApp has no albums: images come one by one.
    same_batch = t.incoming.album is None or t.incoming.album == t.data.get("album")
    filled = same_batch and fill_from_caption(t.data, t.text)
    answered = filled and missing_step(t.data) != asking
    if answered and asking in (S.NAME, S.PRICE):
        return Goto(missing_step(t.data))
    return Stay()


async def _taken(t: Turn[Any]) -> PhotoFacts | PhotoRefusal:
    """The photo of this event, stored and kept for the listing, or why it was refused."""
    assert t.incoming.photo is not None
    taken = await take_photo(t.photos, t.incoming.photo)
    if isinstance(taken, PhotoFacts):
        await keep_photos(t.session, [taken.key])
    return taken


def taking_photos(answer: Answer[SellData]) -> Answer[SellData]:
    """The step's answer, except that a photo is one more photo of the listing."""

    async def answer_or_take_photo(t: Turn_) -> Outcome:
        if t.incoming.photo is not None:
            return await one_more_photo(t)
        return await answer(t)

    return answer_or_take_photo


async def ask_join(t: Turn_) -> Prompt:
    """A guest wants to sell: members sell, so offer registration; the photo waits."""
    text = _join_offer() + "\n" + _("Foto Anda kami simpan, lalu kita lanjut.")
    return Prompt(text, [Choice(YES, _("📝 Daftar sekarang")), Choice(NO, _("Nanti saja"))])


def _join_offer() -> str:
    return _("Untuk jual produk, daftar dulu jadi anggota OK OCE. Gratis, sekitar 2 menit.")


async def chose_join(t: Turn_) -> Outcome:
    """Register, then come back to the listing where it stopped; or leave it."""
    if t.member is not None:  # recognised meanwhile (registered on another channel)
        return Goto(missing_step(t.data))
    if t.choice == YES:
        return _register_then_sell(t)
    if t.choice == NO:
        t.data["photos"] = []  # a listing that will not be: the engine lets them go
        t.say(_("Oke. Kalau sudah daftar, kirim lagi fotonya, ya."))
        return Finish()
    return Retry(_("Pilih Daftar sekarang atau Nanti saja, ya."))


def _register_then_sell(t: Turn_) -> Outcome:
    """Registration, which comes back to the listing where it stopped (the photos kept)."""
    then = {
        "flow": SELL_FLOW,
        "step": str(missing_step(t.data)),
        "data": dict(t.data),
        "note": N_("Sekarang kita lanjut ke produk tadi."),
    }
    return StartFlow(REGISTRATION_FLOW, data={"then": then})


async def ask_name(t: Turn_) -> Prompt:
    return Prompt(_("Apa nama produknya? Contoh: Keripik Balado"))


async def got_name(t: Turn_) -> Outcome:
    """Store the name; a price typed with it (`Keripik 15rb`) is taken too."""
    parts = parse_caption(t.text)
    name = parse_business_name(parts.name or "")
    if name is None:
        return Retry(_("Tulis nama produknya, 3 sampai 80 huruf. Contoh: Keripik Balado"))
    t.data["name"] = name
    if parts.price is not None and not t.data.get("price"):
        t.data["price"] = parts.price
        t.data["unit"] = t.data.get("unit") or parts.unit
    return Goto(missing_step(t.data))


async def ask_price(t: Turn_) -> Prompt:
    """Ask the price, saying why when the caption named more than one."""
    name = t.data.get("name", "")
    if t.data.get("price_doubtful"):
        text = _("Di keterangan ada lebih dari satu harga. Berapa harga {name}?")
    else:
        text = _("Berapa harga {name}?")
    return Prompt(text.format(name=name) + "\n" + _("Contoh: 15rb atau 15.000"))


async def got_price(t: Turn_) -> Outcome:
    """Store the price as people type it (`15rb`, `Rp 15.000,-`, `15rb/bungkus`)."""
    reading = parse_rupiah(t.text, maximum=MAX_PRICE)
    if isinstance(reading, Rupiah):
        t.data["price"] = reading.amount
    else:
        parts = parse_caption(t.text)
        if reading.reason is not RupiahRefusalReason.NOT_A_NUMBER or parts.price is None:
            return Retry(price_problem(reading.reason))
        t.data["price"] = parts.price
        t.data["unit"] = parts.unit or t.data.get("unit")
    t.data.pop("price_doubtful", None)
    return Goto(missing_step(t.data))


async def ask_category(t: Turn_) -> Prompt:
    """The categories, the likeliest first (the one chosen, or the seller's sector)."""
    first = _category_guess(t)
    order = [first, *(c for c in ProductCategory if c != first)] if first else list(ProductCategory)
    choices = [Choice(str(category), _label(category)) for category in order]
    heading = f"{t.data.get('name', '')}, {price_line(t.data)}." if t.data.get("price") else ""
    text = f"{heading}\n" + _("Masuk kategori apa?")
    return Prompt(text.strip(), choices, yes=(str(first),) if first else ())


async def got_category(t: Turn_) -> Outcome:
    category = picked(t, ProductCategory)
    if category is None:
        return Retry(_("Pilih salah satu kategori di bawah, ya."))
    t.data["category"] = category
    return Goto(missing_step(t.data))


def _category_guess(t: Turn_) -> ProductCategory | None:
    chosen = t.data.get("category")
    if chosen in tuple(ProductCategory):
        return ProductCategory(chosen)
    return category_for_sector(t.member.sector) if t.member is not None else None


def _label(category: ProductCategory) -> str:
    return gettext(CATEGORY_LABELS[category])


async def ask_preview(t: Turn_) -> Prompt:
    """The listing as buyers will see it, photo first; one tap publishes it."""
    choices = [
        Choice(PUBLISH, _("🚀 Terbitkan")),
        Choice(EDIT, _("✏️ Ubah")),
        Choice(CANCEL, _("✖️ Batal")),
    ]
    return Prompt(
        preview_text(t.data),
        choices,
        photo=await cover_photo(t.photos, t.data),
        yes=(PUBLISH,),
        no=(CANCEL,),
        synonyms={PUBLISH: ("terbit", "tayang", "publish"), EDIT: ("edit", "ganti")},
    )


async def chose_in_preview(t: Turn_) -> Outcome:
    """Publish, change something, or drop the listing."""
    if missing_step(t.data) != S.PREVIEW:
        return Goto(missing_step(t.data))
    if t.choice == PUBLISH:
        return await _publish(t)
    if t.choice == EDIT:
        return Goto(S.EDIT_FIELD)
    if t.choice == CANCEL:
        t.data["photos"] = []  # a listing that will not be: the engine lets them go
        t.say(_("Oke, produknya tidak jadi diterbitkan."))
        return Finish()
    return Retry(_("Pilih Terbitkan, Ubah, atau Batal, ya."))


async def _publish(t: Turn_) -> Outcome:
    """Create the listing with its photos and put it out: live, or to the coordinator."""
    if t.member is None:
        return Goto(S.JOIN)
    member, now = t.member, t.clock.now()
    listing = await catalog.create_listing(t.session, member, listing_draft(t.data), now=now)
    for photo in photos_of(t.data):
        await catalog.add_photo(
            t.session, listing.id, member.id, photo, review_required=False, now=now
        )
    outcome = await catalog.publish(
        t.session,
        listing.id,
        member.id,
        review_required=catalog.review_required(t.settings.catalog_moderation),
        now=now,
    )
    if isinstance(outcome, catalog.Published):
        t.say(published_text(t.settings.public_url, listing.id))
    elif isinstance(outcome, catalog.SentForReview):
        t.say(sent_for_review_text())
    else:  # no photo row could be added (the draft's photos were the listing's own)
        t.data["photos"] = []
        t.say(_("Maaf, produknya belum bisa diterbitkan. Kirim fotonya sekali lagi, ya."))
        return Goto(S.PHOTO)
    return Finish()


SELL_PRODUCT = Flow[SellData](
    name=SELL_FLOW,
    step_names=SellStep,
    form_steps=frozenset(SellStep) - {S.PHOTO, S.JOIN},
    draft_name=N_("jual produk"),
    steps=(
        Step(S.PHOTO, ask_photo, got_photo),
        Step(S.JOIN, ask_join, taking_photos(chose_join)),
        Step(S.NAME, ask_name, taking_photos(got_name)),
        Step(S.PRICE, ask_price, taking_photos(got_price)),
        Step(S.CATEGORY, ask_category, taking_photos(got_category)),
        Step(S.PREVIEW, ask_preview, taking_photos(chose_in_preview)),
        Step(S.EDIT_FIELD, ask_edit_field, taking_photos(got_edit_field)),
        Step(S.UNIT, ask_unit, taking_photos(got_unit)),
        Step(S.STOCK, ask_stock, taking_photos(got_stock)),
        Step(S.DESCRIPTION, ask_description, taking_photos(got_description)),
    ),
)
