"""Community notices: the file's vegetable-stall notice and staff one-offs, once per group,
including across restarts (posted once: not twice, not never; too stale: skipped)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.devtools.sandbox import SandboxChat
from tests.harness import SHANGHAI, Harness

SAT_0700 = datetime(2026, 11, 28, 7, 0, tzinfo=SHANGHAI)
STALL = "菜摊在西门凉亭"


def posts(bot: Harness, chat: SandboxChat, text: str) -> int:
    """How many bot messages in the chat contain text."""
    return sum(1 for m in bot.sb.sent(chat.id) if text in m.content)


async def test_stall_notice_posts_to_every_bound_group_on_its_morning(harness: Harness) -> None:
    """Saturday 07:30: each bound group gets the stall notice once, in both languages."""
    harness.clock.set(SAT_0700)
    async with harness.running() as bot:
        one = await bot.group()
        two = await bot.group(-1002, "香溪美地 4-6栋")
        await bot.advance(timedelta(minutes=29))
        await bot.sb.wait_idle()
        assert posts(bot, one, STALL) == 0
        await bot.advance(timedelta(minutes=2))
        notice = await bot.sb.wait_for_message(one.id, contains=STALL)
        assert "vegetable stall" in notice.content
        await bot.sb.wait_for_message(two.id, contains=STALL)
        await bot.advance(timedelta(hours=1))
        await bot.sb.wait_idle()
        assert posts(bot, one, STALL) == 1 and posts(bot, two, STALL) == 1
        # Sunday to Tuesday: nothing; Wednesday 07:30: again.
        await bot.advance(timedelta(days=3, hours=22, minutes=59))  # Wed 07:30
        await bot.sb.wait_for_messages(one.id, contains=STALL, count=2)
        names = await _deadlines(bot, "notice:veg_stall:")
        assert names == ["notice:veg_stall:2026-11-28", "notice:veg_stall:2026-12-02"]


async def _deadlines(bot: Harness, prefix: str) -> list[str]:
    async with bot.runtime.db.read() as tx:
        rows = await tx.all(
            "SELECT name FROM deadlines WHERE name LIKE ? AND status = 'done' ORDER BY due_at",
            (prefix + "%",),
        )
    return [r["name"] for r in rows]


async def test_down_across_the_notice_time_posts_once_at_start(harness: Harness) -> None:
    """Down from 07:00 to 07:45: posted at start; further restarts do not post it again."""
    harness.clock.set(SAT_0700)
    async with harness.running() as bot:
        group = await bot.group()
    harness.clock.set(SAT_0700 + timedelta(minutes=45))
    async with harness.running() as bot:
        await bot.sb.wait_for_message(group.id, contains=STALL)
    harness.clock.set(SAT_0700 + timedelta(minutes=50))
    async with harness.running() as bot:
        await bot.advance(timedelta(minutes=10))
        await bot.sb.wait_idle()
        assert posts(bot, group, STALL) == 1


async def test_restart_right_after_posting_does_not_post_twice(harness: Harness) -> None:
    """Posted at 07:30, restarted at 07:31 (same day): still exactly one notice."""
    harness.clock.set(SAT_0700)
    async with harness.running() as bot:
        group = await bot.group()
        await bot.advance(timedelta(minutes=30))
        await bot.sb.wait_for_message(group.id, contains=STALL)
    harness.clock.set(SAT_0700 + timedelta(minutes=31))
    async with harness.running() as bot:
        await bot.advance(timedelta(minutes=1))
        await bot.sb.wait_idle()
        assert posts(bot, group, STALL) == 1


async def test_a_notice_missed_by_hours_is_skipped_not_posted_late(harness: Harness) -> None:
    """Down from 07:00 until 12:00: "the stall is here today" would be wrong by then."""
    harness.clock.set(SAT_0700)
    async with harness.running() as bot:
        group = await bot.group()
    harness.clock.set(SAT_0700 + timedelta(hours=5))
    async with harness.running() as bot:
        await bot.sb.wait_idle()
        assert posts(bot, group, STALL) == 0
        async with bot.runtime.db.read() as tx:
            events = await bot.runtime.audit.timeline(tx, "notice:veg_stall")
        assert [e.action for e in events] == ["notice_skipped_stale"]


async def test_staff_one_off_notice_at_a_given_time(bot: Harness) -> None:
    """/notice 今天 18:00 | text: posted as written with a bilingual header, at 18:00, once."""
    group = await bot.group()
    await bot.settle_staff()
    ok = await bot.ask(bot.staff, "/notice 今天 18:00 | 停水通知：明早 8:00-12:00 3栋停水。")
    assert "已安排" in ok.content and "18:00" in ok.content and "1 个群" in ok.content
    await bot.advance(timedelta(hours=9, minutes=59))
    await bot.sb.wait_idle()
    assert posts(bot, group, "停水通知") == 0
    await bot.advance(timedelta(minutes=2))
    posted = await bot.sb.wait_for_message(group.id, contains="停水通知")
    assert posted.content.startswith("📢 社区通知 · Community notice")
    assert "明早 8:00-12:00 3栋停水。" in posted.content
    await bot.sb.wait_for_message(bot.staff.id, contains="通知已发到 1 个群")
    await bot.advance(timedelta(hours=1))
    await bot.sb.wait_idle()
    assert posts(bot, group, "停水通知") == 1


async def test_one_off_notice_due_while_down_posts_once_after_restart(harness: Harness) -> None:
    """Scheduled for 18:00, the bot down from 17:00 to 18:20: posted at start, once."""
    async with harness.running() as bot:
        group = await bot.group()
        await bot.settle_staff()
        await bot.ask(bot.staff, "/notice 今天 18:00 | 今晚 19:00 消防演习", contains="已安排")
    harness.clock.set(datetime(2026, 11, 28, 18, 20, tzinfo=SHANGHAI))
    async with harness.running() as bot:
        await bot.sb.wait_for_message(group.id, contains="消防演习")
    async with harness.running() as bot:
        await bot.advance(timedelta(minutes=5))
        await bot.sb.wait_idle()
        assert posts(bot, group, "消防演习") == 1


async def test_notice_command_is_for_staff_and_needs_a_time(bot: Harness) -> None:
    """A resident cannot post; staff get usage help for a missing separator or unclear time."""
    resident = bot.person(6001, "小李")
    refused = await bot.ask(resident, "/notice 现在 | 大家好")
    assert "工作人员" in refused.content
    await bot.settle_staff()
    usage = await bot.ask(bot.staff, "/notice 明天停水")
    assert "用法" in usage.content
    unclear = await bot.ask(bot.staff, "/notice 找个时间 | 大家好")
    assert "没看懂时间" in unclear.content
    no_hour = await bot.ask(bot.staff, "/notice 明天 | 大家好")
    assert "没看懂时间" in no_hour.content
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM notices") == 0
