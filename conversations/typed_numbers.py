"""Asking again, kindly, when a typed amount, tenor or rate could not be read."""

from __future__ import annotations

from bot.i18n import _
from bot.loan_input import TypedNumberRefusal
from bot.money import RupiahRefusalReason


def amount_problem(reason: RupiahRefusalReason) -> str:
    """Why a typed amount was not read, and how to type it."""
    example = _("Contoh: 5jt atau 5.000.000")
    if reason is RupiahRefusalReason.IN_WORDS:
        return _("Maaf, tulis angkanya saja, ya.") + " " + example
    if reason in (RupiahRefusalReason.ZERO, RupiahRefusalReason.FREE):
        return _("Jumlahnya harus lebih dari Rp0.") + " " + example
    if reason is RupiahRefusalReason.NEGATIVE:
        return _("Jumlahnya tidak bisa minus.") + " " + example
    if reason in (RupiahRefusalReason.RANGE, RupiahRefusalReason.SEVERAL_AMOUNTS):
        return _("Tulis satu jumlah saja, ya.") + " " + example
    if reason is RupiahRefusalReason.FRACTION_OF_RUPIAH:
        return _("Tulis dalam rupiah penuh, tanpa sen.") + " " + example
    if reason is RupiahRefusalReason.TOO_LARGE:
        return _("Jumlahnya terlalu besar. Cek lagi angkanya, ya.")
    return _("Maaf, jumlahnya belum terbaca.") + " " + example


def months_problem(reason: TypedNumberRefusal) -> str:
    """Why a typed tenor was not read, and how to type it."""
    example = _("Contoh: 12 atau 12 bulan")
    if reason is TypedNumberRefusal.IN_WORDS:
        return _("Maaf, tulis angkanya saja, ya.") + " " + example
    if reason in (TypedNumberRefusal.ZERO, TypedNumberRefusal.NEGATIVE):
        return _("Lama pinjaman paling sedikit 1 bulan.") + " " + example
    if reason is TypedNumberRefusal.FRACTION_OF_MONTH:
        return _("Tulis bulan penuh, ya.") + " " + example
    if reason is TypedNumberRefusal.SEVERAL_NUMBERS:
        return _("Tulis satu angka saja, ya.") + " " + example
    if reason is TypedNumberRefusal.TOO_LARGE:
        return _("Itu terlalu lama untuk pinjaman usaha.") + " " + example
    return _("Maaf, lamanya belum terbaca.") + " " + example


def rate_problem(reason: TypedNumberRefusal) -> str:
    """Why a typed rate was not read, and how to type it."""
    example = _("Contoh: 1,5% per bulan")
    if reason is TypedNumberRefusal.IN_WORDS:
        return _("Maaf, tulis angkanya saja, ya.") + " " + example
    if reason is TypedNumberRefusal.NEGATIVE:
        return _("Bunga tidak bisa kurang dari 0%.") + " " + example
    if reason is TypedNumberRefusal.SEVERAL_NUMBERS:
        return _("Tulis satu angka bunga saja, ya.") + " " + example
    return _("Maaf, bunganya belum terbaca.") + " " + example


def price_problem(reason: RupiahRefusalReason) -> str:
    """Why a typed product price was not read, and how to type it."""
    example = _("Contoh: 15rb atau 15.000")
    if reason is RupiahRefusalReason.FREE:
        return _("Di sini hanya untuk produk yang dijual. Tulis harganya, ya.") + " " + example
    if reason is RupiahRefusalReason.IN_WORDS:
        return _("Maaf, tulis angkanya saja, ya.") + " " + example
    if reason is RupiahRefusalReason.ZERO:
        return _("Harganya harus lebih dari Rp0.") + " " + example
    if reason is RupiahRefusalReason.NEGATIVE:
        return _("Harga tidak bisa minus.") + " " + example
    if reason in (RupiahRefusalReason.RANGE, RupiahRefusalReason.SEVERAL_AMOUNTS):
        return _("Tulis satu harga saja, ya. Harga lain bisa ditulis di keterangan.")
    if reason is RupiahRefusalReason.FRACTION_OF_RUPIAH:
        return _("Tulis dalam rupiah penuh, tanpa sen.") + " " + example
    if reason is RupiahRefusalReason.TOO_LARGE:
        return _("Harganya terlalu besar. Cek lagi angkanya, ya.")
    return _("Maaf, harganya belum terbaca.") + " " + example
