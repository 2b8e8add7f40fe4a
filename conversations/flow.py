"""Flows and steps: how a dialogue is written.

A flow is a table of steps. Each step has an `ask` (the question, with its choices)
and an `answer` (validates what came back, stores it, and says where to go next).
Both get a `Turn`: the event, the database session, the member, and the flow's
collected `data`, which the engine saves with the step's effects.

Each flow names its steps in a `StrEnum` and declares the data it collects as a
`TypedDict`, so `Goto(Step.PHONE)` and `t.data["phone_e164"]` are checked by mypy, and
building a `Flow` checks that its steps and its enum agree: a misspelt or missing step
fails at import, not in a member's chat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import AreaDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.messages import Attachment, ChannelLimits, Choice, Incoming, Reply
from bot.models import ChannelAccount, Member
from bot.photo_store import PhotoStore
from bot.vocabulary import StaffRoleName
from conversations.answer_book import AnswerBook

FlowData = TypeVar("FlowData", bound=Mapping[str, Any])
"""What one flow collects: a `TypedDict` of its own."""

YES, NO = "yes", "no"
"""The ids of the choices that mean yes and no, unless a prompt names others."""


@dataclass(frozen=True)
class Entry:
    """One item of a list people must tell apart (sessions, bookings).

    The engine shows a page of entries at a time: each `detail` numbered in the
    message text, and a short numbered button (`label`) below it.
    """

    id: str
    label: str
    """A few characters that still tell entries apart on a button: `Sab 5 Des 09.00`."""
    detail: str
    """One or two short lines: what, when, where, seats left."""


@dataclass(frozen=True)
class Prompt:
    """A question: its text, the choices offered, and whether to offer the share-number button.

    A typed answer is matched against the choices' words and numbers (see
    `conversations.prompt_state`); `yes` and `no` name the choices that "iya" or
    "gak jadi" pick, and `synonyms` gives more words for a choice. `entries` is a
    list told apart in the text, paged by the engine, with `choices` on every page.
    `detail` marks a long text the person asked for (help, a roster). `photo` is shown
    with the question (a product's preview), the text as its caption where it fits.
    """

    text: str
    choices: Sequence[Choice] = ()
    request_contact: bool = False
    entries: Sequence[Entry] = ()
    yes: Collection[str] = (YES,)
    no: Collection[str] = (NO,)
    synonyms: Mapping[str, Sequence[str]] = field(default_factory=dict)
    detail: bool = False
    photo: Attachment | None = None


@dataclass(frozen=True)
class Goto:
    """Move to another step of the same flow and ask its question."""

    step: StrEnum


@dataclass(frozen=True)
class Retry:
    """The answer was not usable: explain why and ask the same question again."""

    reason: str


@dataclass(frozen=True)
class StartFlow:
    """Leave this flow for another (from its first step, or a named one).

    The step is the other flow's enum member, or a stored name (resuming after a detour).
    """

    flow: str
    step: str | None = None
    data: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Finish:
    """The flow is over; go back to the main menu."""

    show_menu: bool = True


@dataclass(frozen=True)
class Stay:
    """The event was taken (one more photo of an album): the question on screen stays
    open as it is, not asked again, so its buttons still work."""


Outcome = Goto | Retry | StartFlow | Finish | Stay


@dataclass
class Turn(Generic[FlowData]):
    """Everything a step may use while handling one incoming event."""

    incoming: Incoming
    session: AsyncSession
    account: ChannelAccount
    member: Member | None
    data: FlowData
    settings: Settings
    areas: AreaDirectory
    clock: Clock
    limits: ChannelLimits
    """What the channel this event came from can show (labels, choices per message)."""
    answers: AnswerBook
    """The FAQ to answer free questions from, and which flows its buttons may open."""
    photos: PhotoStore
    """Where product photos are kept (the showcase serves them from the same store)."""
    replies: list[Reply] = field(default_factory=list)

    @property
    def text(self) -> str:
        """What was typed, trimmed ('' when the event carried no text)."""
        return (self.incoming.text or "").strip()

    @property
    def choice(self) -> str | None:
        """The id of the choice picked (button, list row, number or label typed)."""
        return self.incoming.choice

    @property
    def identity(self) -> str:
        """This chat as `channel:external_id`, the form `OKOCE_ADMINS` lists."""
        return f"{self.account.channel}:{self.account.external_id}"

    @property
    def is_admin(self) -> bool:
        """Whether this chat identity is one of the configured programme admins."""
        return self.identity in self.settings.admins

    def say(self, text: str, *, document: Attachment | None = None, detail: bool = False) -> None:
        """Send a message before the next question (`detail`: a long text asked for)."""
        self.replies.append(Reply(text=text, document=document, detail=detail))


Ask = Callable[[Turn[FlowData]], Awaitable[Prompt]]
Answer = Callable[[Turn[FlowData]], Awaitable[Outcome]]
Action = Callable[[Turn[Any], str], Awaitable[Outcome]]
"""A button on a proactive message (`@name:argument`): it works from any step."""


@dataclass(frozen=True)
class Step(Generic[FlowData]):
    """One question of a flow."""

    name: StrEnum
    ask: Ask[FlowData]
    answer: Answer[FlowData]


class FlowDefinitionError(ValueError):
    """A flow's steps do not match the step names it declares."""


@dataclass(frozen=True)
class Flow(Generic[FlowData]):
    """A named dialogue: its steps, the first one first.

    `step_names` is the flow's `StrEnum` of steps: every member must have exactly one
    step, and every step must be a member, so each `Goto` of the flow has a target.
    """

    name: str
    step_names: type[StrEnum]
    steps: tuple[Step[FlowData], ...]
    members_only: bool = False
    admins_only: bool = False
    guests_only: bool = False
    """Offered to people not yet registered; members entering it at its start are turned back."""
    staff_roles: tuple[StaffRoleName, ...] = ()
    """When set, only holders of one of these roles (or admins) may enter."""
    form_steps: frozenset[StrEnum] = frozenset()
    """Steps of a form: leaving one for the menu keeps what was typed as a draft."""
    draft_name: str | None = None
    """What the form is called in "Lanjutkan {name}?" (marked `N_`, translated when shown)."""
    _by_name: dict[str, Step[FlowData]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [step.name for step in self.steps]
        if not names:
            raise FlowDefinitionError(f"flow {self.name!r} has no steps")
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise FlowDefinitionError(f"flow {self.name!r} repeats steps {repeated}")
        strangers = [name for name in names if not isinstance(name, self.step_names)]
        if strangers:
            raise FlowDefinitionError(
                f"flow {self.name!r}: steps {strangers} are not {self.step_names.__name__}"
            )
        missing = sorted(set(self.step_names) - set(names))
        if missing:
            raise FlowDefinitionError(f"flow {self.name!r} has no step for {missing}")
        object.__setattr__(self, "_by_name", {str(step.name): step for step in self.steps})

    @property
    def first_step(self) -> str:
        return str(self.steps[0].name)

    def step(self, name: str) -> Step[FlowData] | None:
        """The step called `name`, or None if the flow has no such step (any more)."""
        return self._by_name.get(name)
