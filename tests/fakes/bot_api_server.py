"""A Bot API over HTTP on 127.0.0.1, for tests that run `okoce-bot` as its own process.

It answers `getMe`, counts the messages each chat receives (`received`), answers every
other method with `true`, and takes `send_latency` seconds per message, as a distant
Telegram does: a bot can then acknowledge updates faster than it answers them.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from tests.fakes.telegram_api import bot_user


class BotApiServer:
    """Start with `running()`; `base_url` ends in `/bot`, as `OKOCE_TELEGRAM_API_URL` does."""

    def __init__(self, *, send_latency: float = 0.0) -> None:
        self.send_latency = send_latency
        self.received: Counter[int] = Counter()
        self.methods: Counter[str] = Counter()
        self.base_url = ""
        self._ids = itertools.count(1)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        self.methods[method] += 1
        if method == "getme":
            return web.json_response({"ok": True, "result": bot_user()})
        if method != "sendmessage":
            return web.json_response({"ok": True, "result": True})
        params: dict[str, Any] = (
            await request.json()
            if request.content_type == "application/json"
            else dict(await request.post())
        )
        if self.send_latency:
            await asyncio.sleep(self.send_latency)
        chat_id = int(params["chat_id"])
        self.received[chat_id] += 1
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": str(params.get("text", "")),
        }
        return web.json_response({"ok": True, "result": message})

    @asynccontextmanager
    async def running(self) -> AsyncIterator[BotApiServer]:
        """Serve on an ephemeral port of 127.0.0.1 while the block runs."""
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        try:
            yield self
        finally:
            await runner.cleanup()
