"""Financing requests ("Saya tertarik", 7 PAS P7): asked by a member, followed up by staff.

The programme lends nothing itself: a request asks the coordinator of the member's
kecamatan to help them reach a lender. The coordinator moves it forward, contacted →
referred → approved, or rejects it (`FinancingRequestStatus.next_statuses`); every move is
checked against who is moving it, and tells the member through the outbox, once per
change (the row's key names the request and the status it reached). A request referred
to a lender completes P7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import FinancingRequest, Member
from bot.services import outbox, progress
from bot.vocabulary import (
    OPEN_FINANCING_STATUSES,
    REFERRED_FINANCING_STATUSES,
    FinancingRequestStatus,
    OutboxKind,
    PasStep,
)

PURPOSE_MAX_LENGTH = 160
"""Characters: what a loan is for, in a sentence that fits a phone screen with the rest."""
LIST_LIMIT = 50
"""Requests shown to a coordinator at once: the open ones first, then the latest closed."""


@dataclass(frozen=True)
class Reviewer:
    """Someone following up requests, and on what grounds: admins see every kecamatan,
    a coordinator their own."""

    identity: str
    """`channel:external_id`, kept on the request as who moved it last."""
    is_admin: bool = False
    coordinator_of: str | None = None

    def may_handle(self, request: FinancingRequest) -> bool:
        """Whether this person may see and move `request`."""
        return self.is_admin or (
            self.coordinator_of is not None and request.kecamatan_code == self.coordinator_of
        )


@dataclass(frozen=True)
class Requested:
    """The request was saved for the coordinator."""

    request: FinancingRequest


@dataclass(frozen=True)
class AlreadyOpen:
    """The member already has a request being followed up; it is this one."""

    request: FinancingRequest


@dataclass(frozen=True)
class Moved:
    """The request reached `request.status`; the member will be told. `p7_done` if it did that."""

    request: FinancingRequest
    p7_done: bool


@dataclass(frozen=True)
class NotFound:
    """There is no such request."""


@dataclass(frozen=True)
class NotYours:
    """The request is in a kecamatan this person does not coordinate."""


@dataclass(frozen=True)
class NotAllowed:
    """The request cannot move there from where it is (it moved on meanwhile, or is closed)."""

    current: FinancingRequestStatus


async def create_request(
    session: AsyncSession,
    member: Member,
    *,
    product_id: str | None,
    amount: int,
    purpose: str,
    now: datetime,
) -> Requested | AlreadyOpen:
    """Ask the member's kecamatan coordinator to follow up, unless a request is already open."""
    if amount <= 0:
        raise ValueError("a financing request needs a positive amount")
    existing = await open_request_of(session, member.id)
    if existing is not None:
        return AlreadyOpen(existing)
    request = FinancingRequest(
        member_id=member.id,
        kecamatan_code=member.kecamatan_code,
        product_id=product_id,
        amount=amount,
        purpose=" ".join(purpose.split())[:PURPOSE_MAX_LENGTH],
        status=FinancingRequestStatus.NEW,
        created_at=now,
        updated_at=now,
    )
    session.add(request)
    await session.flush()
    return Requested(request)


async def open_request_of(session: AsyncSession, member_id: int) -> FinancingRequest | None:
    """The member's request still being followed up, if any."""
    query = (
        select(FinancingRequest)
        .where(
            FinancingRequest.member_id == member_id,
            FinancingRequest.status.in_(OPEN_FINANCING_STATUSES),
        )
        .order_by(FinancingRequest.created_at.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def latest_request_of(session: AsyncSession, member_id: int) -> FinancingRequest | None:
    """The member's most recent request, open or closed."""
    query = (
        select(FinancingRequest)
        .where(FinancingRequest.member_id == member_id)
        .order_by(FinancingRequest.created_at.desc(), FinancingRequest.id.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def requests_for(
    session: AsyncSession, reviewer: Reviewer, *, limit: int = LIST_LIMIT
) -> Sequence[FinancingRequest]:
    """The requests this person follows up: open ones oldest first, then the latest closed."""
    query = select(FinancingRequest)
    if not reviewer.is_admin:
        if reviewer.coordinator_of is None:
            return []
        query = query.where(FinancingRequest.kecamatan_code == reviewer.coordinator_of)
    still_open = case((FinancingRequest.status.in_(OPEN_FINANCING_STATUSES), 0), else_=1)
    query = query.order_by(
        still_open,
        case(
            (still_open == 0, FinancingRequest.created_at),
            else_=None,
        ),
        FinancingRequest.updated_at.desc(),
        FinancingRequest.id,
    ).limit(limit)
    return (await session.scalars(query)).all()


async def request_for(
    session: AsyncSession, reviewer: Reviewer, request_id: int, *, lock: bool = False
) -> FinancingRequest | NotFound | NotYours:
    """One request, if this person may handle it (`lock` holds it while it is moved)."""
    request = await session.get(FinancingRequest, request_id, with_for_update=lock)
    if request is None:
        return NotFound()
    if not reviewer.may_handle(request):
        return NotYours()
    return request


async def move_request(
    session: AsyncSession,
    reviewer: Reviewer,
    request_id: int,
    status: FinancingRequestStatus,
    *,
    now: datetime,
) -> Moved | NotFound | NotYours | NotAllowed:
    """Move a request on and tell the member; referring it to a lender completes P7."""
    found = await request_for(session, reviewer, request_id, lock=True)
    if not isinstance(found, FinancingRequest):
        return found
    if status not in found.status.next_statuses():
        return NotAllowed(found.status)
    found.status = status
    found.changed_by = reviewer.identity
    found.updated_at = now
    await outbox.enqueue(
        session,
        member_id=found.member_id,
        kind=OutboxKind.FINANCING_REQUEST_UPDATE,
        payload={"request_id": found.id, "status": str(status)},
        due_at=now,
        dedupe_key=f"financing-request:{found.id}:{status}",
        now=now,
    )
    p7_done = False
    if status in REFERRED_FINANCING_STATUSES:
        p7_done = await progress.record_step(session, found.member_id, PasStep.P7, now)
    return Moved(found, p7_done)
