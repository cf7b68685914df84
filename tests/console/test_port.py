"""`concierge shell` and the demo honour CONCIERGE_WEB_PORT (and host): the console listens
where the environment says, not on a port picked at random."""

from __future__ import annotations

import socket
from datetime import datetime

import aiohttp

from bot.config import web_settings
from bot.devtools.scenario import scenario


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_shell_console_listens_on_the_configured_port() -> None:
    port = _free_port()
    env = {"CONCIERGE_WEB_PORT": str(port), "CONCIERGE_WEB_HOST": "127.0.0.1"}
    async with scenario(datetime(2026, 5, 4, 9, 0).astimezone(), None, env) as s:
        server = s.runtime.servers[0]
        assert server.base_url == f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/") as response,
        ):
            assert response.status == 403  # the console itself, refusing a stranger


def test_web_settings_read_the_environment_with_a_default_port() -> None:
    assert web_settings({}, default_port=0)["web_port"] == 0
    assert web_settings({})["web_port"] == 8080
    found = web_settings({"CONCIERGE_WEB_PORT": "9123", "CONCIERGE_PUBLIC_URL": "https://x/"})
    assert (found["web_port"], found["public_url"]) == (9123, "https://x")
