"""Catatan keuangan (7 PAS P6): a seller's books, kept by chatting one line per entry.

    home ──typed line──► (kind) ─► (amount) ─► (category) ─► confirm ──save─► home
         ──➕/➖/💼──────► amount ─► (category) ─► confirm ──relabel─► kind …
         ──summary─────► summary (text + chart photo) ──◀/▶ month, csv──► summary
         ──undo────────► confirm_undo ─► home
         ──fix─────────► pick_entry ─► entry ──retype─► retype ─► confirm (replaces it)
                                             ──delete─► home

Only what a typed line leaves out is asked; nothing is saved before it is confirmed.
Records in three different months complete P6.

    home         the first question, and what each button opens
    recording    writing an entry, typed or with buttons, and saving it
    corrections  undoing the last entry, correcting or removing a recent one
    summary      a month's totals, the chart of six months, the CSV
"""

from __future__ import annotations

from conversations.bookkeeping import corrections, home, recording, summary
from conversations.bookkeeping.states import BookkeepingData, BookkeepingStep, S
from conversations.flow import Flow, Step

BOOKKEEPING = Flow[BookkeepingData](
    name="bookkeeping",
    step_names=BookkeepingStep,
    members_only=True,
    steps=(
        Step(S.HOME, home.ask_home, home.chose_at_home),
        Step(S.KIND, recording.ask_kind, recording.got_kind),
        Step(S.AMOUNT, recording.ask_amount, recording.got_amount),
        Step(S.CATEGORY, recording.ask_category, recording.got_category),
        Step(S.CONFIRM, recording.ask_confirm, recording.confirmed),
        Step(S.SUMMARY, summary.ask_summary, summary.chose_in_summary),
        Step(S.CONFIRM_UNDO, corrections.ask_confirm_undo, corrections.confirmed_undo),
        Step(S.PICK_ENTRY, corrections.ask_pick_entry, corrections.picked_entry),
        Step(S.ENTRY, corrections.ask_entry, corrections.chose_for_entry),
        Step(S.RETYPE, corrections.ask_retype, corrections.got_retype),
    ),
)

__all__ = ["BOOKKEEPING"]
