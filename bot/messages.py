"""What crosses the boundary between a channel adapter and the engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

UNREADABLE_CHOICE = "choice_unreadable"
"""`Incoming.unsupported` for a button press or list pick whose choice did not arrive."""


@dataclass(frozen=True)
class Photo:
    """A photo a person sent; `data` is the image bytes, fetched by the adapter."""

    data: bytes
    mime_type: str = "image/jpeg"


@dataclass(frozen=True)
class SharedContact:
    """A phone number shared through the platform (not typed).

    `is_own` is True only when the platform vouches that the number is the
    sender's own (Telegram: `contact.user_id == from.id`).
    """

    phone: str
    is_own: bool


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Incoming:
    """One thing a person did in a chat, whatever the platform.

    `event_id` is the platform's id for the event (Telegram update id, WhatsApp
    message id); the engine handles each (channel, event_id) once. `unsupported`
    names a kind of message the bot cannot read (`sticker`, `image_unavailable`,
    `UNREADABLE_CHOICE`).
    """

    channel: str
    user_id: str
    event_id: str
    text: str | None = None
    choice: str | None = None
    command: str | None = None
    command_argument: str | None = None
    """What followed the command (`/start p42`: `p42`, a deep link's payload)."""
    photo: Photo | None = None
    contact: SharedContact | None = None
    location: Location | None = None
    unsupported: str | None = None
    language_hint: str | None = None
    received_at: datetime | None = None
    sender_phone: str | None = None
    """The sender's own number when the platform vouches for it (WhatsApp's sender id)."""
    edit_of: str | None = None
    """The platform id of an earlier message this event edits; edits are not read."""
    album: str | None = None
    """The platform's id of the album this photo came in (Telegram's `media_group_id`):
    the photos of one album arrive as several events, the caption usually on the first."""


@dataclass(frozen=True)
class Choice:
    """A button or list row: a short id sent back when pressed, and its label."""

    id: str
    label: str


def numbered_label(position: int, label: str) -> str:
    """`2. Jasa` for a channel that numbers its choices; a label numbered already stays."""
    prefix = f"{position}. "
    return label if label.startswith(prefix) else prefix + label


@dataclass(frozen=True)
class Attachment:
    """A file to send along with a reply (a photo, an `.ics`, a CSV)."""

    filename: str
    data: bytes
    mime_type: str


@dataclass(frozen=True)
class Reply:
    """One message from the bot.

    `choices` are rendered by each channel as best it can (inline keyboard,
    reply buttons, list, numbered text). `contact_button` is the label of the
    share-my-number button for channels that have one; `ends_contact_request`
    tells them the question that offered it has been answered.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    contact_button: str | None = None
    ends_contact_request: bool = False
    language: str | None = None
    """The member's language, for a channel's own words around the reply (list buttons)."""
    template_parameters: tuple[str, ...] = ()
    """The values a platform's pre-approved message template shows (WhatsApp, outside 24 h)."""
    photo: Attachment | None = None
    document: Attachment | None = None
    detail: bool = False
    """A long text the person asked for (help, a roster); other messages stay short."""


@dataclass(frozen=True)
class ChannelLimits:
    """What one channel can show in a message, declared by its adapter.

    The engine pages long lists by these numbers and flows shorten labels with them,
    so no module outside an adapter holds a platform's figures.
    """

    choices_per_message: int
    """Choices one message can carry; a longer list is shown in pages."""
    choices_per_page: int
    """Choices on one page of a paged list, leaving room for the two page buttons."""
    label_length: int
    """Characters of a choice label shown whole (longer ones are cut or wrapped)."""

    def __post_init__(self) -> None:
        if not 3 <= self.choices_per_page + 2 <= self.choices_per_message:
            raise ValueError("a page needs room for its choices and the two page buttons")
