"""Steps that read a staff-edited content file, bound to the copy loaded at start.

The wiring loads each content file once (the shipped one, or a staff copy from
`OKOCE_CONTENT_DIR`) and builds the flows that read it with that copy: a step is written
`async def ask_x(catalog, t)` and bound here, so no step reads a file while a member waits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from conversations.flow import Outcome, Prompt, Step, Turn

Content = TypeVar("Content")
Data = TypeVar("Data", bound=Mapping[str, Any])

ContentAsk = Callable[[Content, Turn[Data]], Awaitable[Prompt]]
ContentAnswer = Callable[[Content, Turn[Data]], Awaitable[Outcome]]


def content_steps(
    content: Content,
    table: Sequence[tuple[StrEnum, ContentAsk[Content, Data], ContentAnswer[Content, Data]]],
) -> tuple[Step[Data], ...]:
    """One `Step` per row (name, ask, answer), each function given `content` first."""
    return tuple(
        Step(name, _bound_ask(content, ask), _bound_answer(content, answer))
        for name, ask, answer in table
    )


def _bound_ask(
    content: Content, ask: ContentAsk[Content, Data]
) -> Callable[[Turn[Data]], Awaitable[Prompt]]:
    async def run(t: Turn[Data]) -> Prompt:
        return await ask(content, t)

    return run


def _bound_answer(
    content: Content, answer: ContentAnswer[Content, Data]
) -> Callable[[Turn[Data]], Awaitable[Outcome]]:
    async def run(t: Turn[Data]) -> Outcome:
        return await answer(content, t)

    return run
