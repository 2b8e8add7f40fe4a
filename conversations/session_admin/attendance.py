"""Staff mark who came, once a session has started: a toggle per name, then save.

Saving records 7 PAS P2 (P3 for mentoring) for those present and asks them for feedback.
"""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Choice
from bot.models import CoachingSession, Member
from bot.services import coaching
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.session_admin.permissions import chosen, still_managed
from conversations.session_admin.roster import booked, name_of
from conversations.session_admin.states import S, Turn_
from conversations.session_card import when

PRESENT, ABSENT = "✅", "⬜"


def attendance_label(name: str | None, present: bool, room: int) -> str:
    """`✅ Siti Aminah` or `⬜ Siti Aminah`, the name shortened to fit `room` characters."""
    shown = name or "-"
    space = room - 2
    if len(shown) > space:
        shown = shown[: space - 1] + "…"
    return f"{PRESENT if present else ABSENT} {shown}"


async def start_attendance(t: Turn_, session: CoachingSession) -> Outcome:
    """Attendance is taken once the session has started, from those holding a seat."""
    if session.starts_at > t.clock.now():
        t.say(
            _("Absensi bisa diisi setelah sesi dimulai ({when}). Sampai nanti, ya!").format(
                when=when(session)
            )
        )
        return Goto(S.MANAGE)
    seated = await booked(t, session)
    if not seated:
        t.say(_("Belum ada peserta yang memesan tempat di sesi ini."))
        return Goto(S.MANAGE)
    t.data["present"] = [booking.member_id for booking in seated if booking.attended]
    return Goto(S.ATTENDANCE)


async def ask_attendance(t: Turn_) -> Prompt:
    """Everyone holding a seat, as a toggle each; the list is paged by the engine when long."""
    session = await chosen(t)
    present = set(t.data.get("present", []))
    rows = [(b, await t.session.get(Member, b.member_id)) for b in await booked(t, session)]
    room = t.limits.label_length
    choices = [
        Choice(str(b.member_id), attendance_label(name_of(m), b.member_id in present, room))
        for b, m in rows
    ]
    choices += [Choice("save", _("💾 Simpan absensi")), Choice("back", _("↩ Kembali"))]
    text = _(
        "Absensi sesi #{number}. Ketuk nama yang hadir ({present} dari {total} ditandai), "
        "lalu Simpan absensi."
    ).format(number=session.id, present=len(present), total=len(rows))
    return Prompt(text, choices)


async def toggled_attendance(t: Turn_) -> Outcome:
    """A name flips present/absent; saving records it (P2, or P3 for mentoring)."""
    if t.choice == "back":
        t.data.pop("present", None)
        return Goto(S.MANAGE)
    session = await still_managed(t)
    if session is None:
        return Goto(S.HOME)
    seated = {booking.member_id for booking in await booked(t, session)}
    present = set(t.data.get("present", [])) & seated
    if t.choice == "save":
        count = await coaching.record_attendance(t.session, session, present, now=t.clock.now())
        t.data.pop("present", None)
        t.say(
            _("✅ Absensi tersimpan: {count} dari {total} peserta hadir.").format(
                count=count, total=len(seated)
            )
        )
        return Goto(S.MANAGE)
    member_id = int(t.choice) if t.choice and t.choice.isdigit() else None
    if member_id is None or member_id not in seated:
        return Retry(_("Ketuk nama peserta, atau pilih Simpan absensi."))
    present ^= {member_id}
    t.data["present"] = sorted(present)
    name = name_of(await t.session.get(Member, member_id))
    # Retry, not Goto: it keeps the page of a long roster, and the note confirms the tap.
    if member_id in present:
        return Retry(_("{name}: hadir ✅").format(name=name))
    return Retry(_("{name}: tidak hadir").format(name=name))
