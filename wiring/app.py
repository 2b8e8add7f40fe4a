"""The application object: settings, database and engine, owned and closed together."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.areas import jakarta_areas
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import Database
from bot.delivery import ProactiveSender
from bot.faq import FAQ_CONTENT
from bot.financing_content import FINANCING_CONTENT
from bot.inbox import DatabaseInbox
from bot.licensing_content import LICENSING_CONTENT
from bot.messages import ChannelLimits, Reply
from bot.models import OutboxMessage
from bot.photo_store import DirectoryPhotoStore
from bot.services import outbox
from conversations.engine import ConversationEngine
from conversations.notifications import render_outbox_message
from conversations.registry import all_actions, all_flows
from handlers.telegram import CHANNEL as TELEGRAM
from handlers.telegram import TELEGRAM_LIMITS
from handlers.terminal import CHANNEL as TERMINAL
from handlers.terminal import TERMINAL_LIMITS
from handlers.whatsapp import CHANNEL as WHATSAPP
from handlers.whatsapp import WHATSAPP_LIMITS, DeliveryStatus, WhatsAppChannel, WhatsAppTemplate
from handlers.whatsapp.graph import GraphClient
from wiring.dispatcher import OutboxDispatcher


@dataclass
class BotApp:
    """Everything one okoce-bot process runs on."""

    settings: Settings
    db: Database
    engine: ConversationEngine


def build_dispatcher(
    app: BotApp,
    senders: Mapping[str, ProactiveSender],
    *,
    only_chats: Mapping[str, frozenset[str]] | None = None,
) -> OutboxDispatcher:
    """The outbox dispatcher for these channels (on a channel in `only_chats`, just those
    chats), rendering with the app's areas and clock."""

    async def render(session: AsyncSession, message: OutboxMessage, language: str) -> Reply | None:
        return await render_outbox_message(
            session, message, language, areas=app.engine.areas, now=app.engine.clock.now()
        )

    rates = {channel: app.settings.outbox_rate(channel) for channel in senders}
    settings = app.settings
    return OutboxDispatcher(
        app.db,
        app.engine.clock,
        senders,
        render,
        worker=settings.outbox_worker,
        rates=rates,
        only_chats=only_chats,
        lease=settings.outbox_lease,
        in_flight=settings.outbox_in_flight,
    )


def build_whatsapp(app: BotApp, client: GraphClient) -> WhatsAppChannel:
    """The WhatsApp channel, recording delivery reports on the outbox rows they concern."""
    settings = app.settings

    async def record_status(status: DeliveryStatus) -> None:
        async with app.db.transaction() as session:
            await outbox.record_delivery_status(session, WHATSAPP, status.wamid, status.status)

    templates = {
        kind: WhatsAppTemplate(spec["name"], spec.get("language", "id"))
        for kind, spec in settings.whatsapp_templates.items()
    }
    return WhatsAppChannel(
        app.engine,
        client,
        app_secret=settings.whatsapp_app_secret or "",
        verify_token=settings.whatsapp_verify_token or "",
        inbox=DatabaseInbox(app.db, app.engine.clock, "whatsapp"),
        on_status=record_status,
        templates=templates,
    )


def channel_limits() -> dict[str, ChannelLimits]:
    """What each channel's adapter says it can show, for the engine to page by."""
    return {TELEGRAM: TELEGRAM_LIMITS, WHATSAPP: WHATSAPP_LIMITS, TERMINAL: TERMINAL_LIMITS}


def build_engine(db: Database, settings: Settings, clock: Clock) -> ConversationEngine:
    """The conversation engine with every flow and action, paging by each channel's limits.

    The content files are read here, once: the FAQ the engine answers from, and the
    financing and licensing files the flows show, from `settings.content_dir` when set
    (checked at start-up), else the shipped ones.
    """
    flows = all_flows(
        financing=FINANCING_CONTENT.load_from(settings.content_dir),
        licensing=LICENSING_CONTENT.load_from(settings.content_dir),
    )
    return ConversationEngine(
        db,
        settings,
        flows,
        jakarta_areas(),
        clock,
        all_actions(),
        limits=channel_limits(),
        faq=FAQ_CONTENT.load_from(settings.content_dir),
        photos=DirectoryPhotoStore(settings.effective_photo_dir),
    )


@asynccontextmanager
async def open_app(settings: Settings, *, clock: Clock | None = None) -> AsyncIterator[BotApp]:
    """Open the database and build the engine; close everything on exit."""
    db = Database(settings.effective_database_url)
    engine = build_engine(db, settings, clock or SystemClock())
    try:
        yield BotApp(settings=settings, db=db, engine=engine)
    finally:
        await db.dispose()
