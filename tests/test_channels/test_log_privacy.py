"""No personal data in the log above DEBUG, and no log flood, whatever a client sends.

A malformed request once logged its raw bytes (a name and a wa_id, from the body that
spilled into the next request line); a database error logged its query parameters.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from dataclasses import asdict

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db import Database
from bot.logs import JsonLineFormatter, RateLimited, WithoutRequestData
from bot.models import Member
from tests.factories import NOW, add_members, member_details
from wiring.startup import serving
from wiring.web.app import build_web_app

NAME, WA_ID = "Siti Aminah", "6281234567890"


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    """What the process's log handler (as `configure_logging` sets it up) writes."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(WithoutRequestData())
    handler.addFilter(RateLimited())
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_a_malformed_request_is_logged_without_its_bytes(
    sqlite_database: Database, written: io.StringIO
) -> None:
    body = f'{{"name": "{NAME}", "wa_id": "{WA_ID}"}}'.encode()
    request = (
        b"GET /healthz HTTP/1.1\r\nHost: okoce\r\n\r\n"
        + b"GET /"  # a second request whose line holds the data, as a broken client sends
        + body
        + b" HTTP/1.1\r\n\r\n"
    )
    async with serving(build_web_app(sqlite_database, []), "127.0.0.1", 0) as listening:
        assert listening.guard.max_connections > 0
        port = listening.port
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 10)
        writer.close()
    assert b" 400 " in answer
    log = written.getvalue()
    assert "HTTP request failed" in log
    assert NAME not in log and WA_ID not in log


async def test_database_errors_do_not_carry_what_was_stored(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await add_members(database)  # holds member number OK-317401-000001
    details = member_details(0, full_name=NAME)
    with pytest.raises(IntegrityError) as raised:
        async with database.transaction() as session:
            session.add(
                Member(member_number="OK-317401-000001", registered_at=NOW, **asdict(details))
            )
    assert details.phone_e164 not in str(raised.value) and NAME not in str(raised.value)
    assert "hidden" in str(raised.value)


def test_a_repeated_warning_is_let_through_only_so_often() -> None:
    now = [0.0]
    limit = RateLimited(burst=3, window=60, clock=lambda: now[0])

    def warning(message: str = "socket.accept() out of system resource") -> logging.LogRecord:
        return logging.makeLogRecord({"name": "asyncio", "msg": message, "levelno": 40})

    passed = [limit.filter(warning()) for _ in range(1000)]
    assert passed.count(True) == 3
    assert limit.filter(warning("another kind")), "other lines are not held back"
    now[0] = 61.0
    after = warning()
    assert limit.filter(after)
    assert getattr(after, "suppressed", None) == 997
    info = logging.makeLogRecord({"name": "asyncio", "msg": "x", "levelno": 20})
    assert all(limit.filter(info) for _ in range(100)), "information lines are not limited"
