"""Who is on a session, for staff only: as text in chat and as a CSV file."""

from __future__ import annotations

from bot.i18n import _
from bot.models import Booking, CoachingSession, Member
from bot.phones import display_phone
from bot.services import coaching
from bot.spreadsheet import csv_bytes
from bot.vocabulary import BookingStatus
from conversations.session_admin.states import Turn_

CSV_HEADER = ("no", "nama", "nomor_anggota", "hp", "status", "hadir")
CSV_STATUS = {BookingStatus.BOOKED: "terdaftar", BookingStatus.WAITLISTED: "daftar tunggu"}
CSV_ATTENDED = {True: "ya", False: "tidak", None: ""}
"""The file's columns and values stay the same in every language: spreadsheets read them."""


def roster_csv(rows: list[tuple[Booking, Member | None]]) -> bytes:
    """The roster as CSV (UTF-8 with a byte order mark, so that Excel reads the names right),
    every cell safe to open: a name typed as `=HYPERLINK(…)` stays text."""
    return csv_bytes(
        CSV_HEADER,
        (
            [
                number,
                name_of(member),
                (member.member_number if member else None) or "-",
                phone_of(member),
                CSV_STATUS.get(booking.status, booking.status),
                CSV_ATTENDED[booking.attended],
            ]
            for number, (booking, member) in enumerate(rows, start=1)
        ),
    )


async def booked(t: Turn_, chosen: CoachingSession) -> list[Booking]:
    """Those holding a seat (not the waitlist)."""
    rows = await coaching.roster(t.session, chosen.id)
    return [booking for booking in rows if booking.status == BookingStatus.BOOKED]


async def roster_rows(t: Turn_, chosen: CoachingSession) -> list[tuple[Booking, Member | None]]:
    """Booked, then waitlisted, each with their member (None if gone)."""
    rows = await coaching.roster(t.session, chosen.id)
    return [(booking, await t.session.get(Member, booking.member_id)) for booking in rows]


async def roster_text(t: Turn_, chosen: CoachingSession) -> str:
    """Names and phone numbers: booked (✅ = attended), then the waitlist."""
    rows = await roster_rows(t, chosen)
    if not rows:
        return _("Belum ada peserta di sesi #{number}.").format(number=chosen.id)
    seated = [(b, m) for b, m in rows if b.status == BookingStatus.BOOKED]
    waiting = [(b, m) for b, m in rows if b.status == BookingStatus.WAITLISTED]
    lines = [_("👥 Peserta sesi #{number}:").format(number=chosen.id)]
    for number, (booking, member) in enumerate(seated, start=1):
        mark = " ✅" if booking.attended else ""
        lines.append(f"{number}. {name_of(member)} – {phone_of(member)}{mark}")
    if waiting:
        lines += ["", _("⏳ Daftar tunggu:")]
        for number, (_booking, member) in enumerate(waiting, start=1):
            lines.append(f"{number}. {name_of(member)} – {phone_of(member)}")
    return "\n".join(lines)


async def coach_name(t: Turn_, coach_member_id: int | None) -> str:
    if coach_member_id is None:
        return _("belum ditentukan")
    return name_of(await t.session.get(Member, coach_member_id))


def name_of(member: Member | None) -> str:
    """A member's name, or `-` for one who has deleted their data."""
    return (member.full_name if member else None) or "-"


def phone_of(member: Member | None) -> str:
    phone = member.phone_e164 if member else None
    return display_phone(phone) if phone else "-"
