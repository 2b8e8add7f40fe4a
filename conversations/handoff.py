"""Tanya petugas: a member (or guest) sends a question to staff, in their own words.

    ask ─► confirm ──send──► queued; told by when to expect the answer ─► menu
              │ ──edit──► ask
              └─ one of the FAQ's guesses ─► its answer

The answer comes later, through the outbox, in this chat (see `staff_questions`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.chat_identity import ChatIdentity
from bot.chat_intents import read_person_request, small_talk
from bot.content_files import phone_lines
from bot.i18n import _, format_datetime_wib
from bot.messages import Choice
from bot.services import handoff
from conversations.answer_book import guess_label
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.steps import NO, YES

HANDOFF_FLOW = "handoff"
FAQ_FLOW = "faq"
GUESS_PREFIX = "faq:"
MAX_QUESTION_LINES = 6
"""A question staff read on one phone screen (35-character lines), under who asked."""


class HandoffStep(StrEnum):
    ASK = "ask"
    CONFIRM = "confirm"


class HandoffData(TypedDict, total=False):
    """The question in the member's words, and FAQ entries it might be about."""

    question: str
    guesses: list[str]


Turn_ = Turn[HandoffData]


def question_problem(text: str) -> str | None:
    """Why `text` cannot go to staff as it is, or None."""
    if phone_lines(text) > MAX_QUESTION_LINES:
        return _("Pertanyaannya terlalu panjang untuk satu layar. Tulis lebih singkat, ya.")
    return None


async def ask_question(t: Turn_) -> Prompt:
    text = _("Tulis pertanyaan Anda untuk petugas OK OCE, dengan kata-kata Anda sendiri:")
    return Prompt(text, [Choice("menu", _("↩ Menu"))])


async def got_question(t: Turn_) -> Outcome:
    if t.choice == "menu":
        return Finish()
    if not t.text:
        return Retry(_("Tulis pertanyaannya dengan huruf, ya."))
    request = read_person_request(t.text)
    if (request is not None and not request.says_what) or small_talk(t.text) is not None:
        return Retry(_("Apa yang ingin Anda tanyakan? Tulis pertanyaannya, ya."))
    problem = question_problem(t.text)
    if problem is not None:
        return Retry(problem)
    t.data["question"] = t.text
    t.data["guesses"] = []
    return Goto(HandoffStep.CONFIRM)


async def ask_confirm(t: Turn_) -> Prompt:
    """The question as it will be sent; guesses from the FAQ first, when there are some."""
    faq = await t.answers.faq(t.session)
    guesses = [e for e in map(faq.entry, t.data.get("guesses", [])) if e is not None]
    if guesses:
        heading = _("Belum ada jawaban pasti. Pilih topik yang mirip, atau kirim ke petugas:")
    else:
        heading = _("Kirim pertanyaan ini ke petugas?")
    language, length = t.account.language, t.limits.label_length
    choices = [Choice(GUESS_PREFIX + e.id, guess_label(e, language, length)) for e in guesses]
    choices += [
        Choice(YES, _("✅ Kirim ke petugas")),
        Choice("edit", _("✏️ Ubah")),
        Choice(NO, _("Tidak usah")),
    ]
    return Prompt(f"{heading}\n\n«{t.data['question']}»", choices)


async def confirmed(t: Turn_) -> Outcome:
    if t.choice == YES:
        return await _send(t)
    if t.choice == "edit":
        return Goto(HandoffStep.ASK)
    if t.choice == NO:
        t.say(_("Oke, tidak jadi dikirim."))
        return Finish()
    if t.choice is not None and t.choice.startswith(GUESS_PREFIX):
        entry = t.choice.removeprefix(GUESS_PREFIX)
        return StartFlow(FAQ_FLOW, data={"entry": entry, "asked": t.data["question"]})
    if t.text and small_talk(t.text) is None:  # typed again: the new wording replaces the old
        return await got_question(t)
    return Retry(_('Pilih "Kirim ke petugas" atau "Tidak usah".'))


async def _send(t: Turn_) -> Outcome:
    """Queue the question and say who has it and by when the answer comes."""
    member = t.member
    asker = handoff.Asker(
        chat=ChatIdentity(t.account.channel, t.account.external_id),
        member_id=member.id if member else None,
        kecamatan_code=member.kecamatan_code if member else None,
        language=t.account.language,
    )
    queued = await handoff.ask_staff(
        t.session,
        asker,
        t.data["question"],
        now=t.clock.now(),
        working_days=t.settings.handoff_working_days,
        admins=t.settings.admins,
    )
    kecamatan = t.areas.kecamatan(asker.kecamatan_code or "")
    if queued.to_coordinator and kecamatan is not None:
        who = _("koordinator OK OCE {kecamatan}").format(kecamatan=kecamatan.name)
    else:
        who = _("petugas OK OCE")
    t.say(
        _(
            "✅ Pertanyaan Anda sudah dikirim ke {who}.\n"
            "Jawabannya masuk ke chat ini, paling lambat {when}."
        ).format(who=who, when=format_datetime_wib(queued.question.due_at))
    )
    return Finish()


async def ask_again_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """The "ask again" button under staff's answer."""
    return StartFlow(HANDOFF_FLOW)


HANDOFF = Flow[HandoffData](
    name=HANDOFF_FLOW,
    step_names=HandoffStep,
    steps=(
        Step(HandoffStep.ASK, ask_question, got_question),
        Step(HandoffStep.CONFIRM, ask_confirm, confirmed),
    ),
)
