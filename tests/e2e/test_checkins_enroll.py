"""Staff enrol elders with /enroll, invite them, and see everyone's day with /care."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import Harness


async def _link(bot: Harness, command: str) -> str:
    answer = await bot.ask(bot.staff, command, contains="邀请链接")
    url = next(b["url"] for b in answer.buttons if "url" in b)
    return str(url).rsplit("start=", 1)[1]


async def test_staff_enrol_invite_and_the_elder_gets_pinged(bot: Harness) -> None:
    """/enroll stores the elder; /invite elder <key> works for them; the ping comes on time."""
    await bot.settle_staff()
    enrolled = await bot.ask(
        bot.staff, "/enroll 赵爷爷 | 1栋1单元101 | 08:45 | hk_zhang | high", contains="已登记"
    )
    assert "编号 e1" in enrolled.content and "08:45" in enrolled.content
    elder = bot.person(3101, "赵爷爷")
    started = await bot.sb.press_start(elder, await _link(bot, "/invite elder e1"))
    welcome = await bot.sb.wait_for_message(elder.id, after=started.message_id)
    assert welcome.content.startswith("赵爷爷，您好！")
    son = bot.person(4101, "赵小军")
    started = await bot.sb.press_start(son, await _link(bot, "/invite family e1"))
    joined = await bot.sb.wait_for_message(son.id, after=started.message_id)
    assert "赵爷爷 的关爱服务" in joined.content
    await bot.advance(timedelta(minutes=45))
    ping = await bot.sb.wait_for_message(elder.id, contains="早上好，赵爷爷！今天都好吗？")
    await bot.sb.press(elder, ping, "🆘 需要帮助")
    await bot.sb.wait_for_message(son.id, contains="需要帮助")
    view = await bot.ask(bot.staff, "/care", contains="今日关爱")
    first = view.content.splitlines()[1]
    assert "赵爷爷" in first and "求助中" in first
    async with bot.runtime.db.read() as tx:
        events = await bot.runtime.audit.timeline(tx, "elder:e1")
    assert [e.action for e in events][:1] == ["enrolled"]


async def test_enroll_is_for_staff_and_explains_itself(bot: Harness) -> None:
    """A resident is refused; a malformed line gets the usage; 代查 enrols a proxy elder."""
    resident = bot.person(6001, "小李")
    refused = await bot.ask(resident, "/enroll 某人 | 1-1-1 | 08:00 | hk_zhang | high")
    assert "工作人员" in refused.content
    await bot.settle_staff()
    usage = await bot.ask(bot.staff, "/enroll 孙奶奶 | 1-1-1 | 8点 | hk_nobody", contains="用法")
    assert "hk_zhang" in usage.content
    proxy = await bot.ask(
        bot.staff, "/enroll 孙奶奶 | 1-1-1 | 09:30 | hk_zhang | normal | 代查", contains="已登记"
    )
    assert "网格员代为确认" in proxy.content
    keeper = bot.person(2001, "张管家")
    await bot.join(keeper, "housekeeper", "hk_zhang")
    await bot.advance(timedelta(minutes=90))
    await bot.sb.wait_for_message(keeper.id, contains="代查问候：孙奶奶")
