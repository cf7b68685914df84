"""Welfare check-ins over the sandbox: pings, every path of the ladder, pauses, visits, privacy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot.audit import AuditEvent
from bot.config import load_community
from bot.devtools.sandbox import SandboxMessage, SandboxUser
from bot.devtools.scenario import walk_time
from bot.storage.dialect import is_postgres
from tests.harness import Harness

COMMUNITY = """
[community]
name_zh = "测试花园"
name_en = "Test Garden"

[checkins]
reminder_after = "30m"
grid_worker_after = "60m"
staff_after = "120m"
visit_every_high = "2d"
visit_every_normal = "3d"
max_pause = "5d"

[[staff]]
telegram_id = 1001
name = "刘主任"

[[housekeepers]]
key = "hk_zhang"
name = "张管家"
buildings = ["1", "2", "3"]

[[housekeepers]]
key = "hk_chen"
name = "陈管家"
buildings = ["4", "5"]

[[elders]]
key = "elder_wang"
name = "王阿姨"
address = "3栋2单元501"
checkin_times = ["06:30", "08:30"]
grid_worker = "hk_zhang"
risk = "high"
family = [{ name = "王小明", relation = "女儿", daily_all_clear = true }]

[[elders]]
key = "elder_li"
name = "李大爷"
address = "5栋1单元302"
checkin_times = ["09:00"]
grid_worker = "hk_chen"
family = [{ name = "李强", relation = "儿子" }]

[[elders]]
key = "elder_zhao"
name = "赵奶奶"
address = "2栋1单元101"
checkin_times = ["10:00"]
grid_worker = "hk_zhang"
has_telegram = false
"""

WANG_ADDRESS = "3栋2单元501"
NOT_LADDER = {"visit_planned", "joined", "invite_created"}


@dataclass
class Cast:
    """The people of a check-in story."""

    bot: Harness
    wang: SandboxUser
    daughter: SandboxUser
    zhang: SandboxUser
    li: SandboxUser
    son: SandboxUser
    chen: SandboxUser

    async def ping(self, user: SandboxUser) -> SandboxMessage:
        """Wait for the check-in question to this elder."""
        return await self.bot.sb.wait_for_message(user.id, contains="今天都好吗")

    def texts(self, user: SandboxUser) -> list[str]:
        """Everything the bot sent this person."""
        return [m.content for m in self.bot.sb.sent(user.id)]

    def count(self, user: SandboxUser, fragment: str) -> int:
        """How many bot messages to this person contain a fragment."""
        return sum(fragment in text for text in self.texts(user))

    async def idle(self) -> None:
        """Let the outbox deliver everything, and the update in hand finish: a quiet sandbox
        alone does not say a handler is done (on PostgreSQL one transaction can outlast the
        quiet window), so wait for the store's lock, then for what that transaction queued."""
        runtime = self.bot.runtime
        assert runtime.sender is not None
        await runtime.sender.drain()
        await self.bot.sb.wait_idle(quiet=0.05)
        async with runtime.db.read():
            pass
        await runtime.sender.drain()
        await self.bot.sb.wait_idle(quiet=0.05)

    async def advance(self, delta: timedelta) -> None:
        """Let time pass as for a bot that keeps running (each ping at its check-in time, each
        step at its own), waiting at every stop until the bot has said everything it had to.
        Downtime is a clock moved while the bot is stopped (tests/e2e/test_checkins_restart)."""
        await walk_time(self.bot.runtime, self.bot.clock, delta, self.idle)


