"""A member's NIB (the business number OSS issues): recording it completes 7 PAS P4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Member
from bot.nib import NIB_LENGTH
from bot.services import progress
from bot.vocabulary import PasStep


@dataclass(frozen=True)
class NibRecorded:
    """The NIB is on the member's record; `p4_done` when this completed P4."""

    nib: str
    p4_done: bool


async def record_nib(session: AsyncSession, member: Member, nib: str, now: datetime) -> NibRecorded:
    """Keep the member's NIB (13 digits, already checked by `bot.nib.parse_nib`); P4 is done."""
    if len(nib) != NIB_LENGTH or not nib.isdigit():
        raise ValueError("an NIB is 13 digits; read it with bot.nib.parse_nib")
    member.nib = nib
    p4_done = await progress.record_step(session, member.id, PasStep.P4, now)
    return NibRecorded(nib, p4_done)
