"""Typed replies to proactive messages (reminders, waitlist promotions, rating requests).

Their buttons (`@cancel:12`, `@rate:12:4`) work from any step. A person who types
instead ("4", "4 bintang", "⭐⭐⭐⭐", "batal") means the message they just read, so
the dispatcher records its choices on the chat's account when it is sent, and the
engine matches a typed answer against them while that message is the latest the
chat received: the next question the bot asks there forgets them.
"""

from __future__ import annotations

from bot.messages import Incoming, Reply
from bot.models import ChannelAccount
from bot.typed_choices import ChoiceMatch, match_typed_choice


def remember(account: ChannelAccount, reply: Reply) -> None:
    """Note the choices of a proactive message just sent to this chat (or that it had none)."""
    choices = [[choice.id, choice.label] for choice in reply.choices]
    account.proactive = {"choices": choices} if choices else {}


def forget(account: ChannelAccount) -> None:
    """Something newer was sent: typed answers no longer refer to the proactive message."""
    if account.proactive:
        account.proactive = {}


def latest_choice_ids(account: ChannelAccount) -> list[str]:
    """The choice ids of the proactive message this chat received after the last question."""
    return [str(choice_id) for choice_id, _label in (account.proactive or {}).get("choices") or []]


def typed_action(account: ChannelAccount, incoming: Incoming) -> str | None:
    """The proactive message's choice id a typed text means, or None."""
    stored = (account.proactive or {}).get("choices") or []
    options = [(str(choice_id), str(label)) for choice_id, label in stored]
    if not options or not (incoming.text or "").strip():
        return None
    match = match_typed_choice(incoming.text or "", options)
    return match.choice_id if isinstance(match, ChoiceMatch) else None
