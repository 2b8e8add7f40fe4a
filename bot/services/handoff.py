"""Questions for staff ("Tanya petugas"): queued, routed, answered once, kept as FAQ entries.

A question goes to the coordinators of the asker's kecamatan; where there is none, and
for guests, to the programme admins. Asking enqueues the outbox rows that tell staff:
a notice now, a reminder at the promised time, and (for a coordinator's question) a
reminder to the admins one working day later. The dispatcher drops any of them once the
question is answered. Answering is allowed once, and its time is the first-answer time.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.chat_identity import ChatIdentity, parse_identity
from bot.models import HandoffQuestion, OutboxMessage, StaffFaqEntry, StaffRole
from bot.services import outbox, roles
from bot.vocabulary import OutboxKind, QuestionStatus, StaffRoleName
from bot.working_days import add_working_days

ESCALATE_AFTER_WORKING_DAYS = 1
"""An admin is reminded this long after the coordinator's reminder."""


@dataclass(frozen=True)
class Asker:
    """Who asks: the chat they wrote in, and the member behind it if registered."""

    chat: ChatIdentity
    member_id: int | None
    kecamatan_code: str | None
    language: str


@dataclass(frozen=True)
class Queued:
    """The question is waiting; `to_coordinator` is False when admins have it."""

    question: HandoffQuestion
    to_coordinator: bool


@dataclass(frozen=True)
class Reader:
    """Whose questions a staff member may see: every one (an admin) or their kecamatan's."""

    everything: bool
    kecamatan_codes: frozenset[str]

    def may_see(self, question: HandoffQuestion) -> bool:
        """Whether this reader may open and answer `question`."""
        return self.everything or question.kecamatan_code in self.kecamatan_codes


@dataclass(frozen=True)
class Answered:
    question: HandoffQuestion


@dataclass(frozen=True)
class AlreadyAnswered:
    """Someone answered first; the member gets only that answer."""

    question: HandoffQuestion


@dataclass(frozen=True)
class NotFound:
    """No such question, or not one this reader may see."""


@dataclass(frozen=True)
class AddedToFaq:
    entry: StaffFaqEntry


@dataclass(frozen=True)
class AlreadyInFaq:
    entry: StaffFaqEntry


@dataclass(frozen=True)
class NotAnswered:
    """Only an answered question can become an FAQ entry."""


async def ask_staff(
    session: AsyncSession,
    asker: Asker,
    text: str,
    *,
    now: datetime,
    working_days: int,
    admins: Collection[str],
) -> Queued:
    """Queue a question, promised an answer within `working_days`, and tell staff."""
    due_at = add_working_days(now, working_days)
    question = HandoffQuestion(
        member_id=asker.member_id,
        asker_channel=asker.chat.channel,
        asker_external_id=asker.chat.external_id,
        kecamatan_code=asker.kecamatan_code,
        text=text,
        language=asker.language,
        status=QuestionStatus.OPEN,
        asked_at=now,
        due_at=due_at,
    )
    session.add(question)
    await session.flush()
    coordinators = await roles.coordinators_of(session, asker.kecamatan_code)
    admin_chats = [chat for chat in map(parse_identity, sorted(admins)) if chat is not None]
    first_line: Sequence[int | ChatIdentity] = coordinators or admin_chats
    for recipient in first_line:
        await _tell(session, question, recipient, OutboxKind.HANDOFF_QUESTION, now, due=now)
        await _tell(session, question, recipient, OutboxKind.HANDOFF_OVERDUE, now, due=due_at)
    if coordinators:
        escalate_at = add_working_days(due_at, ESCALATE_AFTER_WORKING_DAYS)
        for chat in admin_chats:
            await _tell(session, question, chat, OutboxKind.HANDOFF_OVERDUE, now, due=escalate_at)
    return Queued(question, to_coordinator=bool(coordinators))


async def reader_for(
    session: AsyncSession, member_id: int | None, *, is_admin: bool
) -> Reader | None:
    """What this person may read now: admins everything, a coordinator their kecamatan."""
    if is_admin:
        return Reader(everything=True, kecamatan_codes=frozenset())
    if member_id is None:
        return None
    codes = await session.scalars(
        select(StaffRole.kecamatan_code).where(
            StaffRole.member_id == member_id,
            StaffRole.role == StaffRoleName.COORDINATOR,
            StaffRole.kecamatan_code.is_not(None),
        )
    )
    held = frozenset(code for code in codes if code is not None)
    return Reader(everything=False, kecamatan_codes=held) if held else None


async def open_questions(
    session: AsyncSession, reader: Reader, *, limit: int = 40
) -> list[HandoffQuestion]:
    """Unanswered questions this reader may see, oldest first."""
    query = select(HandoffQuestion).where(HandoffQuestion.status == QuestionStatus.OPEN)
    if not reader.everything:
        query = query.where(HandoffQuestion.kecamatan_code.in_(sorted(reader.kecamatan_codes)))
    query = query.order_by(HandoffQuestion.asked_at, HandoffQuestion.id).limit(limit)
    return list((await session.scalars(query)).all())


async def question_for(
    session: AsyncSession, reader: Reader, question_id: int
) -> HandoffQuestion | None:
    """The question, answered or not, if this reader may see it."""
    question = await session.get(HandoffQuestion, question_id)
    if question is None or not reader.may_see(question):
        return None
    return question


