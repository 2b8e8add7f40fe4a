"""The day and times of a session: asked when creating one and when re-timing it.

`retime` in the data sends the end time to `confirm_retime` instead of `capacity`.
"""

from __future__ import annotations

from datetime import date, datetime, time

from bot.clock import JAKARTA
from bot.i18n import _
from bot.models import CoachingSession
from bot.schedule_input import parse_date, parse_time, to_utc
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.session_admin.permissions import chosen
from conversations.session_admin.states import S, Turn_
from conversations.session_card import when


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
    example = _("Contoh: 24/11, besok, atau Sabtu 28 Nov")
    if t.data.get("retime"):
        question = _("Sekarang: {when}\nTanggal barunya?").format(when=when(await chosen(t)))
    else:
        question = _("Tanggal berapa?")
    return Prompt(question + "\n" + example)


async def got_date(t: Turn_) -> Outcome:
    """Today or later, in Jakarta."""
    today = t.clock.now().astimezone(JAKARTA).date()
    day = parse_date(t.text, today)
    if day is None:
        return Retry(_("Tanggal itu belum bisa dibaca. Contoh: 24/11, besok, atau Sabtu 28 Nov."))
    if day < today:
        return Retry(_("Tanggal itu sudah lewat. Tulis hari ini atau sesudahnya, ya."))
    t.data["date"] = day.isoformat()
    return Goto(S.START_TIME)


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
    """After the start, the same day; then capacity (new session) or the re-time summary."""
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
    return Goto(S.CONFIRM_RETIME) if t.data.get("retime") else Goto(S.CAPACITY)