async def enrol_people(bot: Harness, *, li_side: bool = True) -> Cast:
    """Elders, family and grid workers join through staff's invite links."""
    cast = Cast(
        bot,
        wang=bot.person(3001, "王阿姨"),
        daughter=bot.person(4001, "王小明"),
        zhang=bot.person(2001, "张管家"),
        li=bot.person(3002, "李大爷"),
        son=bot.person(4002, "李强"),
        chen=bot.person(2002, "陈管家"),
    )
    await bot.join(cast.wang, "elder", "elder_wang")
    await bot.join(cast.daughter, "family", "elder_wang")
    await bot.join(cast.zhang, "housekeeper", "hk_zhang")
    if li_side:
        await bot.join(cast.li, "elder", "elder_li")
        await bot.join(cast.son, "family", "elder_li")
        await bot.join(cast.chen, "housekeeper", "hk_chen")
    await cast.idle()
    return cast


@pytest.fixture
async def care(harness: Harness) -> AsyncIterator[Cast]:
    """The bot running the test community, with the Wang and Li households joined."""
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        yield await enrol_people(harness)


async def incident_timeline(bot: Harness, incident_id: int) -> list[AuditEvent]:
    """An incident's audit trail."""
    async with bot.runtime.db.read() as tx:
        return await bot.runtime.audit.timeline(tx, f"incident:{incident_id}")


async def timeline(bot: Harness, key: str) -> list[str]:
    """The audited check-in transitions of an elder, oldest first."""
    async with bot.runtime.db.read() as tx:
        events = await bot.runtime.audit.timeline(tx, f"elder:{key}")
    return [e.action for e in events if e.action not in NOT_LADDER]


async def test_answered_ping_is_warm_and_stops_everything(care: Cast) -> None:
    """The elder taps 我很好: thanks, the daughter's daily all-clear, and no ladder at all."""
    await care.advance(timedelta(minutes=30))
    ping = await care.ping(care.wang)
    assert ping.content.startswith("早上好，王阿姨！今天都好吗？")
    assert ping.button_texts == ["😊 我很好", "😐 不太舒服", "🆘 需要帮助"]
    await care.bot.sb.press(care.wang, ping, "😊 我很好")
    await care.bot.sb.wait_for_message(care.wang.id, contains="谢谢王阿姨")
    await care.bot.sb.wait_for_message(care.wang.id, contains="✅ 已收到")
    assert ping.buttons == []  # the big buttons go once answered
    clear = await care.bot.sb.wait_for_message(care.daughter.id, contains="今日平安")
    assert WANG_ADDRESS not in clear.content
    await care.advance(timedelta(hours=3))
    assert care.count(care.wang, "还没收到您的回复") == 0
    assert care.count(care.zhang, "王阿姨") == 0
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    assert await timeline(care.bot, "elder_wang") == ["enrolled", "pinged", "fine"]


async def test_silence_runs_to_the_grid_workers_confirmation(care: Cast) -> None:
    """No answer: reminder, then the grid worker with the address; family told at each step."""
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=30))
    reminder = await care.bot.sb.wait_for_message(care.wang.id, contains="还没收到您的回复")
    assert reminder.button_texts == ["😊 我很好", "😐 不太舒服", "🆘 需要帮助"]
    assert care.count(care.zhang, "王阿姨") == 0
    await care.advance(timedelta(minutes=30))
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    assert WANG_ADDRESS in ask.content
    assert ask.button_texts == ["✅ 已确认平安", "🚑 需要支援"]
    told = await care.bot.sb.wait_for_message(care.daughter.id, contains="网格员正在")
    assert WANG_ADDRESS not in told.content
    await care.bot.sb.press(care.zhang, ask, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="已记录：平安")
    clear = await care.bot.sb.wait_for_message(care.daughter.id, contains="好消息")
    assert "张管家已确认" in clear.content
    await care.advance(timedelta(hours=2))
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    assert await timeline(care.bot, "elder_wang") == [
        "enrolled",
        "pinged",
        "reminded",
        "grid_worker_asked",
        "fine",
    ]


