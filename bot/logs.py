"""Structured log lines (one JSON object per line) for the whole process.

Message bodies and phone numbers are never logged above DEBUG: callers pass
identifiers (channel, member id, error id), not what people typed. Two filters keep
it so under attack: the HTTP server's report of a malformed request (whose exception
quotes the raw bytes) is reduced to the error's type, and a line repeated many times a
minute is let through only so often (a flood of failed accepts once wrote 120 MB).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonLineFormatter(logging.Formatter):
    """Format a record as one JSON line, with any `extra=` fields as keys."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


HTTP_SERVER_LOGGER = "aiohttp.server"
RATE_WINDOW_SECONDS = 60.0
RATE_BURST = 20
"""Lines of one kind (logger and message) let through per window; the rest are counted."""


class WithoutRequestData(logging.Filter):
    """The HTTP server's error lines keep the exception's type, not its text (raw bytes)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == HTTP_SERVER_LOGGER and record.exc_info and record.exc_info[1]:
            error = record.exc_info[1]
            record.exc_info = None
            record.exc_text = None
            record.msg, record.args = "HTTP request failed", ()
            record.error = type(error).__name__
            if record.levelno > logging.WARNING and type(error).__module__.startswith("aiohttp"):
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class RateLimited(logging.Filter):
    """At most `burst` warnings or errors of one kind per `window` seconds.

    The first line let through after a quiet spell says how many were left out.
    """

    def __init__(
        self,
        *,
        burst: int = RATE_BURST,
        window: float = RATE_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._clock = clock
        self._seen: dict[tuple[str, str], tuple[float, int, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, str(record.msg))
        now = self._clock()
        started, passed, dropped = self._seen.get(key, (now, 0, 0))
        if now - started >= self.window:
            started, passed = now, 0
        if passed >= self.burst:
            self._seen[key] = (started, passed, dropped + 1)
            return False
        if dropped:
            record.suppressed = dropped
        self._seen[key] = (started, passed + 1, 0)
        if len(self._seen) > 1000:  # many kinds: forget the oldest windows
            self._seen = dict(list(self._seen.items())[-500:])
        return True


def configure_logging(level: str = "INFO", *, file: Path | None = None) -> None:
    """Send structured lines to stderr (or to `file`, appended); quieten chatty libraries.

    The terminal chat logs to a file, so that its screen shows only the conversation.
    """
    handler: logging.Handler
    if file is None:
        handler = logging.StreamHandler(sys.stderr)
    else:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(file, encoding="utf-8")
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(WithoutRequestData())
    handler.addFilter(RateLimited())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "telegram.ext.Application", "aiosqlite", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


UNEXPECTED = "unexpected"
"""Set on records of errors nobody expected, which a catch-all turned into an apology.

Tests fail when one is logged (see tests/conftest.py), so a catch-all cannot hide a crash.
"""


def log_unexpected(logger: logging.Logger, event: str, **fields: object) -> None:
    """Log the exception being handled as unexpected, with identifiers only (never bodies)."""
    logger.exception(event, extra={**fields, UNEXPECTED: True})
