"""Changing a listing from its preview ("Ubah"): any field, the photos, the WhatsApp link.

Each question here leads back to the preview. Unit, stock and a short description are
asked only here, so the common path (photo, category, Terbitkan) has no extra taps; the
"Chat di WhatsApp" link for buyers is off until the seller switches it on here.
"""

from __future__ import annotations

import re

from bot.i18n import _
from bot.messages import Choice
from bot.product_caption import DESCRIPTION_MAX_LENGTH, UNITS
from bot.services.catalog.listings import MAX_UNIT
from conversations.flow import Goto, Outcome, Prompt, Retry, Turn
from conversations.products.sell_draft import SellData, SellStep
from conversations.steps import picked

S = SellStep
Turn_ = Turn[SellData]
NONE, PHOTOS, WHATSAPP = "none", "photos", "whatsapp"
MAX_STOCK = 100_000
_STOCK = re.compile(r"\s*(?:stok|stock|ada|sisa)?\s*:?\s*([0-9]{1,9})\b", re.IGNORECASE)
_UNIT_LEAD = re.compile(r"^\s*(?:per\b|/|@|satuan\s*:?)\s*", re.IGNORECASE)


async def ask_edit_field(t: Turn_) -> Prompt:
    """What to change; the WhatsApp link for buyers is switched here (off by default)."""
    shown = t.data.get("show_whatsapp")
    whatsapp = _("💬 Sembunyikan WA saya") if shown else _("💬 Tampilkan WA saya")
    choices = [
        Choice(PHOTOS, _("📷 Ganti foto")),
        Choice(S.NAME, _("Nama")),
        Choice(S.PRICE, _("Harga")),
        Choice(S.UNIT, _("Satuan")),
        Choice(S.CATEGORY, _("Kategori")),
        Choice(S.STOCK, _("Stok")),
        Choice(S.DESCRIPTION, _("Keterangan")),
        Choice(WHATSAPP, whatsapp),
        Choice(S.PREVIEW, _("↩ Kembali")),
    ]
    text = _("Mau ubah apa?\nWA: pembeli bisa chat ke WhatsApp Anda dari halaman produk.")
    return Prompt(text, choices)


async def got_edit_field(t: Turn_) -> Outcome:
    """Ask that one question again (it leads back to the preview), or flip the WA link."""
    if t.choice == PHOTOS:
        return Goto(S.PHOTO)
    if t.choice == WHATSAPP:
        t.data["show_whatsapp"] = not t.data.get("show_whatsapp")
        return Goto(S.PREVIEW)
    field = picked(t, SellStep)
    if field not in EDITABLE:
        return Retry(_("Pilih yang mau diubah, ya."))
    return Goto(field)


async def ask_unit(t: Turn_) -> Prompt:
    text = _("Dijual per apa? Contoh: bungkus, kotak, porsi, 250 gram")
    return Prompt(text, [Choice(NONE, _("Tanpa satuan"))])


async def got_unit(t: Turn_) -> Outcome:
    """Store the unit in the bot's spelling (`bks` is `bungkus`), or none."""
    if t.choice == NONE:
        t.data["unit"] = None
        return Goto(S.PREVIEW)
    typed = " ".join(_UNIT_LEAD.sub("", t.text).split())
    if not typed or len(typed) > MAX_UNIT or not any(ch.isalpha() for ch in typed):
        return Retry(_("Tulis satuannya singkat saja, ya. Contoh: bungkus"))
    t.data["unit"] = UNITS.get(typed.lower(), typed)
    return Goto(S.PREVIEW)


async def ask_stock(t: Turn_) -> Prompt:
    text = _("Berapa stok yang ada? Ketik angkanya. Contoh: 20")
    return Prompt(text, [Choice(NONE, _("Tidak dihitung"))])


async def got_stock(t: Turn_) -> Outcome:
    """Store how many are in stock (`20`, `stok 20 bungkus`), or that it is not counted."""
    if t.choice == NONE:
        t.data["stock"] = None
        return Goto(S.PREVIEW)
    match = _STOCK.match(t.text)
    stock = int(match[1]) if match else None
    if stock is None or not 1 <= stock <= MAX_STOCK:
        return Retry(_("Tulis stoknya dengan angka, 1 sampai 100.000. Contoh: 20"))
    t.data["stock"] = stock
    return Goto(S.PREVIEW)


async def ask_description(t: Turn_) -> Prompt:
    text = _("Tulis keterangan singkat: rasa, ukuran, atau cara pesan. Paling banyak 300 huruf.")
    return Prompt(text, [Choice(NONE, _("Tanpa keterangan"))])


async def got_description(t: Turn_) -> Outcome:
    if t.choice == NONE:
        t.data["description"] = None
        return Goto(S.PREVIEW)
    if not t.text:
        return Retry(_("Tulis keterangannya dengan huruf, ya."))
    if len(t.text) > DESCRIPTION_MAX_LENGTH:
        return Retry(_("Keterangannya terlalu panjang. Paling banyak 300 huruf, ya."))
    t.data["description"] = t.text
    return Goto(S.PREVIEW)


EDITABLE = frozenset({S.NAME, S.PRICE, S.UNIT, S.CATEGORY, S.STOCK, S.DESCRIPTION, S.PREVIEW})
"""What the preview's "Ubah" leads to (the preview itself is "↩ Kembali")."""
