"""Changing language, from anywhere, and returning to where the person was."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.config import SUPPORTED_LANGUAGES
from bot.i18n import _, use_language
from bot.messages import Choice
from conversations.flow import Finish, Flow, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import LANGUAGE_LABELS


class LanguageStep(StrEnum):
    CHOOSE = "choose"


class ResumePoint(TypedDict, total=False):
    """Where the person was before the detour: flow, step and what it had collected."""

    flow: str | None
    step: str | None
    data: dict[str, Any]


class LanguageData(TypedDict, total=False):
    resume: ResumePoint


async def ask_language(t: Turn[LanguageData]) -> Prompt:
    """Ask in both languages, so either reader understands."""
    choices = [Choice(code, LANGUAGE_LABELS[code]) for code in SUPPORTED_LANGUAGES]
    return Prompt(_("Pilih bahasa / Choose your language:"), choices)


async def chose_language(t: Turn[LanguageData]) -> Outcome:
    """Store the language for this chat (and the member), then resume."""
    if t.choice not in SUPPORTED_LANGUAGES:
        return Retry(_("Pilih salah satu bahasa di bawah."))
    t.account.language = t.choice
    if t.member is not None:
        t.member.language = t.choice
    with use_language(t.choice):
        t.say(_("Oke, bahasa sudah diganti."))
    resume = t.data.get("resume") or {}
    flow, step = resume.get("flow"), resume.get("step")
    if flow and flow != "language":
        return StartFlow(flow, step, resume.get("data"))
    return Finish()


LANGUAGE = Flow[LanguageData](
    name="language",
    step_names=LanguageStep,
    steps=(Step(LanguageStep.CHOOSE, ask_language, chose_language),),
)
