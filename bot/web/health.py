"""``/healthz`` and ``/readyz`` for a load balancer or a supervisor, on the console's port.

``/healthz``: the process answers (its event loop runs). ``/readyz``: it can do its work now —
started (storage open, the sender running, updates being taken), not stopping, and the
database answers a query within a second; otherwise 503, so a balancer sends deliveries
elsewhere. Neither needs a session and neither says anything but ok or why not.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from aiohttp import web

from bot.storage import Database
from bot.storage.health import answers

DB_WAIT = 1.0  # seconds: a database busier than this is not ready for more


class Health:
    """The two answers, for this database and this readiness flag."""

    def __init__(self, db: Database, ready: Callable[[], bool]) -> None:
        self.db = db
        self.ready = ready

    async def healthz(self, request: web.Request) -> web.StreamResponse:
        """GET /healthz: alive."""
        return web.Response(text="ok")

    async def readyz(self, request: web.Request) -> web.StreamResponse:
        """GET /readyz: started, not stopping, database reachable."""
        if not self.ready():
            return web.Response(status=503, text="not ready: starting or stopping")
        if not await self._database_answers():
            return web.Response(status=503, text="not ready: database unreachable")
        return web.Response(text="ready")

    async def _database_answers(self) -> bool:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(DB_WAIT):
                async with self.db.read() as tx:
                    return await answers(tx)
        return False

    def routes(self) -> list[web.RouteDef]:
        """The two routes to add to the server."""
        return [web.get("/healthz", self.healthz), web.get("/readyz", self.readyz)]


__all__ = ["Health"]
