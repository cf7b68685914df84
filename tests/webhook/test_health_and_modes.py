"""/healthz and /readyz in both modes, and switching between webhook and polling."""

from __future__ import annotations

import httpx

from bot.app import build_application
from bot.web.server import ConsoleServer
from bot.webhook.routes import PATH
from tests.harness import Harness


def _console(bot: Harness) -> ConsoleServer:
    server = bot.runtime.servers[0]
    assert isinstance(server, ConsoleServer)
    return server


async def test_polling_mode_serves_health_but_takes_no_deliveries(bot: Harness) -> None:
    """Polling (the default): both health routes answer 200; the webhook route does not exist,
    so nothing can be posted in."""
    base = f"http://127.0.0.1:{_console(bot).port}"
    async with httpx.AsyncClient(base_url=base) as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200
        assert (await client.post(PATH, content=b'{"update_id": 1}')).status_code in (404, 405)
    assert bot.sb.calls("setWebhook") == []


async def test_readyz_is_503_until_the_bot_has_started(harness: Harness) -> None:
    """The web server can answer before the bot is started (storage closed): alive, not ready."""
    app = build_application(harness.settings, clock=harness.clock)
    server = app.bot_data.runtime.servers[0]
    assert isinstance(server, ConsoleServer)
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
            assert (await client.get("/healthz")).status_code == 200
            not_ready = await client.get("/readyz")
            assert not_ready.status_code == 503 and "not ready" in not_ready.text
    finally:
        await server.stop()


async def test_readyz_is_503_once_stopping_began(hooked: Harness) -> None:
    """A balancer must stop sending deliveries as soon as the stop begins."""
    base = hooked.settings.public_url
    async with httpx.AsyncClient(base_url=base) as client:
        assert (await client.get("/readyz")).status_code == 200
        hooked.runtime.ready = False  # what lifecycle.stop does first
        assert (await client.get("/readyz")).status_code == 503
        hooked.runtime.ready = True


async def test_returning_to_polling_removes_the_webhook(webhook_harness: Harness) -> None:
    """A webhook left by a run in webhook mode would make getUpdates fail (409): the polling
    start removes it, then reads what was queued meanwhile."""
    bot = webhook_harness
    async with bot.running():
        await bot.settle_staff()
    assert bot.sb.state.webhook_url
    alice = bot.person(6001, "小李")
    await bot.sb.start(alice)  # while the bot is down
    bot.with_settings(webhook=False)
    async with bot.running():
        await bot.sb.wait_for_message(alice.id)
        assert bot.sb.state.webhook_url == ""
        assert bot.sb.calls("deleteWebhook")
