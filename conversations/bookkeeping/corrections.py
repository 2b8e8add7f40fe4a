"""Undoing the last entry, and correcting or removing any recent one."""

from __future__ import annotations

from bot.i18n import N_, _
from bot.messages import Choice
from bot.services import bookkeeping
from conversations.bookkeeping.recording import clear_draft, read_line, saved_line
from conversations.bookkeeping.states import BACK, S, Turn_
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.steps import Confirmation

REMOVE = Confirmation(yes=N_("Ya, hapus"), yes_icon="🗑️")
RETYPE, DELETE = "retype", "delete"


def _home(t: Turn_) -> Outcome:
    t.data["again"] = True
    return Goto(S.HOME)


async def start_undo(t: Turn_) -> Outcome:
    """Offer to remove the entry saved last, if there is one."""
    assert t.member is not None
    last = await bookkeeping.last_entry(t.session, t.member.id)
    if last is None:
        t.say(_("Belum ada catatan yang bisa dihapus."))
        return _home(t)
    t.data["entry_id"] = last.id
    return Goto(S.CONFIRM_UNDO)


async def ask_confirm_undo(t: Turn_) -> Prompt:
    assert t.member is not None
    row = await bookkeeping.entry_of(t.session, t.member.id, t.data["entry_id"])
    shown = saved_line(row) if row is not None else "-"
    return Prompt(_("Hapus catatan terakhir ini?") + "\n" + shown, REMOVE.choices())


async def confirmed_undo(t: Turn_) -> Outcome:
    answer = REMOVE.read(t)
    if isinstance(answer, Retry):
        return answer
    if answer:
        await _remove(t)
    return _home(t)


async def _remove(t: Turn_) -> None:
    assert t.member is not None
    outcome = await bookkeeping.remove_entry(t.session, t.member.id, t.data["entry_id"])
    if isinstance(outcome, bookkeeping.Removed):
        t.say(_("🗑️ Dihapus: {entry}").format(entry=saved_line(outcome.entry)))
    else:
        t.say(_("Catatan itu sudah tidak ada."))


async def ask_pick_entry(t: Turn_) -> Prompt:
    """The latest entries, newest first."""
    assert t.member is not None
    rows = await bookkeeping.recent_entries(t.session, t.member.id)
    back = Choice(BACK, _("↩ Kembali"))
    if not rows:
        return Prompt(_("Belum ada catatan."), [back])
    choices = [Choice(str(row.id), saved_line(row)) for row in rows]
    return Prompt(_("Catatan mana yang mau diubah?"), [*choices, back])


async def picked_entry(t: Turn_) -> Outcome:
    if t.choice == BACK:
        return _home(t)
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu catatan di bawah, ya."))
    t.data["entry_id"] = int(t.choice)
    return Goto(S.ENTRY)


async def ask_entry(t: Turn_) -> Prompt:
    assert t.member is not None
    row = await bookkeeping.entry_of(t.session, t.member.id, t.data["entry_id"])
    shown = saved_line(row) if row is not None else _("Catatan itu sudah tidak ada.")
    choices = [
        Choice(RETYPE, _("✏️ Ketik ulang")),
        Choice(DELETE, _("🗑️ Hapus")),
        Choice(BACK, _("↩ Kembali")),
    ]
    return Prompt(shown, choices)


async def chose_for_entry(t: Turn_) -> Outcome:
    if t.choice == RETYPE:
        return Goto(S.RETYPE)
    if t.choice == DELETE:
        await _remove(t)
        return _home(t)
    if t.choice == BACK:
        return Goto(S.PICK_ENTRY)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_retype(t: Turn_) -> Prompt:
    """Typed, so no buttons."""
    return Prompt(_("Ketik ulang catatannya yang benar. Contoh: beli bahan 60rb"))


async def got_retype(t: Turn_) -> Outcome:
    """Read the corrected line; confirming it replaces the entry (its date stays)."""
    clear_draft(t)
    t.data["fixing"] = t.data["entry_id"]
    return read_line(t, t.text)
