"""Staff manage a session they may manage: the card, the roster, new times, calling it off.

list (still to come, then the last 14 days; or `#12` typed) ─► manage
manage ──roster─► names and numbers   ──csv─► the roster file   ──attendance─► attendance
       ──retime─► date ─► start ─► end ─► confirm_retime        ──cancel─► confirm_cancel
"""

from __future__ import annotations

import re
from datetime import timedelta

from babel.numbers import format_decimal

from bot.i18n import N_, _, current_language
from bot.messages import Attachment, Choice
from bot.models import CoachingSession
from bot.services import coaching
from bot.vocabulary import BookingStatus, SessionStatus
from conversations.flow import Goto, Outcome, Prompt, Retry
from conversations.labels import SESSION_STATUS_LABELS, label
from conversations.session_admin.attendance import start_attendance
from conversations.session_admin.creating import new_draft
from conversations.session_admin.permissions import chosen, manager, not_yours, still_managed
from conversations.session_admin.roster import coach_name, roster_csv, roster_rows, roster_text
from conversations.session_admin.states import S, Turn_
from conversations.session_admin.timing import collected_times, collected_when
from conversations.session_card import (
    describe_session,
    session_entry,
    session_title,
    short_label,
    when,
)
from conversations.steps import Confirmation

RECENT = timedelta(days=14)
"""How far back "Sesi saya" looks, so attendance can still be marked after the day."""
RETIME = Confirmation(yes=N_("Ya, ubah"))
CALL_OFF = Confirmation(yes=N_("Ya, batalkan"), yes_icon="")
_SESSION_NUMBER = re.compile(r"^(?:#|sesi\s*#?)\s*(?P<number>\d{1,9})$", re.IGNORECASE)


def parse_session_number(text: str) -> int | None:
    """The session id staff typed as `#12` or `sesi 12`, or None."""
    matched = _SESSION_NUMBER.match(text.strip())
    return int(matched["number"]) if matched else None


async def ask_list(t: Turn_) -> Prompt:
    """Sessions this person manages: still to come first, then recent ones."""
    now = t.clock.now()
    sessions = await coaching.managed_sessions(
        t.session, await manager(t), now=now, since=now - RECENT
    )
    back = Choice("back", _("↩ Kembali"))
    if not sessions:
        return Prompt(
            _(
                "Belum ada sesi Anda, yang akan datang atau {days} hari terakhir.\n"
                "Tahu nomor sesinya? Ketik saja, contoh: #12"
            ).format(days=RECENT.days),
            [Choice("create", _("➕ Buat sesi")), back],
        )
    entries = [session_entry(s, t.areas, lead=f"#{s.id}", note=_staff_note(s)) for s in sessions]
    return Prompt(
        _("Sesi Anda, yang akan datang dulu. Pilih nomornya, atau ketik #nomor sesi:"),
        [back],
        entries=entries,
    )


def _staff_note(session: CoachingSession) -> str:
    """Seats taken for a session still open; its status once done or cancelled."""
    if not session.status.is_open:
        return label(SESSION_STATUS_LABELS, session.status)
    return _("{taken}/{capacity} kursi terisi").format(
        taken=session.seats_taken, capacity=session.capacity
    )


async def picked_in_list(t: Turn_) -> Outcome:
    """Open the session picked, or typed as `#12`, if this person may manage it."""
    if t.choice == "back":
        return Goto(S.HOME)
    if t.choice == "create":
        return new_draft(t)
    session_id = int(t.choice) if t.choice and t.choice.isdigit() else None
    session_id = session_id or parse_session_number(t.text)
    if session_id is None:
        return Retry(_("Pilih salah satu sesi di bawah, atau ketik nomornya, contoh: #12"))
    found = await coaching.session_to_manage(t.session, await manager(t), session_id)
    if isinstance(found, coaching.UnknownSession):
        return Retry(
            _("Sesi #{number} tidak ketemu. Cek lagi nomornya, ya.").format(number=session_id)
        )
    if isinstance(found, coaching.NotYours):
        return Retry(not_yours(session_id))
    t.data["session_id"] = session_id
    t.data["show_card"] = True
    return Goto(S.MANAGE)


async def ask_manage(t: Turn_) -> Prompt:
    """The session card, who is on it, how it was rated, and what can be done.

    The full card comes when the session is opened (or moved); after another
    action one line is enough, so the roster or note just sent stays in view.
    """
    session = await chosen(t)
    if not t.data.pop("show_card", False):
        again = _("Sesi #{number} ({label}). Mau apa lagi?")
        text = again.format(number=session.id, label=short_label(session, t.areas))
        return Prompt(text, _manage_choices(session))
    rows = await coaching.roster(t.session, session.id)
    seated = sum(1 for booking in rows if booking.status == BookingStatus.BOOKED)
    average, rated = await coaching.feedback_summary(t.session, session.id)
    if average is None:
        rating = _("⭐ Belum ada penilaian.")
    else:
        rating = _("⭐ Nilai rata-rata: {average} dari 5 ({count} penilaian)").format(
            average=format_decimal(average, "0.0", locale=current_language()), count=rated
        )
    text = "\n".join(
        [
            _("Sesi #{number} · {status}").format(
                number=session.id, status=label(SESSION_STATUS_LABELS, session.status)
            ),
            describe_session(session, t.areas, seats=False),
            _("Coach: {name} · 👥 {booked}/{capacity}, {waiting} antre").format(
                name=await coach_name(t, session.coach_member_id),
                booked=seated,
                capacity=session.capacity,
                waiting=len(rows) - seated,
            ),
            rating,
        ]
    )
    return Prompt(text, _manage_choices(session))


