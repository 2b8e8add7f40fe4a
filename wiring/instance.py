"""`okoce-bot run`: one instance, running the jobs it is given.

The jobs (`OKOCE_JOBS`, or `run --jobs`) are `channels` (take Telegram's updates: long
polling by one instance at a time, or setting the webhook), `web` (the webhooks and
`/healthz`) and `dispatcher` (the outbox). Every instance opens the configured
platforms, since web and dispatcher both send through them. Several instances can
share one database and split the jobs; the README shows three.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from aiohttp import web
from telegram.error import InvalidToken, NetworkError

from bot.config import Settings
from bot.delivery import ProactiveSender
from bot.exclusive import instance_lock
from bot.i18n import _
from bot.inbox import DatabaseInbox
from bot.photo_store import DirectoryPhotoStore
from bot.vocabulary import InstanceJob
from handlers.telegram import CHANNEL as TELEGRAM
from handlers.telegram import TelegramChannel
from handlers.telegram_webhook import TelegramWebhook
from handlers.terminal import CHANNEL as TERMINAL
from handlers.terminal import TerminalChat
from handlers.whatsapp.graph import GraphClient
from wiring.app import BotApp, build_dispatcher, build_whatsapp, open_app
from wiring.housekeeping import Housekeeper
from wiring.photo_sweeper import sweeping
from wiring.polling import poll_while_holding, poller_lock_name
from wiring.startup import StartupFailure, migrate, serving
from wiring.web.app import Counters, build_web_app
from wiring.web.showcase import ShowcaseConfig, client_key, install_showcase

log = logging.getLogger("okoce_bot")


@dataclass
class _Platforms:
    """The configured chat platforms, opened."""

    telegram: TelegramChannel | None = None
    webhook: TelegramWebhook | None = None
    senders: list[ProactiveSender] = field(default_factory=list)
    routes: list[web.RouteDef] = field(default_factory=list)
    counters: list[Counters] = field(default_factory=list)


async def run(settings: Settings) -> None:
    """Migrate, open every configured platform and run this instance's jobs until
    signalled; with no platform configured, run the terminal chat instead."""
    await migrate(settings)
    jobs = settings.jobs
    async with open_app(settings) as app, AsyncExitStack() as running:
        platforms = await _open_platforms(app, running)
        if InstanceJob.WEB in jobs:
            await _serve_web(app, platforms, running)
        if InstanceJob.DISPATCHER in jobs:
            await running.enter_async_context(_housekeeping(app))
        if not platforms.senders:
            log.warning("no platform configured (Telegram or WhatsApp): terminal chat only")
            print(_("Belum ada token Telegram atau WhatsApp, jadi bot jalan di terminal ini."))
            await run_terminal(app, "local", dispatch=InstanceJob.DISPATCHER in jobs)
            return
        if InstanceJob.CHANNELS in jobs and platforms.telegram is not None:
            await _take_telegram_updates(app, platforms.telegram, running)
        if InstanceJob.DISPATCHER in jobs:
            await running.enter_async_context(dispatching(app, platforms.senders))
        log.info(
            "instance started",
            extra={
                "jobs": sorted(jobs),
                "channels": [s.channel for s in platforms.senders],
                "worker": settings.outbox_worker,
            },
        )
        await _until_signalled()


async def _serve_web(app: BotApp, platforms: _Platforms, running: AsyncExitStack) -> None:
    """The webhooks, `/healthz` and the product showcase, with its photo sweeper."""
    settings = app.settings
    web_app = build_web_app(app.db, platforms.routes, platforms.counters)
    showcase = _showcase_config(app)
    if platforms.telegram is not None:
        showcase.telegram_username = settings.telegram_bot_username or platforms.telegram.username
    install_showcase(web_app, app.db, showcase, app.engine.clock)
    await running.enter_async_context(sweeping(app.db, showcase.store, app.engine.clock))
    listening = await running.enter_async_context(
        serving(
            web_app,
            settings.http_host,
            settings.http_port,
            read_timeout=settings.http_read_timeout,
            max_connections=settings.http_max_connections,
        )
    )
    platforms.counters.append(listening.guard.counters)
    print(_("Etalase produk: {url}").format(url=listening.local_url), flush=True)


def _showcase_config(app: BotApp) -> ShowcaseConfig:
    """The showcase's settings: photo store, areas, links and the client-hashing key."""
    settings = app.settings
    return ShowcaseConfig(
        store=DirectoryPhotoStore(settings.effective_photo_dir),
        areas=app.engine.areas,
        client_key=client_key(settings.data_dir),
        public_url=settings.public_url,
        telegram_username=settings.telegram_bot_username,
        trust_forwarded=settings.http_trust_forwarded,
        moderation=settings.catalog_moderation,
        clock=app.engine.clock,
    )