async def test_silence_without_confirmation_reaches_staff(care: Cast) -> None:
    """Nobody confirms: at +120 min staff get the alert with the address; family are told."""
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    for _ in range(3):
        await care.advance(timedelta(minutes=30))
    await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    await care.advance(timedelta(minutes=30))
    alert = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="关爱升级：王阿姨")
    assert "王阿姨" in alert.content and WANG_ADDRESS in alert.content
    assert alert.button_texts == ["✅ 已确认平安"]
    told = await care.bot.sb.wait_for_message(care.daughter.id, contains="已通知社区工作人员")
    assert WANG_ADDRESS not in told.content
    care_view = await care.bot.ask(care.bot.staff, "/care", contains="今日关爱")
    first = care_view.content.splitlines()[1]
    assert "王阿姨" in first and "已通知工作人员" in first


async def test_late_answer_stops_the_ladder_but_is_no_all_clear(care: Cast) -> None:
    """A message after the grid worker was asked stops the ladder; as it does not say she is
    well, all who heard are told her words, not 平安, and the grid worker follows up."""
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    await care.bot.say(care.wang, "刚才在楼下买菜，手机没带")
    await care.bot.sb.wait_for_message(care.wang.id, contains="收到您的回复")
    worker = await care.bot.sb.wait_for_message(care.zhang.id, contains="没有说自己安好")
    assert "本人回复：「刚才在楼下买菜，手机没带」" in worker.content
    await care.bot.sb.wait_for_message(care.daughter.id, contains="没有说自己安好")
    await care.advance(timedelta(hours=2))
    assert care.count(care.bot.staff, "关爱升级：王阿姨") == 0
    assert all("好消息" not in t for t in care.texts(care.daughter) + care.texts(care.zhang))
    # The answer was only an answer: no "what do you need?" categories afterwards.
    assert care.texts(care.wang)[-1].startswith("收到您的回复")


async def test_help_skips_the_ladder_and_support_reaches_staff(care: Cast) -> None:
    """需要帮助: grid worker, family and staff at once; the address only to worker and staff."""
    await care.advance(timedelta(minutes=30))
    ping = await care.ping(care.wang)
    await care.bot.sb.press(care.wang, ping, "🆘 需要帮助")
    worker = await care.bot.sb.wait_for_message(care.zhang.id, contains="需要帮助")
    staff = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="需要帮助")
    family = await care.bot.sb.wait_for_message(care.daughter.id, contains="需要帮助")
    assert WANG_ADDRESS in worker.content and WANG_ADDRESS in staff.content
    assert worker.button_texts == ["🏃 我去处理", "✅ 已确认平安", "🚑 需要支援"]
    assert WANG_ADDRESS not in family.content and family.button_texts == []
    told = await care.bot.sb.wait_for_message(care.wang.id, contains="马上有人联系您")
    assert "张管家" in told.content and "社区工作人员" in told.content
    await care.bot.sb.press(care.zhang, worker, "🚑 需要支援")
    support = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="请求支援")
    await care.bot.sb.press(care.bot.staff, support, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.daughter.id, contains="确认：王阿姨 平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="确认：王阿姨 平安")
    await care.advance(timedelta(hours=3))
    assert care.count(care.wang, "还没收到您的回复") == 0
    steps = [e.action for e in await incident_timeline(care.bot, 1)]
    assert steps[0] == "raised" and "support_asked" in steps and steps[-1] == "confirmed_safe"


async def test_pause_with_dates_and_automatic_resume(care: Cast) -> None:
    """/pause 3天: confirmed with dates, no pings meanwhile, resumed by itself; /resume too."""
    paused = await care.bot.ask(care.wang, "/pause 3天", contains="暂停")
    assert "11月28日" in paused.content and "12月1日" in paused.content
    await care.bot.sb.wait_for_message(care.daughter.id, contains="暂停")
    await care.advance(timedelta(days=1))
    await care.advance(timedelta(days=1))
    await care.advance(timedelta(days=1))
    assert care.count(care.wang, "早上好") == 0
    await care.bot.sb.wait_for_message(care.daughter.id, contains="已恢复")
    await care.advance(timedelta(minutes=30))  # Tue 08:30
    await care.ping(care.wang)
    # Family can pause in plain words; the cap applies; /resume ends it early.
    words = await care.bot.ask(care.daughter, "妈妈下周去我家住两个星期", contains="暂停")
    assert "最长" in words.content
    resumed = await care.bot.ask(care.daughter, "/resume", contains="恢复")
    assert "已恢复" in resumed.content
    assert "paused" in await timeline(care.bot, "elder_wang")


async def test_visit_report_reaches_family_and_a_missed_visit_reaches_staff(care: Cast) -> None:
    """The grid worker records mood and a note; family get it; an unrecorded visit escalates."""
    await care.advance(timedelta(days=1))
    due = await care.bot.sb.wait_for_message(care.zhang.id, contains="探望提醒")
    assert "王阿姨" in due.content and due.button_texts == ["好", "一般", "不太好"]
    await care.bot.sb.press(care.zhang, due, "一般")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="探望记录")
    await care.bot.ask(care.zhang, "精神不错，膝盖有点疼", contains="已保存")
    report = await care.bot.sb.wait_for_message(care.daughter.id, contains="探望报告")
    assert "一般" in report.content and "膝盖有点疼" in report.content
    assert WANG_ADDRESS not in report.content
    # Li's visit (normal risk, every 3 days) is never recorded: staff hear a day after it was due.
    await care.advance(timedelta(days=2))
    await care.advance(timedelta(days=1, hours=1))
    missed = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="探望逾期")
    assert "李大爷" in missed.content
    view = await care.bot.ask(care.bot.staff, "/care", contains="逾期探望")
    assert "李大爷：应于" in view.content


