"""A coaching session as an iCalendar (RFC 5545) file that phone calendars import.

Members tap "add to calendar" and get one `.ics` file; Android and iOS import it
only when it is strict: CRLF line endings, lines folded at 75 octets, text escaped,
and a VTIMEZONE for the TZID that the times refer to. Times are written in Jakarta
local time, so the event reads "09:00" in the calendar's details even on a phone set
to another zone, and a 2-hour reminder is attached. A changed or cancelled session is
sent again with the same UID and a higher SEQUENCE, which updates the imported event.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

PRODID = "-//OK OCE Jakarta//okoce-bot//ID"
TZID = "Asia/Jakarta"
REMINDER = "-PT2H"
"""The one alarm: two hours before the start, enough to travel across Jakarta."""
MAX_LINE_OCTETS = 75
"""RFC 5545 §3.1: content lines are folded so none is longer than 75 octets."""

# Exactly what the VTIMEZONE below declares, so the written times and the zone the
# calendar applies to them can never disagree (Jakarta has had no DST since 1964).
_WIB = timezone(timedelta(hours=7), "WIB")
_LOCAL_FORMAT = "%Y%m%dT%H%M%S"
_UTC_FORMAT = "%Y%m%dT%H%M%SZ"
_CRLF = "\r\n"
_NEWLINES = re.compile(r"\r\n|\r|\n")
# TEXT may hold no control characters except tab (RFC 5545 §3.3.11, TSAFE-CHAR).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:WIB",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def session_ics(
    *,
    uid: str,
    title: str,
    description: str,
    location: str,
    starts_at: datetime,
    ends_at: datetime,
    url: str | None = None,
    stamp: datetime,
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    """The UTF-8 bytes of a one-event calendar for a session.

    `starts_at`, `ends_at` and `stamp` (when the file is made) are aware datetimes;
    `uid` stays the same for a session across changes while `sequence` grows. A
    cancelled session is published with METHOD:CANCEL, STATUS:CANCELLED and no alarm.
    """
    for name, moment in (("starts_at", starts_at), ("ends_at", ends_at), ("stamp", stamp)):
        if moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware")
    if ends_at <= starts_at:
        raise ValueError("a session must end after it starts")
    if sequence < 0:
        raise ValueError("sequence must not be negative")
    if url is not None and (_CONTROLS.search(url) or _NEWLINES.search(url) or " " in url):
        raise ValueError("url must be a single URI without spaces")

    event = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime(_UTC_FORMAT)}",
        f"SEQUENCE:{sequence}",
        f"DTSTART;TZID={TZID}:{starts_at.astimezone(_WIB).strftime(_LOCAL_FORMAT)}",
        f"DTEND;TZID={TZID}:{ends_at.astimezone(_WIB).strftime(_LOCAL_FORMAT)}",
        f"SUMMARY:{escape_text(title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location)}",
    ]
    if url is not None:
        event.append(f"URL:{url}")
    event.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    if not cancelled:
        event += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(title)}",
            f"TRIGGER:{REMINDER}",
            "END:VALARM",
        ]
    event.append("END:VEVENT")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        *_VTIMEZONE,
        *event,
        "END:VCALENDAR",
    ]
    return "".join(fold_line(line) + _CRLF for line in lines).encode("utf-8")


def escape_text(value: str) -> str:
    """A TEXT property value with `\\`, `;`, `,` and line breaks escaped (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _NEWLINES.sub("\\\\n", value)  # before dropping controls: CR is one
    return _CONTROLS.sub("", value)


def fold_line(line: str) -> str:
    """`line` folded into CRLF+space continued parts of at most 75 octets each.

    Octets are counted in UTF-8 and a character is never split, so a multi-byte
    letter or emoji stays whole on one side of the fold.
    """
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # the leading space of a continuation counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return (_CRLF + " ").join(parts)
