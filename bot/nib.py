"""NIB numbers (Nomor Induk Berusaha, the business number OSS issues) as people type them."""

from __future__ import annotations

import re

NIB_LENGTH = 13

# Thirteen digits, with at most one space, dot or dash between two of them.
_TYPED_NIB = re.compile(rf"[0-9](?:[ .\-–]?[0-9]){{{NIB_LENGTH - 1}}}")


def parse_nib(text: str) -> str | None:
    """Return the 13 digits of an NIB (`1234 5678 90123` → `1234567890123`), or None."""
    typed = " ".join(text.split())
    if not _TYPED_NIB.fullmatch(typed):
        return None
    digits = "".join(ch for ch in typed if ch.isdigit())
    return None if digits == "0" * NIB_LENGTH else digits
