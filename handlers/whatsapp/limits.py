"""What the WhatsApp Cloud API accepts, named once (Meta's documented limits)."""

from __future__ import annotations

from bot.messages import ChannelLimits

MAX_WEBHOOK_BODY = 1024 * 1024
"""Bytes; a real delivery is a few kilobytes, so anything over 1 MB is refused unread."""
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_INTERACTIVE_BODY = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_BUTTON_ID = 256
MAX_LIST_ROWS = 10
MAX_LIST_BUTTON = 20
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_ROW_ID = 200
MAX_TEMPLATE_PARAMETER = 1024

WHATSAPP_LIMITS = ChannelLimits(
    choices_per_message=MAX_LIST_ROWS,
    choices_per_page=MAX_LIST_ROWS - 2,
    label_length=MAX_ROW_TITLE,
)
"""A list message holds ten rows; a page keeps two of them for the page buttons."""


def text_length(text: str) -> int:
    """Length as counted against WhatsApp's limits, in UTF-16 code units.

    Meta does not say how it counts; UTF-16 units are never fewer than
    characters, so a text within a limit by this count is within it by any.
    """
    return len(text.encode("utf-16-le")) // 2
