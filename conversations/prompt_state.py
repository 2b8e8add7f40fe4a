"""The engine's note of the question it last asked a chat, and reading an answer against it.

A button press or a typed answer is only meaningful against the choices that were
on screen: which ids were shown (on which page), what their labels said and which
mean yes or no (so `iya`, `no 2` or `stuju` can pick one), and whether the
share-my-number button was offered. The note also keeps the steps that led here,
so "kembali" can go back one level.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.i18n import _
from bot.message_size import MAX_LINES, wrapped_lines
from bot.messages import ChannelLimits, Choice, Incoming
from bot.typed_choices import AmbiguousChoice, ChoiceMatch, match_typed_choice
from conversations.flow import Entry, Prompt

PREVIOUS_PAGE, NEXT_PAGE = "<", ">"
PAGE_WORDS = {PREVIOUS_PAGE: ("prev", "previous", "sebelum"), NEXT_PAGE: ("next", "selanjutnya")}
ENTRIES_PER_PAGE = 5
"""The most entries of a list one page shows, however short they are."""
ENTRY_INDENT = "   "
ID_MARK = "#"
"""`#12` names a record (a session number), never the 12th choice."""
MAX_TRAIL = 12
"""Steps remembered for "kembali"; a form is never deeper than this."""


@dataclass(frozen=True)
class PromptState:
    """What the open question offered, and how the chat got there."""

    page: int = 0
    shown: tuple[str, ...] = ()
    """Choice ids on screen, in order (a button must be one of these)."""
    options: tuple[tuple[str, str], ...] = ()
    """Every choice as `(id, label)`, in the order a typed number counts them."""
    numbered: int = 0
    """How many of the first `options` a typed number can pick."""
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    contact: bool = False
    """The share-my-number button was offered."""
    asked: str = ""
    """A fingerprint of the question's text, to tell a repeat from a new question."""
    flow: str | None = None
    step: str | None = None
    trail: tuple[str, ...] = ()
    """The steps of this flow asked before this one, latest last."""

    @classmethod
    def load(cls, stored: Mapping[str, Any] | None) -> PromptState:
        """The note as stored on the chat's account (tolerant of a missing or older one)."""
        stored = stored or {}
        shown = tuple(str(choice) for choice in stored.get("shown", ()))
        options = tuple((str(i), str(label)) for i, label in stored.get("options", ()))
        if not options and isinstance(stored.get("labels"), dict):  # before typed matching
            labels = {str(k): str(v) for k, v in stored["labels"].items()}
            order = [*shown, *(i for i in labels if i not in shown)]
            options = tuple((i, labels.get(i, "")) for i in order)
        synonyms = stored.get("synonyms")
        return cls(
            page=int(stored.get("page", 0)),
            shown=shown,
            options=options,
            numbered=int(stored.get("numbered", len(shown))),
            yes=tuple(str(i) for i in stored.get("yes", ())),
            no=tuple(str(i) for i in stored.get("no", ())),
            synonyms=(
                {str(k): tuple(map(str, v)) for k, v in synonyms.items()}
                if isinstance(synonyms, dict)
                else {}
            ),
            contact=bool(stored.get("contact", False)),
            asked=str(stored.get("asked", "")),
            flow=stored.get("flow"),
            step=stored.get("step"),
            trail=tuple(str(step) for step in stored.get("trail", ())),
        )

    def dump(self) -> dict[str, Any]:
        """The note as JSON for the account row."""
        return {
            "page": self.page,
            "shown": list(self.shown),
            "options": [list(option) for option in self.options],
            "numbered": self.numbered,
            "yes": list(self.yes),
            "no": list(self.no),
            "synonyms": {k: list(v) for k, v in self.synonyms.items()},
            "contact": self.contact,
            "asked": self.asked,
            "flow": self.flow,
            "step": self.step,
            "trail": list(self.trail),
        }

    def label(self, choice_id: str) -> str:
        """The label a choice was shown with ('' if it was not offered)."""
        return next((label for i, label in self.options if i == choice_id), "")


@dataclass(frozen=True)
class Screen:
    """A question laid out for one channel: the text, the choices on screen, the page."""

    text: str
    shown: list[Choice]
    page: int
    options: list[tuple[str, str]]
    numbered: int

    @property
    def fingerprint(self) -> str:
        """Short and stable: the same question laid out the same way gives the same one."""
        labels = "\x1f".join(choice.label for choice in self.shown)
        return hashlib.sha1(f"{self.text}\x1e{labels}".encode()).hexdigest()[:12]


def lay_out(prompt: Prompt, page: int, limits: ChannelLimits) -> Screen:
    """The page `page` of a question, within the limits of the channel it is shown on."""
    if prompt.entries:
        return _lay_out_entries(prompt, page, limits)
    choices = list(prompt.choices)
    shown, page = page_of(choices, page, limits)
    on_screen = {choice.id for choice in shown}
    options = [(c.id, c.label) for c in shown]
    options += [(c.id, c.label) for c in choices if c.id not in on_screen]
    return Screen(prompt.text, shown, page, options, len(shown))