async def chose_in_manage(t: Turn_) -> Outcome:
    if t.choice == "back":
        return Goto(S.LIST)
    session = await still_managed(t)
    if session is None:
        return Goto(S.HOME)
    if t.choice == "roster":
        t.say(await roster_text(t, session), detail=True)
        return Goto(S.MANAGE)
    if t.choice == "csv":
        data = roster_csv(await roster_rows(t, session))
        t.say(
            _("Daftar peserta sesi #{number}, bisa dibuka di Excel.").format(number=session.id),
            document=Attachment(f"peserta-sesi-{session.id}.csv", data, "text/csv"),
        )
        return Goto(S.MANAGE)
    if t.choice == "attendance":
        return await start_attendance(t, session)
    if t.choice == "retime":
        return _start_change(t, session, then=S.DATE, retime=True)
    if t.choice == "cancel":
        return _start_change(t, session, then=S.CONFIRM_CANCEL, retime=False)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


def _start_change(t: Turn_, session: CoachingSession, *, then: S, retime: bool) -> Outcome:
    """New times or calling off: only for a session still to come."""
    if not session.status.is_open:
        t.say(_("Sesi ini sudah selesai atau dibatalkan."))
        return Goto(S.MANAGE)
    if not coaching.is_upcoming(session, t.clock.now()):
        t.say(_started_note(retime))
        return Goto(S.MANAGE)
    if retime:
        t.data["retime"] = True
    return Goto(then)


def _started_note(retime: bool) -> str:
    if retime:
        return _("Sesi ini sudah dimulai, jadi waktunya tidak bisa diubah lagi.")
    return _("Sesi ini sudah dimulai, jadi tidak bisa dibatalkan lagi.")


async def ask_confirm_retime(t: Turn_) -> Prompt:
    session = await chosen(t)
    told = len(await coaching.roster(t.session, session.id))
    text = _(
        "Ubah waktu sesi #{number}?\nDari: {old}\nJadi: {new}\n{count} anggota akan diberi kabar."
    ).format(number=session.id, old=when(session), new=collected_when(t), count=told)
    return Prompt(text, RETIME.choices())


async def confirmed_retime(t: Turn_) -> Outcome:
    """Move the session; reminders follow, and everyone on it is told."""
    answer = RETIME.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        t.data.pop("retime", None)
        t.say(_("Oke, waktunya tidak diubah."))
        return Goto(S.MANAGE)
    session = await still_managed(t)
    if session is None:
        return Goto(S.HOME)
    t.data.pop("retime", None)
    if not coaching.is_upcoming(session, t.clock.now()):
        t.say(_started_note(retime=True))
        return Goto(S.MANAGE)
    starts_at, ends_at = collected_times(t)
    told = len(await coaching.roster(t.session, session.id))
    await coaching.reschedule_session(
        t.session,
        session,
        starts_at=starts_at,
        ends_at=ends_at,
        now=t.clock.now(),
        reminder_offsets=t.settings.reminder_offsets,
    )
    t.say(
        _("✅ Waktu sesi #{number} sudah diubah. {count} anggota akan diberi kabar.").format(
            number=session.id, count=told
        )
    )
    t.data["show_card"] = True
    return Goto(S.MANAGE)


async def ask_confirm_cancel(t: Turn_) -> Prompt:
    session = await chosen(t)
    told = len(await coaching.roster(t.session, session.id))
    text = _("Yakin batalkan sesi #{number}?\n{title}, {when}\n{count} anggota akan diberi kabar.")
    text = text.format(
        number=session.id, title=session_title(session), when=when(session), count=told
    )
    return Prompt(text, CALL_OFF.choices())


async def confirmed_cancel(t: Turn_) -> Outcome:
    """Call the session off; everyone booked or waiting is told."""
    answer = CALL_OFF.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.MANAGE)
    session = await still_managed(t)
    if session is None:
        return Goto(S.HOME)
    if not coaching.is_upcoming(session, t.clock.now()):
        t.say(_started_note(retime=False))
        return Goto(S.MANAGE)
    told = await coaching.cancel_session(t.session, session, now=t.clock.now())
    t.say(
        _("Sesi #{number} dibatalkan. {count} anggota akan diberi kabar.").format(
            number=session.id, count=told
        )
    )
    return Goto(S.LIST)


def _manage_choices(session: CoachingSession) -> list[Choice]:
    """What can still be done: everything while open, the records once done or cancelled."""
    roster = Choice("roster", _("👥 Daftar peserta"))
    attendance = Choice("attendance", _("✅ Absensi"))
    download = Choice("csv", _("⬇️ Unduh CSV"))
    back = Choice("back", _("↩ Kembali"))
    if session.status.is_open:
        retime = Choice("retime", _("🕒 Ubah waktu"))
        cancel = Choice("cancel", _("❌ Batalkan sesi"))
        return [roster, attendance, retime, cancel, download, back]
    if session.status == SessionStatus.DONE:
        return [roster, attendance, download, back]
    return [roster, download, back]
