"""Keeping the web server answering when clients are slow, idle or many.

aiohttp waits for a request's headers and body as long as the client likes, and the
event loop accepts connections until the process runs out of file descriptors, after
which asyncio logs every failed accept (120 MB of log in a minute). So the server here:

- closes a connection that has not sent a whole request within the read timeout
  (aiohttp's keep-alive timer, which also runs before the first request);
- gives every request the same deadline for its body and its answer (408 after it,
  and the connection is closed rather than left to drain an unfinished body);
- holds at most `max_connections` open, kept well below the file-descriptor limit:
  when full, the oldest connection not in the middle of a request makes room.

asyncio accepts up to `backlog` sockets each time the listening socket is readable, before
any of them reaches the guard, and a connection closed to make room gives its descriptor
back only on the loop's next turn. Under a flood that is the cap plus two batches in
flight, so `connection_budget` sizes the batch and the cap together: cap + 3 batches +
the reserve fit within the limit.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

log = logging.getLogger(__name__)

MAX_BACKLOG = 128
"""Connections the kernel queues before they are accepted (and asyncio's accept batch)."""
MIN_BACKLOG = 8
BATCHES_IN_FLIGHT = 3
"""Accept batches the budget leaves room for beyond the cap (two in flight, one spare)."""
RESERVED_DESCRIPTORS = 64
"""File descriptors kept for everything but clients (database, logs, outgoing HTTP)."""
MIN_CONNECTIONS = 8

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class ConnectionBudget:
    """How many connections to hold open, and how many to accept in one batch."""

    max_connections: int
    backlog: int


def connection_budget(wanted: int) -> ConnectionBudget:
    """`wanted` connections, or fewer if the file-descriptor limit (raised to its maximum)
    cannot hold them with their accept batches in flight."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return ConnectionBudget(max_connections=wanted, backlog=MAX_BACKLOG)
    for_clients = soft - RESERVED_DESCRIPTORS
    backlog = max(MIN_BACKLOG, min(MAX_BACKLOG, for_clients // 8))
    cap = for_clients - BATCHES_IN_FLIGHT * backlog
    return ConnectionBudget(max_connections=max(MIN_CONNECTIONS, min(wanted, cap)), backlog=backlog)


class ConnectionGuard:
    """Bounds open connections and request time for one server."""

    def __init__(self, *, max_connections: int, request_timeout: float) -> None:
        self.max_connections = max_connections
        self.request_timeout = request_timeout
        self.evicted = 0
        """Connections closed to make room for a newer one."""
        self.timed_out = 0
        """Requests answered 408 because their body or answer took too long."""
        self._busy: set[RequestHandler] = set()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Mark the connection busy while its request runs, within the deadline."""
        protocol = request.protocol
        self._busy.add(protocol)
        try:
            async with asyncio.timeout(self.request_timeout):
                return await handler(request)
        except TimeoutError:
            self.timed_out += 1
            log.warning("request took too long", extra={"path": request.path})
            return web.Response(status=408, headers={"Connection": "close"})
        finally:
            self._busy.discard(protocol)

    def protocol_factory(self, server: web.Server) -> Callable[[], RequestHandler]:
        """The factory for `loop.create_server`: `server`'s protocol, after making room."""

        def accept() -> RequestHandler:
            self._make_room(server.connections)
            return server()

        return accept

    def _make_room(self, connections: list[RequestHandler]) -> None:
        """Close the oldest connections (idle ones first) so one more fits."""
        # A closed connection stays listed until its task ends; it no longer counts.
        open_connections = [c for c in connections if c.transport is not None]
        excess = len(open_connections) - self.max_connections + 1
        if excess <= 0:
            return
        idle = [c for c in open_connections if c not in self._busy]
        busy = [c for c in open_connections if c in self._busy]
        for connection in (idle + busy)[:excess]:
            connection.force_close()
            self.evicted += 1
        log.warning("connections full; oldest closed", extra={"closed": excess})

    def counters(self) -> dict[str, int]:
        """What `/healthz` reports about the server."""
        return {"http_connections_evicted": self.evicted, "http_requests_timed_out": self.timed_out}
