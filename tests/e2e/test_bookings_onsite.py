"""After the accept, end to end: an arrival promise that is not kept, the private line both
ways, a withdrawn job's message, an urgent work order that escalates, the workers' welcome."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources

from bot.config import SAMPLE_COMMUNITY, load_community
from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import book, crew, last_id, offer_to, press
from tests.harness import Harness

SOON = "今天上午10点想找人洗一下油烟机"  # Saturday 08:00: the slot is two hours away
PHONE = "138 1234 5678"


def texts(bot: Harness, user: SandboxUser) -> str:
    """Everything the bot shows a person now (after edits), as one text."""
    return "\n".join(m.content for m in bot.sb.sent(user.id))


def now_of(bot: Harness, user: SandboxUser, message: SandboxMessage) -> SandboxMessage:
    """The message as the person sees it now (after edits)."""
    return next(m for m in bot.sb.sent(user.id) if m.message_id == message.message_id)


async def accepted(bot: Harness, resident: SandboxUser, worker: SandboxUser) -> SandboxMessage:
    """Book the range hood cleaning for 10:00 today; the worker accepts. The job message."""
    contacting = await book(bot, resident, SOON)
    offer = await offer_to(bot, worker)
    await press(bot, worker, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    return await bot.sb.wait_for_message(worker.id, contains="3-2-501")


async def test_promised_arrival_missed_staff_alerted_and_job_reoffered(bot: Harness) -> None:
    """Accepted → '30分钟内' → late → resident asked, staff alerted → 'nobody came' → the next
    provider is offered it; the first worker's message keeps no address and no buttons."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="预计 08:30 前到达")
    assert "💬 联系师傅" in promised.button_texts

    await bot.advance(timedelta(minutes=41))
    asked = await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="还没有到")
    assert "赵阿姨" in alert.content and "08:30" in alert.content and "501" not in alert.content
    # counted from the promised 08:30, not from when it was booked (tester3 item 14)
    assert "已迟到：11分钟" in alert.content and "已等待" not in alert.content, alert.content
    await bot.sb.wait_for_message(people.zhao.id, contains="业主还在等")

    before = last_id(bot, people.sun.id)
    await press(bot, resident, asked, "❌ 没来，换个师傅")
    offer = await offer_to(bot, people.sun, after=before)
    assert "油烟机" in offer.content and "501" not in offer.content
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系快修师傅", after=asked)
    await bot.sb.wait_for_message(bot.staff.id, contains="没有上门")
    await bot.sb.wait_for_message(people.zhao.id, contains="已改派")
    old = next(m for m in bot.sb.sent(people.zhao.id) if m.message_id == job.message_id)
    assert "已改派" in old.content and "3-2-501" not in old.content and old.button_texts == []
    card = await bot.ask(bot.staff, "/booking 1", contains="订单 #1")
    assert "业主反映师傅没有来，改派（洁家家政）" in card.content


async def test_private_line_both_ways_without_numbers(bot: Harness) -> None:
    """Resident and worker write through the bot; numbers and ids are masked, a photo is
    copied; staff read the thread; the line closes with the job."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    told = next(m for m in bot.sb.sent(resident.id) if "已接单" in m.content)
    await press(bot, resident, told, "💬 联系师傅")
    await bot.sb.wait_for_message(resident.id, contains="会转给赵阿姨")
    await bot.say(resident, f"师傅到了打我电话 {PHONE}")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="💬 业主小李")
    assert "师傅到了打我电话 ***" in got.content and "1234" not in got.content

    await press(bot, people.zhao, got, "💬 回复")
    await bot.sb.wait_for_message(people.zhao.id, contains="会转给业主")
    await bot.say(people.zhao, "好的，加我微信 zhao_ayi88 发定位")
    answer = await bot.sb.wait_for_message(resident.id, contains="💬 师傅赵阿姨")
    assert "zhao_ayi88" not in answer.content and "***" in answer.content
    await bot.sb.send_media(people.zhao, "photo")
    await bot.sb.wait_for_message(resident.id, contains="发来照片")
    await bot.sb.wait_for_message(resident.id, contains="<photo>")  # the copy itself

    for user in (resident, people.zhao):
        everything = texts(bot, user)
        assert "1234" not in everything and "zhao_ayi88" not in everything
        assert "@" not in everything  # no username either
    card = await bot.ask(bot.staff, "/booking 1", contains="私信记录")
    assert "小李 → 赵阿姨：师傅到了打我电话 ***" in card.content and "[照片]" not in card.content
    assert "赵阿姨 → 小李：照片" in card.content

    await press(bot, people.zhao, job, "📍 已到达")
    arrived = await bot.sb.wait_for_message(people.zhao.id, contains="已记录到达")
    await press(bot, people.zhao, arrived, "✅ 已完工")
    await bot.sb.wait_for_message(resident.id, contains="请打分")
    closed = await bot.ask(people.zhao, "还有别的事吗", contains="对话已关闭")
    assert "#1" in closed.content


async def test_withdrawn_job_message_loses_address_and_buttons(bot: Harness) -> None:
    """The worker gives the job back: the message with the address now says so, no buttons."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, job, "↩️ 退单")
    sure = await bot.sb.wait_for_message(people.zhao.id, contains="确定要退掉订单 #1")
    assert "3-2-501" in now_of(bot, people.zhao, job).content  # asked first: still theirs
    await press(bot, people.zhao, sure, "↩️ 确定退单")
    await bot.sb.wait_for_message(people.zhao.id, contains="已退回")  # sent after the edits
    now = {m.message_id: m for m in bot.sb.sent(people.zhao.id)}
    old = now[job.message_id]
    assert "3-2-501" not in old.content and old.button_texts == []
    assert "油烟机清洗" in old.content and "楼栋：3栋" in old.content
    assert now[ask.message_id].button_texts == []  # the arrival question is over too
    assert now[sure.message_id].button_texts == []  # and the are-you-sure question


