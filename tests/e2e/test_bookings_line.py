"""The private line, end to end (issue 13, tester's findings 3, 6, 7 and 13): contact details
hidden in the forms people use, a plain answer to a relayed message goes through, "结束对话"
ends the line, and while a job is offered again the resident's messages wait for the next
worker; a worker whose job was taken away is told so."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.booking_steps import book, crew, last_id, offer_to, press
from tests.harness import Harness

SOON = "今天上午10点想找人洗一下油烟机"  # Saturday 08:00: the slot is two hours away


def texts(bot: Harness, user: SandboxUser) -> str:
    """Everything the bot shows a person now (after edits), as one text."""
    return "\n".join(m.content for m in bot.sb.sent(user.id))


async def accepted(bot: Harness, resident: SandboxUser, worker: SandboxUser) -> SandboxMessage:
    """Book the range hood cleaning for 10:00 today; the worker accepts. The job message."""
    contacting = await book(bot, resident, SOON)
    offer = await offer_to(bot, worker)
    await press(bot, worker, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单", after=contacting)
    return await bot.sb.wait_for_message(worker.id, contains="3-2-501")


async def open_line(bot: Harness, resident: SandboxUser) -> None:
    told = next(m for m in bot.sb.sent(resident.id) if "已接单" in m.content)
    await press(bot, resident, told, "💬 联系师傅")
    await bot.sb.wait_for_message(resident.id, contains="会转给")


async def test_plain_answer_goes_through_with_contacts_hidden(bot: Harness) -> None:
    """The worker answers a relayed message without pressing 💬 回复: relayed, with the WeChat
    id and the phone number in Chinese numerals hidden, and told politely; staff read the
    masked thread; "结束对话" ends the resident's line and is not passed on."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    await open_line(bot, resident)
    await bot.say(resident, "我在家，到了按门铃")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="💬 业主小李")

    await bot.say(people.zhao, "好的，我微信是 sun-shifu_2024，电话一三九一二三四五六七八")
    answer = await bot.sb.wait_for_message(resident.id, contains="💬 师傅赵阿姨", after=got)
    assert "我微信是 ***" in answer.content and "电话***" in answer.content
    await bot.sb.wait_for_message(people.zhao.id, contains="联系方式（电话、微信、邮箱等）已隐藏")
    everything = texts(bot, resident)
    assert "sun-shifu_2024" not in everything and "一三九" not in everything
    assert "请选择" not in texts(bot, people.zhao)  # no category menu for the worker
    card = await bot.ask(bot.staff, "/booking 1", contains="私信记录")
    assert "赵阿姨 → 小李：好的，我微信是 ***，电话***" in card.content
    assert "sun-shifu" not in card.content

    before = last_id(bot, people.zhao.id)
    ended = await bot.ask(resident, "结束对话", contains="已结束对话")
    assert "💬" in ended.content
    status = await bot.ask(resident, "师傅几点到", contains="#1")
    assert "赵阿姨" in status.content
    assert last_id(bot, people.zhao.id) == before  # neither was passed on


async def test_messages_wait_for_the_next_worker_after_a_withdrawal(bot: Harness) -> None:
    """The worker withdraws while the resident has the line open: the resident's next message
    is kept ("nobody is assigned right now"), the old worker's "我快到了" is told the job is no
    longer theirs, and the next worker receives the kept message when accepting; the line then
    reaches them."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    await open_line(bot, resident)
    await press(bot, people.zhao, job, "↩️ 退单")
    sure = await bot.sb.wait_for_message(people.zhao.id, contains="确定要退掉订单 #1")
    before = last_id(bot, people.sun.id)
    await press(bot, people.zhao, sure, "↩️ 确定退单")
    offer = await offer_to(bot, people.sun, after=before)

    held = await bot.ask(resident, "我在家等着，门口有个鞋柜", contains="现在没有师傅负责")
    assert "新师傅接单后会看到" in held.content and "已结束" not in held.content
    gone = await bot.ask(people.zhao, "我快到了", contains="已经不由您负责")
    assert "您已退单" in gone.content and "请选择" not in gone.content

    await press(bot, people.sun, offer, "✅ 接单")
    await bot.sb.wait_for_message(people.sun.id, contains="业主在您接单前留了 1 条言")
    kept = await bot.sb.wait_for_message(people.sun.id, contains="我在家等着，门口有个鞋柜")
    assert "💬 回复" in kept.button_texts
    await bot.say(resident, "门没锁，直接进来")
    await bot.sb.wait_for_message(people.sun.id, contains="门没锁，直接进来")
    assert "门没锁" not in texts(bot, people.zhao) and "鞋柜" not in texts(bot, people.zhao)
    card = await bot.ask(bot.staff, "/booking 1", contains="私信记录")
    assert "小李 → 孙师傅：我在家等着，门口有个鞋柜" in card.content


async def test_late_question_loses_its_buttons_when_the_worker_withdraws(bot: Harness) -> None:
    """'师傅到了吗？ [✅ 师傅到了] [❌ 没来，换个师傅]' was asked; the worker then withdraws: the
    question says so, without buttons."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    ask = await bot.sb.wait_for_message(people.zhao.id, contains="多久能到")
    await press(bot, people.zhao, ask, "30分钟内")
    promised = await bot.sb.wait_for_message(resident.id, contains="预计 08:30 前到达")
    await bot.advance(timedelta(minutes=41))
    asked = await bot.sb.wait_for_message(resident.id, contains="师傅到了吗", after=promised)
    await press(bot, people.zhao, job, "↩️ 退单")
    sure = await bot.sb.wait_for_message(people.zhao.id, contains="确定要退掉订单 #1")
    await press(bot, people.zhao, sure, "↩️ 确定退单")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=asked)
    now = next(m for m in bot.sb.sent(resident.id) if m.message_id == asked.message_id)
    assert "退单" in now.content and now.button_texts == []


async def test_status_asked_in_the_group_is_pushed_to_private(bot: Harness) -> None:
    """'师傅几点到' in the group: the group hears where to look (no name, no address), and the
    answer itself arrives in the writer's private chat."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    group = await bot.group()
    before = last_id(bot, resident.id)
    said = await bot.say(resident, "师傅几点到", group)
    answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
    assert "私聊" in answer.content and "赵阿姨" not in answer.content
    assert "501" not in answer.content
    pushed = await bot.sb.wait_for_message(resident.id, contains="赵阿姨已接单", after=before)
    assert "#1" in pushed.content
