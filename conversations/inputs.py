"""What an incoming event may bring to a step: cleaned of what no answer needs, or refused.

Platforms deliver whatever a phone (or an attacker) sends: a NUL byte PostgreSQL cannot
store, ids longer than the columns that key them, a sticker where a name was asked. The
engine cleans every event here before any step sees it, and says why an event cannot
answer a question, so that none of these reaches a catch-all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re

from bot.i18n import _
from bot.messages import UNREADABLE_CHOICE, Incoming

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 1000
"""Longer texts are refused: no answer here needs more, and it guards the database."""
MAX_USER_ID = 64
"""Characters of a chat's platform id (`channel_accounts.external_id`)."""
MAX_EVENT_KEY = 128
"""Characters of an event's de-duplication key (`processed_events.external_id`)."""
EDIT_PREFIX = "edit:"
"""Key under which the first edit of a message is recorded, so later edits pass quietly."""

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""Control characters nobody types (tab and line breaks are kept), and lone surrogates."""


def cleaned(incoming: Incoming) -> Incoming:
    """The event with control characters taken out of its text and keys that fit their columns."""
    text = incoming.text
    if text is not None and _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    edit_of = incoming.edit_of
    return dataclasses.replace(
        incoming,
        text=text,
        event_id=fitting_key(incoming.event_id),
        edit_of=fitting_key(EDIT_PREFIX + edit_of) if edit_of is not None else None,
    )


def fitting_key(raw: str) -> str:
    """`raw` when it is short printable text; else a digest of it (still unique).

    Event ids are stored as keyed hashes (`bot.event_keys`), which need text that
    encodes: a lone surrogate from a JSON `\\ud800` would not.
    """
    if len(raw) <= MAX_EVENT_KEY and raw.isprintable():
        return raw
    return "sha256:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def unstorable_chat(incoming: Incoming) -> bool:
    """Whether the event's chat id cannot key a chat account (logged; adapters refuse these)."""
    user_id = incoming.user_id
    if 0 < len(user_id) <= MAX_USER_ID and user_id.isprintable():
        return False
    log.warning("event from an unusable chat id refused", extra={"channel": incoming.channel})
    return True


def unusable_input(incoming: Incoming) -> str | None:
    """Why this event cannot answer any question, or None if it might."""
    if incoming.unsupported == UNREADABLE_CHOICE:
        return _("Maaf, pilihan tadi tidak sampai ke kami. Silakan pilih sekali lagi, ya.")
    if incoming.unsupported is not None and incoming.unsupported.endswith("_unavailable"):
        return _("Maaf, file tadi tidak bisa kami ambil. Coba kirim sekali lagi, ya.")
    if incoming.unsupported is not None:
        return _("Maaf, stiker, pesan suara dan video belum bisa kami baca. Ketik saja ya.")
    if incoming.text is not None and len(incoming.text) > MAX_TEXT_LENGTH:
        return _("Pesannya terlalu panjang. Tolong tulis lebih singkat, ya.")
    has_content = (
        (incoming.text or "").strip()
        or incoming.choice
        or incoming.photo
        or incoming.contact
        or incoming.location
    )
    if not has_content:
        return _("Pesannya kosong. Coba ketik lagi, ya.")
    return None


def edit_notice() -> str:
    """What a member is told the first time they edit a message they sent."""
    return _("Pesan yang diubah tidak kami baca. Tolong kirim lagi jawaban yang benar, ya:")
