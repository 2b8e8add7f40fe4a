"""How long a message looks on a cheap phone: lines of about 35 characters.

Every message the bot sends stays within `MAX_LINES` such lines unless the person
asked for the detail (help, a roster); a test measures every reply the flows
produce. Lines are counted the way a phone wraps them: word by word, a word longer
than a line broken, an empty line still a line.
"""

from __future__ import annotations

import textwrap

_INVISIBLE = str.maketrans("", "", "\ufe0e\ufe0f\u200d")
"""Emoji variation selectors and joiners take no room of their own."""
LINE_WIDTH = 35
"""Characters per line on a small phone screen in a chat app."""
MAX_LINES = 12
"""Lines a message may take without scrolling away from its buttons."""


def wrapped_lines(text: str) -> int:
    """How many phone lines `text` takes (each line wrapped at `LINE_WIDTH`)."""
    total = 0
    for line in text.translate(_INVISIBLE).strip("\n").split("\n"):
        total += max(1, len(textwrap.wrap(line, LINE_WIDTH, break_on_hyphens=False)))
    return total
