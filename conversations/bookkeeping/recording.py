"""Writing an entry: typed naturally (`jual keripik 150rb`) or with buttons, confirmed, saved.

What the typed line already says is kept; only what is missing is asked (which way the
money went, the amount, an expense's kind). Nothing is saved before the member confirms.
"""

from __future__ import annotations

from datetime import date

from bot.bookkeeping_input import BookEntry, EntryRefusalReason, parse_entry
from bot.i18n import N_, _, gettext
from bot.messages import Choice
from bot.models import BookkeepingEntry
from bot.money import Rupiah, parse_rupiah
from bot.services import bookkeeping
from bot.services.progress import BOOKKEEPING_MONTHS_FOR_P6
from bot.vocabulary import EXPENSE_CATEGORIES, EntryCategory, EntryKind
from conversations.bookkeeping.states import (
    CATEGORY_LABELS,
    KIND_LABELS,
    KIND_SIGNS,
    S,
    Turn_,
)
from conversations.figures import rupiah
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.steps import Confirmation
from conversations.typed_numbers import amount_problem

SAVE = Confirmation(yes=N_("Simpan"))
RELABEL, CANCEL = "relabel", "cancel"
EXAMPLES = N_("Contoh: jual keripik 150rb, beli bahan 50.000, bayar listrik 200 ribu")


def clear_draft(t: Turn_) -> None:
    """Forget the entry being written (and which entry it corrects)."""
    t.data.pop("kind", None)
    t.data.pop("category", None)
    t.data.pop("amount", None)
    t.data.pop("note", None)
    t.data.pop("fixing", None)


def entry_line(kind: EntryKind, amount: int, category: EntryCategory, note: str) -> str:
    """`➖ Rp50.000 · Bahan · tepung`."""
    parts = [f"{KIND_SIGNS[kind]} {rupiah(amount)}", gettext(CATEGORY_LABELS[category])]
    if note:
        parts.append(note)
    return " · ".join(parts)


def saved_line(row: BookkeepingEntry) -> str:
    """A saved entry with its date: `23/11 ➖ Rp50.000 · Bahan · tepung`."""
    day: date = row.entry_date
    return f"{day.day:02d}/{day.month:02d} " + entry_line(
        row.kind, row.amount, row.category, row.note
    )


def draft_kind(t: Turn_) -> EntryKind | None:
    """The entry's kind so far (the data comes back from JSON as plain text)."""
    kind = t.data.get("kind")
    return EntryKind(kind) if kind is not None else None


def draft_category(t: Turn_) -> EntryCategory | None:
    """The entry's category so far."""
    category = t.data.get("category")
    return EntryCategory(category) if category is not None else None


def _next_question(t: Turn_) -> Outcome:
    """Ask for whatever the entry still lacks, or confirm it."""
    kind = draft_kind(t)
    if kind is None:
        return Goto(S.KIND)
    if t.data.get("amount") is None:
        return Goto(S.AMOUNT)
    if kind is EntryKind.EXPENSE and draft_category(t) is None:
        return Goto(S.CATEGORY)
    return Goto(S.CONFIRM)


def read_line(t: Turn_, text: str) -> Outcome:
    """Start an entry from a typed line, keeping what was understood."""
    parsed = parse_entry(text)
    if isinstance(parsed, BookEntry):
        _keep(t, parsed.kind, parsed.amount, parsed.category, parsed.note)
        return _next_question(t)
    if parsed.reason is EntryRefusalReason.EMPTY or (
        parsed.reason is EntryRefusalReason.NO_AMOUNT and parsed.kind is None
    ):
        return Retry(_("Catatannya belum terbaca.") + " " + gettext(EXAMPLES))
    _keep(t, parsed.kind, parsed.amount, parsed.category, parsed.note)
    if parsed.reason is EntryRefusalReason.AMOUNT_IN_WORDS:
        t.say(_("Jumlahnya tulis dengan angka, ya."))
    elif parsed.reason in (EntryRefusalReason.RANGE, EntryRefusalReason.SEVERAL_AMOUNTS):
        t.say(_("Satu catatan satu jumlah, ya."))
    return _next_question(t)


def _keep(
    t: Turn_,
    kind: EntryKind | None,
    amount: int | None,
    category: EntryCategory | None,
    note: str,
) -> None:
    if kind is EntryKind.EXPENSE and category is EntryCategory.OTHER and not note:
        category = None  # `bayar 50rb`: ask what it was for
    t.data["kind"] = kind
    t.data["amount"] = amount
    t.data["category"] = category
    t.data["note"] = note


def start_with_kind(t: Turn_, kind: EntryKind) -> Outcome:
    """An entry begun with a button: its kind is known, the rest is asked."""
    clear_draft(t)
    category = {EntryKind.INCOME: EntryCategory.SALES, EntryKind.CAPITAL: EntryCategory.CAPITAL}
    _keep(t, kind, None, category.get(kind), "")
    return _next_question(t)


