"""The route Telegram posts updates to, on the console's server.

Every delivery is checked first: without the secret header (compared in constant time) it is
refused with 403 and nothing is read or recorded. A genuine one is recorded durably, then
answered 200 at once; the handling happens in the background (:mod:`bot.webhook.inbox`), so a
slow handler never makes Telegram time out and deliver again. While the bot stops, deliveries
get 503: Telegram keeps them and delivers them later (to this instance or another).
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.webhook.inbox import BadDelivery, WebhookInbox
from bot.webhook.secret import HEADER, is_genuine

_LOGGER = logging.getLogger(__name__)

PATH = "/telegram/webhook"  # where setWebhook points: CONCIERGE_PUBLIC_URL + PATH
MAX_BODY = 1024 * 1024  # an update is a few kB; the console's own limit (64 kB) is too tight


class WebhookRoute:
    """POST PATH: check the secret, record the update, answer."""

    def __init__(self, inbox: WebhookInbox, token: str) -> None:
        self.inbox = inbox
        self._token = token

    async def deliver(self, request: web.Request) -> web.StreamResponse:
        """One delivery from Telegram."""
        if not is_genuine(request.headers.get(HEADER), self._token):
            _LOGGER.warning("A webhook delivery without the right secret token was refused")
            return web.Response(status=403, text="forbidden")
        if not self.inbox.accepting:
            return web.Response(status=503, text="stopping")
        body = await _body(request)
        if body is None:
            return web.Response(status=413, text="too large")
        try:
            await self.inbox.receive(body)
        except BadDelivery as exc:
            _LOGGER.warning("A webhook delivery was not an update (%s); refused", exc)
            return web.Response(status=400, text="not an update")
        return web.Response(status=200, text="ok")

    def routes(self) -> list[web.RouteDef]:
        """The route to add to the server."""
        return [web.post(PATH, self.deliver)]


async def _body(request: web.Request) -> bytes | None:
    """The request body, or None when it is larger than MAX_BODY."""
    if (request.content_length or 0) > MAX_BODY:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = ["MAX_BODY", "PATH", "WebhookRoute"]
