"""Links that open the bot at one thing: `t.me/<bot>?start=p42` opens product 42's card.

The payload arrives as the `/start` command's argument (Telegram allows 1-64 characters
of `A-Z a-z 0-9 _ -`). Each kind of link is one letter and an id, and opens as the
button (`@name:id`) of the same name would; anything else is just `/start`.
"""

from __future__ import annotations

import re

from conversations.products.product_cards import PRODUCT_ACTION

LINKS = {"p": PRODUCT_ACTION}
"""A payload's letter, and the action (see `registry.all_actions`) it opens."""
_PAYLOAD = re.compile(r"([a-z])(\d{1,9})")


def action_for(payload: str | None) -> str | None:
    """The action choice (`@product:42`) a deep link's payload opens, or None."""
    match = _PAYLOAD.fullmatch((payload or "").strip())
    if match is None or match.group(1) not in LINKS:
        return None
    return f"@{LINKS[match.group(1)]}:{match.group(2)}"
