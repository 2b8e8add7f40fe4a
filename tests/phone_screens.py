"""Every message a member reads fits one cheap phone's screen (12 lines of 35 characters)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.content_files import PHONE_SCREEN_LINES, phone_lines
from bot.messages import Incoming, Reply
from tests.transcript import Person


def assert_fits_phone_screens(replies: Iterable[Reply]) -> None:
    """Fail naming the first message longer than one screen."""
    for reply in replies:
        lines = phone_lines(reply.text)
        assert lines <= PHONE_SCREEN_LINES, f"{lines} lines on a phone:\n{reply.text}"


class ScreenCheckedPerson(Person):
    """A transcript person who fails the test when a message to them overflows a screen.

    Registration is not checked here: its messages belong to another part of the bot.
    """

    checking = True

    async def send(self, incoming: Incoming) -> list[Reply]:
        replies = await super().send(incoming)
        if self.checking:
            assert_fits_phone_screens(replies)
        return replies

    async def registers(self, *args: Any, **kwargs: Any) -> None:
        self.checking = False
        try:
            await super().registers(*args, **kwargs)
        finally:
            self.checking = True
