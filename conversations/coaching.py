"""Finding and booking a coaching session (P2 Pelatihan, P3 Pendampingan).

topic ─► pick (own kecamatan first, then the kota, then all) ─► detail
detail ──book──► booked (confirmation + calendar file) ─► menu
       ──full──► waitlist ─► place in line ─► menu

Guests (not yet registered) see the schedule and each session too; booking asks
them to register first, and registration brings them back to the session.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypedDict

from bot.i18n import _
from bot.messages import Choice
from bot.models import CoachingSession
from bot.services import coaching
from bot.vocabulary import Topic
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.labels import TOPIC_LABELS
from conversations.session_card import (
    calendar_file,
    describe_session,
    session_entry,
    session_title,
)
from conversations.steps import picked, word_choices

_ALL_TOPICS = "all"
SESSIONS_FLOW = "sessions"


class SessionsStep(StrEnum):
    TOPIC = "topic"
    PICK = "pick"
    DETAIL = "detail"


class SessionsData(TypedDict, total=False):
    """The topic searched for (None: all), the session being looked at, and the kecamatan
    asked about (`kapan pelatihan di cengkareng`), listed first instead of the member's."""

    topic: Topic | None
    session_id: int
    near: str


Turn_ = Turn[SessionsData]


async def ask_topic(t: Turn_) -> Prompt:
    choices = [Choice(_ALL_TOPICS, _("Semua topik")), *word_choices(Topic, TOPIC_LABELS)]
    text = _(
        "Cari jadwal pelatihan dan konsultasi. Topik apa?\n"
        "P1–P7 adalah 7 tahap OK OCE, dari daftar sampai akses modal."
    )
    return Prompt(text, choices)


async def got_topic(t: Turn_) -> Outcome:
    topic = picked(t, Topic)
    if t.choice != _ALL_TOPICS and topic is None:
        return Retry(_("Pilih salah satu topik di bawah, ya."))
    t.data["topic"] = topic
    return Goto(SessionsStep.PICK)


async def ask_pick(t: Turn_) -> Prompt:
    """The sessions still to come, nearest to the member (or the place asked about) first."""
    near = t.areas.kecamatan(t.data.get("near", ""))
    sessions = await coaching.upcoming_sessions(
        t.session,
        now=t.clock.now(),
        kecamatan_code=near.code if near else t.member.kecamatan_code if t.member else None,
        topic=t.data.get("topic"),
    )
    back = [Choice("topic", _("↩ Topik lain")), Choice("menu", _("↩ Menu"))]
    if not sessions:
        return Prompt(_("Belum ada jadwal untuk topik ini. Coba topik lain, ya."), back)
    entries = [session_entry(s, t.areas) for s in sessions]
    if near is not None:
        heading = _("Jadwal terdekat, dari {kecamatan} dulu. Pilih nomornya:").format(
            kecamatan=near.name
        )
    elif t.member is not None:
        heading = _("Jadwal terdekat, dari kecamatan Anda dulu. Pilih nomornya:")
    else:
        heading = _("Jadwal terdekat. Pilih nomornya:")
    return Prompt(heading, back, entries=entries)


async def picked_session(t: Turn_) -> Outcome:
    if t.choice == "topic":
        return Goto(SessionsStep.TOPIC)
    if t.choice == "menu":
        return Finish()
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu jadwal di bawah, ya."))
    t.data["session_id"] = int(t.choice)
    return Goto(SessionsStep.DETAIL)


async def ask_detail(t: Turn_) -> Prompt:
    """Everything about the session; the button is the one confirmation."""
    chosen = await t.session.get(CoachingSession, t.data["session_id"])
    assert chosen is not None
    if coaching.seats_left(chosen) > 0:
        action = Choice("book", _("✅ Pesan tempat"))
    else:
        action = Choice("waitlist", _("⏳ Daftar tunggu"))
    choices = [action, Choice("back", _("↩ Kembali"))]
    return Prompt(describe_session(chosen, t.areas), choices, yes=("book", "waitlist"))


async def chose_in_detail(t: Turn_) -> Outcome:
    """Book a seat, or join the waitlist when the session is full."""
    if t.choice == "back":
        return Goto(SessionsStep.PICK)
    if t.choice not in ("book", "waitlist"):
        return Retry(_("Pilih salah satu tombol di bawah, ya."))
    if t.member is None:
        t.say(_("Untuk pesan tempat, daftar dulu, ya. Sesudah itu kita kembali ke sesi ini."))
        then = {"flow": SESSIONS_FLOW, "step": SessionsStep.DETAIL, "data": dict(t.data)}
        return StartFlow("registration", data={"then": then})
    outcome = await coaching.book_seat(
        t.session,
        session_id=t.data["session_id"],
        member_id=t.member.id,
        now=t.clock.now(),
        reminder_offsets=t.settings.reminder_offsets,
        waitlist_if_full=t.choice == "waitlist",
    )
    return await _say_booking_outcome(t, outcome)


async def _say_booking_outcome(t: Turn_, outcome: coaching.BookOutcome) -> Outcome:
    """Tell the member what happened to their booking attempt, and where to go next."""
    if isinstance(outcome, coaching.Booked):
        chosen = await t.session.get(CoachingSession, outcome.booking.session_id)
        assert chosen is not None
        t.say(
            _("✅ Tempat Anda sudah dipesan!")
            + "\n"
            + describe_session(chosen, t.areas, seats=False)
            + "\n"
            + _("📅 Simpan file kalender ini di HP. Kami akan mengingatkan."),
            document=calendar_file(chosen, t.areas, t.clock.now()),
        )
        return Finish()
    if isinstance(outcome, coaching.Waitlisted):
        t.say(
            _(
                "⏳ Anda masuk daftar tunggu, urutan ke-{position}.\n"
                "Kalau ada kursi kosong, tempatnya langsung jadi milik Anda dan kami kabari."
            ).format(position=outcome.position)
        )
        return Finish()
    if isinstance(outcome, coaching.AlreadyBooked):
        t.say(_("Anda sudah punya tempat di sesi ini. Lihat di menu Jadwal saya."))
        return Finish()
    if isinstance(outcome, coaching.SessionFull):
        t.say(_("Sesi ini baru saja penuh. Mau masuk daftar tunggu?"))
        return Goto(SessionsStep.DETAIL)
    if isinstance(outcome, coaching.Overlaps):
        t.say(
            _("Di jam yang sama Anda sudah ikut: {title}. Pilih jadwal lain, ya.").format(
                title=session_title(outcome.other)
            )
        )
        return Goto(SessionsStep.PICK)
    t.say(_("Sesi ini sudah tidak bisa dipesan. Pilih jadwal lain, ya."))
    return Goto(SessionsStep.PICK)


SESSIONS = Flow[SessionsData](
    name=SESSIONS_FLOW,
    step_names=SessionsStep,
    steps=(
        Step(SessionsStep.TOPIC, ask_topic, got_topic),
        Step(SessionsStep.PICK, ask_pick, picked_session),
        Step(SessionsStep.DETAIL, ask_detail, chose_in_detail),
    ),
)
