"""The Telegram webhook: secret checked, update kept in the inbox, 200, then processed.

Telegram retries anything but a 2xx for as long as it keeps the update, so an update
with the right secret is always acknowledged: one python-telegram-bot cannot decode is
counted and logged (without its body) and dropped; every other one is written to the
inbox before the 200 and processed by a fixed pool of workers, as WhatsApp deliveries
are. A crash after the acknowledgement loses nothing: `start` queues what was kept but
not processed, and the engine's de-duplication by update id answers each once.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from aiohttp import web
from telegram import Update

from handlers.delivery_workers import WORKERS, DeliveryWorkers, Inbox
from handlers.http_body import read_at_most
from handlers.telegram import TelegramChannel

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_WEBHOOK_BODY = 1024 * 1024
"""Bytes; an update is at most a few kilobytes, so anything over 1 MB is refused unread."""


class TelegramWebhook:
    """`POST /webhooks/telegram` for one `TelegramChannel`, kept durably until processed."""

    def __init__(
        self, channel: TelegramChannel, inbox: Inbox, secret: str, *, workers: int = WORKERS
    ) -> None:
        self.channel = channel
        self.undecodable_updates = 0
        """Acknowledged updates that could not be decoded (a count a monitor can read)."""
        self._secret = secret
        self._ready = asyncio.Event()
        self._workers = DeliveryWorkers(inbox, self._process, workers=workers)

    def routes(self) -> list[web.RouteDef]:
        """The webhook route, to be served by the web application."""
        return [web.post(WEBHOOK_PATH, self.receive)]

    def counters(self) -> dict[str, int]:
        """What `/healthz` reports about this webhook."""
        return {"telegram_undecodable_updates": self.undecodable_updates}

    async def receive(self, request: web.Request) -> web.Response:
        """Check the secret (403), the size (413), then keep the update and answer 200."""
        given = request.headers.get(SECRET_HEADER, "")
        # A header that is not UTF-8 arrives with surrogates; it is simply not the secret.
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self._secret.encode()):
            log.warning("telegram webhook call with a wrong secret refused")
            return web.Response(status=403)
        if (request.content_length or 0) > MAX_WEBHOOK_BODY:
            return web.Response(status=413)
        body = await read_at_most(request, MAX_WEBHOOK_BODY)
        if body is None:
            return web.Response(status=413)
        if self.decode(body) is None:
            self.undecodable_updates += 1
            return web.Response(status=200)
        await self._workers.keep(body)
        return web.Response(status=200)

    def decode(self, body: bytes) -> Update | None:
        """The update in `body`, or None (logged once, without the body) if it has none."""
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise TypeError("an update is a JSON object")
            return Update.de_json(data, self.channel.application.bot)
        except Exception as error:  # any shape of input: PTB raises what its parsing meets
            log.warning(
                "undecodable telegram update acknowledged",
                extra={"error": type(error).__name__, "bytes": len(body)},
            )
            return None

    async def start(self, url: str) -> None:
        """Start the channel, process what an earlier run kept, then ask Telegram to call `url`."""
        await self.channel.start()
        await self.open()
        await self.channel.application.bot.set_webhook(url=url, secret_token=self._secret)

    async def open(self) -> None:
        """Begin processing (the channel has started): first what an earlier run kept."""
        self._ready.set()
        await self._workers.recover()

    async def drain(self) -> None:
        """Wait until every update kept so far has been processed."""
        await self._workers.drain()

    async def close(self) -> None:
        """Finish what was kept (if the channel started), then stop the workers."""
        await self._workers.close(finish=self._ready.is_set())

    async def _process(self, body: bytes) -> None:
        await self._ready.wait()
        update = self.decode(body)
        if update is not None:
            await self.channel.application.process_update(update)
