"""Keeping each message on one phone screen (12 lines of about 35 characters).

A list that may grow (a product's requirements, an answer's lines) is packed into as few
messages as fit, each with the heading; a member never scrolls inside one message.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content_files import PHONE_SCREEN_LINES, phone_lines


def fits_screen(text: str) -> bool:
    """Whether `text` fits one phone screen."""
    return phone_lines(text) <= PHONE_SCREEN_LINES


def packed(heading: str, lines: Sequence[str]) -> list[str]:
    """`heading` and `lines` as few messages as fit one screen each (the heading on each)."""
    messages: list[str] = []
    current: list[str] = [heading]
    for line in lines:
        if len(current) > 1 and not fits_screen("\n".join([*current, line])):
            messages.append("\n".join(current))
            current = [heading]
        current.append(line)
    messages.append("\n".join(current))
    return messages
