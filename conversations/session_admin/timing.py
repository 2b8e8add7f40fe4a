"""The day and times of a session: asked when creating one and when re-timing it.

Staff type dates the way they say them: `besok`, `lusa`, `sabtu`, `sabtu depan`,
`6 des`, and with a time, `sabtu 2 siang` or `besok jam 9` (which fills the start
too). A date that is probably a slip is asked about, never moved silently: one
already past (with the coming year offered when no year was typed), one more than
six months ahead, or one beside a weekday it does not fall on ("6 Des 2026 hari
Minggu, bukan Sabtu").

`retime` in the data sends the end time to `confirm_retime` instead of `capacity`;
`editing` (a change from the summary) sends it back to the summary.
"""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date, get_day_names

from bot.clock import JAKARTA
from bot.i18n import _, current_language
from bot.messages import Choice
from bot.models import CoachingSession
from bot.schedule_input import DateConcern, parse_time, read_date_and_time, to_utc
from bot.typed_text import fold
from conversations.flow import NO, YES, Goto, Outcome, Prompt, Retry
from conversations.session_admin.permissions import chosen
from conversations.session_admin.states import S, Turn_
from conversations.session_card import when

_WEEK_WORDS = ("minggu depan", "pekan depan", "minggu ini", "pekan ini")


def read_time(t: Turn_) -> time | Retry:
    """The clock time typed, or a `Retry` with examples of what is understood."""
    at = parse_time(t.text)
    if at is None:
        return Retry(_("Jam itu belum bisa dibaca. Contoh: 09.00, 13.30, atau jam 2 siang."))
    return at


def collected_times(t: Turn_) -> tuple[datetime, datetime]:
    """The start and end collected, as aware UTC datetimes."""
    day = date.fromisoformat(t.data["date"])
    starts_at = to_utc(day, time.fromisoformat(t.data["start_time"]))
    return starts_at, to_utc(day, time.fromisoformat(t.data["end_time"]))


def collected_when(t: Turn_) -> str:
    """The collected times in words, e.g. `Sab, 6 Des 2026 09.00–11.00 WIB`."""
    starts_at, ends_at = collected_times(t)
    return when(CoachingSession(starts_at=starts_at, ends_at=ends_at))


async def ask_date(t: Turn_) -> Prompt:
    """The day (of a new session, or the new day of one being re-timed)."""
    example = _("Contoh: 24/11, besok, sabtu 2 siang, atau 6 Des")
    if t.data.get("retime"):
        question = _("Sekarang: {when}\nTanggal barunya?").format(when=when(await chosen(t)))
    else:
        question = _("Tanggal berapa?")
    return Prompt(question + "\n" + example)


async def got_date(t: Turn_) -> Outcome:
    """A date from today on; a doubtful one is asked about first."""
    today = _today(t)
    reading = read_date_and_time(t.text, today)
    if reading is None:
        if any(words in fold(t.text) for words in _WEEK_WORDS):
            return Retry(_("Hari apa? Contoh: sabtu depan, atau 12/12."))
        return Retry(_("Tanggal itu belum bisa dibaca. Contoh: 24/11, besok, atau sabtu 2 siang."))
    found = reading.reading
    if found.concern is None:
        return _take_date(t, found.day, reading.at)
    if found.concern == DateConcern.PAST and found.alternative is None:
        return Retry(
            _("{date} sudah lewat. Tulis hari ini atau sesudahnya, ya.").format(
                date=_day(found.day)
            )
        )
    t.data["date_candidate"] = found.day.isoformat()
    t.data["date_concern"] = str(found.concern)
    t.data["date_typed_weekday"] = found.typed_weekday
    t.data["date_alternative"] = found.alternative.isoformat() if found.alternative else None
    t.data["time_candidate"] = reading.at.isoformat() if reading.at else None
    return Goto(S.CONFIRM_DATE)