async def _open_platforms(app: BotApp, running: AsyncExitStack) -> _Platforms:
    """Start each configured platform's client; the web job also gets their routes."""
    settings = app.settings
    serves_web = InstanceJob.WEB in settings.jobs
    platforms = _Platforms()
    if settings.telegram_token:
        telegram = TelegramChannel(
            app.engine,
            settings.telegram_token,
            api_url=settings.telegram_api_url,
            file_url=_telegram_file_url(settings),
            overall_rate=settings.telegram_overall_rate,
        )
        running.push_async_callback(telegram.stop)
        await _start_telegram(telegram)
        if settings.telegram_webhook_url and serves_web:
            webhook = TelegramWebhook(
                telegram,
                DatabaseInbox(app.db, app.engine.clock, TELEGRAM),
                settings.effective_telegram_webhook_secret,
            )
            running.push_async_callback(webhook.close)
            await webhook.open()
            platforms.routes += webhook.routes()
            platforms.counters.append(webhook.counters)
            platforms.webhook = webhook
        platforms.telegram = telegram
        platforms.senders.append(telegram)
    if settings.whatsapp_enabled:
        client = GraphClient(
            settings.whatsapp_api_url,
            settings.whatsapp_phone_number_id or "",
            settings.whatsapp_token or "",
            rate=settings.whatsapp_rate,
        )
        running.push_async_callback(client.close)
        whatsapp = build_whatsapp(app, client)
        running.push_async_callback(whatsapp.close)
        if serves_web:
            await whatsapp.recover()
            platforms.routes += whatsapp.routes()
        platforms.senders.append(whatsapp)
    return platforms


def _telegram_file_url(settings: Settings) -> str:
    """Where the bot downloads files from, or a start-up failure saying what to set."""
    file_url = settings.effective_telegram_file_url
    if file_url is None:
        raise StartupFailure(
            _("Alamat file Bot API tidak bisa diturunkan dari {api}. Atur {setting}.").format(
                api="OKOCE_TELEGRAM_API_URL", setting="OKOCE_TELEGRAM_FILE_URL"
            )
        )
    return file_url


async def _start_telegram(telegram: TelegramChannel) -> None:
    """Initialise the bot; a refused token or an unreachable API is the operator's to fix."""
    try:
        await telegram.start()
    except InvalidToken:
        raise StartupFailure(
            _("Telegram menolak token bot. Periksa {setting}.").format(
                setting="OKOCE_TELEGRAM_TOKEN"
            )
        ) from None
    except NetworkError as error:
        raise StartupFailure(
            _("Telegram tidak bisa dihubungi ({reason}). Periksa {setting}.").format(
                reason=str(error)[:120], setting="OKOCE_TELEGRAM_API_URL"
            )
        ) from None


async def _take_telegram_updates(
    app: BotApp, telegram: TelegramChannel, running: AsyncExitStack
) -> None:
    """Set the webhook, or poll whenever this instance holds the poller lock."""
    settings = app.settings
    if settings.telegram_webhook_url:
        try:
            await telegram.application.bot.set_webhook(
                url=settings.telegram_webhook_url,
                secret_token=settings.effective_telegram_webhook_secret,
            )
        except NetworkError as error:
            raise StartupFailure(
                _("Telegram tidak bisa dihubungi ({reason}). Periksa {setting}.").format(
                    reason=str(error)[:120], setting="OKOCE_TELEGRAM_API_URL"
                )
            ) from None
        return
    assert settings.telegram_token is not None
    lock = instance_lock(app.db, poller_lock_name(settings.telegram_token))
    stop = asyncio.Event()
    poller = asyncio.create_task(poll_while_holding(telegram, lock, stop))

    async def finish() -> None:
        stop.set()
        await poller

    running.push_async_callback(finish)


async def run_terminal(app: BotApp, user_id: str, *, dispatch: bool = True) -> None:
    """The terminal chat until its input ends; its dispatcher sends only to this user."""
    downloads = app.settings.data_dir / "downloads"
    terminal = TerminalChat(
        app.engine, user_id=user_id, downloads=downloads, source=sys.stdin, sink=sys.stdout
    )
    async with AsyncExitStack() as running:
        if dispatch:
            only = {TERMINAL: frozenset({user_id})}
            await running.enter_async_context(dispatching(app, [terminal], only_chats=only))
        await terminal.run()


async def _until_signalled() -> None:
    """Wait for SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    log.info("stopping")


@asynccontextmanager
async def _housekeeping(app: BotApp) -> AsyncIterator[None]:
    """Prune old de-duplication records in the background while the block runs."""
    keeper = Housekeeper(
        app.db,
        app.engine.clock,
        retention=app.settings.dedupe_retention,
        conversation_ttl=timedelta(hours=app.settings.conversation_ttl_hours),
    )
    stop = asyncio.Event()
    task = asyncio.create_task(keeper.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task


@asynccontextmanager
async def dispatching(
    app: BotApp,
    senders: list[ProactiveSender],
    *,
    only_chats: Mapping[str, frozenset[str]] | None = None,
) -> AsyncIterator[None]:
    """Run the outbox dispatcher for these channels while the block runs."""
    by_channel = {sender.channel: sender for sender in senders}
    dispatcher = build_dispatcher(app, by_channel, only_chats=only_chats)
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
