"""A coaching session in words (what, when, where, seats) and as a calendar file."""

from __future__ import annotations

import textwrap
from datetime import datetime

from babel.dates import format_datetime, format_time

from bot.areas import AreaDirectory
from bot.calendar_ics import session_ics
from bot.clock import JAKARTA
from bot.i18n import _, current_language, format_datetime_wib
from bot.message_size import LINE_WIDTH, wrapped_lines
from bot.messages import Attachment
from bot.models import CoachingSession
from bot.services.coaching import seats_left
from bot.vocabulary import SessionStatus
from conversations.flow import Entry
from conversations.labels import (
    SESSION_KIND_LABELS,
    SESSION_KIND_SHORT_LABELS,
    TOPIC_LABELS,
    label,
)

PLACE_LINES = 3
"""Phone lines the venue and address may take in a chat message."""


def session_title(coaching: CoachingSession) -> str:
    """`Pelatihan: P2 Pelatihan`, in the current language."""
    kind = label(SESSION_KIND_LABELS, coaching.kind)
    return f"{kind}: {label(TOPIC_LABELS, coaching.topic)}"


def when(coaching: CoachingSession) -> str:
    """`Sel, 24 Nov 2026 09.00–11.00 WIB`."""
    start = format_datetime_wib(coaching.starts_at).removesuffix(" WIB")
    end = format_time(coaching.ends_at.astimezone(JAKARTA), "HH.mm", locale=current_language())
    return f"{start}–{end} WIB"


def short_label(coaching: CoachingSession, areas: AreaDirectory) -> str:
    """A list row of at most 24 characters: `24/11 09.00 Tebet`."""
    local = coaching.starts_at.astimezone(JAKARTA)
    stamp = format_datetime(local, "dd/MM HH.mm", locale=current_language())
    kecamatan = areas.kecamatan(coaching.kecamatan_code)
    place = kecamatan.name if kecamatan else ""
    return f"{stamp} {place}"[:24]


def seats_note(coaching: CoachingSession) -> str:
    """`sisa 5 kursi`, or `penuh, bisa antre` when the waitlist is the way in."""
    left = seats_left(coaching)
    return _("sisa {seats} kursi").format(seats=left) if left else _("penuh, bisa antre")


def session_entry(
    coaching: CoachingSession, areas: AreaDirectory, *, note: str | None = None, lead: str = ""
) -> Entry:
    """A session in a list people can tell apart: when and where, then what and seats.

    `Sab 5 Des 09.00 · Tebet` over `Klinik P2 Pelatihan · sisa 5 kursi`; `note`
    replaces the seats (a booking's status, the seats taken for staff), `lead`
    goes in front (`#12` for staff).
    """
    local = coaching.starts_at.astimezone(JAKARTA)
    stamp = format_datetime(local, "EEE d MMM HH.mm", locale=current_language())
    kecamatan = areas.kecamatan(coaching.kecamatan_code)
    place = kecamatan.name if kecamatan else coaching.venue_name
    what = (
        f"{label(SESSION_KIND_SHORT_LABELS, coaching.kind)} {label(TOPIC_LABELS, coaching.topic)}"
    )
    first = f"{lead} {stamp}" if lead else stamp
    detail = f"{first} · {place}\n{what} · {note or seats_note(coaching)}"
    return Entry(str(coaching.id), stamp, detail)


def describe_session(coaching: CoachingSession, areas: AreaDirectory, *, seats: bool = True) -> str:
    """Title, date and time, venue, address, map link and seats left."""
    kecamatan = areas.kecamatan(coaching.kecamatan_code)
    lines = [
        f"📌 {session_title(coaching)}",
        f"🗓️ {when(coaching)}",
        _at_most(f"📍 {coaching.venue_name}, {coaching.venue_address}", PLACE_LINES),
    ]
    if kecamatan is not None:
        lines.append(
            _("Kec. {kecamatan}, {kota}").format(
                kecamatan=kecamatan.name, kota=kecamatan.kota.short_name
            )
        )
    if coaching.map_url:
        lines.append(f"🗺️ {coaching.map_url}")
    if seats:
        left = seats_left(coaching)
        lines.append(_("Kursi tersisa: {seats}").format(seats=left) if left else _("Kursi penuh"))
    return "\n".join(lines)


def _at_most(text: str, lines: int) -> str:
    """`text` cut (with an ellipsis) to fit `lines` phone lines; the calendar file has it whole."""
    if wrapped_lines(text) <= lines:
        return text
    width = lines * LINE_WIDTH - lines
    cut = textwrap.shorten(text, width=width, placeholder="…")
    while len(cut) > 2 and wrapped_lines(cut) > lines:
        cut = textwrap.shorten(cut, width=len(cut) - 2, placeholder="…")
    return cut if len(cut) > 2 else text[: width - 1] + "…"


def calendar_file(coaching: CoachingSession, areas: AreaDirectory, now: datetime) -> Attachment:
    """The session as an `.ics` file for the phone's calendar."""
    kecamatan = areas.kecamatan(coaching.kecamatan_code)
    location = f"{coaching.venue_name}, {coaching.venue_address}"
    if kecamatan is not None:
        location += f", {kecamatan.name}, {kecamatan.kota.short_name}"
    data = session_ics(
        uid=f"session-{coaching.id}@okoce-bot",
        title=f"OK OCE – {session_title(coaching)}",
        description=describe_session(coaching, areas, seats=False),
        location=location,
        starts_at=coaching.starts_at,
        ends_at=coaching.ends_at,
        url=coaching.map_url,
        stamp=now,
        sequence=coaching.sequence,
        cancelled=coaching.status == SessionStatus.CANCELLED,
    )
    return Attachment(f"okoce-sesi-{coaching.id}.ics", data, "text/calendar")
