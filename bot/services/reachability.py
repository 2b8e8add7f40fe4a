"""Whether a chat can be written to, as its platform reports it (blocked, unblocked)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import ChannelAccount


async def note_reachability(
    session: AsyncSession, channel: str, external_id: str, *, reachable: bool, now: datetime
) -> bool:
    """Mark the chat unreachable (nothing is sent to it) or reachable again; False if unknown."""
    account = (
        await session.scalars(
            select(ChannelAccount).where(
                ChannelAccount.channel == channel, ChannelAccount.external_id == external_id
            )
        )
    ).first()
    if account is None:
        return False
    if reachable:
        account.unreachable_at = None
    elif account.unreachable_at is None:
        account.unreachable_at = now
    return True
