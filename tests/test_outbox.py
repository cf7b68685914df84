"""The outbox delivers every message Telegram answers for exactly once (through 429s, 5xx and a
bot restart in the middle of sending), and never repeats one whose answer was lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.clock import FakeClock
from bot.config import RateLimits
from bot.devtools.sandbox import Sandbox, SandboxUser
from bot.i18n import T
from tests.harness import START, Harness, make_settings

MESSAGES_PER_PERSON = 8


async def _open_chats(h: Harness, count: int) -> list[SandboxUser]:
    people = [h.person(7100 + i, f"居民{i}") for i in range(count)]
    for person in people:
        await h.ask(person, "/start")
    await h.sb.wait_idle()
    return people


async def _enqueue(h: Harness, people: list[SandboxUser], tag: str) -> set[tuple[int, str]]:
    """Write numbered messages into the outbox in one transaction, as the domain does."""
    expected: set[tuple[int, str]] = set()
    async with h.runtime.db.tx() as tx:
        for person in people:
            for n in range(MESSAGES_PER_PERSON):
                text = f"{tag}-{person.id}-{n}"
                await h.runtime.outbox.send(
                    tx, person.id, T("common.lines", lines=[text]), key=f"test:{text}"
                )
                expected.add((person.id, text))
    return expected


def _delivered(sb: Sandbox, tag: str) -> Counter[tuple[int, str]]:
    return Counter((m.chat.id, m.content) for m in sb.sent() if m.content.startswith(tag))


async def _all_delivered(h: Harness, expected: set[tuple[int, str]], tag: str) -> None:
    await h.sb.wait_for(lambda: set(_delivered(h.sb, tag)) >= expected, timeout=20)
    await h.sb.wait_idle()


async def test_exactly_once_through_429_and_5xx(harness: Harness) -> None:
    """Faults Telegram answers (it did not take the message) delay delivery but never lose or
    repeat a message."""
    async with harness.running() as h:
        people = await _open_chats(h, 3)
        h.sb.faults.add("sendMessage", "429", times=2, retry_after=1)
        h.sb.faults.add("sendMessage", "500", times=2)
        h.sb.faults.add("sendMessage", "502", times=1)
        expected = await _enqueue(h, people, "faulty")
        await _all_delivered(h, expected, "faulty")
        delivered = _delivered(h.sb, "faulty")
        assert set(delivered) == expected
        assert max(delivered.values()) == 1, "a message was delivered twice"
        assert h.sb.faults.pending == 0, "every injected fault was hit"
        order = [m.content for m in h.sb.sent(people[0].id) if m.content.startswith("faulty")]
        assert order == [f"faulty-{people[0].id}-{n}" for n in range(MESSAGES_PER_PERSON)]
        async with h.runtime.db.read() as tx:
            statuses = await tx.all("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")
        assert {r["status"]: r["n"] for r in statuses} == {"sent": len(h.sb.sent())}


async def test_lost_answers_are_never_repeated_and_are_counted(harness: Harness) -> None:
    """A dropped connection or a read timeout after the request left is ambiguous: the
    message may or may not have arrived. It is never sent again; its row ends uncertain (the
    documented case: here the sandbox had not processed them, so they are the ones lost)."""
    harness.with_settings(request_timeout=0.5)
    async with harness.running() as h:
        people = await _open_chats(h, 3)
        h.sb.faults.add("sendMessage", "drop", times=2)
        h.sb.faults.add("sendMessage", "slow", times=2, delay=1.5)
        expected = await _enqueue(h, people, "faulty")
        await h.sb.wait_for(lambda: len(_delivered(h.sb, "faulty")) == len(expected) - 4, 20)
        await h.sb.wait_idle(quiet=0.5)
        delivered = _delivered(h.sb, "faulty")
        assert max(delivered.values()) == 1, "a message was delivered twice"
        assert h.sb.faults.pending == 0
        async with h.runtime.db.read() as tx:
            statuses = await tx.all(
                "SELECT status, COUNT(*) AS n FROM outbox WHERE dedupe_key LIKE 'test:%'"
                " GROUP BY status"
            )
        assert {r["status"]: r["n"] for r in statuses} == {
            "sent": len(expected) - 4,
            "uncertain": 4,
        }
        assert h.runtime.sender is not None and h.runtime.sender.stats.uncertain == 4


async def test_restart_in_the_middle_of_sending_loses_and_repeats_nothing(
    harness: Harness,
) -> None:
    """Stopping the bot mid-batch and starting it again delivers the rest, once each."""
    slow = harness.settings.rate_limits.__class__(
        global_per_second=1000, per_chat_interval=0.05, group_per_minute=1000
    )
    harness.with_settings(rate_limits=slow)
    async with harness.running() as h:
        people = await _open_chats(h, 3)
        h.sb.faults.add("sendMessage", "slow", times=1, delay=0.3)
        expected = await _enqueue(h, people, "batch")
        await h.sb.wait_for(lambda: sum(_delivered(h.sb, "batch").values()) >= 5)
    part = sum(_delivered(harness.sb, "batch").values())
    assert 5 <= part < len(expected), "the restart really happened mid-batch"
    async with harness.running() as h:
        await _all_delivered(h, expected, "batch")
    delivered = _delivered(harness.sb, "batch")
    assert set(delivered) == expected
    assert max(delivered.values()) == 1


async def test_permanent_failure_is_recorded_not_retried_forever(bot: Harness) -> None:
    """A chat Telegram refuses (never opened) fails once for good; others still go out."""
    stranger = bot.person(7999, "从没聊过")
    friend = (await _open_chats(bot, 1))[0]
    async with bot.runtime.db.tx() as tx:
        await bot.runtime.outbox.send(tx, stranger.id, T("common.error"), key="test:stranger")
        await bot.runtime.outbox.send(tx, friend.id, T("common.error"), key="test:friend")
    await bot.sb.wait_for_message(friend.id, contains="出了点问题")
    await bot.sb.wait_idle()
    async with bot.runtime.db.read() as tx:
        row = await tx.one(
            "SELECT status, attempts FROM outbox WHERE dedupe_key = 'test:stranger'"
        )
    assert row is not None and row["status"] == "failed" and row["attempts"] == 1


async def test_same_dedupe_key_is_sent_once(bot: Harness) -> None:
    """Writing the same message twice (same key) queues it once."""
    friend = (await _open_chats(bot, 1))[0]
    for _ in range(2):
        async with bot.runtime.db.tx() as tx:
            await bot.runtime.outbox.send(
                tx, friend.id, T("common.lines", lines=["once"]), key="test:once"
            )
    await bot.sb.wait_for_message(friend.id, contains="once")
    await bot.sb.wait_idle()
    assert [m.content for m in bot.sb.sent(friend.id)].count("once") == 1


async def test_default_limits_never_trip_telegram_flood_control(tmp_path: Path) -> None:
    """With Telegram's limits enforced by the sandbox, a burst to one chat gets no 429."""
    async with Sandbox(enforce_flood_limits=True) as sb:
        settings = make_settings(sb, tmp_path / "db.sqlite", rate_limits=RateLimits())
        h = Harness(sb, settings, FakeClock(START))
        async with h.running():
            friend = h.person(7200, "朋友")
            await sb.press_start(friend)
            await sb.wait_for_message(friend.id)
            async with h.runtime.db.tx() as tx:
                for n in range(6):
                    await h.runtime.outbox.send(
                        tx, friend.id, T("common.lines", lines=[f"burst {n}"]), key=f"burst:{n}"
                    )
            await sb.wait_for(
                lambda: sum(m.content.startswith("burst") for m in sb.sent(friend.id)) == 6,
                timeout=15,
            )
        refused = [c for c in sb.calls("sendMessage") if c.error_code == 429]
        assert refused == []
