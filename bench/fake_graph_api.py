"""A Graph API over HTTP on 127.0.0.1 that answers sends and counts them per recipient.

It answers `POST /{version}/{phone_id}/messages` with a fresh wamid, as Meta does,
after an optional fixed delay (Meta's own answer time), and counts what each
recipient was sent. A request with the wrong token, version or number is refused
and counted. It runs in its own process (`serve_in_subprocess`) so that it does
not take CPU from the bot being measured; `GET /stats` reports what it saw.
Tests use the validating fake in `tests/fakes`; this one checks nothing else, so
the benchmark measures the bot and not the checker.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection

from aiohttp import web

VERSION = "v23.0"
PHONE_NUMBER_ID = "106540352242922"
TOKEN = "EAAG-bench-token"


class FakeGraphAPIServer:
    """Start with `start()`; its `api_url` includes the version, as `GraphClient` takes it."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.received: Counter[str] = Counter()
        self.refused = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.api_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{version}/{phone_id}/messages", self._send)
        app.router.add_get("/stats", self._stats)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.api_url = f"http://{host}:{port}/{VERSION}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "received": dict(self.received),
                "refused": self.refused,
                "sending_seconds": (self.last_at or 0) - (self.first_at or 0),
            }
        )

    async def _send(self, request: web.Request) -> web.Response:
        payload = await request.json()
        if (
            request.headers.get("Authorization") != f"Bearer {TOKEN}"
            or request.match_info["version"] != VERSION
            or request.match_info["phone_id"] != PHONE_NUMBER_ID
            or not isinstance(payload, dict)
            or not isinstance(payload.get("to"), str)
        ):
            self.refused += 1
            error = {"message": "refused by the bench", "type": "OAuthException", "code": 100}
            return web.json_response({"error": error}, status=400)
        if self.latency > 0:
            await asyncio.sleep(self.latency)  # Meta's answer time, not load
        to: str = payload["to"]
        now = time.monotonic()
        self.first_at = self.first_at or now
        self.last_at = now
        self.received[to] += 1
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to.lstrip("+")}],
                "messages": [{"id": f"wamid.BENCH{next(self._ids):012d}"}],
            }
        )


def _serve(latency: float, ready: Connection) -> None:
    async def main() -> None:
        server = FakeGraphAPIServer(latency)
        await server.start()
        ready.send(server.api_url)
        await asyncio.Event().wait()

    asyncio.run(main())


@contextmanager
def serve_in_subprocess(latency: float = 0.0) -> Iterator[str]:
    """Run the fake in a child process for the block; yields its `.../{VERSION}` API URL."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_serve, args=(latency, sending), daemon=True)
    process.start()
    try:
        if not receiving.poll(30):
            raise RuntimeError("fake Graph API did not start")
        yield str(receiving.recv())
    finally:
        process.terminate()
        process.join(10)


def stats_url(api_url: str) -> str:
    """Where `GET /stats` is served, given the API URL `serve_in_subprocess` yielded."""
    return api_url.removesuffix(f"/{VERSION}") + "/stats"
