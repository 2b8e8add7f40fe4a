"""Structured log lines (one JSON object per line) for the whole process.

Message bodies and phone numbers are never logged above DEBUG: callers pass
identifiers (channel, member id, error id), not what people typed.
"""

from __future__ import annotations

import json
import logging
import sys
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
