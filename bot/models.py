"""SQLAlchemy models: everything the bot must remember across restarts.

Long because: the whole schema is kept in one module, read beside the migrations that
build it; each model is short, and splitting them would scatter the foreign keys.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot import search_index
from bot.vocabulary import (
    BookingStatus,
    BusinessStatus,
    EntryCategory,
    EntryKind,
    FinancingRequestStatus,
    InquiryStatus,
    ListingStatus,
    OutboxKind,
    OutboxStatus,
    PasStep,
    ProductCategory,
    QuestionStatus,
    ReportReason,
    Sector,
    SessionKind,
    SessionStatus,
    StaffRoleName,
    Topic,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def vocabulary(words: type[StrEnum], length: int) -> Enum:
    """A column of one of `bot.vocabulary`'s enums, stored as its plain string value.

    Not a database enum type: adding a word later needs no schema change.
    """
    return Enum(
        words,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


class Member(Base):
    """A registered OK OCE member. Personal fields are cleared when they ask."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(120))
    phone_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    """Not unique: a household may share one phone (see `services.members`)."""
    kecamatan_code: Mapped[str] = mapped_column(String(16), index=True)
    kelurahan_code: Mapped[str | None] = mapped_column(String(20))
    business_status: Mapped[BusinessStatus] = mapped_column(vocabulary(BusinessStatus, 16))
    business_name: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[Sector] = mapped_column(vocabulary(Sector, 24))
    language: Mapped[str] = mapped_column(String(8))
    consent_at: Mapped[datetime | None]
    registered_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    nib: Mapped[str | None] = mapped_column(String(13))
    """The business's NIB (13 digits, from OSS) once the member records it: 7 PAS P4."""


class MemberNumberCounter(Base):
    """The last member number issued per kecamatan."""

    __tablename__ = "member_number_counters"

    kecamatan_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class MemberProgress(Base):
    """One of the seven 7 PAS steps (P1–P7) a member has completed."""

    __tablename__ = "member_progress"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[PasStep] = mapped_column(vocabulary(PasStep, 4), primary_key=True)
    done_at: Mapped[datetime]


