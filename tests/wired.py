"""The bot's pieces wired as `okoce-bot run` wires them (`wiring.app`), for tests that
cross channels: the WhatsApp channel with its webhook secrets, and the outbox dispatcher
without its one-message-a-second spacing per chat (tests do not wait on it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery import ProactiveSender
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.test_whatsapp.conftest import APP_SECRET, VERIFY_TOKEN
from wiring.app import BotApp, build_dispatcher, build_whatsapp
from wiring.dispatcher import OutboxDispatcher


def open_to_whatsapp(
    engine: ConversationEngine, templates: Mapping[str, Any] | None = None
) -> None:
    """Give the engine's settings the webhook's secrets and these message templates."""
    engine.settings = engine.settings.model_copy(
        update={
            "whatsapp_app_secret": APP_SECRET,
            "whatsapp_verify_token": VERIFY_TOKEN,
            "whatsapp_templates": dict(templates or {}),
        }
    )


def whatsapp_channel(engine: ConversationEngine, client: GraphClient) -> WhatsAppChannel:
    """The WhatsApp channel as `okoce-bot run` builds it on the engine's settings."""
    return build_whatsapp(BotApp(engine.settings, engine.db, engine), client)


def unpaced_dispatcher(
    engine: ConversationEngine, senders: Mapping[str, ProactiveSender]
) -> OutboxDispatcher:
    """The outbox dispatcher for `senders`, sending without the per-chat spacing."""
    dispatcher = build_dispatcher(BotApp(engine.settings, engine.db, engine), senders)
    dispatcher.per_chat_interval = 0
    return dispatcher