async def test_urgent_work_order_with_a_photo_escalates_and_the_reporter_hears(
    bot: Harness,
) -> None:
    """'3栋单元门坏了': the building from the words (no place question), a photo, confirmed;
    the housekeeper and the property team at once with the resident's words, staff copied;
    accepted but not done in 4 h: staff alerted; done: the reporter is told."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    note = await bot.ask(resident, "3栋单元门坏了，关不上", contains="告诉维修人员")
    assert not any("哪栋楼" in m.content or "房号" in m.content for m in bot.sb.sent(resident.id))
    await bot.sb.send_media(resident, "photo")
    added = await bot.sb.wait_for_message(resident.id, contains="已收到照片", after=note)
    await press(bot, resident, added, "✅ 好了")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=added)
    assert "🔴 紧急：单元门/大门坏了" in confirm.content and "¥" not in confirm.content
    assert confirm.content.startswith("请确认报修") and "预约" not in confirm.content
    assert not any("换个地址" in b for b in confirm.button_texts)  # a common area: no home
    await press(bot, resident, confirm, "✅ 提交报修")

    order = await offer_to(bot, people.zhang)
    await offer_to(bot, people.wang)
    assert "3栋单元门坏了，关不上" in order.content and "¥" not in order.content
    copied = await bot.sb.wait_for_message(bot.staff.id, contains="紧急报修 #1")
    assert "3栋单元门坏了，关不上" in copied.content
    assert copied.content.count("#1") == 1  # the headline names it; the details do not
    await press(bot, people.zhang, order, "✅ 接单")
    await bot.sb.wait_for_message(people.zhang.id, contains="附了 1 张照片")
    await bot.sb.wait_for_message(people.zhang.id, contains="<photo>")

    await bot.advance(timedelta(hours=4))
    alert = await bot.sb.wait_for_message(bot.staff.id, contains="仍未完工")
    assert "张管家" in alert.content and "4小时" in alert.content
    assert alert.content.count("单元门/大门坏了") == 1 and alert.content.count("#1") == 1
    job = next(m for m in bot.sb.sent(people.zhang.id) if m.message_id == order.message_id)
    await press(bot, people.zhang, job, "📍 已到达")
    arrived = await bot.sb.wait_for_message(people.zhang.id, contains="已记录到达")
    await press(bot, people.zhang, arrived, "✅ 已完工")
    done = await bot.sb.wait_for_message(resident.id, contains="处理完毕")
    assert "张管家" in done.content and done.button_texts == []


async def test_workers_named_in_the_file_get_their_own_welcome(harness: Harness) -> None:
    """A provider member and a housekeeper listed by Telegram id: their welcome says what they
    will receive and how to answer, not the resident's welcome or the address question."""
    text = resources.files("bot.data").joinpath(SAMPLE_COMMUNITY).read_text("utf-8")
    zhao = 'members = [{ name = "赵阿姨" }]'
    text = text.replace(zhao, 'members = [{ name = "赵阿姨", telegram_id = 3001 }]')
    text = text.replace('name = "张管家"\n', 'name = "张管家"\ntelegram_id = 2001\n')
    harness.with_settings(community=load_community(text=text))
    async with harness.running():
        zhao, zhang = harness.person(3001, "赵阿姨"), harness.person(2001, "张管家")
        welcome = await harness.ask(zhao, "/start")
        assert "洁家家政" in welcome.content and "✅ 接单" in welcome.content
        keeper = await harness.ask(zhang, "/start")
        assert "1、2、3" in keeper.content and "公共区域报修" in keeper.content
        await harness.sb.wait_idle(quiet=0.1)
        for user in (zhao, zhang):
            asked = [m for m in harness.sb.sent(user.id) if "楼栋-单元-房号" in m.content]
            assert asked == []  # no address question for a worker
        resident = harness.person(6001, "小李")
        plain = await harness.ask(resident, "/start")
        assert "洁家家政" not in plain.content and "接单" not in plain.content
