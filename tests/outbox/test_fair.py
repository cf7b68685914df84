"""Issue 11, "One chat blocks everyone": per-chat lanes. One member flooding a group queued
594 replies behind the 20-per-minute group limit and no private chat got a reply for 120 s;
now the flooded group waits alone."""

from __future__ import annotations

from bot.config import RateLimits
from tests.harness import Harness
from tests.outbox.support import copies, enqueue, open_chats


async def test_a_flooded_group_does_not_delay_a_private_reply(harness: Harness) -> None:
    """600 replies queued for one group, then one for a private chat: the private reply goes
    out while the group is still within its first minute's 20 (Telegram's real limits)."""
    harness.with_settings(rate_limits=RateLimits())
    async with harness.running() as h:
        group = await h.group(-4002, "刷屏群")
        [person] = await open_chats(h, 1)
        await enqueue(h, [group.id], "flood", per_chat=600)
        await enqueue(h, [person.id], "private")
        await h.sb.wait_for(lambda: bool(copies(h.sb, "private")), timeout=15)
        delivered_to_group = sum(copies(h.sb, "flood").values())
        assert delivered_to_group <= RateLimits().group_per_minute
        in_group = [m.content for m in h.sb.sent(group.id) if m.content.startswith("flood")]
        assert in_group == [f"flood-{group.id}-{n}" for n in range(len(in_group))]


async def test_a_dead_chat_delays_only_itself(harness: Harness) -> None:
    """A chat whose sends keep failing (5xx, backing off) holds back none of the others."""
    async with harness.running() as h:
        people = await open_chats(h, 4)
        dead = people[0]
        h.sb.faults.add("sendMessage", "500", times=100, chat_id=dead.id)
        texts = await enqueue(h, [p.id for p in people], "lane", per_chat=5)
        alive = {t for t in texts if not t.startswith(f"lane-{dead.id}-")}
        await h.sb.wait_for(lambda: set(copies(h.sb, "lane")) >= alive, timeout=10)
        assert not any(t.startswith(f"lane-{dead.id}-") for t in copies(h.sb, "lane"))
        h.sb.faults.clear()
