"""The FAQ a conversation answers from: the content file's entries and those staff added.

The file is read once at start (from `OKOCE_CONTENT_DIR` when set) and handed in by the
wiring; entries staff add in chat live in the database, so every process sees them. The
combined index is rebuilt only when that set changes.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from bot.faq import Faq, FaqEntry
from bot.models import StaffFaqEntry
from bot.services import handoff

STAFF_ENTRY_PREFIX = "staff-"
"""Ids of entries staff added (`staff-12`); the file's ids cannot hold a hyphen."""


class AnswerBook:
    """The FAQ (file and staff entries) and which of its buttons this build can open."""

    def __init__(
        self, faq: Faq, *, open_to_members: Collection[str], open_to_guests: Collection[str]
    ) -> None:
        self.file_faq = faq
        self.open_to_members = frozenset(open_to_members)
        self.open_to_guests = frozenset(open_to_guests)
        """The flows of this build a member, or someone not yet registered, may enter (the
        rest would turn them back)."""
        self._combined: tuple[tuple[int, int], Faq] | None = None

    async def faq(self, session: AsyncSession) -> Faq:
        """The file's entries and every entry staff have added so far."""
        version = await handoff.faq_entries_version(session)
        if version == (0, 0):
            return self.file_faq
        if self._combined is None or self._combined[0] != version:
            entries = [staff_entry(row) for row in await handoff.faq_entries(session)]
            self._combined = (version, self.file_faq.with_entries(entries))
        return self._combined[1]

    def opens(self, entry: FaqEntry, *, guest: bool) -> str | None:
        """The flow an entry's button opens, if this build has it (some are still to come)
        and this person may enter it."""
        usable = self.open_to_guests if guest else self.open_to_members
        return entry.flow if entry.flow is not None and entry.flow in usable else None


def staff_entry(row: StaffFaqEntry) -> FaqEntry:
    """A staff-added entry as the matcher reads it: one question, in the staff's language."""
    english = row.language == "en"
    return FaqEntry(
        id=f"{STAFF_ENTRY_PREFIX}{row.id}",
        questions_id=() if english else (row.question,),
        questions_en=(row.question,) if english else (),
        answer_id=row.answer,
        answer_en=row.answer,
    )


def guess_label(entry: FaqEntry, language: str, length: int) -> str:
    """A short button naming an entry: its first way of asking that fits, as a question."""
    asked = entry.questions_en if language == "en" else entry.questions_id
    questions = [q[:1].upper() + q[1:] + "?" for q in asked or entry.questions_id or (entry.id,)]
    fitting = [q for q in questions if len(q) <= length]
    if fitting:
        return fitting[0]
    shortest = min(questions, key=len)
    return shortest[: length - 1].rstrip() + "…"
