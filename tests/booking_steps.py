"""Steps shared by the booking tests: the people of a dispatch and walking the private flow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.devtools.sandbox import SandboxChat, SandboxMessage, SandboxUser
from tests.harness import Harness


@dataclass
class Crew:
    """Provider members and housekeepers who joined through invite links."""

    zhao: SandboxUser  # 洁家家政
    sun: SandboxUser  # 快修师傅
    wang: SandboxUser  # 物业服务中心 (property team)
    zhang: SandboxUser  # 张管家, buildings 1-3
    chen: SandboxUser  # 陈管家, buildings 4-6


async def crew(bot: Harness) -> Crew:
    """Everyone who receives offers, joined the way real people join."""
    people = Crew(
        zhao=bot.person(3001, "赵阿姨"),
        sun=bot.person(3002, "孙师傅"),
        wang=bot.person(3003, "王师傅"),
        zhang=bot.person(2001, "张管家"),
        chen=bot.person(2002, "陈管家"),
    )
    joins = [
        (people.zhao, "provider jiejia"),
        (people.sun, "provider kuaixiu"),
        (people.wang, "provider property_team"),
        (people.zhang, "housekeeper hk_zhang"),
        (people.chen, "housekeeper hk_chen"),
    ]
    await bot.settle_staff()
    first = await bot.say(bot.staff, f"/invite {joins[0][1]}")
    for _, what in joins[1:]:
        await bot.say(bot.staff, f"/invite {what}")
    links = await bot.sb.wait_for_messages(
        bot.staff.id, contains="邀请链接已生成", after=first.message_id, count=len(joins)
    )
    for (user, _), link in zip(joins, links, strict=True):
        url = next(b["url"] for b in link.buttons if "url" in b)
        await bot.sb.press_start(user, url.rsplit("start=", 1)[1])
    for user, _ in joins:
        await bot.sb.wait_for_message(user.id, contains="欢迎")
    return people


def button_index(message: SandboxMessage, starts: str) -> int:
    """The index of the first button whose label starts with `starts`."""
    for index, label in enumerate(message.button_texts):
        if label.startswith(starts):
            return index
    raise AssertionError(f"no button starting with {starts!r}: {message.button_texts}")


async def press(
    bot: Harness, user: SandboxUser, message: SandboxMessage, button: int | str
) -> None:
    """Press a button and wait until the bot answered the press."""
    before = len(bot.sb.callback_answers(user))
    await bot.sb.press(user, message, button)
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(user)) > before)


async def press_raw(bot: Harness, user: SandboxUser, message_id: int, data: str) -> str:
    """Deliver a press with arbitrary data in the user's private chat; return the toast."""
    before = len(bot.sb.callback_answers(user))
    await bot.sb.press_raw(user, user.id, message_id, data)
    await bot.sb.wait_for(lambda: len(bot.sb.callback_answers(user)) > before)
    return await answer_of(bot, user)


async def answer_of(bot: Harness, user: SandboxUser) -> str:
    """The text of the toast answering the user's last press."""
    answers = bot.sb.callback_answers(user)
    return answers[-1].answer_text or ""


async def book(
    bot: Harness,
    resident: SandboxUser,
    text: str = "明天上午想找人洗一下油烟机",
    *,
    provider: str = "洁家家政",
    address: str | None = "3-2-501",
    note: str | None = None,
    door: str | None = None,
    group: SandboxChat | None = None,
) -> SandboxMessage:
    """Walk the private booking flow to the end; return the 'contacting…' message."""
    if group is not None:
        said = await bot.say(resident, text, group)
        answer = await bot.sb.wait_for_message(group.id, after=said.message_id)
        url = next(b["url"] for b in answer.buttons if "url" in b)
        await bot.sb.wait_idle(quiet=0.05)
        started = await bot.sb.press_start(resident, url.rsplit("start=", 1)[1])
        first = await bot.sb.wait_for_message(resident.id, after=started.message_id)
    else:
        first = await bot.ask(resident, text)
    step = first
    if "请选择服务商" in step.content:
        await press(bot, resident, step, button_index(step, provider))
        step = await bot.sb.wait_for_message(resident.id, contains="时间", after=step)
        await press(bot, resident, step, 0)
        step = await bot.sb.wait_for_message(resident.id, after=step)
    if "上门地址" in step.content:
        assert address is not None
        step = await bot.ask(resident, address)
    assert "要告诉师傅" in step.content, step.content
    if note is None:
        await press(bot, resident, step, "跳过")
        step = await bot.sb.wait_for_message(resident.id, after=step)
    else:
        step = await bot.ask(resident, note)
    if "门锁密码" in step.content and "请确认" not in step.content:
        if door is None:
            await press(bot, resident, step, "跳过")
            step = await bot.sb.wait_for_message(resident.id, after=step)
        else:
            step = await bot.ask(resident, door)
    assert "请确认预约" in step.content, step.content
    await press(bot, resident, step, "✅ 确认预约")
    return await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=step)


async def offer_to(bot: Harness, worker: SandboxUser, after: int = 0) -> SandboxMessage:
    """The first job offer (a message with an Accept button) newer than `after`."""

    def offers() -> list[SandboxMessage]:
        return [
            m
            for m in bot.sb.sent(worker.id)
            if m.message_id > after and "✅ 接单" in m.button_texts
        ]

    await bot.sb.wait_for(lambda: bool(offers()))
    return offers()[0]


def last_id(bot: Harness, chat_id: int) -> int:
    """The id of the last message in a chat (0 if none), to wait for newer ones."""
    messages = bot.sb.messages(chat_id)
    return messages[-1].message_id if messages else 0


async def staff_reminded_of(bot: Harness, place: str, contains: str = "第 1 次提醒") -> None:
    """Nobody pressed 我去处理 for five minutes: staff's reminder names the emergency's place,
    never "未说明" (tester3: the place said later was lost)."""
    await bot.sb.wait_idle()
    await bot.advance(timedelta(minutes=6))
    reminder = await bot.sb.wait_for_message(bot.staff.id, contains=contains)
    assert f"地址：{place}" in reminder.content and "未说明" not in reminder.content