async def ask_confirm_date(t: Turn_) -> Prompt:
    """Ask about a date that is past, far ahead, or on another weekday than typed."""
    day = date.fromisoformat(t.data["date_candidate"])
    concern = t.data["date_concern"]
    again = Choice(NO, _("✏️ Tulis lagi"))
    if concern == DateConcern.WEEKDAY_MISMATCH:
        names = get_day_names("wide", locale=current_language())
        text = _("{date} hari {real}, bukan {typed}. Jadi tanggal itu?").format(
            date=_day(day),
            real=names[day.weekday()],
            typed=names[t.data.get("date_typed_weekday") or 0],
        )
        return Prompt(text, [Choice(YES, _("✅ Ya, {date}").format(date=_day(day))), again])
    if concern == DateConcern.PAST:
        alternative = date.fromisoformat(t.data.get("date_alternative") or "")
        text = _("{date} sudah lewat. Maksudnya {other}?").format(
            date=_day(day), other=_day(alternative)
        )
        return Prompt(text, [Choice(YES, _("✅ Ya, {date}").format(date=_day(alternative))), again])
    text = _("{date} itu lebih dari 6 bulan lagi. Benar?").format(date=_day(day))
    return Prompt(text, [Choice(YES, _("✅ Ya, benar")), again])


async def confirmed_date(t: Turn_) -> Outcome:
    """Take the date as confirmed (the coming year's, for a past one), or ask again."""
    if t.choice not in (YES, NO):
        return Retry(_("Jawabannya belum jelas. Pilih salah satu, ya:"))
    day = date.fromisoformat(t.data["date_candidate"])
    if t.data["date_concern"] == DateConcern.PAST:
        day = date.fromisoformat(t.data.get("date_alternative") or day.isoformat())
    at = t.data.get("time_candidate")
    for key in ("date_candidate", "date_concern", "date_typed_weekday", "date_alternative"):
        t.data.pop(key, None)  # type: ignore[misc]
    t.data.pop("time_candidate", None)
    if t.choice == NO:
        return Goto(S.DATE)
    if day < _today(t):
        t.say(_("{date} sudah lewat. Tulis hari ini atau sesudahnya, ya.").format(date=_day(day)))
        return Goto(S.DATE)
    return _take_date(t, day, time.fromisoformat(at) if at else None)


def _take_date(t: Turn_, day: date, at: time | None) -> Outcome:
    """Store the day; a time typed with it (`sabtu 2 siang`) is the start."""
    t.data["date"] = day.isoformat()
    if at is None:
        return Goto(S.START_TIME)
    if to_utc(day, at) <= t.clock.now():
        t.say(_("Jam itu sudah lewat. Tulis jam yang akan datang, ya."))
        return Goto(S.START_TIME)
    t.data["start_time"] = at.isoformat()
    t.say(_("Mulai {day}, jam {start}.").format(day=_day(day), start=at.strftime("%H.%M")))
    return Goto(S.END_TIME)


async def ask_start_time(t: Turn_) -> Prompt:
    return Prompt(_("Mulai jam berapa (WIB)? Contoh: 09.00 atau jam 2 siang"))


async def got_start_time(t: Turn_) -> Outcome:
    """A clock time still to come."""
    at = read_time(t)
    if isinstance(at, Retry):
        return at
    if to_utc(date.fromisoformat(t.data["date"]), at) <= t.clock.now():
        return Retry(_("Jam itu sudah lewat. Tulis jam yang akan datang, ya."))
    t.data["start_time"] = at.isoformat()
    return Goto(S.END_TIME)


async def ask_end_time(t: Turn_) -> Prompt:
    return Prompt(_("Selesai jam berapa? Contoh: 11.00"))


async def got_end_time(t: Turn_) -> Outcome:
    """After the start, the same day; then capacity, the summary, or the re-time summary."""
    at = read_time(t)
    if isinstance(at, Retry):
        return at
    start = time.fromisoformat(t.data["start_time"])
    if at <= start:
        return Retry(
            _("Jam selesai harus sesudah jam mulai ({start}).").format(
                start=start.strftime("%H.%M")
            )
        )
    t.data["end_time"] = at.isoformat()
    if t.data.get("retime"):
        return Goto(S.CONFIRM_RETIME)
    return Goto(S.SUMMARY) if t.data.get("editing") else Goto(S.CAPACITY)


def _today(t: Turn_) -> date:
    return t.clock.now().astimezone(JAKARTA).date()


def _day(day: date) -> str:
    """`6 Des 2026`."""
    return str(format_date(day, "d MMM y", locale=current_language()))
