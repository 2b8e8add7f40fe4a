"""Langkah saya (`/progres`): the seven 7 PAS steps, which are done, and what to do next.

    show (the steps ✅/⬜, then one next action per open step, a button each) ─► that flow

Everything is derived from the member's records (`bot.services.progress`), so the path
is never out of step with what they did. Someone not registered sees every step open,
starting with registration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.services import progress
from bot.services.progress import NOT_REGISTERED
from conversations.flow import Finish, Flow, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.pas_path import action_choices, action_for, next_actions_text, steps_text

MENU = "menu"


class ProgressStep(StrEnum):
    SHOW = "show"


class ProgressData(TypedDict, total=False):
    """The path is read fresh every time; nothing is collected."""


Turn_ = Turn[ProgressData]


async def ask_show(t: Turn_) -> Prompt:
    """The seven steps first, then the next actions with their buttons."""
    path = NOT_REGISTERED if t.member is None else await progress.progress_of(t.session, t.member)
    t.say(steps_text(path))
    choices = [*action_choices(path.open_steps), Choice(MENU, _("↩ Menu"))]
    return Prompt(next_actions_text(path), choices)


async def chose_step(t: Turn_) -> Outcome:
    """Open the flow that provides the chosen step."""
    if t.choice == MENU:
        return Finish()
    opened = action_for(t.choice)
    if opened is None:
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    return opened


async def progress_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """The "Langkah saya" button on a proactive message: open the path from anywhere."""
    return StartFlow("progress")


PROGRESS = Flow[ProgressData](
    name="progress",
    step_names=ProgressStep,
    steps=(Step(ProgressStep.SHOW, ask_show, chose_step),),
)