def page_of(choices: list[Choice], page: int, limits: ChannelLimits) -> tuple[list[Choice], int]:
    """The choices of one page (with page buttons) when they do not fit one message."""
    if len(choices) <= limits.choices_per_message:
        return choices, 0
    per_page = limits.choices_per_page
    last_page = (len(choices) - 1) // per_page
    page = max(0, min(page, last_page))
    shown = choices[page * per_page : (page + 1) * per_page]
    return shown + _page_buttons(page, last_page), page


def _page_buttons(page: int, last_page: int) -> list[Choice]:
    buttons = []
    if page > 0:
        buttons.append(Choice(PREVIOUS_PAGE, _("‹ Sebelumnya")))
    if page < last_page:
        buttons.append(Choice(NEXT_PAGE, _("Berikutnya ›")))
    return buttons


def _lay_out_entries(prompt: Prompt, page: int, limits: ChannelLimits) -> Screen:
    """Entries numbered in the text, as many per page as keep the message short.

    Numbers count what is on screen, as every channel shows them (a terminal or a long
    WhatsApp list numbers the choices it lists): the page's entries first, then the
    choices on every page and the page buttons.
    """
    fixed = list(prompt.choices)
    most = max(1, min(ENTRIES_PER_PAGE, limits.choices_per_message - len(fixed) - 2))
    pages = _pages(list(prompt.entries), most, MAX_LINES - wrapped_lines(prompt.text))
    page = max(0, min(page, len(pages) - 1))
    on_page = list(enumerate(pages[page], start=1))
    lines = [prompt.text, *(_numbered_detail(n, entry) for n, entry in on_page)]
    buttons = [Choice(entry.id, f"{n}. {entry.label}") for n, entry in on_page]
    shown = [*buttons, *fixed, *_page_buttons(page, len(pages) - 1)]
    on_screen = {choice.id for choice in shown}
    options = [(c.id, c.label) for c in shown]
    options += [(e.id, e.label) for e in prompt.entries if e.id not in on_screen]
    return Screen("\n".join(lines), shown, page, options, len(shown))


def _pages(entries: list[Entry], most: int, budget: int) -> list[list[Entry]]:
    """Entries split into pages that each fit `budget` lines (one entry at least)."""
    pages: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        cost = wrapped_lines(_numbered_detail(len(pages[-1]) + 1, entry))
        if pages[-1] and (used + cost > budget or len(pages[-1]) == most):
            pages.append([])
            used = 0
            cost = wrapped_lines(_numbered_detail(1, entry))
        pages[-1].append(entry)
        used += cost
    return pages


def _numbered_detail(number: int, entry: Entry) -> str:
    first, *rest = entry.detail.split("\n")
    return "\n".join([f"{number}. {first}", *(ENTRY_INDENT + line for line in rest)])


@dataclass(frozen=True)
class Resolution:
    """What an event means against the open question."""

    choice: str | None = None
    """The choice id picked (pressed, or typed), or None for free input."""
    stale: bool = False
    """A button of an old question: recognised, answered, never applied."""
    understood: str | None = None
    """The label of the choice a typo was read as, to say so ("Setuju, ya.")."""
    near: tuple[str, ...] = ()
    """Labels of choices the text was close to, or could mean, for a refusal."""


def resolve_choice(incoming: Incoming, prompt: PromptState, state_version: int) -> Resolution:
    """The current choice the event means, a stale press, or free input.

    A button carries `<state version>:<id>`; a typed answer is matched against the
    choices of the current question (label words, number, yes/no, synonyms, typos).
    """
    if incoming.choice is not None:
        version, _sep, choice_id = incoming.choice.partition(":")
        if version != version_tag(state_version) or choice_id not in prompt.shown:
            return Resolution(stale=True)
        return Resolution(choice_id)
    if incoming.photo is not None:
        return Resolution()  # a photo's caption describes the photo; it picks no choice
    typed = (incoming.text or "").strip()
    if not typed or not prompt.options or typed.startswith(ID_MARK):
        return Resolution()
    synonyms = {**prompt.synonyms, **{k: v for k, v in PAGE_WORDS.items() if k in prompt.shown}}
    match = match_typed_choice(
        typed,
        prompt.options,
        synonyms=synonyms,
        yes=prompt.yes,
        no=prompt.no,
        numbered=prompt.numbered,
    )
    if isinstance(match, ChoiceMatch):
        understood = prompt.label(match.choice_id) if match.corrected else None
        return Resolution(match.choice_id, understood=understood)
    candidates = match.candidates if isinstance(match, AmbiguousChoice) else match.near
    return Resolution(near=tuple(prompt.label(c) for c in candidates))


def version_tag(number: int) -> str:
    """The question's version in base 36, the prefix of its buttons' ids (kept short)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text


def offered(ids: Sequence[str], options: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The ids among `ids` that the question offers."""
    present = {choice_id for choice_id, _label in options}
    return tuple(i for i in ids if i in present)
