"""An FAQ answer on screen: the answer, a button to its flow when this build has it,
"Tanya petugas", and the menu. Anything typed here is read as the next free question."""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.chat_intents import read_person_request
from bot.i18n import _
from bot.messages import Choice
from conversations.flow import Finish, Flow, Outcome, Prompt, StartFlow, Step, Turn
from conversations.free_questions import answer_free_text
from conversations.handoff import FAQ_FLOW, HANDOFF_FLOW, HandoffStep, question_problem


class FaqStep(StrEnum):
    ANSWER = "answer"


class FaqData(TypedDict, total=False):
    """The entry answered, and what the member typed (sent to staff if they ask for a person)."""

    entry: str
    asked: str


Turn_ = Turn[FaqData]


async def ask_answer(t: Turn_) -> Prompt:
    entry = (await t.answers.faq(t.session)).entry(t.data.get("entry", ""))
    menu = Choice("menu", _("↩ Menu"))
    if entry is None:  # the content file changed since
        return Prompt(
            _("Maaf, jawaban itu sudah tidak ada. Tulis pertanyaan Anda lagi, ya."), [menu]
        )
    language = t.account.language
    choices = []
    opens, label = t.answers.opens(entry, guest=t.member is None), entry.button(language)
    if opens is not None and opens != HANDOFF_FLOW and label is not None:
        choices.append(Choice("open", label))
    choices += [Choice("person", _("💬 Tanya petugas")), menu]
    return Prompt(entry.answer(language), choices)


async def after_answer(t: Turn_) -> Outcome:
    if t.choice == "menu":
        return Finish()
    if t.choice == "open":
        entry = (await t.answers.faq(t.session)).entry(t.data.get("entry", ""))
        opens = t.answers.opens(entry, guest=t.member is None) if entry is not None else None
        return StartFlow(opens) if opens is not None else Finish()
    if t.choice == "person":
        asked = t.data.get("asked", "")
        request = read_person_request(asked)
        if not asked or question_problem(asked) or (request and not request.says_what):
            return StartFlow(HANDOFF_FLOW)
        return StartFlow(HANDOFF_FLOW, HandoffStep.CONFIRM, {"question": asked})
    return await answer_free_text(t)


FAQ_ANSWER = Flow[FaqData](
    name=FAQ_FLOW, step_names=FaqStep, steps=(Step(FaqStep.ANSWER, ask_answer, after_answer),)
)
