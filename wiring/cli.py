"""`okoce-bot`: the operator's commands (run, chat, sessions import, db upgrade)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.clock import JAKARTA
from bot.config import Settings, parse_jobs
from bot.i18n import _, use_language
from bot.logs import configure_logging
from bot.schedule_file import FileProblem, read_schedule_file
from bot.schedule_import import parse_schedule
from bot.services.schedule import import_schedule
from bot.vocabulary import InstanceJob
from wiring.app import open_app
from wiring.instance import run, run_terminal
from wiring.startup import (
    EXIT_CONFIG,
    StartupFailure,
    check_content,
    load_settings,
    migrate,
    prepare_data_dir,
)

log = logging.getLogger("okoce_bot")

LOG_FILE = Path("logs") / "okoce-bot.log"
"""Where the terminal chat's logs go, under the data folder."""


def _jobs(text: str) -> frozenset[InstanceJob]:
    try:
        return parse_jobs(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="okoce-bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    runner = commands.add_parser("run", help="apply migrations, then run this instance's jobs")
    runner.add_argument(
        "--jobs",
        type=_jobs,
        help="comma-separated: channels, web, dispatcher (default: OKOCE_JOBS, else all)",
    )
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
    if args.command == "run" and args.jobs:
        settings = settings.model_copy(update={"jobs": args.jobs})
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


async def chat(settings: Settings, user_id: str) -> None:
    """The terminal chat on the configured database."""
    await migrate(settings)
    async with open_app(settings) as app:
        await run_terminal(app, user_id)


async def import_sessions(settings: Settings, path: Path) -> int:
    """Load a schedule CSV; print every bad row and save nothing if there is one."""
    text = await asyncio.to_thread(read_schedule_file, path)
    if isinstance(text, FileProblem):
        print(f"{path}: {text.message}; nothing imported", file=sys.stderr)
        return 1
    await migrate(settings)
    async with open_app(settings) as app:
        today = app.engine.clock.now().astimezone(JAKARTA).date()
        parsed = parse_schedule(
            text, today=today, areas=app.engine.areas, max_rows=settings.import_max_rows
        )
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
