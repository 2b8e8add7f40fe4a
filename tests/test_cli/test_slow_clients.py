"""Slow and idle clients do not stop `okoce-bot run` from answering, or flood its log.

300 connections opened at once each send half a request (headers, or a webhook body) and wait,
against a process allowed 256 file descriptors, as an attacker with a few laptops
could do. Before the fix asyncio logged every failed accept: 150,000 lines (77 MB)
in under a minute here, and nothing was answered. Now `/healthz` keeps answering, the
server closes every idle socket within the read timeout, and the log stays small.
"""

from __future__ import annotations

import asyncio
import resource
import time
from pathlib import Path

import aiohttp

from tests.cli import free_port, okoce_env, start_bot, wait_until_healthy

SLOW_CLIENTS = 300
DESCRIPTORS = 256
READ_TIMEOUT_S = 2.0
HEALTH_ANSWER_S = 2.0
"""How long `/healthz` may take while the slow clients hang on."""
LOG_LIMIT_BYTES = 64 * 1024


def _few_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTORS, DESCRIPTORS))


async def _half_request(port: int, n: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    if n % 2:
        writer.write(
            b"POST /webhooks/whatsapp HTTP/1.1\r\nHost: okoce\r\n"
            b"Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
            b'{"object": "whatsapp_business_account", "entry": ['
        )
    else:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: okoce\r\nUser-Agent: slow")
    await writer.drain()
    return reader, writer


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server closes this connection (EOF or reset) within `within` seconds."""
    try:
        await asyncio.wait_for(reader.read(), within)
    except ConnectionError:
        return True
    except TimeoutError:
        return False
    return True


async def test_idle_half_requests_neither_block_the_server_nor_flood_its_log(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = okoce_env(
        tmp_path / "var",
        whatsapp_token="test-token",
        whatsapp_phone_number_id="106540352242922",
        whatsapp_app_secret="test-secret",
        whatsapp_verify_token="test-verify",
        whatsapp_api_url="http://127.0.0.1:9/v23.0",
        http_port=str(port),
        http_read_timeout=str(READ_TIMEOUT_S),
    )
    log = tmp_path / "okoce-bot.log"
    bot = start_bot(env, cwd=tmp_path, log=log, preexec=_few_descriptors)
    clients: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        await wait_until_healthy(port, bot)
        # All at once, as a botnet would: the server must not accept past its limit
        # while it is still closing the connections it evicted a moment ago.
        opened = await asyncio.gather(
            *(_half_request(port, n) for n in range(SLOW_CLIENTS)), return_exceptions=True
        )
        # The server may already be closing the oldest ones: that is the point.
        clients = [pair for pair in opened if not isinstance(pair, BaseException)]
        opened_at = time.monotonic()
        async with aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=HEALTH_ANSWER_S)
        ) as http:
            for _ in range(5):
                started = time.monotonic()
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200
                assert time.monotonic() - started < HEALTH_ANSWER_S
        closed = await asyncio.gather(
            *(_closed_by_server(reader, READ_TIMEOUT_S + 5) for reader, _ in clients)
        )
        assert all(closed), f"{closed.count(False)} idle sockets were left open"
        assert time.monotonic() - opened_at < READ_TIMEOUT_S + 5
        assert bot.poll() is None, "the server is still running"
    finally:
        for _, writer in clients:
            writer.close()
        bot.terminate()
        bot.wait(30)
    written = log.read_text(encoding="utf-8")
    assert len(written.encode()) < LOG_LIMIT_BYTES, f"{len(written)} bytes of log"
    assert "out of system resource" not in written
    assert "Traceback" not in written
