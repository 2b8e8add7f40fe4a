"""The bookkeeping home: type a line, or pick what to do."""

from __future__ import annotations

from bot.i18n import _, gettext
from bot.messages import Choice
from bot.vocabulary import EntryKind
from conversations.bookkeeping import corrections, summary
from conversations.bookkeeping.recording import clear_draft, read_line, start_with_kind
from conversations.bookkeeping.states import KIND_LABELS, MENU, S, Turn_
from conversations.flow import Finish, Goto, Outcome, Prompt

SUMMARY, UNDO, FIX = "summary", "undo", "fix"


async def ask_home(t: Turn_) -> Prompt:
    """How to write an entry the first time; a short question when coming back."""
    if t.data.get("again"):
        text = _("Ketik catatan berikutnya, atau pilih:")
    else:
        text = "\n".join(
            [
                _("📒 Catatan keuangan"),
                _("Catat uang masuk dan keluar. Catatan 3 bulan biasanya diminta bank."),
                _("Ketik satu catatan, misalnya:"),
                _("jual keripik 150rb"),
                _("beli bahan 50.000"),
                _("bayar listrik 200 ribu"),
                _("Atau pilih tombol di bawah."),
            ]
        )
    choices = [Choice(str(kind), gettext(label)) for kind, label in KIND_LABELS.items()]
    choices += [
        Choice(SUMMARY, _("📊 Ringkasan bulan ini")),
        Choice(UNDO, _("↩️ Hapus yang terakhir")),
        Choice(FIX, _("✏️ Ubah catatan")),
        Choice(MENU, _("↩ Menu")),
    ]
    return Prompt(text, choices)


async def chose_at_home(t: Turn_) -> Outcome:
    """A button, or a typed line to record."""
    t.data.pop("again", None)
    if t.choice in tuple(EntryKind):
        return start_with_kind(t, EntryKind(t.choice))
    if t.choice == SUMMARY:
        t.data.pop("month", None)
        return await summary.show_summary(t)
    if t.choice == UNDO:
        return await corrections.start_undo(t)
    if t.choice == FIX:
        return Goto(S.PICK_ENTRY)
    if t.choice == MENU:
        return Finish()
    if t.choice is not None:
        return Goto(S.HOME)
    clear_draft(t)
    outcome = read_line(t, t.text)
    if not isinstance(outcome, Goto):
        t.data["again"] = True
    return outcome
