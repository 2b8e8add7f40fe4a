"""Feedback after a session: a 1-5 rating from the message's buttons, then an optional comment."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from bot.ascii_numbers import parse_row_id, read_ascii_int
from bot.i18n import _
from bot.messages import Choice
from bot.services import coaching
from bot.services.coaching.attendance import MAX_COMMENT, RATINGS
from conversations.flow import Finish, Flow, Outcome, Prompt, StartFlow, Step, Turn


class FeedbackStep(StrEnum):
    COMMENT = "comment"


class FeedbackData(TypedDict, total=False):
    booking_id: int


async def rate_from_notification(t: Turn[Any], argument: str) -> Outcome:
    """`@rate:<booking>:<1-5>`: store the rating, then offer a comment."""
    booking_text, _sep, rating_text = argument.partition(":")
    booking_id = parse_row_id(booking_text)
    rating = read_ascii_int(rating_text, low=RATINGS.start, high=RATINGS.stop - 1)
    if t.member is None or booking_id is None or rating is None:
        t.say(_("Maaf, nilai itu tidak bisa kami simpan."))
        return Finish()
    stored = await coaching.give_feedback(
        t.session,
        booking_id=booking_id,
        member_id=t.member.id,
        rating=rating,
        now=t.clock.now(),
    )
    if not stored:
        t.say(_("Maaf, nilai itu tidak bisa kami simpan."))
        return Finish()
    t.say(_("Terima kasih atas nilainya! ⭐"))
    return StartFlow("feedback", data={"booking_id": booking_id})


async def ask_comment(t: Turn[FeedbackData]) -> Prompt:
    return Prompt(
        _("Ada saran untuk coach atau panitia? Ketik saja, atau pilih Lewati."),
        [Choice("skip", _("Lewati"))],
    )


async def got_comment(t: Turn[FeedbackData]) -> Outcome:
    if t.choice != "skip" and t.text and t.member is not None:
        await coaching.add_feedback_comment(
            t.session,
            booking_id=t.data["booking_id"],
            member_id=t.member.id,
            comment=t.text[:MAX_COMMENT],
        )
        t.say(_("Terima kasih, masukan Anda sudah kami terima."))
    return Finish()


FEEDBACK = Flow[FeedbackData](
    name="feedback",
    step_names=FeedbackStep,
    members_only=True,
    steps=(Step(FeedbackStep.COMMENT, ask_comment, got_comment),),
)
