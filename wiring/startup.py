"""Start-up problems an operator can cause, each said in one line with the setting that fixes it.

A port already in use, a data folder that cannot be written, a bad setting, a broken
content file or a database that does not answer are not bugs: a traceback would hide
the one thing the person needs to know. Each becomes a `StartupFailure`, which the CLI prints as a single
line (in the configured language) before exiting with `EXIT_CONFIG`.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from pydantic import ValidationError
from pydantic_settings import SettingsError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.config import Settings
from bot.content_files import ContentError, shipped
from bot.faq import FAQ_CONTENT
from bot.financing_content import FINANCING_CONTENT
from bot.i18n import _
from bot.licensing_content import LICENSING_CONTENT
from bot.migrations import upgrade_database
from wiring.web.guard import ConnectionGuard, connection_budget

log = logging.getLogger(__name__)

EXIT_CONFIG = 78
"""`EX_CONFIG` from sysexits.h: the configuration is wrong, not the program."""
ENV_PREFIX = "OKOCE_"
_FIELD_IN_SETTINGS_ERROR = re.compile(r'field "(?P<field>\w+)"')


class StartupFailure(Exception):
    """Something the operator can fix stops the start; `line` says what and how."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def setting_name(field: str) -> str:
    """The environment variable behind a settings field: `http_port` → `OKOCE_HTTP_PORT`."""
    return ENV_PREFIX + field.upper()


def load_settings() -> Settings:
    """The settings, or a `StartupFailure` naming the first bad one."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise StartupFailure(
            _("Pengaturan {setting} tidak valid: {problem}.").format(
                setting=setting_name(field), problem=first["msg"]
            )
        ) from None
    except SettingsError as error:
        matched = _FIELD_IN_SETTINGS_ERROR.search(str(error))
        setting = setting_name(matched["field"]) if matched else ENV_PREFIX + "…"
        raise StartupFailure(
            _("Pengaturan {setting} tidak bisa dibaca. Periksa penulisannya.").format(
                setting=setting
            )
        ) from None


def check_content(settings: Settings) -> None:
    """Load every staff-edited content file, or a `StartupFailure` naming the bad entry and field."""
    folder = settings.content_dir
    for content in (FAQ_CONTENT, FINANCING_CONTENT, LICENSING_CONTENT):
        try:
            content.load_from(folder)
        except ContentError as error:
            path = folder / error.file if folder is not None else shipped(error.file)
            raise StartupFailure(
                _("File konten salah: {problem}. Perbaiki file {path}.").format(
                    problem=error, path=path
                )
            ) from None


def prepare_data_dir(settings: Settings) -> Path:
    """Create the data folder if needed and prove it can be written to."""
    folder = settings.data_dir
    probe = folder / f".write-test-{uuid.uuid4().hex}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise StartupFailure(
            _("Folder data {path} tidak bisa dipakai ({reason}). Atur {setting}.").format(
                path=folder, reason=error.strerror or type(error).__name__, setting="OKOCE_DATA_DIR"
            )
        ) from None
    return folder


async def migrate(settings: Settings) -> None:
    """Bring the schema up to date, or say that the database cannot be reached."""
    url = settings.effective_database_url
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        raise StartupFailure(
            _("Alamat database tidak bisa dibaca. Periksa {setting}.").format(
                setting="OKOCE_DATABASE_URL"
            )
        ) from None
    try:
        await upgrade_database(url, event_key_secret=settings.effective_event_key_secret)
    except (OSError, SQLAlchemyError, ModuleNotFoundError) as error:
        log.debug("database unavailable at start", exc_info=True)
        reason = str(getattr(error, "orig", None) or error).splitlines()[0][:160]
        raise StartupFailure(
            _("Database {url} tidak bisa dipakai: {reason}. Periksa {setting}.").format(
                url=shown, reason=reason, setting="OKOCE_DATABASE_URL"
            )
        ) from None


@dataclass(frozen=True)
class Listening:
    """A web server that is up: its connection guard, and where it listens."""

    guard: ConnectionGuard
    host: str
    port: int
    """The port bound (the one the system picked when 0 was asked for)."""

    @property
    def local_url(self) -> str:
        """Where this machine reaches the server."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://[{host}]:{self.port}/" if ":" in host else f"http://{host}:{self.port}/"


@asynccontextmanager
async def serving(
    app: web.Application,
    host: str,
    port: int,
    *,
    read_timeout: float = 15.0,
    max_connections: int = 512,
) -> AsyncIterator[Listening]:
    """Listen on `host:port` while the block runs, or say why the address cannot be used.

    Slow and idle clients are cut off after `read_timeout` seconds and at most
    `max_connections` are open at once (see `wiring.web.guard`).
    """
    budget = connection_budget(max_connections)
    guard = ConnectionGuard(max_connections=budget.max_connections, request_timeout=read_timeout)
    app.middlewares.append(guard.middleware)
    runner = web.AppRunner(
        app,
        access_log=None,
        handler_cancellation=True,
        keepalive_timeout=read_timeout,
        lingering_time=0,  # a body left unfinished is not waited for
    )
    await runner.setup()
    listener: asyncio.Server | None = None
    try:
        assert runner.server is not None
        try:
            listener = await asyncio.get_running_loop().create_server(
                guard.protocol_factory(runner.server), host, port, backlog=budget.backlog
            )
        except OSError as error:
            raise _address_failure(error, host, port) from None
        bound = listener.sockets[0].getsockname()[1] if listener.sockets else port
        log.info(
            "web server listening",
            extra={"host": host, "port": bound, "max_connections": guard.max_connections},
        )
        yield Listening(guard, host, bound)
    finally:
        if listener is not None:
            listener.close()
        await runner.cleanup()


def _address_failure(error: OSError, host: str, port: int) -> StartupFailure:
    if error.errno == errno.EADDRINUSE:
        return StartupFailure(
            _("Port {port} di {host} sudah dipakai program lain. Ganti dengan {setting}.").format(
                port=port, host=host, setting="OKOCE_HTTP_PORT"
            )
        )
    if error.errno == errno.EACCES:
        return StartupFailure(
            _("Port {port} butuh izin khusus. Pakai port di atas 1024 lewat {setting}.").format(
                port=port, setting="OKOCE_HTTP_PORT"
            )
        )
    return StartupFailure(
        _("Alamat {host}:{port} tidak bisa dipakai ({reason}). Periksa {setting}.").format(
            host=host,
            port=port,
            reason=error.strerror or type(error).__name__,
            setting="OKOCE_HTTP_HOST",
        )
    )
