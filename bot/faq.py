"""Frequently asked questions: the staff-edited content file, and answering typed questions.

`bot/content/faq.toml` holds each entry's ways of asking (Indonesian and English), a
short answer in both languages and, optionally, the chat flow it concerns. `load_faq`
checks the file and names the first problem in one line; `Faq.best_answer` finds the
entry a typed question (typos, slang, no punctuation) is about.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from bot.content_errors import ContentError
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

ANSWER_WIDTH = 35
"""Characters in a line of a cheap phone's chat bubble."""
MAX_ANSWER_LINES = 12
"""An answer longer than this many lines of `ANSWER_WIDTH` does not fit on one screen."""
MAX_BUTTON_LABEL = 20
"""WhatsApp cuts reply-button titles longer than this."""
MAX_QUESTION_LENGTH = 120
CONFIDENT_SCORE = 60.0
"""From this score the answer is given straight away; below, offer it as a guess."""
MIN_SCORE = 30.0
"""Below this score an entry is not a hit at all."""

_ENTRY_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _fits_on_a_phone(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("empty")
    lines = sum(max(1, len(textwrap.wrap(line, ANSWER_WIDTH))) for line in text.splitlines())
    if lines > MAX_ANSWER_LINES:
        raise ValueError(
            f"too long: {lines} lines of {ANSWER_WIDTH} characters (at most {MAX_ANSWER_LINES})"
        )
    return text


def _has_words(text: str) -> str:
    if not fold(text):
        raise ValueError("needs letters or digits")
    return text


def _is_entry_id(text: str) -> str:
    if not _ENTRY_ID.fullmatch(text):
        raise ValueError("use a-z, 0-9 and _ only, starting with a letter (at most 40)")
    return text


def _not_empty(items: list[str]) -> list[str]:
    if not items:
        raise ValueError("needs at least one question")
    return items


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Question = Annotated[str, Field(max_length=MAX_QUESTION_LENGTH), AfterValidator(_has_words)]
Questions = Annotated[list[Question], AfterValidator(_not_empty)]
Answer = Annotated[str, AfterValidator(_fits_on_a_phone)]


class _Questions(_Strict):
    id: Questions
    en: Questions


class _Answer(_Strict):
    id: Answer
    en: Answer


class _Button(_Strict):
    id: str = Field(min_length=1, max_length=MAX_BUTTON_LABEL)
    en: str = Field(min_length=1, max_length=MAX_BUTTON_LABEL)


class _Entry(_Strict):
    id: Annotated[str, AfterValidator(_is_entry_id)]
    questions: _Questions
    answer: _Answer
    flow: FaqFlow | None = None
    button: _Button | None = None

    @model_validator(mode="after")
    def _button_needs_a_flow(self) -> _Entry:
        if self.button is not None and self.flow is None:
            raise ValueError("button: needs a flow to open")
        return self


class _FaqFile(_Strict):
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
    `faq.toml: entry "nib": answer.en: missing`.
    """
    name = path.name if path is not None else "faq.toml"
    try:
        if path is None:
            text = resources.files("bot").joinpath("content/faq.toml").read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        raw = tomllib.loads(text)
    except OSError as error:
        raise ContentError(name, f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise ContentError(name, "is not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError(name, f"is not valid TOML: {error}") from error
    try:
        checked = _FaqFile.model_validate(raw)
    except ValidationError as error:
        raise _content_error(name, raw, error) from error
    _check_unique(name, checked.entry)
    return Faq(
        [_entry(e) for e in checked.entry],
        source=checked.source,
        as_of=checked.as_of,
        licence=checked.licence,
    )


def _check_unique(name: str, entries: Sequence[_Entry]) -> None:
    """Ids name one entry each, and one question cannot lead to two answers."""
    ids: set[str] = set()
    asked_in: dict[str, str] = {}
    for entry in entries:
        if entry.id in ids:
            raise ContentError(name, "used by two entries", entry=entry.id, field="id")
        ids.add(entry.id)
        for language, questions in (("id", entry.questions.id), ("en", entry.questions.en)):
            for position, question in enumerate(questions, start=1):
                folded = fold(question)
                other = asked_in.setdefault(folded, entry.id)
                if other != entry.id:
                    raise ContentError(
                        name,
                        f'"{question}" is also a question of entry "{other}"',
                        entry=entry.id,
                        field=f"questions.{language} (item {position})",
                    )


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


def _content_error(name: str, raw: Mapping[str, Any], error: ValidationError) -> ContentError:
    """The first validation problem as one line; how many more there are, if any."""
    problems = error.errors(include_url=False)
    first = problems[0]
    location = list(first["loc"])
    entry: str | int | None = None
    if len(location) >= 2 and location[0] == "entry" and isinstance(location[1], int):
        entry = _entry_name(raw, location[1])
        location = location[2:]
    problem = _problem(first)
    if problem.startswith("button: "):
        location, problem = ["button"], problem.removeprefix("button: ")
    if len(problems) > 1:
        more = len(problems) - 1
        problem += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ContentError(name, problem, entry=entry, field=_field_name(location))


def _field_name(location: Sequence[int | str]) -> str | None:
    """`questions.id (item 3)`: names joined with dots, list positions counted from 1."""
    names = ".".join(part for part in location if isinstance(part, str))
    items = "".join(f" (item {part + 1})" for part in location if isinstance(part, int))
    return (names + items) or None


def _entry_name(raw: Mapping[str, Any], position: int) -> str | int:
    entries = raw.get("entry")
    if isinstance(entries, list) and position < len(entries):
        candidate = entries[position]
        if isinstance(candidate, dict) and isinstance(candidate.get("id"), str):
            entry_id: str = candidate["id"]
            if entry_id.strip():
                return entry_id.strip()
    return position + 1


def _problem(detail: ErrorDetails) -> str:
    kind = detail["type"]
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "not a known field (a typo?)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a table of fields"
    if kind.startswith(("date_", "datetime_")):
        return "should be a date like 2026-11-23"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]
