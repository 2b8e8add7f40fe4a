"""A Bot API over HTTP on 127.0.0.1 that enforces Telegram's overall flood limit.

It answers `getMe`, `sendMessage` and `getUpdates` (long polling, with Telegram's
offset confirmation, and 409 Conflict when two polls overlap, as two bot instances on
one token get), records every message it accepted, and answers 429 with `retry_after`
whenever senders exceed the limit (a token bucket holding one second's worth of
messages, as Telegram's ~30/s behaves). Other methods answer `true`. It runs in its own
process (`serve_in_subprocess`) so that it does not take CPU from the bots being
measured or tested; `FakeBotAPIClient` queues updates, waits for what it should see and
reads `GET /stats`. Times are `time.monotonic()`, which every process on one machine
shares.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
from aiohttp import web

from bench.transport import BOT_USER

CONFLICT = {
    "ok": False,
    "error_code": 409,
    "description": "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
}


class FakeBotAPIServer:
    """Start with `start()`; its `base_url` ends in `/bot` as `OKOCE_TELEGRAM_API_URL` does."""

    def __init__(self, messages_per_second: float) -> None:
        self.limit = messages_per_second
        self.received: Counter[int] = Counter()
        self.messages: list[dict[str, Any]] = []
        """Every accepted message: chat, text, at."""
        self.too_many = 0
        self.first_at: float | None = None
        self.last_at: float | None = None
        self.updates: list[dict[str, Any]] = []
        """Updates not yet confirmed by a poll's offset."""
        self.every_update: list[dict[str, Any]] = []
        self.polls: list[dict[str, Any]] = []
        """Every getUpdates: started, ended, offset, returned update ids, conflict."""
        self.conflicts = 0
        self._polling = False
        self._changed = asyncio.Condition()
        self._tokens = messages_per_second
        self._refilled = time.monotonic()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/stats", self._stats)
        app.router.add_get("/wait", self._wait)
        app.router.add_post("/updates", self._queue_updates)
        app.router.add_post("/replay", self._replay)
        # A poller that dies mid-poll closes its connection; its poll must end with it.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/bot"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def stats(self) -> dict[str, Any]:
        """What the fake has seen so far."""
        return {
            "received": {str(chat): count for chat, count in self.received.items()},
            "messages": self.messages,
            "too_many": self.too_many,
            "sending_seconds": (self.last_at or 0) - (self.first_at or 0),
            "polls": self.polls,
            "conflicts": self.conflicts,
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _changed_now(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _wait(self, request: web.Request) -> web.Response:
        """Answer once every condition in the query holds, or 504 after `timeout` seconds.

        `messages`: at least that many accepted; `chats`: that many distinct chats;
        `chat` and `count`: that chat has that many; `text`: count only messages
        containing it; `poll_after`: a getUpdates began after that time.
        """
        query = request.query
        done = _condition(query)
        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: done(self)), float(query.get("timeout", 30))
                )
            except TimeoutError:
                return web.json_response(self.stats(), status=504)
        return web.json_response(self.stats())

    async def _queue_updates(self, request: web.Request) -> web.Response:
        updates: list[dict[str, Any]] = await request.json()
        self.updates.extend(updates)
        self.every_update.extend(updates)
        await self._changed_now()
        return web.json_response({"ok": True})

    async def _replay(self, request: web.Request) -> web.Response:
        """Offer every update ever queued again, as if their confirmations had been lost."""
        pending = {u["update_id"]: u for u in self.every_update + self.updates}
        self.updates = [pending[n] for n in sorted(pending)]
        await self._changed_now()
        return web.json_response({"ok": True})

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
        if method not in ("sendMessage", "getUpdates"):
            return web.json_response({"ok": True, "result": True})
        params: dict[str, Any] = (
            dict(await request.post())
            if request.content_type != "application/json"
            else await request.json()
        )
        if method == "getUpdates":
            return await self._get_updates(params)
        return await self._send_message(params)

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
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
        text = str(params.get("text", ""))
        self.messages.append({"chat": chat_id, "text": text, "at": now})
        await self._changed_now()
        message = {
            "message_id": len(self.messages),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": text,
        }
        return web.json_response({"ok": True, "result": message})

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        """Long polling: confirm below `offset`, then wait up to `timeout` for updates.

        A poll while another is open is answered 409 (Telegram ends one of them so);
        it is counted, and the open poll goes on.
        """
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        poll: dict[str, Any] = {
            "started": time.monotonic(),
            "ended": None,
            "offset": offset,
            "returned": [],
            "conflict": self._polling,
        }
        self.polls.append(poll)
        if self._polling:
            self.conflicts += 1
            poll["ended"] = poll["started"]
            await self._changed_now()
            return web.json_response(CONFLICT, status=409)
        self._polling = True
        await self._changed_now()
        try:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self.updates)), timeout
                    )
            batch = self.updates[:limit]
            poll["returned"] = [u["update_id"] for u in batch]
            return web.json_response({"ok": True, "result": batch})
        finally:
            self._polling = False
            poll["ended"] = time.monotonic()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._changed_now())


def _condition(query: Any) -> Callable[[FakeBotAPIServer], bool]:
    """The `/wait` query as a test on the server's records."""
    text = query.get("text")
    chat = int(query["chat"]) if "chat" in query else None

    def holds(server: FakeBotAPIServer) -> bool:
        messages = [m for m in server.messages if text is None or text in m["text"]]
        if len(messages) < int(query.get("messages", 0)):
            return False
        if len({m["chat"] for m in messages}) < int(query.get("chats", 0)):
            return False
        if chat is not None and sum(m["chat"] == chat for m in messages) < int(query["count"]):
            return False
        if "poll_after" in query:
            after = float(query["poll_after"])
            return any(p["started"] > after and not p["conflict"] for p in server.polls)
        return True

    return holds


class FakeBotAPIClient:
    """Talks to a `FakeBotAPIServer` from the process that tests or measures the bot."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.root = base_url.removesuffix("/bot")

    async def stats(self) -> dict[str, Any]:
        """Everything the fake has seen."""
        return await self._call("GET", "/stats")

    async def wait(self, within: float = 30, **conditions: object) -> dict[str, Any]:
        """Wait until the fake has seen what `conditions` say (see `/wait`); its stats."""
        query = {key: str(value) for key, value in conditions.items()}
        query["timeout"] = str(within)
        async with (
            aiohttp.ClientSession() as http,
            http.get(self.root + "/wait", params=query) as response,
        ):
            stats: dict[str, Any] = await response.json()
            if response.status == 504:
                raise TimeoutError(f"the fake Bot API never saw {conditions}")
            return stats

    async def queue_updates(self, updates: list[dict[str, Any]]) -> None:
        """Give the next getUpdates these updates."""
        await self._call("POST", "/updates", updates)

    async def replay(self) -> None:
        """Offer every update again, as if all confirmations had been lost."""
        await self._call("POST", "/replay")

    async def _call(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as http,
            http.request(method, self.root + path, json=body) as response,
        ):
            data: dict[str, Any] = await response.json()
            return data


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
