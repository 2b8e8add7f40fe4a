"""Why a coordinator turns a listing down: the common reasons offered, and reading one back.

A common reason is stored as its Indonesian source text, so the seller reads it in
their own language when the notice or "Produk saya" shows it; a reason the coordinator
typed is stored and shown as typed.
"""

from __future__ import annotations

from enum import StrEnum

from bot.i18n import N_, gettext


class CommonReason(StrEnum):
    """The reasons offered as choices (the id of each choice)."""

    BLURRY_PHOTO = "blurry_photo"
    NOT_A_PRODUCT = "not_a_product"
    ODD_PRICE = "odd_price"
    AGAINST_RULES = "against_rules"


COMMON_REASONS = {
    CommonReason.BLURRY_PHOTO: N_("Foto tidak jelas"),
    CommonReason.NOT_A_PRODUCT: N_("Bukan produk"),
    CommonReason.ODD_PRICE: N_("Harga tidak wajar"),
    CommonReason.AGAINST_RULES: N_("Melanggar aturan"),
}
"""What each common reason says (marked here, translated when shown)."""


def reason_words(stored: str | None) -> str:
    """A stored reason as the reader should see it: a common one translated, a typed one as is."""
    if not stored:
        return "-"
    if stored in COMMON_REASONS.values():
        return gettext(stored)
    return stored
