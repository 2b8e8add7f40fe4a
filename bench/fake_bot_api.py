"""A Bot API over HTTP on 127.0.0.1 that enforces Telegram's overall flood limit.

It answers `getMe` and `sendMessage`, counts what each chat received, and answers
429 with `retry_after` whenever senders exceed the limit (a token bucket holding
one second's worth of messages, as Telegram's ~30/s behaves). It runs in its own
process (`serve_in_subprocess`) so that it does not take CPU from the bot being
measured; `GET /stats` reports what it saw.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from aiohttp import web

from bench.transport import BOT_USER


class FakeBotAPIServer:
    """Start with `start()`; its `base_url` ends in `/bot` as `OKOCE_TELEGRAM_API_URL` does."""

    def __init__(self, messages_per_second: float) -> None:
        self.limit = messages_per_second
        self.received: Counter[int] = Counter()
        self.too_many = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        self._tokens = messages_per_second
        self._refilled = time.monotonic()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/stats", self._stats)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/bot"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "received": {str(chat): count for chat, count in self.received.items()},
                "too_many": self.too_many,
                "sending_seconds": (self.last_at or 0) - (self.first_at or 0),
            }
        )

    def _take_token(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self.limit, self._tokens + (now - self._refilled) * self.limit)
        self._refilled = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "getMe":
            return web.json_response({"ok": True, "result": BOT_USER})
        if method != "sendMessage":
            return web.json_response({"ok": True, "result": True})
        params: dict[str, Any] = (
            dict(await request.post())
            if request.content_type != "application/json"
            else await request.json()
        )
        if not self._take_token():
            self.too_many += 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                },
                status=429,
            )
        chat_id = int(params["chat_id"])
        now = time.monotonic()
        self.first_at = self.first_at or now
        self.last_at = now
        self.received[chat_id] += 1
        message = {
            "message_id": sum(self.received.values()),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": str(params.get("text", "")),
        }
        return web.json_response({"ok": True, "result": message})


def _serve(limit: float, ready: Connection) -> None:
    async def main() -> None:
        server = FakeBotAPIServer(limit)
        await server.start()
        ready.send(server.base_url)
        await asyncio.Event().wait()

    asyncio.run(main())


@contextmanager
def serve_in_subprocess(limit: float) -> Iterator[str]:
    """Run the fake in a child process for the block; yields its `.../bot` base URL."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_serve, args=(limit, sending), daemon=True)
    process.start()
    try:
        if not receiving.poll(30):
            raise RuntimeError("fake Bot API did not start")
        yield str(receiving.recv())
    finally:
        process.terminate()
        process.join(10)