async def test_elder_without_telegram_is_checked_by_proxy(care: Cast) -> None:
    """赵奶奶 has no Telegram: at her time the grid worker is asked, and can confirm."""
    await care.advance(timedelta(hours=2))
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="代查问候")
    assert "赵奶奶" in ask.content and "2栋1单元101" in ask.content
    await care.bot.sb.press(care.zhang, ask, "✅ 已确认平安")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="已记录：平安")
    await care.advance(timedelta(hours=3))
    assert care.count(care.bot.staff, "关爱升级：赵奶奶") == 0
    assert await timeline(care.bot, "elder_zhao") == [
        "enrolled",
        "ping_proxy",
        "grid_worker_asked",
        "fine",
    ]


async def test_only_the_grid_worker_or_staff_can_confirm(care: Cast) -> None:
    """Another grid worker or a family member pressing 已确认平安 changes nothing."""
    await care.advance(timedelta(minutes=90))
    ask = await care.bot.sb.wait_for_message(care.zhang.id, contains="一直没有回复")
    data = str(ask.buttons[0]["callback_data"])
    for outsider in (care.chen, care.daughter):
        own = care.bot.sb.sent(outsider.id)[0]
        await care.bot.sb.press_raw(outsider, outsider.id, own.message_id, data)
    await care.bot.sb.wait_for(
        lambda: (
            len(care.bot.sb.callback_answers(care.daughter)) == 1
            and len(care.bot.sb.callback_answers(care.chen)) == 1
        )
    )
    for outsider in (care.chen, care.daughter):
        (answer,) = care.bot.sb.callback_answers(outsider)
        assert answer.answer_text is not None and "只有负责" in answer.answer_text
    assert care.count(care.daughter, "好消息") == 0
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.bot.staff.id, contains="关爱升级：王阿姨")


