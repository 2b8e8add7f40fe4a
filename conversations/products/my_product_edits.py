"""Changing a listing's price, stock, description and name in "Produk saya".

Each step asks for one thing, reads it kindly (a price as people type it, a stock as a
number or "tidak dihitung"), and saves it through the catalog, which says when a live
listing must be looked at again by the coordinator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.ascii_numbers import read_ascii_int
from bot.i18n import _
from bot.messages import Choice
from bot.money import Rupiah, parse_rupiah
from bot.services.catalog.listings import MAX_DESCRIPTION, MAX_NAME, MAX_PRICE
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.products.listing_text import price_words
from conversations.products.my_product_state import (
    BACK,
    S,
    Turn_,
    not_yours,
    owned,
    save_changes,
)
from conversations.typed_numbers import price_problem

NOT_COUNTED, CLEAR = "not_counted", "clear"
MAX_STOCK = 1_000_000
_STOCK = re.compile(r"(?P<sign>-)?\s*(?P<number>\d+)\s*(?P<unit>[^\W\d_]+\.?)?", re.UNICODE)
"""`12`, `12 pcs`, `-3`: a count, with a unit word or not."""


class StockRefusal(StrEnum):
    """Why a typed stock was not read."""

    NOT_A_NUMBER = "not_a_number"
    NEGATIVE = "negative"
    TOO_LARGE = "too_large"


@dataclass(frozen=True)
class Stock:
    """A stock as counted (0 means sold out)."""

    count: int


def parse_stock(text: str) -> Stock | StockRefusal:
    """Read a typed stock: a whole number of items, perhaps with its unit (`12 pcs`)."""
    match = _STOCK.fullmatch(text.strip())
    if match is None:
        return StockRefusal.NOT_A_NUMBER
    if match["sign"]:
        return StockRefusal.NEGATIVE
    count = read_ascii_int(match["number"], low=0, high=MAX_STOCK)
    return StockRefusal.TOO_LARGE if count is None else Stock(count)


def _back() -> Choice:
    return Choice(BACK, _("↩ Kembali"))


async def ask_price(t: Turn_) -> Prompt:
    """The price now, and how to type a new one."""
    listing = await owned(t)
    now = price_words(listing) if listing else "-"
    return Prompt(
        _("Harga sekarang {price}. Ketik harga baru:").format(price=now)
        + " "
        + _("Contoh: 15rb atau 15.000"),
        [_back()],
    )


async def got_price(t: Turn_) -> Outcome:
    """Save a price read from what was typed; say how to type it when it was not read."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    price = parse_rupiah(t.text, maximum=MAX_PRICE)
    if not isinstance(price, Rupiah):
        return Retry(price_problem(price.reason))
    return await save_changes(t, listing, price=price.amount)


async def ask_stock(t: Turn_) -> Prompt:
    """A count (0 is sold out), or that stock is not counted."""
    return Prompt(
        _("Stoknya ada berapa? Ketik angkanya (0 = habis), atau pilih kalau tidak dihitung."),
        [Choice(NOT_COUNTED, _("Tidak dihitung")), _back()],
        synonyms={NOT_COUNTED: ("tidak tahu", "gak dihitung", "nggak dihitung", "bebas")},
    )


async def got_stock(t: Turn_) -> Outcome:
    """Save the stock (a count, or not counted)."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    if t.choice == NOT_COUNTED:
        return await save_changes(t, listing, stock=None)
    stock = parse_stock(t.text)
    if stock is StockRefusal.NEGATIVE:
        return Retry(_("Stok tidak bisa minus. Ketik angkanya, contoh: 12"))
    if stock is StockRefusal.TOO_LARGE:
        return Retry(_("Stoknya terlalu banyak. Cek lagi angkanya, ya."))
    if not isinstance(stock, Stock):
        return Retry(_("Ketik stoknya dengan angka, contoh: 12"))
    return await save_changes(t, listing, stock=stock.count)


async def ask_description(t: Turn_) -> Prompt:
    """A new description, with what buyers like to read in one."""
    return Prompt(
        _("Ketik deskripsi baru: rasa, ukuran, bahan, cara pesan. Singkat saja."),
        [Choice(CLEAR, _("🧹 Kosongkan")), _back()],
    )


async def got_description(t: Turn_) -> Outcome:
    """Save the description typed (or clear it)."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    if t.choice == CLEAR:
        return await save_changes(t, listing, description=None)
    if not t.text:
        return Retry(_("Ketik deskripsinya dengan huruf, ya."))
    if len(t.text) > MAX_DESCRIPTION:
        return Retry(
            _("Deskripsinya terlalu panjang. Paling banyak {most} huruf.").format(
                most=MAX_DESCRIPTION
            )
        )
    return await save_changes(t, listing, description=t.text)


async def ask_name(t: Turn_) -> Prompt:
    """The new name."""
    return Prompt(_("Ketik nama produk yang baru, contoh: Keripik Balado"), [_back()])


async def got_name(t: Turn_) -> Outcome:
    """Save the new name."""
    if t.choice == BACK:
        return Goto(S.LISTING)
    listing = await owned(t)
    if listing is None:
        return not_yours(t)
    name = " ".join(t.text.split())
    if not name:
        return Retry(_("Ketik nama produknya dengan huruf, ya."))
    if len(name) > MAX_NAME:
        return Retry(
            _("Namanya terlalu panjang. Paling banyak {most} huruf.").format(most=MAX_NAME)
        )
    return await save_changes(t, listing, name=name)
