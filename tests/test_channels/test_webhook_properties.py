"""Webhook parsers on any input: the corpus payloads bent every way, and JSON at random.

Whatever arrives, the WhatsApp parser returns messages, statuses and ignored items (the
rest is refused and logged), and a Telegram update python-telegram-bot decodes becomes
an event, a reason to ignore it, or a reachability note; neither ever raises.
"""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from telegram import Bot, Update

from bot.messages import Incoming
from conversations.inputs import MAX_USER_ID
from handlers.telegram import incoming_from_update
from handlers.telegram_updates import ChatReachability, Ignored
from handlers.whatsapp import WhatsAppMessage, parse_delivery
from handlers.whatsapp.webhook_payload import Ignored as WhatsAppIgnored
from tests.fakes.graph_api import PHONE_NUMBER_ID

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _corpus(platform: str) -> list[Any]:
    found: list[Any] = []
    for path in sorted((FIXTURES / platform).glob("*.json")):
        if path.name == "telegram-bot-api.json":
            continue
        loaded = json.loads(path.read_text(encoding="utf-8"))
        found += loaded if isinstance(loaded, list) else [loaded]
    return found


WHATSAPP = _corpus("whatsapp")
TELEGRAM = _corpus("telegram")
BOT = Bot("123456:TEST")

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "text", "interactive", "image", "edit", "private", "kicked", "²"]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)


def _slots(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON document, the document's own keys first."""
    found: list[tuple[Any, Any]] = []
    stack = [document]
    while stack:
        container = stack.pop()
        keys = list(container) if isinstance(container, dict) else range(len(container))
        for key in keys:
            found.append((container, key))
            if isinstance(container[key], dict | list):
                stack.append(container[key])
    return found


@st.composite
def bent(draw: st.DrawFn, corpus: list[Any]) -> Any:
    """A corpus payload with a few of its values removed or replaced by any JSON."""
    document = copy.deepcopy(draw(st.sampled_from(corpus)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        slots = _slots(document)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        if isinstance(container, dict) and draw(st.booleans()):
            del container[key]
        else:
            container[key] = draw(JSON)
    return document


def _messages_offered(payload: Any) -> int:
    """How many `messages[]` objects a delivery holds (an upper bound on what is read)."""

    def items(container: Any, key: str) -> list[Any]:
        found = container.get(key) if isinstance(container, dict) else None
        return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []

    return sum(
        len(items(change.get("value"), "messages"))
        for entry in items(payload, "entry")
        for change in items(entry, "changes")
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(bent(WHATSAPP), JSON))
def test_any_whatsapp_delivery_parses_into_messages_statuses_or_refusals(payload: Any) -> None:
    delivery = parse_delivery(payload, phone_number_id=PHONE_NUMBER_ID)
    assert len(delivery.messages) + len(delivery.ignored) <= _messages_offered(payload)
    for message in delivery.messages:
        assert isinstance(message, WhatsAppMessage)
        event = message.incoming
        assert isinstance(event.user_id, str) and 0 < len(event.user_id) <= MAX_USER_ID
        assert event.user_id.isprintable()
        assert isinstance(event.event_id, str) and event.event_id
        assert event.sender_phone in (None, event.user_id)
        for text in (event.text, event.choice, event.command, event.edit_of):
            assert text is None or isinstance(text, str)
    assert all(isinstance(item, WhatsAppIgnored) and item.reason for item in delivery.ignored)
    for status in delivery.statuses:
        assert isinstance(status.wamid, str) and isinstance(status.status, str)
        assert status.error_code is None or isinstance(status.error_code, int)


def _decoded(data: Any) -> Update | None:
    """What the webhook would hand on: the update, or None for one it acknowledges unread."""
    if not isinstance(data, dict):
        return None
    try:
        return Update.de_json(copy.deepcopy(data), BOT)
    except Exception:  # the webhook counts these (see test_telegram_webhook.py)
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(bent(TELEGRAM), JSON))
def test_any_decodable_telegram_update_gets_an_event_or_a_reason(data: Any) -> None:
    update = _decoded(data)
    assume(update is not None)
    assert update is not None
    # A photo is downloaded through the Bot API, which this test has none of.
    assume(not (update.message is not None and getattr(update.message, "photo", None)))
    outcome = asyncio.run(incoming_from_update(update))
    assert isinstance(outcome, Incoming | Ignored | ChatReachability)
    if isinstance(outcome, Ignored):
        assert outcome.reason
    if isinstance(outcome, Incoming):
        assert outcome.user_id and outcome.event_id
        for text in (outcome.text, outcome.choice, outcome.command, outcome.edit_of):
            assert text is None or isinstance(text, str)