async def test_family_see_only_their_elder_and_groups_hear_nothing_personal(
    care: Cast,
) -> None:
    """Both elders stay silent and one asks for help: nothing crosses households or groups."""
    group = await care.bot.group()
    before = len(care.bot.sb.sent(group.id))
    await care.advance(timedelta(minutes=30))
    await care.ping(care.wang)
    for _ in range(5):
        await care.advance(timedelta(minutes=30))
    await care.bot.sb.wait_for_message(care.son.id, contains="已通知社区工作人员")
    await care.bot.sb.wait_for_message(care.daughter.id, contains="已通知社区工作人员")
    assert not any("李大爷" in t for t in care.texts(care.daughter))
    assert not any("王阿姨" in t for t in care.texts(care.son))
    assert not any("王阿姨" in t for t in care.texts(care.chen))
    for person in (care.daughter, care.son):
        assert not any("单元" in t for t in care.texts(person))
    assert len(care.bot.sb.sent(group.id)) == before


async def test_words_of_distress_are_a_call_for_help_not_an_answer(care: Cast) -> None:
    """'我摔倒了' from the elder raises the alarm at once, even between check-ins, and
    responders read her own words, not a button she never pressed."""
    await care.bot.say(care.wang, "我摔倒了，起不来")
    worker = await care.bot.sb.wait_for_message(care.zhang.id, contains="王阿姨 发来消息")
    assert WANG_ADDRESS in worker.content and "我摔倒了，起不来" in worker.content
    staff = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="王阿姨 发来消息")
    assert "点了" not in staff.content
    await care.bot.sb.wait_for_message(care.daughter.id, contains="我摔倒了，起不来")
    await care.bot.sb.wait_for_message(care.wang.id, contains="马上有人联系您")
    await care.idle()
    assert care.count(care.daughter, "平安") == 0


async def test_family_request_is_approved_by_the_elder_then_staff(care: Cast) -> None:
    """/family with the right name and address reaches the elder, warned who asks; her 同意
    passes it to staff, and only their 同意 makes the link."""
    stranger = care.bot.person(6009, "路人甲")
    wrong = await care.bot.ask(stranger, "/family 王阿姨 9-9-909", contains="已发出请求")
    granddaughter = care.bot.person(4003, "王小红")
    right = await care.bot.ask(granddaughter, "/family 王阿姨 3-2-501", contains="已发出请求")
    assert wrong.content == right.content  # the answer reveals nothing
    ask = await care.bot.sb.wait_for_message(care.wang.id, contains="「王小红」")
    assert "不认识" in ask.content
    assert ask.button_texts == ["同意", "拒绝"]
    await care.bot.sb.press(care.wang, ask, "同意")
    await care.bot.sb.wait_for_message(granddaughter.id, contains="核实后")
    confirm = await care.bot.sb.wait_for_message(care.bot.staff.id, contains="家属关联待确认")
    assert care.count(granddaughter, "您已关联 王阿姨") == 0
    await care.bot.sb.press(care.bot.staff, confirm, "同意")
    await care.bot.sb.wait_for_message(granddaughter.id, contains="您已关联 王阿姨")
    await care.advance(timedelta(minutes=90))
    await care.bot.sb.wait_for_message(granddaughter.id, contains="网格员正在")
    await care.idle()
    assert care.count(care.wang, "路人甲") == 0


async def test_care_lists_the_most_urgent_first(care: Cast) -> None:
    """/care: a help call above a pause above a check-in still to come."""
    await care.advance(timedelta(minutes=30))
    ping = await care.ping(care.wang)
    await care.bot.ask(care.son, "/pause 2天", contains="暂停")
    await care.bot.sb.press(care.wang, ping, "🆘 需要帮助")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="需要帮助")
    await care.advance(timedelta(minutes=35))
    assert care.count(care.li, "今天都好吗") == 0
    view = await care.bot.ask(care.bot.staff, "/care", contains="今日关爱")
    first, second, third = view.content.splitlines()[1:4]
    assert "王阿姨" in first and "求助中" in first
    assert "李大爷" in second and "暂停中" in second
    assert "赵奶奶" in third


