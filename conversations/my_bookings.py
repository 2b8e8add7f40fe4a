"""A member's own schedule ("Jadwal saya"): see, cancel, or move a booking.

    list ─► booking ──cancel─► confirm_cancel ─► list
                    ──move───► move_pick (any upcoming session) ─► move_confirm ─► list

A reminder's "cancel" button (`@cancel:<booking>`) cancels in one tap from anywhere.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.ascii_numbers import parse_row_id
from bot.i18n import N_, _
from bot.messages import Choice
from bot.models import Booking, CoachingSession
from bot.services import coaching
from bot.vocabulary import BookingStatus
from conversations.flow import (
    Entry,
    Finish,
    Flow,
    Goto,
    Outcome,
    Prompt,
    Retry,
    StartFlow,
    Step,
    Turn,
)
from conversations.session_card import (
    calendar_file,
    describe_session,
    session_entry,
    session_title,
)
from conversations.steps import Confirmation


class MyBookingsStep(StrEnum):
    LIST = "list"
    BOOKING = "booking"
    CONFIRM_CANCEL = "confirm_cancel"
    MOVE_PICK = "move_pick"
    MOVE_CONFIRM = "move_confirm"


S = MyBookingsStep


class MyBookingsData(TypedDict, total=False):
    """The booking being looked at, and the session it may move to."""

    booking_id: int
    move_to: int


Turn_ = Turn[MyBookingsData]
CANCEL = Confirmation(yes=N_("Ya, batalkan"), yes_icon="")
MOVE = Confirmation(yes=N_("Ya, pindah"))


async def ask_list(t: Turn_) -> Prompt:
    """Upcoming seats and waitlist places, soonest first."""
    assert t.member is not None
    bookings = await coaching.member_bookings(t.session, t.member.id, now=t.clock.now())
    if not bookings:
        choices = [Choice("find", _("📅 Cari jadwal")), Choice("menu", _("↩ Menu"))]
        return Prompt(_("Anda belum punya jadwal. Yuk cari pelatihan yang cocok."), choices)
    entries = []
    for booking, chosen in bookings:
        if booking.status == BookingStatus.WAITLISTED:
            position = await coaching.waitlist_position(t.session, booking)
            note = _("⏳ antrean ke-{position}").format(position=position)
        else:
            note = _("✅ tempat aman")
        entry = session_entry(chosen, t.areas, note=note)
        entries.append(Entry(str(booking.id), entry.label, entry.detail))
    choices = [Choice("menu", _("↩ Menu"))]
    return Prompt(_("Jadwal Anda. Pilih nomornya untuk detail:"), choices, entries=entries)


async def picked_booking(t: Turn_) -> Outcome:
    if t.choice == "find":
        return StartFlow("sessions")
    if t.choice == "menu":
        return Finish()
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu jadwal di bawah, ya."))
    t.data["booking_id"] = int(t.choice)
    return Goto(S.BOOKING)


async def ask_booking(t: Turn_) -> Prompt:
    booking, chosen = await _booking(t)
    if booking.status == BookingStatus.WAITLISTED:
        position = await coaching.waitlist_position(t.session, booking)
        status = _("Status: daftar tunggu, urutan ke-{position}").format(position=position)
        choices = [Choice("cancel", _("❌ Keluar antrean")), Choice("back", _("↩ Kembali"))]
    else:
        status = _("Status: tempat sudah dipesan ✅")
        choices = [
            Choice("cancel", _("❌ Batalkan")),
            Choice("move", _("🔁 Pindah jadwal")),
            Choice("back", _("↩ Kembali")),
        ]
    return Prompt(describe_session(chosen, t.areas, seats=False) + "\n" + status, choices)


async def chose_for_booking(t: Turn_) -> Outcome:
    if t.choice == "back":
        return Goto(S.LIST)
    if t.choice == "cancel":
        return Goto(S.CONFIRM_CANCEL)
    if t.choice == "move":
        return Goto(S.MOVE_PICK)
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_confirm_cancel(t: Turn_) -> Prompt:
    _booking_row, chosen = await _booking(t)
    text = _("Yakin batalkan {title}? Kursinya akan diberikan ke orang lain.").format(
        title=session_title(chosen)
    )
    return Prompt(text, CANCEL.choices())


async def confirmed_cancel(t: Turn_) -> Outcome:
    answer = CANCEL.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.BOOKING)
    await _cancel(t, t.data["booking_id"])
    return Goto(S.LIST)


async def ask_move_pick(t: Turn_) -> Prompt:
    """Every upcoming session the seat can move to: any topic, not one already booked."""
    assert t.member is not None
    booked = {
        s.id for _b, s in await coaching.member_bookings(t.session, t.member.id, now=t.clock.now())
    }
    others = [
        s
        for s in await coaching.upcoming_sessions(
            t.session, now=t.clock.now(), kecamatan_code=t.member.kecamatan_code
        )
        if s.id not in booked
    ]
    back = Choice("back", _("↩ Kembali"))
    if not others:
        return Prompt(_("Belum ada jadwal lain untuk pindah."), [back])
    entries = [session_entry(s, t.areas) for s in others]
    return Prompt(_("Pindah ke jadwal yang mana? Pilih nomornya:"), [back], entries=entries)


async def picked_move_target(t: Turn_) -> Outcome:
    if t.choice == "back":
        return Goto(S.BOOKING)
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu jadwal di bawah, ya."))
    t.data["move_to"] = int(t.choice)
    return Goto(S.MOVE_CONFIRM)


async def ask_move_confirm(t: Turn_) -> Prompt:
    target = await t.session.get(CoachingSession, t.data["move_to"])
    assert target is not None
    text = _("Pindah ke jadwal ini?") + "\n\n" + describe_session(target, t.areas)
    return Prompt(text, MOVE.choices())


async def confirmed_move(t: Turn_) -> Outcome:
    """Move in one step: the member keeps the old seat unless the new one is theirs."""
    assert t.member is not None
    answer = MOVE.read(t)
    if isinstance(answer, Retry):
        return answer
    if not answer:
        return Goto(S.BOOKING)
    outcome = await coaching.move_booking(
        t.session,
        booking_id=t.data["booking_id"],
        to_session_id=t.data["move_to"],
        member_id=t.member.id,
        now=t.clock.now(),
        reminder_offsets=t.settings.reminder_offsets,
    )
    if isinstance(outcome, coaching.Moved):
        target = await t.session.get(CoachingSession, outcome.booking.session_id)
        assert target is not None
        t.say(
            _("✅ Jadwal Anda sudah dipindah.")
            + "\n\n"
            + describe_session(target, t.areas, seats=False),
            document=calendar_file(target, t.areas, t.clock.now()),
        )
        return Goto(S.LIST)
    if isinstance(outcome, coaching.SessionFull):
        t.say(_("Jadwal itu sudah penuh. Tempat lama Anda tetap aman."))
    elif isinstance(outcome, coaching.Overlaps):
        t.say(_("Di jam itu Anda sudah ikut: {title}.").format(title=session_title(outcome.other)))
    else:
        t.say(_("Tidak bisa pindah ke jadwal itu. Tempat lama Anda tetap aman."))
    return Goto(S.MOVE_PICK)


async def cancel_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """The one-tap cancel button on reminders and waitlist promotions."""
    booking_id = parse_row_id(argument)
    if booking_id is None or t.member is None:
        t.say(_("Jadwal itu sudah tidak aktif."))
        return Finish()
    await _cancel(t, booking_id)
    return Finish()


async def _cancel(t: Turn[Any], booking_id: int) -> None:
    assert t.member is not None
    booking = await t.session.get(Booking, booking_id)
    chosen = await t.session.get(CoachingSession, booking.session_id) if booking else None
    outcome = await coaching.cancel_booking(
        t.session,
        booking_id=booking_id,
        member_id=t.member.id,
        now=t.clock.now(),
        reminder_offsets=t.settings.reminder_offsets,
    )
    if isinstance(outcome, coaching.NotFound) or chosen is None:
        t.say(_("Jadwal itu sudah tidak aktif."))
        return
    t.say(
        _("Oke, {title} sudah dibatalkan. Terima kasih sudah mengabari.").format(
            title=session_title(chosen)
        )
    )


async def _booking(t: Turn_) -> tuple[Booking, CoachingSession]:
    booking = await t.session.get(Booking, t.data["booking_id"])
    assert booking is not None and t.member is not None and booking.member_id == t.member.id
    chosen = await t.session.get(CoachingSession, booking.session_id)
    assert chosen is not None
    return booking, chosen


MY_BOOKINGS = Flow[MyBookingsData](
    name="my_bookings",
    step_names=MyBookingsStep,
    members_only=True,
    steps=(
        Step(S.LIST, ask_list, picked_booking),
        Step(S.BOOKING, ask_booking, chose_for_booking),
        Step(S.CONFIRM_CANCEL, ask_confirm_cancel, confirmed_cancel),
        Step(S.MOVE_PICK, ask_move_pick, picked_move_target),
        Step(S.MOVE_CONFIRM, ask_move_confirm, confirmed_move),
    ),
)
