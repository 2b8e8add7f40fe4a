"""Flows and steps: how a dialogue is written.

A flow is a table of steps. Each step has an `ask` (the question, with its
choices) and an `answer` (validates what came back, stores it, and says where to
go next). Both get a `Turn`: the event, the database session, the member, and
the flow's collected `data`, which the engine saves with the step's effects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import AreaDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.messages import Attachment, Choice, Incoming, Reply
from bot.models import ChannelAccount, Member


@dataclass(frozen=True)
class Prompt:
    """A question: its text, the choices offered, and whether to offer the share-number button."""

    text: str
    choices: Sequence[Choice] = ()
    request_contact: bool = False


@dataclass(frozen=True)
class Goto:
    """Move to another step of the same flow and ask its question."""

    step: str


@dataclass(frozen=True)
class Retry:
    """The answer was not usable: explain why and ask the same question again."""

    reason: str


@dataclass(frozen=True)
class StartFlow:
    """Leave this flow for another (from its first step, or a named one)."""

    flow: str
    step: str | None = None
    data: dict[str, Any] | None = None


@dataclass(frozen=True)
class Finish:
    """The flow is over; go back to the main menu."""

    show_menu: bool = True


Outcome = Goto | Retry | StartFlow | Finish


@dataclass
class Turn:
    """Everything a step may use while handling one incoming event."""

    incoming: Incoming
    session: AsyncSession
    account: ChannelAccount
    member: Member | None
    data: dict[str, Any]
    settings: Settings
    areas: AreaDirectory
    clock: Clock
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
    def is_admin(self) -> bool:
        """Whether this chat identity is one of the configured programme admins."""
        return f"{self.account.channel}:{self.account.external_id}" in self.settings.admins

    def say(self, text: str, *, document: Attachment | None = None) -> None:
        """Send a message before the next question."""
        self.replies.append(Reply(text=text, document=document))


Ask = Callable[[Turn], Awaitable[Prompt]]
Answer = Callable[[Turn], Awaitable[Outcome]]
Action = Callable[[Turn, str], Awaitable[Outcome]]
"""A button on a proactive message (`@name:argument`): it works from any step."""


@dataclass(frozen=True)
class Step:
    """One question of a flow."""

    name: str
    ask: Ask
    answer: Answer


@dataclass(frozen=True)
class Flow:
    """A named dialogue: its steps, the first one first."""

    name: str
    steps: tuple[Step, ...]
    members_only: bool = False
    admins_only: bool = False
    guests_only: bool = False
    """Offered to people not yet registered; members entering it at its start are turned back."""
    staff_roles: tuple[str, ...] = ()
    """When set, only holders of one of these roles (or admins) may enter."""

    @property
    def first_step(self) -> str:
        return self.steps[0].name

    def step(self, name: str) -> Step | None:
        """The step called `name`, or None if the flow has no such step (any more)."""
        return next((step for step in self.steps if step.name == name), None)