async def answer_question(
    session: AsyncSession,
    reader: Reader,
    question_id: int,
    answer: str,
    *,
    answered_by: str,
    now: datetime,
) -> Answered | AlreadyAnswered | NotFound:
    """Record the first answer and send it to whoever asked, through the outbox, once."""
    question = await session.get(HandoffQuestion, question_id, with_for_update=True)
    if question is None or not reader.may_see(question):
        return NotFound()
    if question.status == QuestionStatus.ANSWERED:
        return AlreadyAnswered(question)
    question.status = QuestionStatus.ANSWERED
    question.answer = answer
    question.answered_by = answered_by
    question.answered_at = now
    asker = ChatIdentity(question.asker_channel, question.asker_external_id)
    await outbox.enqueue(
        session,
        member_id=question.member_id,
        chat=None if question.member_id is not None else asker,
        kind=OutboxKind.HANDOFF_ANSWER,
        payload={"question_id": question.id},
        due_at=now,
        dedupe_key=f"handoff:{question.id}:answer",
        now=now,
    )
    return Answered(question)


async def add_to_faq(
    session: AsyncSession,
    reader: Reader,
    question_id: int,
    *,
    added_by: str,
    language: str,
    now: datetime,
) -> AddedToFaq | AlreadyInFaq | NotAnswered | NotFound:
    """Keep an answered question and its answer as an FAQ entry in `language`."""
    question = await question_for(session, reader, question_id)
    if question is None:
        return NotFound()
    if question.status != QuestionStatus.ANSWERED or question.answer is None:
        return NotAnswered()
    existing = (
        await session.scalars(
            select(StaffFaqEntry).where(StaffFaqEntry.source_question_id == question.id)
        )
    ).first()
    if existing is not None:
        return AlreadyInFaq(existing)
    entry = StaffFaqEntry(
        question=question.text,
        answer=question.answer,
        language=language,
        source_question_id=question.id,
        added_by=added_by,
        added_at=now,
    )
    session.add(entry)
    await session.flush()
    return AddedToFaq(entry)


async def faq_entries_version(session: AsyncSession) -> tuple[int, int]:
    """How many staff FAQ entries there are and the newest id: changes when one is added."""
    count, newest = (
        await session.execute(select(func.count(StaffFaqEntry.id), func.max(StaffFaqEntry.id)))
    ).one()
    return int(count or 0), int(newest or 0)


async def faq_entries(session: AsyncSession) -> list[StaffFaqEntry]:
    """Every FAQ entry staff added, oldest first."""
    return list((await session.scalars(select(StaffFaqEntry).order_by(StaffFaqEntry.id))).all())


async def forget_person(
    session: AsyncSession, member_id: int, identities: Collection[str], *, replacement: str
) -> None:
    """Erase what a deleted member leaves here (UU PDP): the questions they asked, as a
    member or earlier as a guest from one of their chats (`identities`), the FAQ entries
    staff made of them (their words), and messages to those chats; where they answered
    or added entries as staff, their identity becomes `replacement`."""
    chats = [chat for chat in map(parse_identity, identities) if chat is not None]
    asked = HandoffQuestion.member_id == member_id
    if chats:
        asked = or_(
            asked,
            *(
                and_(
                    HandoffQuestion.asker_channel == chat.channel,
                    HandoffQuestion.asker_external_id == chat.external_id,
                )
                for chat in chats
            ),
        )
    theirs = list(await session.scalars(select(HandoffQuestion.id).where(asked)))
    if theirs:
        await session.execute(
            delete(StaffFaqEntry)
            .where(StaffFaqEntry.source_question_id.in_(theirs))
            .execution_options(synchronize_session="fetch")
        )
        await session.execute(
            delete(HandoffQuestion)
            .where(HandoffQuestion.id.in_(theirs))
            .execution_options(synchronize_session="fetch")
        )
    for chat in chats:
        await session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.recipient_channel == chat.channel,
                OutboxMessage.recipient_external_id == chat.external_id,
            )
        )
    if identities:
        await session.execute(
            update(HandoffQuestion)
            .where(HandoffQuestion.answered_by.in_(list(identities)))
            .values(answered_by=replacement)
            .execution_options(synchronize_session="fetch")
        )
        await session.execute(
            update(StaffFaqEntry)
            .where(StaffFaqEntry.added_by.in_(list(identities)))
            .values(added_by=replacement)
            .execution_options(synchronize_session="fetch")
        )


async def _tell(
    session: AsyncSession,
    question: HandoffQuestion,
    recipient: int | ChatIdentity,
    kind: OutboxKind,
    now: datetime,
    *,
    due: datetime,
) -> None:
    """One outbox row about `question` for a coordinator (member id) or an admin (chat)."""
    member_id = recipient if isinstance(recipient, int) else None
    chat = recipient if isinstance(recipient, ChatIdentity) else None
    who = f"m{member_id}" if member_id is not None else str(chat)
    await outbox.enqueue(
        session,
        member_id=member_id,
        chat=chat,
        kind=kind,
        payload={"question_id": question.id},
        due_at=due,
        dedupe_key=f"handoff:{question.id}:{kind}:{who}"[:160],
        now=now,
    )
