"""The showcase on a stocked SQLite database, served on 127.0.0.1 for each test."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.db import Database
from bot.photo_store import DirectoryPhotoStore
from tests.showcase_shop import Shop, showcase_app, stock_shop

Client = TestClient[web.Request, web.Application]


@pytest.fixture
async def shop(database: Database, tmp_path: Path) -> Shop:
    return await stock_shop(database, DirectoryPhotoStore(tmp_path / "photos"))


@pytest.fixture
async def client(database: Database, shop: Shop, tmp_path: Path) -> AsyncIterator[Client]:
    app = showcase_app(database, tmp_path / "photos")
    async with TestClient(TestServer(app, host="127.0.0.1")) as test_client:
        yield test_client
