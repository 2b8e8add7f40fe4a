"""Small shapes that many steps share: a yes/no question, and picking one of a fixed set."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from bot.i18n import N_, _, gettext
from bot.messages import Choice
from conversations.flow import NO, YES, Retry, Turn

__all__ = ["NO", "YES", "Confirmation", "picked", "word_choices"]
Word = TypeVar("Word", bound=StrEnum)


@dataclass(frozen=True)
class Confirmation:
    """A yes/no question's two buttons, and reading the answer.

    Labels are marked for translation (`N_`) and translated when shown, so one
    `Confirmation` can be a module constant.
    """

    yes: str
    no: str = N_("Tidak jadi")
    yes_icon: str = "✅"
    no_icon: str = ""

    def choices(self) -> list[Choice]:
        """`✅ Ya, ubah` and `Tidak jadi`, in the member's language."""
        return [
            Choice(YES, _with_icon(self.yes_icon, gettext(self.yes))),
            Choice(NO, _with_icon(self.no_icon, gettext(self.no))),
        ]

    def read(self, t: Turn[Any]) -> bool | Retry:
        """True for yes, False for no, or a `Retry` naming both answers."""
        if t.choice == YES:
            return True
        if t.choice == NO:
            return False
        return Retry(_("Jawabannya belum jelas. Pilih salah satu, ya:"))


def _with_icon(icon: str, text: str) -> str:
    return f"{icon} {text}" if icon else text


def picked(t: Turn[Any], words: type[Word]) -> Word | None:
    """The member of `words` the person chose, or None if the choice is none of them."""
    try:
        return words(t.choice) if t.choice is not None else None
    except ValueError:
        return None


def word_choices(words: type[Word], labels: dict[Word, str]) -> list[Choice]:
    """One choice per word, labelled (translated) from `labels`, in the enum's order."""
    return [Choice(str(word), gettext(labels[word])) for word in words]
