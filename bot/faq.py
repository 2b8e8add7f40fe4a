"""Frequently asked questions: the staff-edited content file, and answering typed questions.

`bot/content/faq.toml` holds each entry's ways of asking (Indonesian and English), a
short answer in both languages and, optionally, the chat flow it concerns. `load_faq`
checks the file and names the first problem in one line; `Faq.best_answer` finds the
entry a typed question (typos, slang, no punctuation) is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from bot.content_files import (
    ContentError,
    ContentFile,
    ContentModel,
    ScreenText,
    check_unique_ids,
    load_content,
    matching,
)
from bot.question_matching import Language, QuestionIndex
from bot.typed_text import fold

FaqFlow = Literal[
    "registration",
    "sessions",
    "my_bookings",
    "profile",
    "products",
    "financing",
    "licensing",
    "bookkeeping",
    "progress",
    "handoff",
]
"""The chat flows an entry may point to (its button opens that flow)."""

MAX_BUTTON_LABEL = 20
"""WhatsApp cuts reply-button titles longer than this."""
MAX_QUESTION_LENGTH = 120
CONFIDENT_SCORE = 60.0
"""From this score the answer is given straight away; below, offer it as a guess."""
MIN_SCORE = 30.0
"""Below this score an entry is not a hit at all."""

ENTRY_ID_PATTERN = r"[a-z][a-z0-9_]{0,39}"


def _has_words(text: str) -> str:
    if not fold(text):
        raise ValueError("must have letters or digits")
    return text


Question = Annotated[str, Field(max_length=MAX_QUESTION_LENGTH), AfterValidator(_has_words)]
Questions = Annotated[list[Question], Field(min_length=1)]
EntryId = Annotated[
    str,
    matching(ENTRY_ID_PATTERN, "must be a-z, 0-9 and _ only, starting with a letter (at most 40)"),
]


class _Questions(ContentModel):
    id: Questions
    en: Questions


class _Button(ContentModel):
    id: str = Field(min_length=1, max_length=MAX_BUTTON_LABEL)
    en: str = Field(min_length=1, max_length=MAX_BUTTON_LABEL)


class _Entry(ContentModel):
    id: EntryId
    questions: _Questions
    answer: ScreenText
    flow: FaqFlow | None = None
    button: _Button | None = None


class _FaqFile(ContentModel):
    source: str = Field(min_length=1)
    as_of: date
    licence: str = Field(min_length=1)
    entry: list[_Entry] = Field(min_length=1)


@dataclass(frozen=True)
class FaqEntry:
    """One question people ask, its answer in both languages, and the flow it concerns."""

    id: str
    questions_id: tuple[str, ...]
    questions_en: tuple[str, ...]
    answer_id: str
    answer_en: str
    flow: FaqFlow | None = None
    button_id: str | None = None
    button_en: str | None = None

    def answer(self, language: str) -> str:
        """The answer in `language` (Indonesian for any language but English)."""
        return self.answer_en if language == "en" else self.answer_id

    def button(self, language: str) -> str | None:
        """The label of the button that opens `flow`, in `language`, if the entry has one."""
        return self.button_en if language == "en" else self.button_id


@dataclass(frozen=True)
class FaqHit:
    """The entry a typed question is about, how well it matched (0–100), and if surely."""

    entry: FaqEntry
    score: float
    confident: bool
    language: str

    @property
    def answer(self) -> str:
        """The entry's answer in the language asked for."""
        return self.entry.answer(self.language)

    @property
    def button(self) -> str | None:
        """The entry's button label in the language asked for, if any."""
        return self.entry.button(self.language)


class Faq:
    """The loaded FAQ: its entries, where they come from, and matching typed questions."""

    def __init__(self, entries: Sequence[FaqEntry], *, source: str, as_of: date, licence: str):
        self.entries = tuple(entries)
        self.source = source
        self.as_of = as_of
        self.licence = licence
        self._by_id = {entry.id: entry for entry in self.entries}
        questions: dict[Language, list[tuple[str, str]]] = {
            "id": [(e.id, q) for e in self.entries for q in e.questions_id],
            "en": [(e.id, q) for e in self.entries for q in e.questions_en],
        }
        self._index = QuestionIndex(questions)

    def with_entries(self, extra: Sequence[FaqEntry]) -> Faq:
        """This FAQ and `extra` entries (those staff added in chat), matched as one."""
        if not extra:
            return self
        return Faq(
            [*self.entries, *extra], source=self.source, as_of=self.as_of, licence=self.licence
        )

    def entry(self, entry_id: str) -> FaqEntry | None:
        """The entry with this id, if there is one."""
        return self._by_id.get(entry_id)

    def best_answer(self, text: str, language: str) -> FaqHit | None:
        """The entry a typed question is most likely about, or None when nothing fits."""
        hits = self.top(text, 1, language)
        return hits[0] if hits else None

    def top(self, text: str, n: int = 3, language: str = "id") -> list[FaqHit]:
        """The `n` likeliest entries for a typed question, best first, for "did you mean"."""
        hits = []
        for entry_id, score in self._index.ranked(text)[: max(0, n)]:
            if score < MIN_SCORE:
                break
            hits.append(FaqHit(self._by_id[entry_id], score, score >= CONFIDENT_SCORE, language))
        return hits


def load_faq(path: Path | None = None) -> Faq:
    """Read and check the FAQ file (the shipped `bot/content/faq.toml` by default).

    Raises `ContentError` naming the first problem, e.g.
    `faq.toml: entry "nib": answer.en: is missing`.
    """
    return FAQ_CONTENT.load(path)


def _faq(file_name: str, read_bytes: Callable[[], bytes]) -> Faq:
    checked = load_content(
        file_name, read_bytes, _FaqFile, entry_labels={"entry": "entry"}, entries_with_ids={"entry"}
    )
    check_unique_ids(file_name, "entry", (entry.id for entry in checked.entry))
    _check_questions_unique(file_name, checked.entry)
    _check_buttons_open_flows(file_name, checked.entry)
    return Faq(
        [_entry(e) for e in checked.entry],
        source=checked.source,
        as_of=checked.as_of,
        licence=checked.licence,
    )


def _check_questions_unique(file_name: str, entries: Sequence[_Entry]) -> None:
    """One question cannot lead to two answers."""
    asked_in: dict[str, str] = {}
    for entry in entries:
        for language, questions in (("id", entry.questions.id), ("en", entry.questions.en)):
            for position, question in enumerate(questions, start=1):
                other = asked_in.setdefault(fold(question), entry.id)
                if other != entry.id:
                    raise ContentError(
                        file_name,
                        f'"{question}" is also a question of entry "{other}"',
                        entry=entry.id,
                        field=f"questions.{language} (item {position})",
                    )


def _check_buttons_open_flows(file_name: str, entries: Sequence[_Entry]) -> None:
    """A button opens the entry's flow, so an entry without one cannot have a button."""
    for entry in entries:
        if entry.button is not None and entry.flow is None:
            raise ContentError(file_name, "needs a flow to open", entry=entry.id, field="button")


def _entry(checked: _Entry) -> FaqEntry:
    return FaqEntry(
        id=checked.id,
        questions_id=tuple(checked.questions.id),
        questions_en=tuple(checked.questions.en),
        answer_id=checked.answer.id,
        answer_en=checked.answer.en,
        flow=checked.flow,
        button_id=checked.button.id if checked.button else None,
        button_en=checked.button.en if checked.button else None,
    )


FAQ_CONTENT = ContentFile("faq.toml", _faq)
"""`bot/content/faq.toml`, or a staff copy of it."""
