"""Build the web application: channel webhooks, `/healthz`, and the product showcase
(`wiring.web.showcase`), served by `wiring.startup`."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiohttp import web
from sqlalchemy import text

from bot.db import Database

log = logging.getLogger(__name__)

DATABASE_KEY = web.AppKey("database", Database)


async def health(request: web.Request) -> web.Response:
    """`ok` when the database answers; 503 otherwise (for load balancers and monitors)."""
    try:
        async with request.app[DATABASE_KEY].engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check failed")
        return web.json_response({"status": "database unavailable"}, status=503)
    return web.json_response({"status": "ok"})


def build_web_app(db: Database, routes: Sequence[web.RouteDef]) -> web.Application:
    """The application with the given channel routes and the health check."""
    app = web.Application()
    app[DATABASE_KEY] = db
    app.router.add_get("/healthz", health)
    app.add_routes(routes)
    return app