async def test_a_sticker_answers_but_a_human_confirms(care: Cast) -> None:
    """A sticker from the elder stops the reminders; the bot cannot read it, so the grid
    worker gets it to confirm, and nobody is told 平安."""
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.wang.id, contains="还没收到您的回复")
    await care.bot.sb.send_media(care.wang, "sticker")
    await care.bot.sb.wait_for_message(care.wang.id, contains="收到您的回复")
    await care.bot.sb.wait_for_message(care.zhang.id, contains="看不出是否安好")
    await care.advance(timedelta(hours=2))
    assert care.count(care.zhang, "一直没有回复") == 0
    assert (await timeline(care.bot, "elder_wang"))[-2:] == ["answered", "unclear"]
    assert care.count(care.daughter, "今日平安") == 0


async def test_trip_words_pause_but_a_request_mentioning_a_trip_does_not(care: Cast) -> None:
    """'下周去女儿家住几天' pauses with dates; '明天出门，帮我约个保洁' is left to the requests."""
    paused = await care.bot.ask(care.wang, "下周去女儿家住几天", contains="暂停")
    assert "11月30日" in paused.content and "12月5日" in paused.content  # capped at 5 days
    await care.bot.ask(care.son, "明天出门，帮我约个保洁打扫一下")
    await care.idle()
    assert care.count(care.son, "暂停") == 0
    assert "paused" not in await timeline(care.bot, "elder_li")


def _span_of(statements: list[str], fragment: str) -> tuple[int, int]:
    """The BEGIN and COMMIT around the first statement containing `fragment`."""
    at = next(i for i, s in enumerate(statements) if fragment in s)
    begin = max(i for i in range(at) if statements[i].startswith("BEGIN"))
    end = next(i for i in range(at, len(statements)) if statements[i] == "COMMIT")
    return begin, end


async def test_an_elders_request_is_her_sign_of_life_in_its_one_transaction(care: Cast) -> None:
    """A request written while her check-in waits answers the check-in (not as 平安: it says
    nothing of how she is) and starts the booking,
    both in the update's one transaction (with its processed mark): nothing half done."""
    await care.advance(timedelta(minutes=60))
    await care.bot.sb.wait_for_message(care.wang.id, contains="还没收到您的回复")
    statements: list[str] = []
    care.bot.runtime.db.set_trace_callback(statements.append)
    await care.bot.ask(care.wang, "明天上午想找人洗一下油烟机", contains="油烟机")
    await care.idle()
    care.bot.runtime.db.set_trace_callback(None)
    assert (await timeline(care.bot, "elder_wang"))[-1] == "unclear"  # not "fine": a human looks
    answered = _span_of(statements, "UPDATE checkins")
    assert answered == _span_of(statements, "INTO processed_updates")
    assert answered == _span_of(statements, "INSERT INTO requests")
    assert care.count(care.zhang, "一直没有回复") == 0


async def test_a_residents_private_text_leaves_the_checkin_tables_alone(care: Cast) -> None:
    """Someone who is neither an elder nor family: their private messages are not signs of
    life, and the check-ins read nothing for them (who is in care is known from memory; on
    PostgreSQL, where several instances share the roles and one may have revoked someone,
    one indexed look-up of the writer's care roles is all)."""
    resident = care.bot.person(5001, "小李")
    await care.bot.ask(resident, "你好")
    statements: list[str] = []
    care.bot.runtime.db.set_trace_callback(statements.append)
    await care.bot.ask(resident, "明天上午想找人洗一下油烟机", contains="油烟机")
    care.bot.runtime.db.set_trace_callback(None)
    assert any("INSERT INTO requests" in s for s in statements)
    touched = [
        s
        for s in statements
        if any(t in s for t in ("checkin", "elders", "pauses", "visits", "roles"))
    ]
    if is_postgres(care.bot.settings.db_url):
        touched = [s for s in touched if not s.startswith("SELECT 1 FROM people p JOIN roles")]
    assert touched == []
