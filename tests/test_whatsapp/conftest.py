"""Fixtures for the WhatsApp channel: the fake Graph API, a client on it, and the webhook."""

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.db import Database
from bot.inbox import DatabaseInbox
from conversations.engine import ConversationEngine
from handlers.whatsapp import WhatsAppChannel
from handlers.whatsapp.graph import GraphClient
from tests.fakes.graph_api import FakeGraphAPI
from tests.fakes.graph_api import fake_graph as fake_graph
from tests.transcript import make_engine
from tests.whatsapp_webhook import webhook_client

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "okoce-verify-token"
FAST_BACKOFF = 0.01
"""Seconds: the retry tests wait on real backoff, just short."""


@pytest.fixture
async def graph_client(fake_graph: FakeGraphAPI) -> AsyncIterator[GraphClient]:
    """Our Graph API client, pointed at the fake, retrying quickly."""
    async with GraphClient(
        fake_graph.api_url,
        fake_graph.phone_number_id,
        fake_graph.token,
        backoff_base=FAST_BACKOFF,
    ) as client:
        yield client


@pytest.fixture
def engine(sqlite_database: Database) -> ConversationEngine:
    return make_engine(sqlite_database)


@pytest.fixture
def channel(engine: ConversationEngine, graph_client: GraphClient) -> WhatsAppChannel:
    return WhatsAppChannel(
        engine,
        graph_client,
        app_secret=APP_SECRET,
        verify_token=VERIFY_TOKEN,
        inbox=DatabaseInbox(engine.db, engine.clock, "whatsapp"),
    )


@pytest.fixture
async def webhook(
    channel: WhatsAppChannel,
) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    """An HTTP client on a real server (127.0.0.1) serving the channel's routes."""
    async with webhook_client(channel) as client:
        yield client
