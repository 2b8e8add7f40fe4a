"""A member's own schedule ("Jadwal saya"): see, cancel, or move a booking.

    list ─► booking ──cancel─► confirm_cancel ─► list
                    ──move───► move_pick ─► move_confirm ─► list

A reminder's "cancel" button (`@cancel:<booking>`) cancels in one tap from anywhere.
"""

from __future__ import annotations

from bot.i18n import _
from bot.messages import Choice
from bot.models import Booking, CoachingSession
from bot.services import coaching
from conversations.flow import Finish, Flow, Goto, Outcome, Prompt, Retry, StartFlow, Step, Turn
from conversations.session_card import calendar_file, describe_session, session_title, short_label


async def ask_list(t: Turn) -> Prompt:
    """Upcoming seats and waitlist places, soonest first."""
    assert t.member is not None
    bookings = await coaching.member_bookings(t.session, t.member.id, now=t.clock.now())
    if not bookings:
        choices = [Choice("find", _("📅 Cari jadwal")), Choice("menu", _("↩ Menu"))]
        return Prompt(_("Anda belum punya jadwal. Yuk cari pelatihan yang cocok."), choices)
    choices = [
        Choice(
            str(b.id), ("⏳ " if b.status == coaching.WAITLISTED else "") + short_label(s, t.areas)
        )
        for b, s in bookings
    ]
    choices.append(Choice("menu", _("↩ Menu")))
    return Prompt(_("Jadwal Anda (⏳ = daftar tunggu). Pilih untuk detail:"), choices)


async def picked_booking(t: Turn) -> Outcome:
    if t.choice == "find":
        return StartFlow("sessions")
    if t.choice == "menu":
        return Finish()
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu jadwal di bawah, ya."))
    t.data["booking_id"] = int(t.choice)
    return Goto("booking")


async def ask_booking(t: Turn) -> Prompt:
    booking, chosen = await _booking(t)
    if booking.status == coaching.WAITLISTED:
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


async def chose_for_booking(t: Turn) -> Outcome:
    if t.choice == "back":
        return Goto("list")
    if t.choice == "cancel":
        return Goto("confirm_cancel")
    if t.choice == "move":
        return Goto("move_pick")
    return Retry(_("Pilih salah satu tombol di bawah, ya."))


async def ask_confirm_cancel(t: Turn) -> Prompt:
    _booking_row, chosen = await _booking(t)
    text = _("Yakin batalkan {title}? Kursinya akan diberikan ke orang lain.").format(
        title=session_title(chosen)
    )
    return Prompt(text, [Choice("yes", _("Ya, batalkan")), Choice("no", _("Tidak jadi"))])


async def confirmed_cancel(t: Turn) -> Outcome:
    if t.choice == "no":
        return Goto("booking")
    if t.choice != "yes":
        return Retry(_('Pilih "Ya, batalkan" atau "Tidak jadi".'))
    await _cancel(t, t.data["booking_id"])
    return Goto("list")


async def ask_move_pick(t: Turn) -> Prompt:
    """Other sessions on the same topic, to move the seat to."""
    _booking_row, current = await _booking(t)
    assert t.member is not None
    others = [
        s
        for s in await coaching.upcoming_sessions(
            t.session,
            now=t.clock.now(),
            kecamatan_code=t.member.kecamatan_code,
            topic=current.topic,
        )
        if s.id != current.id
    ]
    back = Choice("back", _("↩ Kembali"))
    if not others:
        return Prompt(_("Belum ada jadwal lain untuk topik ini."), [back])
    choices = [Choice(str(s.id), short_label(s, t.areas)) for s in others]
    return Prompt(_("Pindah ke jadwal yang mana?"), [*choices, back])


async def picked_move_target(t: Turn) -> Outcome:
    if t.choice == "back":
        return Goto("booking")
    if t.choice is None or not t.choice.isdigit():
        return Retry(_("Pilih salah satu jadwal di bawah, ya."))
    t.data["move_to"] = int(t.choice)
    return Goto("move_confirm")


async def ask_move_confirm(t: Turn) -> Prompt:
    target = await t.session.get(CoachingSession, t.data["move_to"])
    assert target is not None
    text = _("Pindah ke jadwal ini?") + "\n\n" + describe_session(target, t.areas)
    return Prompt(text, [Choice("yes", _("✅ Ya, pindah")), Choice("no", _("Tidak jadi"))])


async def confirmed_move(t: Turn) -> Outcome:
    """Move in one step: the member keeps the old seat unless the new one is theirs."""
    if t.choice == "no":
        return Goto("booking")
    if t.choice != "yes" or t.member is None:
        return Retry(_('Pilih "Ya, pindah" atau "Tidak jadi".'))
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
        return Goto("list")
    if isinstance(outcome, coaching.SessionFull):
        t.say(_("Jadwal itu sudah penuh. Tempat lama Anda tetap aman."))
    elif isinstance(outcome, coaching.Overlaps):
        t.say(_("Di jam itu Anda sudah ikut: {title}.").format(title=session_title(outcome.other)))
    else:
        t.say(_("Tidak bisa pindah ke jadwal itu. Tempat lama Anda tetap aman."))
    return Goto("move_pick")


async def cancel_from_notification(t: Turn, argument: str) -> Outcome:
    """The one-tap cancel button on reminders and waitlist promotions."""
    if not argument.isdigit() or t.member is None:
        t.say(_("Jadwal itu sudah tidak aktif."))
        return Finish()
    await _cancel(t, int(argument))
    return Finish()


async def _cancel(t: Turn, booking_id: int) -> None:
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


async def _booking(t: Turn) -> tuple[Booking, CoachingSession]:
    booking = await t.session.get(Booking, t.data["booking_id"])
    assert booking is not None and t.member is not None and booking.member_id == t.member.id
    chosen = await t.session.get(CoachingSession, booking.session_id)
    assert chosen is not None
    return booking, chosen


MY_BOOKINGS = Flow(
    name="my_bookings",
    members_only=True,
    steps=(
        Step("list", ask_list, picked_booking),
        Step("booking", ask_booking, chose_for_booking),
        Step("confirm_cancel", ask_confirm_cancel, confirmed_cancel),
        Step("move_pick", ask_move_pick, picked_move_target),
        Step("move_confirm", ask_move_confirm, confirmed_move),
    ),
)
