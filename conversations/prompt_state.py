"""The engine's note of the question it last asked a chat, and reading a press against it.

A button press or a typed number is only meaningful against the choices that were
on screen: which ids were shown (on which page), what their labels said (so a typed
label can be matched), and whether the share-my-number button was offered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.ascii_numbers import read_ascii_int
from bot.i18n import _
from bot.messages import ChannelLimits, Choice, Incoming

PREVIOUS_PAGE, NEXT_PAGE = "<", ">"
STALE_PRESS = "\x00stale"
"""What `resolve_choice` returns for a button of an old question (no choice id has a NUL)."""


@dataclass(frozen=True)
class PromptState:
    """What the open question offered."""

    page: int = 0
    shown: tuple[str, ...] = ()
    """Choice ids on screen, in order (a typed number picks one of these)."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """Every choice of the question by id, on any page (a typed label picks one)."""
    contact: bool = False
    """The share-my-number button was offered."""

    @classmethod
    def load(cls, stored: Mapping[str, Any] | None) -> PromptState:
        """The note as stored on the chat's account (tolerant of a missing or older one)."""
        stored = stored or {}
        labels = stored.get("labels")
        return cls(
            page=int(stored.get("page", 0)),
            shown=tuple(str(choice) for choice in stored.get("shown", ())),
            labels={str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {},
            contact=bool(stored.get("contact", False)),
        )

    def dump(self) -> dict[str, Any]:
        """The note as JSON for the account row."""
        return {
            "page": self.page,
            "shown": list(self.shown),
            "labels": dict(self.labels),
            "contact": self.contact,
        }


def resolve_choice(incoming: Incoming, prompt: PromptState, state_version: int) -> str | None:
    """The current choice id the event means, `STALE_PRESS`, or None for free input.

    A button carries `<state version>:<id>`; a typed number or label is matched
    against the choices of the current question.
    """
    if incoming.choice is not None:
        version, _sep, choice_id = incoming.choice.partition(":")
        if version != version_tag(state_version) or choice_id not in prompt.shown:
            return STALE_PRESS
        return choice_id
    typed = (incoming.text or "").strip()
    number = read_ascii_int(typed, low=1, high=len(prompt.shown))
    if number is not None:
        return prompt.shown[number - 1]
    folded = typed.casefold()
    for choice_id, label in prompt.labels.items():
        if folded and folded == label.casefold():
            return choice_id
    return None


def page_of(choices: list[Choice], page: int, limits: ChannelLimits) -> tuple[list[Choice], int]:
    """The choices of one page (with page buttons) when they do not fit one message."""
    if len(choices) <= limits.choices_per_message:
        return choices, 0
    per_page = limits.choices_per_page
    last_page = (len(choices) - 1) // per_page
    page = max(0, min(page, last_page))
    shown = choices[page * per_page : (page + 1) * per_page]
    if page > 0:
        shown.append(Choice(PREVIOUS_PAGE, _("‹ Sebelumnya")))
    if page < last_page:
        shown.append(Choice(NEXT_PAGE, _("Berikutnya ›")))
    return shown, page


def version_tag(number: int) -> str:
    """The question's version in base 36, the prefix of its buttons' ids (kept short)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text
