"""Build the web application: channel webhooks, `/healthz`, and the product showcase
(`wiring.web.showcase`), served by `wiring.startup`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from aiohttp import web
from sqlalchemy import text

from bot.db import Database

log = logging.getLogger(__name__)

Counters = Callable[[], Mapping[str, int]]
"""Figures a part of the process reports for monitors (e.g. undecodable updates)."""

DATABASE_KEY = web.AppKey("database", Database)
COUNTERS_KEY = web.AppKey("counters", list[Counters])


async def health(request: web.Request) -> web.Response:
    """`ok` and the counters when the database answers; 503 otherwise (for monitors)."""
    try:
        async with request.app[DATABASE_KEY].engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:
        log.warning("health check failed", extra={"error": type(error).__name__})
        return web.json_response({"status": "database unavailable"}, status=503)
    counters: dict[str, int] = {}
    for source in request.app[COUNTERS_KEY]:
        counters.update(source())
    return web.json_response({"status": "ok", "counters": counters})


def build_web_app(
    db: Database, routes: Sequence[web.RouteDef], counters: Sequence[Counters] = ()
) -> web.Application:
    """The application with the given channel routes and the health check."""
    app = web.Application()
    app[DATABASE_KEY] = db
    app[COUNTERS_KEY] = list(counters)
    app.router.add_get("/healthz", health)
    app.add_routes(routes)
    return app
