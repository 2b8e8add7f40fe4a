"""The programme's fixed words: the values stored in the database and compared in code.

Each is a `StrEnum`, so a stored value is a plain string in the database and a typed
member in Python: a typo is a mypy error (or an AttributeError at import), not a row
that silently matches nothing. Their order is the order people see them in.
"""

from __future__ import annotations

from enum import StrEnum


class SessionKind(StrEnum):
    """What kind of gathering a coaching session is."""

    CLINIC = "clinic"
    TRAINING = "training"
    MEETUP = "meetup"


class Topic(StrEnum):
    """What a session is about: one of the 7 PAS steps, or general."""

    GENERAL = "general"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    P6 = "P6"
    P7 = "P7"


class SessionStatus(StrEnum):
    """Where a session is in its life; only open ones can be booked or changed."""

    SCHEDULED = "scheduled"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    DONE = "done"

    @property
    def is_open(self) -> bool:
        """Scheduled or re-timed: still going to happen."""
        return self in OPEN_SESSION_STATUSES


OPEN_SESSION_STATUSES = frozenset({SessionStatus.SCHEDULED, SessionStatus.CHANGED})


class BookingStatus(StrEnum):
    """A member's hold on a session: a seat, a waitlist place, or given up."""

    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


ACTIVE_BOOKING_STATUSES = frozenset({BookingStatus.BOOKED, BookingStatus.WAITLISTED})


class OutboxStatus(StrEnum):
    """What became of a proactive message."""

    PENDING = "pending"
    SENT = "sent"
    CANCELLED = "cancelled"
    UNDELIVERABLE = "undeliverable"


class OutboxKind(StrEnum):
    """The kinds of proactive message; each is worded by `conversations.notifications`."""

    REMINDER = "reminder"
    WAITLIST_PROMOTED = "waitlist_promoted"
    SESSION_CHANGED = "session_changed"
    SESSION_CANCELLED = "session_cancelled"
    FEEDBACK_REQUEST = "feedback_request"
    HANDOFF_QUESTION = "handoff_question"
    """A member's question waiting for staff (to its coordinator, or admins)."""
    HANDOFF_OVERDUE = "handoff_overdue"
    """A question still unanswered past the time the member was promised."""
    HANDOFF_ANSWER = "handoff_answer"
    """Staff's answer, to the member (or guest) who asked."""
    FINANCING_REQUEST_UPDATE = "financing_request_update"
    """A member's financing request moved on (issue 11): one row per status reached."""
    LISTING_APPROVED = "listing_approved"
    LISTING_REJECTED = "listing_rejected"
    LISTING_HIDDEN_FOR_REVIEW = "listing_hidden"
    """Reports sent a live listing back to review; its seller is told."""
    LISTING_REVIEW_REQUESTED = "listing_review"
    """To a coordinator of the seller's kecamatan: a listing waits for their review."""
    INQUIRY_FOR_SELLER = "inquiry_for_seller"
    """A buyer's question or message about a listing ("Tanya penjual"), to its seller."""
    INQUIRY_FOR_BUYER = "inquiry_for_buyer"
    """The seller's answer, to the chat the buyer asked from."""
    INQUIRY_ENDED = "inquiry_ended"
    """One side ended the conversation; the other is told."""


HANDOFF_KINDS = frozenset(
    {OutboxKind.HANDOFF_QUESTION, OutboxKind.HANDOFF_OVERDUE, OutboxKind.HANDOFF_ANSWER}
)


INQUIRY_KINDS = frozenset(
    {OutboxKind.INQUIRY_FOR_SELLER, OutboxKind.INQUIRY_FOR_BUYER, OutboxKind.INQUIRY_ENDED}
)


class InquiryStatus(StrEnum):
    """Whether a buyer and a seller are still talking about a listing ("Tanya penjual")."""

    OPEN = "open"
    CLOSED = "closed"


class InquirySide(StrEnum):
    """Who in a product inquiry: the buyer who asked, or the listing's seller."""

    BUYER = "buyer"
    SELLER = "seller"


class QuestionStatus(StrEnum):
    """Where a question for staff ("Tanya petugas") is."""

    OPEN = "open"
    ANSWERED = "answered"


class StaffRoleName(StrEnum):
    """Programme roles an admin can grant."""

    COORDINATOR = "coordinator"
    COACH = "coach"


class BusinessStatus(StrEnum):
    """How far a member's business is."""

    RUNNING = "running"
    IDEA = "idea"


class Sector(StrEnum):
    """A member's line of business."""

    KULINER = "kuliner"
    FESYEN = "fesyen"
    KRIYA = "kriya"
    JASA = "jasa"
    AGRIBISNIS = "agribisnis"
    PERDAGANGAN = "perdagangan"
    LAINNYA = "lainnya"


class PasStep(StrEnum):
    """The seven steps of OK OCE's 7 PAS path, in programme order."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    P6 = "P6"
    P7 = "P7"


# Issue 11: bookkeeping (P6) and financing requests (P7).


class EntryKind(StrEnum):
    """Which way a bookkeeping entry's money went; capital put in is neither income nor expense."""

    INCOME = "income"
    EXPENSE = "expense"
    CAPITAL = "capital"


