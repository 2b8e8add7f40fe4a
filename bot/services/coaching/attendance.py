"""After a session: who came (7 PAS P2, or P3 for mentoring) and what they thought of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Booking, CoachingSession, Feedback, MemberProgress
from bot.services.coaching import notices
from bot.services.coaching.rules import active_bookings
from bot.vocabulary import BookingStatus, PasStep, SessionStatus, Topic

MAX_COMMENT = 500
RATINGS = range(1, 6)


async def record_attendance(
    session: AsyncSession,
    coaching: CoachingSession,
    attended_member_ids: set[int],
    *,
    now: datetime,
) -> int:
    """Mark who came; attendees get P2 (P3 for mentoring) and a feedback request."""
    step = PasStep.P3 if coaching.topic == Topic.P3 else PasStep.P2
    count = 0
    for booking in await active_bookings(session, coaching.id):
        if booking.status != BookingStatus.BOOKED:
            continue
        booking.attended = booking.member_id in attended_member_ids
        if not booking.attended:
            continue
        count += 1
        if await session.get(MemberProgress, (booking.member_id, step)) is None:
            session.add(MemberProgress(member_id=booking.member_id, step=step, done_at=now))
        await notices.ask_feedback(session, booking, coaching, now)
    coaching.status = SessionStatus.DONE
    coaching.updated_at = now
    return count


async def give_feedback(
    session: AsyncSession, *, booking_id: int, member_id: int, rating: int, now: datetime
) -> bool:
    """Store (or replace) an attendee's 1-5 rating; False if they cannot rate this booking."""
    booking = await session.get(Booking, booking_id)
    if booking is None or booking.member_id != member_id or not booking.attended:
        return False
    if rating not in RATINGS:
        raise ValueError("rating is 1-5")
    feedback = await session.get(Feedback, booking_id)
    if feedback is None:
        session.add(Feedback(booking_id=booking_id, rating=rating, created_at=now))
    else:
        feedback.rating = rating
    return True


async def add_feedback_comment(
    session: AsyncSession, *, booking_id: int, member_id: int, comment: str
) -> bool:
    """Attach a comment to a rating already given."""
    feedback = await session.get(Feedback, booking_id)
    booking = await session.get(Booking, booking_id)
    if feedback is None or booking is None or booking.member_id != member_id:
        return False
    feedback.comment = comment[:MAX_COMMENT]
    return True


async def feedback_summary(session: AsyncSession, session_id: int) -> tuple[float | None, int]:
    """The average rating of a session and how many rated it."""
    row = (
        await session.execute(
            select(func.avg(Feedback.rating), func.count(Feedback.rating))
            .join(Booking, Booking.id == Feedback.booking_id)
            .where(Booking.session_id == session_id)
        )
    ).one()
    average, count = row
    return (float(average) if average is not None else None, int(count))