async def ask_kind(t: Turn_) -> Prompt:
    amount = t.data.get("amount")
    text = _("Ini uang masuk atau keluar?")
    if amount is not None:
        text = _("{amount} itu uang masuk atau keluar?").format(amount=rupiah(amount))
    choices = [Choice(str(kind), gettext(label)) for kind, label in KIND_LABELS.items()]
    return Prompt(text, [*choices, Choice(CANCEL, _("Tidak jadi"))])


async def got_kind(t: Turn_) -> Outcome:
    if t.choice == CANCEL:
        return _cancelled(t)
    try:
        kind = EntryKind(t.choice or "")
    except ValueError:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    t.data["kind"] = kind
    if kind is EntryKind.INCOME:
        t.data["category"] = EntryCategory.SALES
    elif kind is EntryKind.CAPITAL:
        t.data["category"] = EntryCategory.CAPITAL
    else:
        t.data["category"] = None  # an expense's kind is always asked: that is what changes
    return _next_question(t)


async def ask_amount(t: Turn_) -> Prompt:
    """Typed, so no buttons: a typed number must not pick one."""
    return Prompt(_("Berapa jumlahnya? Contoh: 150rb atau 150.000"))


async def got_amount(t: Turn_) -> Outcome:
    typed = parse_rupiah(t.text)
    if not isinstance(typed, Rupiah):
        return Retry(amount_problem(typed.reason))
    t.data["amount"] = typed.amount
    return _next_question(t)


async def ask_category(t: Turn_) -> Prompt:
    choices = [Choice(str(c), gettext(CATEGORY_LABELS[c])) for c in EXPENSE_CATEGORIES]
    return Prompt(_("Pengeluaran untuk apa?"), [*choices, Choice(CANCEL, _("Tidak jadi"))])


async def got_category(t: Turn_) -> Outcome:
    if t.choice == CANCEL:
        return _cancelled(t)
    try:
        category = EntryCategory(t.choice or "")
    except ValueError:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    if category not in EXPENSE_CATEGORIES:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    t.data["category"] = category
    return _next_question(t)


async def ask_confirm(t: Turn_) -> Prompt:
    """What was understood, before anything is saved."""
    kind, category, amount = draft_kind(t), draft_category(t), t.data.get("amount")
    assert kind is not None and category is not None and amount is not None
    heading = _("Ubah jadi begini?") if t.data.get("fixing") else _("Simpan catatan ini?")
    lines = [
        heading,
        gettext(KIND_LABELS[kind]) + f" {rupiah(amount)}",
        _("Jenis: {category}").format(category=gettext(CATEGORY_LABELS[category])),
    ]
    if t.data.get("note"):
        lines.append(_("Keterangan: {note}").format(note=t.data["note"]))
    yes, no = SAVE.choices()
    return Prompt("\n".join(lines), [yes, Choice(RELABEL, _("🏷️ Ganti jenis")), no])


async def confirmed(t: Turn_) -> Outcome:
    """Save the entry (or the correction) and say where the books stand."""
    assert t.member is not None
    if t.choice == RELABEL:
        return Goto(S.KIND)
    answer = SAVE.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return _cancelled(t)
    kind, category, amount = draft_kind(t), draft_category(t), t.data.get("amount")
    assert kind is not None and category is not None and amount is not None
    entry = BookEntry(kind=kind, amount=amount, category=category, note=t.data.get("note", ""))
    fixing = t.data.get("fixing")
    now = t.clock.now()
    if fixing is not None:
        outcome = await bookkeeping.correct_entry(t.session, t.member.id, fixing, entry, now)
        if isinstance(outcome, bookkeeping.NotFound):
            t.say(_("Catatan itu sudah tidak ada."))
        else:
            t.say(_("✅ Sudah diubah: {entry}").format(entry=saved_line(outcome.entry)))
    else:
        saved = await bookkeeping.add_entry(t.session, t.member.id, entry, now)
        text = _("✅ Tersimpan: {entry}").format(entry=saved_line(saved.entry))
        if saved.p6_done:
            text += "\n" + _("🎉 Sudah 3 bulan tercatat. Langkah P6 Laporan keuangan selesai!")
        elif saved.months < BOOKKEEPING_MONTHS_FOR_P6:
            text += "\n" + _("Bulan tercatat: {months} dari 3 untuk P6.").format(
                months=saved.months
            )
        t.say(text)
    clear_draft(t)
    t.data["again"] = True
    return Goto(S.HOME)


def _cancelled(t: Turn_) -> Outcome:
    clear_draft(t)
    t.say(_("Oke, tidak disimpan."))
    t.data["again"] = True
    return Goto(S.HOME)
