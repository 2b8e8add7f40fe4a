"""Pertanyaan warga: coordinators and admins answer members' questions in chat.

    list (oldest first) ─► question (who asked, 7 PAS, bookings; type the answer)
        ─► confirm ──send──► answered ──➕ FAQ──► list

A coordinator sees their kecamatan's questions, an admin every one; what a person may
see is read again at every step, so a role taken away mid-answer ends it. A notice's
"Jawab" button (`@answer:<id>`) opens the question straight away.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, TypedDict

from babel.dates import format_datetime

from bot.clock import JAKARTA
from bot.content_files import phone_lines
from bot.i18n import N_, _, current_language, format_datetime_wib, gettext
from bot.messages import Choice
from bot.models import HandoffQuestion, Member
from bot.services import coaching, handoff, members
from bot.vocabulary import BookingStatus, PasStep, QuestionStatus, StaffRoleName
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.session_card import short_label
from conversations.steps import Confirmation

STAFF_QUESTIONS_FLOW = "staff_questions"
MAX_ANSWER_LINES = 8
"""The answer reaches the member under a two-line heading on one phone screen."""
MAX_BOOKINGS_SHOWN = 3
NO_RIGHTS = N_("Maaf, pertanyaan warga hanya untuk koordinator dan admin program.")
NOT_YOURS = N_("Pertanyaan itu tidak bisa Anda buka.")
SEND = Confirmation(yes=N_("Kirim"))


class StaffQuestionsStep(StrEnum):
    LIST = "list"
    QUESTION = "question"
    CONFIRM = "confirm"
    ANSWERED = "answered"


S = StaffQuestionsStep


class StaffQuestionsData(TypedDict, total=False):
    """The question open on screen, and the answer being written."""

    question_id: int
    answer: str


Turn_ = Turn[StaffQuestionsData]


async def ask_list(t: Turn_) -> Prompt:
    """Unanswered questions this person may answer, oldest first."""
    menu = Choice("menu", _("↩ Menu"))
    reader = await _reader(t)
    if reader is None:
        return Prompt(gettext(NO_RIGHTS), [menu])
    waiting = await handoff.open_questions(t.session, reader)
    if not waiting:
        return Prompt(_("Tidak ada pertanyaan warga yang menunggu. 👍"), [menu])
    choices = [Choice(str(q.id), _row(q, t.limits.label_length)) for q in waiting]
    text = _("Pertanyaan warga belum dijawab: {count}. Yang terlama paling atas:").format(
        count=len(waiting)
    )
    return Prompt(text, [*choices, menu])


async def picked_question(t: Turn_) -> Outcome:
    if t.choice == "menu":
        return Finish()
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu pertanyaan di bawah, ya."))
    t.data["question_id"] = int(t.choice)
    return Goto(S.QUESTION)


async def ask_question(t: Turn_) -> Prompt:
    """The question and who asked it, then their 7 PAS steps and bookings; type the answer."""
    back = Choice("back", _("↩ Kembali"))
    _reader_now, question = await _visible(t)
    if question is None:
        return Prompt(gettext(NOT_YOURS), [back])
    t.say(await _card(t, question))
    if question.status == QuestionStatus.ANSWERED:
        text = _("Sudah dijawab {when}:\n«{answer}»").format(
            when=format_datetime_wib(question.answered_at or question.asked_at),
            answer=question.answer or "",
        )
        return Prompt(text, [Choice("faq", _("➕ Tambah ke FAQ")), back])
    lines = await _context(t, question)
    lines += ["", _("Tulis jawaban Anda di sini:")]
    return Prompt("\n".join(lines), [back])


async def got_answer(t: Turn_) -> Outcome:
    if t.choice == "back":
        return Goto(S.LIST)
    reader, question = await _visible(t)
    if reader is None:
        t.say(gettext(NO_RIGHTS))
        return Finish()
    if question is None:
        t.say(gettext(NOT_YOURS))
        return Goto(S.LIST)
    if t.choice == "faq":
        return await _add_to_faq(t, reader)
    if question.status == QuestionStatus.ANSWERED:
        return Retry(_("Pertanyaan ini sudah dijawab."))
    if not t.text:
        return Retry(_("Tulis jawabannya dengan huruf, ya."))
    if phone_lines(t.text) > MAX_ANSWER_LINES:
        return Retry(
            _("Jawabannya terlalu panjang untuk satu layar HP. Tulis paling banyak 8 baris.")
        )
    t.data["answer"] = t.text
    return Goto(S.CONFIRM)


async def ask_confirm(t: Turn_) -> Prompt:
    text = _("Kirim jawaban ini?") + f"\n\n«{t.data['answer']}»"
    return Prompt(text, [*SEND.choices(), Choice("edit", _("✏️ Ubah"))])


async def confirmed(t: Turn_) -> Outcome:
    """Send the answer once: if someone answered first, theirs stands."""
    if t.choice == "edit":
        return Goto(S.QUESTION)
    send = SEND.read(t)
    if isinstance(send, Retry) or not send:
        return send if isinstance(send, Retry) else Goto(S.QUESTION)
    reader = await _reader(t)
    if reader is None:
        t.say(gettext(NO_RIGHTS))
        return Finish()
    outcome = await handoff.answer_question(
        t.session,
        reader,
        t.data["question_id"],
        t.data["answer"],
        answered_by=t.identity,
        now=t.clock.now(),
    )
    if isinstance(outcome, handoff.Answered):
        t.say(_("✅ Jawaban terkirim. Terima kasih!"))
        return Goto(S.ANSWERED)
    if isinstance(outcome, handoff.AlreadyAnswered):
        t.say(_("Pertanyaan ini sudah dijawab petugas lain. Jawaban Anda tidak dikirim."))
    else:
        t.say(gettext(NOT_YOURS))
    return Goto(S.LIST)


async def ask_answered(t: Turn_) -> Prompt:
    text = _("Tambahkan ke FAQ? Bot lalu menjawab sendiri pertanyaan yang mirip.")
    choices = [
        Choice("faq", _("➕ Tambah ke FAQ")),
        Choice("list", _("📋 Pertanyaan lain")),
        Choice("menu", _("↩ Menu")),
    ]
    return Prompt(text, choices)


async def after_answered(t: Turn_) -> Outcome:
    if t.choice == "list":
        return Goto(S.LIST)
    if t.choice == "menu":
        return Finish()
    if t.choice != "faq":
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    reader = await _reader(t)
    if reader is None:
        t.say(gettext(NO_RIGHTS))
        return Finish()
    return await _add_to_faq(t, reader)


async def answer_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """The "Jawab" button on a notice about a question: open that question."""
    if not argument.isdigit():
        return StartFlow(STAFF_QUESTIONS_FLOW)
    return StartFlow(STAFF_QUESTIONS_FLOW, S.QUESTION, {"question_id": int(argument)})


async def _add_to_faq(t: Turn_, reader: handoff.Reader) -> Outcome:
    outcome = await handoff.add_to_faq(
        t.session,
        reader,
        t.data["question_id"],
        added_by=t.identity,
        language=t.account.language,
        now=t.clock.now(),
    )
    if isinstance(outcome, handoff.AddedToFaq):
        t.say(_("✅ Masuk FAQ. Pertanyaan yang mirip kini dijawab bot."))
    elif isinstance(outcome, handoff.AlreadyInFaq):
        t.say(_("Pertanyaan ini sudah ada di FAQ."))
    elif isinstance(outcome, handoff.NotAnswered):
        t.say(_("Jawab dulu pertanyaannya, baru bisa masuk FAQ."))
    else:
        t.say(gettext(NOT_YOURS))
    return Goto(S.LIST)


async def _reader(t: Turn_) -> handoff.Reader | None:
    """What this person may read, looked up now (a role may have been taken away)."""
    member_id = t.member.id if t.member else None
    return await handoff.reader_for(t.session, member_id, is_admin=t.is_admin)


async def _visible(t: Turn_) -> tuple[handoff.Reader | None, HandoffQuestion | None]:
    reader = await _reader(t)
    if reader is None or "question_id" not in t.data:
        return reader, None
    return reader, await handoff.question_for(t.session, reader, t.data["question_id"])


def _row(question: HandoffQuestion, length: int) -> str:
    """A list row: `#12 pinjaman modal buat…`."""
    row = f"#{question.id} {' '.join(question.text.split())}"
    return row if len(row) <= length else row[: length - 1].rstrip() + "…"


async def _card(t: Turn_, question: HandoffQuestion) -> str:
    """Which question, from where and whom, then the question itself."""
    member = await t.session.get(Member, question.member_id) if question.member_id else None
    if member is None:
        who = _("tamu (belum terdaftar)")
    elif member.deleted_at is not None:
        who = _("anggota yang datanya sudah dihapus")
    else:
        who = f"{member.full_name} ({member.member_number})"
    kecamatan = t.areas.kecamatan(question.kecamatan_code or "")
    place = _("Kec. {kecamatan}").format(kecamatan=kecamatan.name) if kecamatan else "-"
    return "\n".join(
        [
            _("❓ Pertanyaan #{number}, {place}").format(number=question.id, place=place),
            _("Dari: {who}").format(who=who),
            "",
            f"«{question.text}»",
        ]
    )


async def _context(t: Turn_, question: HandoffQuestion) -> list[str]:
    """The asker's 7 PAS steps done and bookings to come, when they asked and the promise."""
    due = _("Dikirim {asked}, tenggat {due}").format(
        asked=_short_time(question.asked_at), due=_short_time(question.due_at)
    )
    if question.member_id is None:
        return [due]
    done = await members.completed_steps(t.session, question.member_id)
    steps = ", ".join(step.value for step in done) or "-"
    lines = [
        _("7 PAS selesai: {steps} ({count} dari {total})").format(
            steps=steps, count=len(done), total=len(PasStep)
        )
    ]
    bookings = await coaching.member_bookings(t.session, question.member_id, now=t.clock.now())
    if not bookings:
        lines.append(_("Jadwal: belum ada"))
    else:
        lines.append(_("Jadwal:"))
        for booking, session in bookings[:MAX_BOOKINGS_SHOWN]:
            waiting = " ⏳" if booking.status == BookingStatus.WAITLISTED else ""
            lines.append(f"• {short_label(session, t.areas)}{waiting}")
        if len(bookings) > MAX_BOOKINGS_SHOWN:
            more = len(bookings) - MAX_BOOKINGS_SHOWN
            lines.append(_("… dan {count} lagi").format(count=more))
    return [*lines, due]


def _short_time(moment: datetime) -> str:
    """`Sen 23/11 09.00`, in Jakarta."""
    local = moment.astimezone(JAKARTA)
    return str(format_datetime(local, "EEE d/M HH.mm", locale=current_language()))


STAFF_QUESTIONS = Flow[StaffQuestionsData](
    name=STAFF_QUESTIONS_FLOW,
    step_names=StaffQuestionsStep,
    staff_roles=(StaffRoleName.COORDINATOR,),
    steps=(
        Step(S.LIST, ask_list, picked_question),
        Step(S.QUESTION, ask_question, got_answer),
        Step(S.CONFIRM, ask_confirm, confirmed),
        Step(S.ANSWERED, ask_answered, after_answered),
    ),
)
