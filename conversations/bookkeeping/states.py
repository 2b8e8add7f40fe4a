"""The bookkeeping flow's steps, what it collects, and how its values are named."""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.i18n import N_
from bot.vocabulary import EntryCategory, EntryKind
from conversations.flow import Turn


class BookkeepingStep(StrEnum):
    HOME = "home"
    KIND = "kind"
    AMOUNT = "amount"
    CATEGORY = "category"
    CONFIRM = "confirm"
    SUMMARY = "summary"
    CONFIRM_UNDO = "confirm_undo"
    PICK_ENTRY = "pick_entry"
    ENTRY = "entry"
    RETYPE = "retype"


class BookkeepingData(TypedDict, total=False):
    """An entry being written (or corrected), and the month a summary shows.

    `fixing` is the id of the entry a correction replaces; `month` is the summary's
    month as an ISO date of its first day (the data is stored as JSON).
    """

    kind: EntryKind | None
    category: EntryCategory | None
    amount: int | None
    note: str
    fixing: int | None
    entry_id: int
    month: str
    again: bool
    """Back at home after saving or looking: the short question, not the whole explanation."""


S = BookkeepingStep
Turn_ = Turn[BookkeepingData]
MENU, BACK = "menu", "back"

KIND_LABELS = {
    EntryKind.INCOME: N_("➕ Pemasukan"),
    EntryKind.EXPENSE: N_("➖ Pengeluaran"),
    EntryKind.CAPITAL: N_("💼 Modal masuk"),
}

CATEGORY_LABELS = {
    EntryCategory.SALES: N_("Penjualan"),
    EntryCategory.INGREDIENTS: N_("Bahan"),
    EntryCategory.PACKAGING: N_("Kemasan"),
    EntryCategory.UTILITIES: N_("Listrik, air, gas"),
    EntryCategory.PHONE_AND_INTERNET: N_("Pulsa & internet"),
    EntryCategory.RENT: N_("Sewa tempat"),
    EntryCategory.WAGES: N_("Gaji"),
    EntryCategory.TRANSPORT: N_("Transport & ongkir"),
    EntryCategory.EQUIPMENT: N_("Alat"),
    EntryCategory.OTHER: N_("Lainnya"),
    EntryCategory.CAPITAL: N_("Modal"),
}

KIND_SIGNS = {EntryKind.INCOME: "➕", EntryKind.EXPENSE: "➖", EntryKind.CAPITAL: "💼"}