class StaffRole(Base):
    """A programme role held by a member: coordinator (of one kecamatan) or coach."""

    __tablename__ = "staff_roles"
    __table_args__ = (UniqueConstraint("member_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    role: Mapped[StaffRoleName] = mapped_column(vocabulary(StaffRoleName, 16))
    kecamatan_code: Mapped[str | None] = mapped_column(String(16))
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime]


class ChannelAccount(Base):
    """A person as one channel knows them, with their conversation state there.

    The state (flow, step, collected data) lives on this row so that it is saved in
    the same transaction as whatever the step changed.
    """

    __tablename__ = "channel_accounts"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    flow: Mapped[str | None] = mapped_column(String(32))
    step: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """What the current flow has collected (its `TypedDict`)."""
    prompt: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The engine's note of the question last asked: the choices shown, their page."""
    drafts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Forms left for the menu, by flow: their step and answers, offered again later."""
    proactive: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The choices of the last proactive message sent here, while it is the latest one."""
    state_version: Mapped[int] = mapped_column(Integer, default=0)
    last_inbound_at: Mapped[datetime | None]
    unreachable_at: Mapped[datetime | None]
    """Set when the platform says the person blocked the bot; nothing is sent after."""
    updated_at: Mapped[datetime]
    created_at: Mapped[datetime]


class ProcessedEvent(Base):
    """A platform event (update id, message id) that has been handled.

    Kept as a keyed hash of its id (`bot.event_keys`), never the id itself, and pruned
    after `Settings.dedupe_retention`.
    """

    __tablename__ = "processed_events"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class CoachingSession(Base):
    """A coaching clinic, training or meet-up that members can book a seat at.

    `seats_taken` is claimed with a conditional UPDATE, so the last seat is sold
    once under any concurrency.
    """

    __tablename__ = "coaching_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SessionKind] = mapped_column(vocabulary(SessionKind, 16))
    topic: Mapped[Topic] = mapped_column(vocabulary(Topic, 8))
    kecamatan_code: Mapped[str] = mapped_column(String(16), index=True)
    venue_name: Mapped[str] = mapped_column(String(120))
    venue_address: Mapped[str] = mapped_column(String(240))
    map_url: Mapped[str | None] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    coach_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[SessionStatus] = mapped_column(
        vocabulary(SessionStatus, 16), default=SessionStatus.SCHEDULED
    )
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    """Bumped on every change of time or place (the calendar file's SEQUENCE)."""
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Booking(Base):
    """A member's seat at a session, or their place on its waitlist."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("session_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[BookingStatus] = mapped_column(vocabulary(BookingStatus, 16))
    attended: Mapped[bool | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Feedback(Base):
    """An attendee's rating (1-5) of a session, with an optional comment."""

    __tablename__ = "feedback"

    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class OutboxMessage(Base):
    """A proactive message to a member, or to one chat, sent by the dispatcher when due.

    A row names a member (it goes to their chats, latest used first) or, when
    `member_id` is None, one chat by `recipient_channel` and `recipient_external_id`:
    a programme admin from `OKOCE_ADMINS` or a guest who asked staff a question.

    Rows are claimed with a lease (`claimed_until`), so several dispatchers can
    share one outbox and a row claimed by one that died is sent by another.
    """

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    recipient_channel: Mapped[str | None] = mapped_column(String(16))
    recipient_external_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[OutboxKind] = mapped_column(vocabulary(OutboxKind, 32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    """The booking the message is about, if any: withdrawn with it (reminders)."""
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[OutboxStatus] = mapped_column(
        vocabulary(OutboxStatus, 16), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    route: Mapped[str | None] = mapped_column(String(16))
    """The channel to try next, set when a dispatcher could not carry the message on its own
    channels and handed it over; None: the member's chats, most recently used first."""
    channel: Mapped[str | None] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(128), index=True)
    delivery_status: Mapped[str | None] = mapped_column(String(16))
    last_error: Mapped[str | None] = mapped_column(String(240))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class HandoffQuestion(Base):
    """A question a member (or guest) asked staff ("Tanya petugas"), and its answer.

    It is for the coordinators of `kecamatan_code` (admins see every question);
    `asker_channel` and `asker_external_id` are the chat it was asked in, where a
    guest's answer goes. `answered_at` is the first (and only) answer's time.
    """

    __tablename__ = "handoff_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    asker_channel: Mapped[str] = mapped_column(String(16))
    asker_external_id: Mapped[str] = mapped_column(String(64))
    kecamatan_code: Mapped[str | None] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(String(1000))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[QuestionStatus] = mapped_column(
        vocabulary(QuestionStatus, 16), default=QuestionStatus.OPEN, index=True
    )
    asked_at: Mapped[datetime] = mapped_column(index=True)
    due_at: Mapped[datetime]
    """When the member was told to expect the answer at the latest."""
    answer: Mapped[str | None] = mapped_column(String(1000))
    answered_by: Mapped[str | None] = mapped_column(String(64))
    """The chat identity (`telegram:123`) of the staff member who answered."""
    answered_at: Mapped[datetime | None]


class StaffFaqEntry(Base):
    """An answered question staff added to the FAQ, in the staff member's language.

    The matcher reads these beside the content file's entries; the file is never written.
    """

    __tablename__ = "staff_faq_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(String(1000))
    answer: Mapped[str] = mapped_column(String(1000))
    language: Mapped[str] = mapped_column(String(8))
    source_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("handoff_questions.id", ondelete="SET NULL"), unique=True
    )
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime]


class InboundDelivery(Base):
    """A webhook delivery kept from the moment it is acknowledged until it is processed.

    Platforms do not resend what we acknowledged, so a delivery lives here, not
    only in memory: a restart processes whatever was acknowledged but not done. Once
    processed, its body (names, numbers, what was written) is emptied: only the row's
    id and times remain, until pruned after `Settings.dedupe_retention`.
    """

    __tablename__ = "inbound_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None] = mapped_column(index=True)


# Issue 11: bookkeeping (7 PAS P6) and financing requests (P7).


class BookkeepingEntry(Base):
    """One line of a member's books: money in, money out, or capital put in."""

    __tablename__ = "bookkeeping_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EntryKind] = mapped_column(vocabulary(EntryKind, 16))
    category: Mapped[EntryCategory] = mapped_column(vocabulary(EntryCategory, 24))
    amount: Mapped[int] = mapped_column(BigInteger)
    """Whole rupiah, always positive; the kind says which way it went."""
    note: Mapped[str] = mapped_column(String(80), default="")
    entry_date: Mapped[date] = mapped_column(Date)
    """The day in Jakarta it was recorded: months with records count towards P6."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FinancingRequest(Base):
    """A member's "Saya tertarik": the loan they want, for the coordinator to follow up."""

    __tablename__ = "financing_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kecamatan_code: Mapped[str] = mapped_column(String(16), index=True)
    """The member's kecamatan when they asked: its coordinator follows up."""
    product_id: Mapped[str | None] = mapped_column(String(60))
    """The product in the financing content file, or None for "not sure yet"."""
    amount: Mapped[int] = mapped_column(BigInteger)
    purpose: Mapped[str] = mapped_column(String(200))
    status: Mapped[FinancingRequestStatus] = mapped_column(
        vocabulary(FinancingRequestStatus, 16), default=FinancingRequestStatus.NEW
    )
    changed_by: Mapped[str | None] = mapped_column(String(64))
    """Who moved it last (`channel:id` of the coordinator or admin)."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Listing(Base):
    """A product a member offers, shown on the web showcase and in chat while public.

    `search_name` and `search_text` hold the folded words (`bot.catalog_search`) that the
    full-text index (`bot.search_index`) is built over; the services keep them current.
    """

    __tablename__ = "listings"
    __table_args__ = (
        Index("ix_listings_status_published", "status", "published_at"),
        Index("ix_listings_status_category_published", "status", "category", "published_at"),
        Index("ix_listings_status_kecamatan_published", "status", "kecamatan_code", "published_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    price: Mapped[int] = mapped_column(Integer)
    """Whole rupiah."""
    unit: Mapped[str | None] = mapped_column(String(40))
    stock: Mapped[int | None] = mapped_column(Integer)
    """None: the seller does not count stock."""
    description: Mapped[str | None] = mapped_column(String(1000))
    category: Mapped[ProductCategory] = mapped_column(vocabulary(ProductCategory, 24))
    kecamatan_code: Mapped[str] = mapped_column(String(16))
    """The seller's kecamatan when the listing was made or last changed."""
    status: Mapped[ListingStatus] = mapped_column(vocabulary(ListingStatus, 16))
    rejection_reason: Mapped[str | None] = mapped_column(String(240))
    show_whatsapp: Mapped[bool] = mapped_column(default=False)
    """Whether buyers see a "Chat di WhatsApp" link to the seller's number."""
    search_name: Mapped[str] = mapped_column(String(400), default="")
    search_text: Mapped[str] = mapped_column(String(2000), default="")
    published_at: Mapped[datetime | None]
    """When it last went live; the showcase lists the newest first."""
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


search_index.install(Listing.__table__)  # type: ignore[arg-type]


class ListingPhoto(Base):
    """One of a listing's photos (at most five), in the order the seller gave them.

    The placeholder's JPEG bytes (a few hundred) live here, so a page inlines it
    without reading the photo store; the renditions' sizes give `<img width height>`.
    """

    __tablename__ = "listing_photos"
    __table_args__ = (UniqueConstraint("listing_id", "photo_key"),)

    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_key: Mapped[str] = mapped_column(String(32), index=True)
    web_width: Mapped[int] = mapped_column(Integer)
    web_height: Mapped[int] = mapped_column(Integer)
    thumb_width: Mapped[int] = mapped_column(Integer)
    thumb_height: Mapped[int] = mapped_column(Integer)
    placeholder: Mapped[bytes] = mapped_column(LargeBinary)


class ListingReport(Base):
    """Someone's report of a listing: a chat identity or a hashed web client, once each."""

    __tablename__ = "listing_reports"
    __table_args__ = (UniqueConstraint("listing_id", "reporter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"))
    reporter: Mapped[str] = mapped_column(String(80))
    """`chat:<channel>:<id>` or `web:<hash>`; see `bot.services.catalog.reports`."""
    reason: Mapped[ReportReason] = mapped_column(vocabulary(ReportReason, 16))
    created_at: Mapped[datetime]
    cleared_at: Mapped[datetime | None]
    """Set when a reviewer approved the listing again; cleared reports no longer count."""


class ListingDailyCount(Base):
    """Web views and buyer inquiries of a listing on one day (Jakarta time): one row a day."""

    __tablename__ = "listing_daily_counts"

    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(Integer, default=0)
    leads: Mapped[int] = mapped_column(Integer, default=0)


class ProductInquiry(Base):
    """A buyer asking a listing's seller through the bot ("Tanya penjual"), both ways.

    Neither side sees the other's number or platform id: the buyer is known here by the
    chat they asked from (where the seller's answers go), the seller as a member. The
    messages themselves are kept nowhere but in the outbox rows that carry them.
    """

    __tablename__ = "product_inquiries"
    __table_args__ = (
        Index(
            "ix_product_inquiries_buyer_opened", "buyer_channel", "buyer_external_id", "opened_at"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(
        ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    seller_member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    buyer_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    """The buyer when registered (their inquiries count together across channels)."""
    buyer_channel: Mapped[str] = mapped_column(String(16))
    buyer_external_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[InquiryStatus] = mapped_column(
        vocabulary(InquiryStatus, 16), default=InquiryStatus.OPEN
    )
    opened_at: Mapped[datetime]
    last_message_at: Mapped[datetime]
    messages: Mapped[int] = mapped_column(Integer, default=0)
    """Messages relayed so far, both ways (numbers the outbox rows that carry them)."""
    closed_at: Mapped[datetime | None]


class PhotoDeletion(Base):
    """A photo no listing may need any more, for the sweeper to remove from the store.

    Queued in the same transaction that dropped the photo from its listing, so a crash
    never leaves a deleted member's photo on disk without a note to remove it.
    """

    __tablename__ = "photo_deletions"

    photo_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    queued_at: Mapped[datetime]
