"""`okoce-bot`: the operator's commands (run, chat, sessions import, db upgrade)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from aiohttp import web
from telegram.error import InvalidToken, NetworkError

from bot.clock import JAKARTA
from bot.config import Settings
from bot.delivery import ProactiveSender
from bot.i18n import _, use_language
from bot.logs import configure_logging
from bot.photo_store import DirectoryPhotoStore
from bot.schedule_import import parse_schedule
from bot.services.schedule import import_schedule
from handlers.telegram import TelegramChannel
from handlers.terminal import TerminalChat
from handlers.whatsapp.graph import GraphClient
from wiring.app import BotApp, build_dispatcher, build_whatsapp, open_app
from wiring.housekeeping import Housekeeper
from wiring.photo_sweeper import sweeping
from wiring.startup import (
    EXIT_CONFIG,
    StartupFailure,
    check_content,
    load_settings,
    migrate,
    prepare_data_dir,
    serving,
)
from wiring.web.app import build_web_app
from wiring.web.showcase import ShowcaseConfig, client_key, install_showcase

log = logging.getLogger("okoce_bot")

LOG_FILE = Path("logs") / "okoce-bot.log"
"""Where the terminal chat's logs go, under the data folder."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="okoce-bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="apply migrations, then start every configured channel")
    chat = commands.add_parser("chat", help="chat with the bot in this terminal")
    chat.add_argument("--user", default="local", help="who you are in the chat (default: local)")
    sessions = commands.add_parser("sessions", help="coaching sessions")
    session_commands = sessions.add_subparsers(dest="sessions_command", required=True)
    importer = session_commands.add_parser("import", help="load a schedule CSV (all rows or none)")
    importer.add_argument("file", type=Path)
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `okoce-bot` command."""
    args = build_parser().parse_args(argv)
    language = "id"
    try:
        settings = load_settings()
        language = settings.default_language
        with use_language(language):
            sys.exit(_dispatch_command(args, settings))
    except StartupFailure as failure:
        print(failure.line, file=sys.stderr)
        sys.exit(EXIT_CONFIG)


def _dispatch_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run one command; returns the exit status."""
    if args.command in ("run", "chat"):
        check_content(settings)
    data_dir = prepare_data_dir(settings)
    terminal_only = args.command == "chat" or (
        args.command == "run" and not _has_platform(settings)
    )
    if terminal_only:
        log_file = data_dir / LOG_FILE
        print(_("Log disimpan di {path}").format(path=log_file))
        configure_logging(settings.log_level, file=log_file)
    else:
        configure_logging(settings.log_level)
    with contextlib.suppress(KeyboardInterrupt):
        if args.command == "run":
            asyncio.run(run(settings))
        elif args.command == "chat":
            asyncio.run(chat(settings, args.user))
        elif args.command == "sessions":
            return asyncio.run(import_sessions(settings, args.file))
        elif args.command == "db":
            asyncio.run(migrate(settings))
            log.info("database up to date")
    return 0


def _has_platform(settings: Settings) -> bool:
    return bool(settings.telegram_token) or settings.whatsapp_enabled


async def run(settings: Settings) -> None:
    """Migrate, serve the web application, start every configured channel and the
    outbox dispatcher; with no platform configured, run the terminal chat instead."""
    await migrate(settings)
    async with open_app(settings) as app, AsyncExitStack() as running:
        await running.enter_async_context(_housekeeping(app))
        senders: list[ProactiveSender] = []
        routes: list[web.RouteDef] = []
        telegram: TelegramChannel | None = None
        if settings.telegram_token:
            telegram = TelegramChannel(
                app.engine,
                settings.telegram_token,
                api_url=settings.telegram_api_url,
                file_url=_telegram_file_url(settings),
                overall_rate=settings.telegram_overall_rate,
            )
            if settings.telegram_webhook_url:
                routes += telegram.webhook_routes(settings.effective_telegram_webhook_secret)
            senders.append(telegram)
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
            await whatsapp.recover()
            routes += whatsapp.routes()
            senders.append(whatsapp)
        web_app = build_web_app(app.db, routes)
        showcase = _showcase_config(app)
        install_showcase(web_app, app.db, showcase, app.engine.clock)
        await running.enter_async_context(sweeping(app.db, showcase.store, app.engine.clock))
        runner = await running.enter_async_context(
            serving(web_app, settings.http_host, settings.http_port)
        )
        print(_("Etalase produk: {url}").format(url=_local_url(runner)), flush=True)
        if telegram is not None:
            running.push_async_callback(telegram.stop)
            await _start_telegram(telegram, settings)
            showcase.telegram_username = settings.telegram_bot_username or telegram.username
        if not senders:
            log.warning("no platform configured (Telegram or WhatsApp): terminal chat only")
            print(_("Belum ada token Telegram atau WhatsApp, jadi bot jalan di terminal ini."))
            await _run_terminal(app, "local")
            return
        log.info("channels started", extra={"channels": [s.channel for s in senders]})
        async with _dispatching(app, *senders):
            await _until_signalled()


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


def _local_url(runner: web.AppRunner) -> str:
    """Where this machine reaches the web server (the port the system picked, if 0)."""
    host, port = runner.addresses[0][:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"


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


async def _start_telegram(telegram: TelegramChannel, settings: Settings) -> None:
    """Start polling or the webhook; a refused token or an unreachable API is the operator's to fix."""
    try:
        if settings.telegram_webhook_url:
            await telegram.start_webhook(
                settings.telegram_webhook_url, settings.effective_telegram_webhook_secret
            )
        else:
            await telegram.start_polling()
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


async def chat(settings: Settings, user_id: str) -> None:
    """The terminal chat on the configured database."""
    await migrate(settings)
    async with open_app(settings) as app:
        await _run_terminal(app, user_id)


async def import_sessions(settings: Settings, path: Path) -> int:
    """Load a schedule CSV; print every bad row and save nothing if there is one."""
    await migrate(settings)
    async with open_app(settings) as app:
        today = app.engine.clock.now().astimezone(JAKARTA).date()
        text = await asyncio.to_thread(path.read_text, "utf-8-sig")
        parsed = parse_schedule(text, today=today, areas=app.engine.areas)
        async with app.db.transaction() as session:
            result = await import_schedule(
                session, parsed, created_by=f"import:{path.name}", now=app.engine.clock.now()
            )
            if result.errors:
                await session.rollback()
    for error in result.errors:
        column = f" ({error.column})" if error.column else ""
        print(f"{path}:{error.line}{column}: {error.message}", file=sys.stderr)
    if result.errors:
        print(f"nothing imported: {len(result.errors)} problem(s)", file=sys.stderr)
        return 1
    print(f"imported {result.created} session(s)")
    return 0


async def _run_terminal(app: BotApp, user_id: str) -> None:
    downloads = app.settings.data_dir / "downloads"
    terminal = TerminalChat(
        app.engine, user_id=user_id, downloads=downloads, source=sys.stdin, sink=sys.stdout
    )
    async with _dispatching(app, terminal):
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
    keeper = Housekeeper(app.db, app.engine.clock, retention=app.settings.dedupe_retention)
    stop = asyncio.Event()
    task = asyncio.create_task(keeper.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task


@asynccontextmanager
async def _dispatching(app: BotApp, *senders: ProactiveSender) -> AsyncIterator[None]:
    """Run the outbox dispatcher for these channels while the block runs."""
    dispatcher = build_dispatcher(app, {sender.channel: sender for sender in senders})
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task
