"""The WhatsApp channel's webhook served on 127.0.0.1, with an HTTP client to post to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from handlers.whatsapp import WhatsAppChannel


@asynccontextmanager
async def webhook_client(
    channel: WhatsAppChannel,
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    """A client on a real server serving `channel`'s routes; the channel is closed after,
    so the deliveries it still holds are finished before the test ends."""
    app = web.Application()
    app.add_routes(channel.routes())
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client
        await channel.close()
