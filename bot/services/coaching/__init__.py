"""Coaching clinics, trainings and meet-ups (7 PAS P2 Pelatihan, P3 Pendampingan).

The rules: a seat is claimed with one conditional UPDATE (the last seat is sold once
under any concurrency); a member books a session once and never two that overlap; a
freed seat goes to the first member on the waitlist at once; every proactive message
(reminders, promotions, changes, cancellations, feedback requests) is an outbox row
built in `notices`.

    sessions    scheduling, re-timing and calling off; who may manage which
    seats       booking, the waitlist, cancelling and moving; rosters
    attendance  who came (P2/P3) and what they thought of it
    notices     the outbox rows about a booking: keyed, scheduled, withdrawn
"""

from bot.services.coaching.attendance import (
    add_feedback_comment,
    feedback_summary,
    give_feedback,
    record_attendance,
)
from bot.services.coaching.rules import is_upcoming, seats_left
from bot.services.coaching.seats import (
    AlreadyBooked,
    Booked,
    BookingCancelled,
    BookOutcome,
    Moved,
    NotFound,
    Overlaps,
    SessionClosed,
    SessionFull,
    Waitlisted,
    book_seat,
    cancel_booking,
    member_bookings,
    move_booking,
    promote_waitlist,
    roster,
    waitlist_position,
)
from bot.services.coaching.sessions import (
    Manager,
    NotYours,
    SessionDraft,
    UnknownSession,
    cancel_session,
    create_session,
    managed_sessions,
    pick_coach,
    reschedule_session,
    schedule_session,
    session_to_manage,
    upcoming_sessions,
)

__all__ = [
    "AlreadyBooked",
    "BookOutcome",
    "Booked",
    "BookingCancelled",
    "Manager",
    "Moved",
    "NotFound",
    "NotYours",
    "Overlaps",
    "SessionClosed",
    "SessionDraft",
    "SessionFull",
    "UnknownSession",
    "Waitlisted",
    "add_feedback_comment",
    "book_seat",
    "cancel_booking",
    "cancel_session",
    "create_session",
    "feedback_summary",
    "give_feedback",
    "is_upcoming",
    "managed_sessions",
    "member_bookings",
    "move_booking",
    "pick_coach",
    "promote_waitlist",
    "record_attendance",
    "reschedule_session",
    "roster",
    "schedule_session",
    "seats_left",
    "session_to_manage",
    "upcoming_sessions",
    "waitlist_position",
]
