"""The sandbox delivers updates to a webhook as Telegram does: POSTed in order with the secret
header, kept and retried until the bot answers 2xx, again when the answer was lost."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from aiohttp import web

from bot.devtools.sandbox import Sandbox

SECRET = "s3cret_token-OK"


@dataclass
class Receiver:
    """A webhook endpoint that records what it got and answers with the next status."""

    url: str = ""
    got: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # then 200 for ever

    async def handle(self, request: web.Request) -> web.Response:
        self.got.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A local endpoint on a free port."""
    found = Receiver()
    app = web.Application()
    app.router.add_post("/hook", found.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    found.url = f"http://127.0.0.1:{port}/hook"
    yield found
    await runner.cleanup()


async def _set(http: httpx.AsyncClient, url: str, secret: str = SECRET) -> dict[str, Any]:
    body: dict[str, Any] = (
        await http.post("setWebhook", json={"url": url, "secret_token": secret})
    ).json()
    return body


async def test_updates_are_posted_in_order_with_the_secret_and_then_confirmed(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """Each update once, oldest first, with the header; the queue is empty afterwards."""
    alice = sandbox.user(1001, "Alice")
    await sandbox.send(alice, "one")
    assert (await _set(http, receiver.url))["ok"]
    await sandbox.send(alice, "two")
    await sandbox.wait_for(lambda: len(receiver.got) == 2 and not sandbox.pending_updates)
    assert [u["message"]["text"] for u, _ in receiver.got] == ["one", "two"]
    assert {secret for _, secret in receiver.got} == {SECRET}
    info = (await http.post("getWebhookInfo")).json()["result"]
    assert info["url"] == receiver.url and info["pending_update_count"] == 0


async def test_a_refused_delivery_is_kept_and_posted_again(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """A 403 and a 500 leave the update queued; the next 200 takes it; getWebhookInfo says
    what went wrong last."""
    receiver.answers = [403, 500]
    await _set(http, receiver.url)
    await sandbox.send(sandbox.user(1001, "Alice"), "hello")
    await sandbox.wait_for(lambda: not sandbox.pending_updates)
    assert len(receiver.got) == 3
    assert len({u["update_id"] for u, _ in receiver.got}) == 1
    assert [d.status for d in sandbox.webhook.deliveries] == [403, 500, 200]
    info = (await http.post("getWebhookInfo")).json()["result"]
    assert "500" in info["last_error_message"]


async def test_a_lost_answer_means_the_update_is_posted_again(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """The bot got it and answered 200, but the answer never arrived: posted a second time."""
    sandbox.webhook.lose_answers(1)
    await _set(http, receiver.url)
    sent = await sandbox.send(sandbox.user(1001, "Alice"), "hello")
    await sandbox.wait_for(lambda: not sandbox.pending_updates)
    assert [u["message"]["message_id"] for u, _ in receiver.got] == [sent.message_id] * 2
    assert [d.answer_lost for d in sandbox.webhook.deliveries] == [True, False]


async def test_nothing_is_posted_without_a_webhook_and_polling_is_refused_with_one(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """getUpdates gets 409 while a webhook is set; after deleteWebhook updates wait for it."""
    await _set(http, receiver.url)
    conflict = await http.post("getUpdates", json={"timeout": 0})
    assert conflict.status_code == 409
    assert (await http.post("deleteWebhook")).json()["result"] is True
    await sandbox.send(sandbox.user(1001, "Alice"), "hello")
    polled = (await http.post("getUpdates", json={"timeout": 0})).json()["result"]
    assert [u["message"]["text"] for u in polled] == ["hello"]
    assert receiver.got == []


@pytest.mark.parametrize("secret", ["has space", "ü", "x" * 257, "semi;colon"])
async def test_a_secret_outside_telegrams_alphabet_is_refused(
    http: httpx.AsyncClient, receiver: Receiver, secret: str
) -> None:
    """1-256 characters of A-Za-z0-9_- only, as Telegram checks."""
    body = await _set(http, receiver.url, secret)
    assert body["ok"] is False and body["error_code"] == 400
    info = (await http.post("getWebhookInfo")).json()["result"]
    assert info["url"] == ""


async def test_an_unreachable_webhook_is_retried_until_it_answers(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """A refused connection (the bot is down) keeps the update; pointing the webhook at a
    listening endpoint delivers it."""
    await _set(http, "http://127.0.0.1:9/hook")  # the discard port: nothing listens
    await sandbox.send(sandbox.user(1001, "Alice"), "hello")
    await sandbox.wait_for(lambda: len(sandbox.webhook.deliveries) >= 2)
    assert all(d.status == 0 for d in sandbox.webhook.deliveries)
    assert sandbox.pending_updates
    await _set(http, receiver.url)
    await sandbox.wait_for(lambda: not sandbox.pending_updates)
    assert len(receiver.got) == 1


async def test_every_update_twice_posts_each_update_exactly_twice(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """The first answer to each update is lost, the second taken: two POSTs per update."""
    sandbox.webhook.every_update_twice = True
    await _set(http, receiver.url)
    alice = sandbox.user(1001, "Alice")
    for text in ("one", "two", "three"):
        await sandbox.send(alice, text)
    await sandbox.wait_for(lambda: not sandbox.pending_updates)
    texts = [u["message"]["text"] for u, _ in receiver.got]
    assert texts == ["one", "one", "two", "two", "three", "three"]


async def test_the_control_routes_list_posts_and_lose_answers(
    sandbox: Sandbox, http: httpx.AsyncClient, receiver: Receiver
) -> None:
    """Out of process: lose the next answer, then read both POSTs of the update."""
    async with httpx.AsyncClient(base_url=f"{sandbox.root_url}/control/") as control:
        assert (await control.post("lose_answers", json={"times": 1})).json()["ok"]
        await _set(http, receiver.url)
        await sandbox.send(sandbox.user(1001, "Alice"), "hello")
        await sandbox.wait_for(lambda: not sandbox.pending_updates)
        posts = (await control.post("webhook")).json()["result"]
    assert [(p["status"], p["answer_lost"], p["with_secret"]) for p in posts] == [
        (200, True, True),
        (200, False, True),
    ]