class EntryCategory(StrEnum):
    """The fixed bookkeeping categories; the values are the stored keys."""

    SALES = "penjualan"
    INGREDIENTS = "bahan"  # ingredients and materials
    PACKAGING = "kemasan"
    UTILITIES = "listrik_air_gas"
    PHONE_AND_INTERNET = "pulsa_internet"
    RENT = "sewa"
    WAGES = "gaji"
    TRANSPORT = "transport"
    EQUIPMENT = "alat"
    OTHER = "lainnya"
    CAPITAL = "modal"


EXPENSE_CATEGORIES = (
    EntryCategory.INGREDIENTS,
    EntryCategory.PACKAGING,
    EntryCategory.UTILITIES,
    EntryCategory.PHONE_AND_INTERNET,
    EntryCategory.RENT,
    EntryCategory.WAGES,
    EntryCategory.TRANSPORT,
    EntryCategory.EQUIPMENT,
    EntryCategory.OTHER,
)
"""The categories an expense can have, in the order they are offered."""


class FinancingRequestStatus(StrEnum):
    """Where a member's financing request is; it only ever moves forward.

    A coordinator moves it along contacted → referred → approved (steps may be skipped),
    or rejects it at any point before approval; approved and rejected are final.
    """

    NEW = "new"
    CONTACTED = "contacted"
    REFERRED = "referred"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def is_final(self) -> bool:
        """Approved or rejected: nothing more happens to the request."""
        return self in (FinancingRequestStatus.APPROVED, FinancingRequestStatus.REJECTED)

    def next_statuses(self) -> tuple[FinancingRequestStatus, ...]:
        """Where the request may move from here: any later step, or rejected."""
        if self.is_final:
            return ()
        forward = _FORWARD[_FORWARD.index(self) + 1 :]
        return (*forward, FinancingRequestStatus.REJECTED)


_FORWARD = (
    FinancingRequestStatus.NEW,
    FinancingRequestStatus.CONTACTED,
    FinancingRequestStatus.REFERRED,
    FinancingRequestStatus.APPROVED,
)

OPEN_FINANCING_STATUSES = frozenset(
    {FinancingRequestStatus.NEW, FinancingRequestStatus.CONTACTED, FinancingRequestStatus.REFERRED}
)
REFERRED_FINANCING_STATUSES = frozenset(
    {FinancingRequestStatus.REFERRED, FinancingRequestStatus.APPROVED}
)
"""A request that reached a lender: 7 PAS P7 (Akses permodalan) is done."""


class ProductCategory(StrEnum):
    """What a listed product is: every `Sector`, plus the product kinds buyers look for.

    A sector's value is also a category, so a seller's sector is always a fitting
    first guess (`category_for_sector`); the finer kinds follow.
    """

    KULINER = "kuliner"
    CAMILAN = "camilan"
    MINUMAN = "minuman"
    FESYEN = "fesyen"
    KRIYA = "kriya"
    KECANTIKAN = "kecantikan"
    RUMAH_TANGGA = "rumah_tangga"
    AGRIBISNIS = "agribisnis"
    PERDAGANGAN = "perdagangan"
    JASA = "jasa"
    LAINNYA = "lainnya"


def category_for_sector(sector: Sector) -> ProductCategory:
    """The category named like the seller's sector: the default for a new listing."""
    return ProductCategory(sector.value)


class ListingStatus(StrEnum):
    """Where a product listing is in its life; only live and sold-out ones are public."""

    DRAFT = "draft"
    PENDING_REVIEW = "pending_review"
    LIVE = "live"
    REJECTED = "rejected"
    SOLD_OUT = "sold_out"
    DELETED = "deleted"

    @property
    def is_public(self) -> bool:
        """Shown to buyers (a sold-out product's page stays, marked sold out)."""
        return self in PUBLIC_LISTING_STATUSES


PUBLIC_LISTING_STATUSES = frozenset({ListingStatus.LIVE, ListingStatus.SOLD_OUT})


class CatalogModeration(StrEnum):
    """When a published listing goes live (the `OKOCE_CATALOG_MODERATION` setting)."""

    IMMEDIATE = "immediate"
    """At once; reports can still send it back to review."""
    COORDINATOR = "coordinator"
    """After a coordinator of the seller's kecamatan approves it."""


class ReportReason(StrEnum):
    """Why someone reported a listing."""

    SCAM = "scam"
    PROHIBITED = "prohibited"
    INAPPROPRIATE = "inappropriate"
    WRONG_INFO = "wrong_info"
    OTHER = "other"


class InstanceJob(StrEnum):
    """What one `okoce-bot run` process does; several processes can split the jobs."""

    CHANNELS = "channels"
    """Take Telegram's updates: long polling (one instance at a time) or setting the webhook."""
    WEB = "web"
    """Serve HTTP: the WhatsApp and Telegram webhooks and `/healthz`."""
    DISPATCHER = "dispatcher"
    """Send the outbox's due messages."""
