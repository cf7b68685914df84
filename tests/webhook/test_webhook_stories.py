"""Webhook mode end to end: the sandbox posts updates to the real Application's web server,
which records each, answers, and handles it in the background like a polled update."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from bot.devtools.sandbox import Sandbox
from bot.storage import Database
from bot.storage import inbox as rows
from bot.webhook.routes import PATH
from bot.webhook.secret import HEADER, secret_token
from tests.booking_steps import book, crew, offer_to, press
from tests.harness import Harness


def _url(bot: Harness) -> str:
    return f"{bot.settings.public_url}{PATH}"


async def _count(bot: Harness, sql: str) -> int:
    async with bot.runtime.db.read() as tx:
        return int(await tx.scalar(sql) or 0)


async def test_a_resident_books_and_a_provider_accepts_over_the_webhook(hooked: Harness) -> None:
    """The whole booking flow runs on deliveries: no getUpdates at all, the webhook set to the
    public URL with the derived secret, every delivery genuine and taken, the inbox empty."""
    bot = hooked
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    contacting = await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    bot.clock.advance(timedelta(minutes=5))
    await press(bot, people.zhao, offer, "✅ 接单")
    told = await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    assert "赵阿姨已接单" in told.content

    sb = bot.sb
    assert sb.calls("getUpdates") == []
    [registered] = sb.calls("setWebhook")
    assert registered.params["url"] == _url(bot)
    assert registered.params["secret_token"] == secret_token(bot.settings.secret_key)
    assert sb.webhook.deliveries and all(d.ok and d.with_secret for d in sb.webhook.deliveries)
    assert await _count(bot, "SELECT status = 'accepted' FROM bookings") == 1
    assert await _count(bot, "SELECT COUNT(*) FROM webhook_inbox") == 0


async def test_deliveries_without_the_right_secret_are_refused_and_nothing_is_recorded(
    hooked: Harness,
) -> None:
    """No header or a wrong one: 403, nothing recorded or handled. The right one with a body
    that is no update: 400. The right one with an update: taken and answered."""
    bot = hooked
    bot.sb.private_chat(bot.person(6001, "小李"))  # a forger posts what she could have written
    user = {"id": 6001, "is_bot": False, "first_name": "小李", "language_code": "zh-hans"}
    update = {
        "update_id": 900001,
        "message": {
            "message_id": 1,
            "date": 1764288000,
            "chat": {"id": 6001, "type": "private", "first_name": "小李"},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    body = json.dumps(update)
    token = secret_token(bot.settings.secret_key)
    async with httpx.AsyncClient() as client:
        for headers in ({}, {HEADER: ""}, {HEADER: token[:-1]}, {HEADER: token + "x"}):
            refused = await client.post(_url(bot), content=body, headers=headers)
            assert refused.status_code == 403
        assert await _count(bot, "SELECT COUNT(*) FROM webhook_inbox") == 0
        assert await _count(bot, "SELECT COUNT(*) FROM processed_updates") == 0
        assert bot.sb.sent(6001) == []
        garbage = await client.post(_url(bot), content=b"{not json", headers={HEADER: token})
        assert garbage.status_code == 400
        no_id = await client.post(_url(bot), content=b'{"message": {}}', headers={HEADER: token})
        assert no_id.status_code == 400
        taken = await client.post(_url(bot), content=body, headers={HEADER: token})
        assert taken.status_code == 200
    await bot.sb.wait_for(lambda: bool(bot.sb.sent(6001)))
    assert await _count(bot, "SELECT COUNT(*) FROM processed_updates") == 1


async def test_every_update_delivered_twice_is_handled_once(hooked: Harness) -> None:
    """Telegram delivers again when it misses the answer: with every update posted twice, a
    whole booking still makes one booking, one offer and one of each reply."""
    bot = hooked
    people = await crew(bot)
    bot.sb.webhook.every_update_twice = True
    before = len(bot.sb.webhook.deliveries)
    resident = bot.person(6001, "小李")
    contacting = await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    await bot.sb.wait_idle(quiet=0.1)

    posted: dict[int, int] = {}
    for delivery in bot.sb.webhook.deliveries[before:]:
        posted[delivery.update_id] = posted.get(delivery.update_id, 0) + 1
    assert len(posted) >= 6  # the booking's words and presses, and the provider's accept
    assert set(posted.values()) == {2}
    assert await _count(bot, "SELECT COUNT(*) FROM bookings") == 1
    assert await _count(bot, "SELECT COUNT(*) FROM booking_offers") == 1
    async with bot.runtime.db.read() as tx:
        actions = [e.action for e in await bot.runtime.audit.timeline(tx, "booking:1")]
    assert actions.count("confirmed") == 1 and actions.count("accepted") == 1
    for text in ("正在为您联系", "已接单", "请确认预约"):
        assert len([m for m in bot.sb.sent(resident.id) if text in m.content]) == 1, text
    assert await _count(bot, "SELECT COUNT(*) FROM webhook_inbox") == 0


async def test_updates_recorded_before_a_crash_are_handled_at_the_next_start(
    webhook_harness: Harness,
) -> None:
    """A crash between answering Telegram and handling leaves updates in the inbox (one even
    claimed by the dead process); the next start handles them before anything new, in order,
    and Telegram never sends them again."""
    bot = webhook_harness
    async with bot.running():
        await bot.settle_staff()
    sb: Sandbox = bot.sb
    alice, bob = bot.person(6001, "小李"), bot.person(6002, "老周")
    await sb.start(alice)
    await sb.start(bob)
    # What the dead process had done: recorded both (so Telegram got its 200 and forgot them),
    # claimed the first, handled neither.
    updates = list(sb.pending_updates)
    assert len(updates) == 2
    sb.state.updates.clear()
    db = Database(bot.settings.db_path)
    await db.open()
    try:
        async with db.tx() as tx:
            for update in updates:
                await rows.record(tx, update["update_id"], json.dumps(update), bot.clock.now())
            await rows.claim(tx, bot.clock.now(), timedelta(minutes=5), 1)
    finally:
        await db.close()

    async with bot.running():
        welcome_alice = await sb.wait_for_message(alice.id)
        welcome_bob = await sb.wait_for_message(bob.id)
        assert welcome_alice.seq < welcome_bob.seq  # in update order
        await sb.wait_idle(quiet=0.1)
        assert await _count(bot, "SELECT COUNT(*) FROM webhook_inbox") == 0
        ids = [u["update_id"] for u in updates]
        marks = f"SELECT COUNT(*) FROM processed_updates WHERE update_id IN ({ids[0]}, {ids[1]})"
        assert await _count(bot, marks) == 2
    assert not any(d.update_id in {u["update_id"] for u in updates} for d in sb.webhook.deliveries)


async def test_health_and_readiness_answer_on_the_console_port(hooked: Harness) -> None:
    """Running: /healthz and /readyz both answer 200 on the same port as the webhook."""
    bot = hooked
    async with httpx.AsyncClient(base_url=bot.settings.public_url) as client:
        assert (await client.get("/healthz")).status_code == 200
        ready = await client.get("/readyz")
        assert ready.status_code == 200 and ready.text == "ready"


async def test_an_update_the_library_cannot_read_is_dropped_and_the_next_is_handled(
    hooked: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """A genuine delivery whose body python-telegram-bot cannot read (a message that is a
    string) is answered, then dropped with a log line that quotes none of it; the inbox goes on."""
    bot = hooked
    token = secret_token(bot.settings.secret_key)
    odd = json.dumps({"update_id": 900002, "message": "秘密 3-2-501"})
    async with httpx.AsyncClient() as client:
        taken = await client.post(_url(bot), content=odd, headers={HEADER: token})
    assert taken.status_code == 200
    alice = bot.person(6001, "小李")
    started = await bot.sb.start(alice)
    await bot.sb.wait_for_message(alice.id, after=started.message_id)
    assert await _count(bot, "SELECT COUNT(*) FROM webhook_inbox") == 0
    dropped = [r.getMessage() for r in caplog.records if "could not be read" in r.getMessage()]
    assert dropped == ["Webhook update 900002 could not be read (AttributeError); dropped"]
    assert not any("3-2-501" in r.getMessage() for r in caplog.records)
