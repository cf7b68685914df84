"""A lock-out posted in a group with the entrance code, over the sandbox (session 8 residents'
report, problem 5): "我家门锁坏了进不去…门禁密码1234#" is the urgent lock service for the
resident's own door, not a common-area work order; the code is never repeated (not in the
group, not in private, not to the worker, not kept with the request), and the group answer
advises deleting the message and continuing in private."""

from __future__ import annotations

import pytest

from intents import Catalogue, Understander
from tests.booking_steps import button_index, crew, offer_to, press
from tests.harness import SHANGHAI, Harness


@pytest.fixture(autouse=True)
def _understanding_read() -> None:
    """The shipped model and word lists read before the story: they are read on first use,
    which on a loaded machine can outlast a wait for the first group answer."""
    Understander(Catalogue.default(), SHANGHAI).understand("马桶堵了")


LOCKOUT = "我家门锁坏了进不去…门禁密码1234#"


async def test_a_lockout_with_a_code_in_a_group_is_the_lock_service_and_the_code_stays_out(
    bot: Harness,
) -> None:
    people = await crew(bot)
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    said = await bot.say(resident, LOCKOUT, chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "开锁换锁" in answer.content and "公共设施报修" not in answer.content
    assert "撤回" in answer.content and "1234" not in answer.content
    url = next(b["url"] for b in answer.buttons if "url" in b)
    started = await bot.sb.press_start(resident, url.rsplit("start=", 1)[1])
    step = await bot.sb.wait_for_message(resident.id, contains="请选择服务商", after=started)
    await press(bot, resident, step, button_index(step, "快修师傅"))
    step = await bot.sb.wait_for_message(resident.id, contains="尽快", after=step)
    await press(bot, resident, step, button_index(step, "⚡"))
    step = await bot.sb.wait_for_message(resident.id, contains="地址", after=step)
    summary = await bot.ask(resident, "3-2-501", contains="请确认预约")
    assert "开锁换锁" in summary.content and "门禁密码***" in summary.content
    await press(bot, resident, summary, "✅ 确认预约")
    offer = await offer_to(bot, people.sun)
    assert "开锁换锁" in offer.content and "1234" not in offer.content
    for who in (chat.id, resident.id, people.sun.id, people.zhang.id, bot.staff.id):
        assert not any("1234" in m.content for m in bot.sb.sent(who)), who
    async with bot.runtime.db.read() as tx:
        kept = await tx.scalar("SELECT words FROM requests WHERE words IS NOT NULL")
        note = await tx.scalar("SELECT note FROM bookings")
    assert kept is not None and "门锁坏了" in kept and "1234" not in kept
    assert note is None or "1234" not in note


async def test_an_english_lockout_with_a_code_gets_the_advice_in_english(bot: Harness) -> None:
    await crew(bot)
    chat = await bot.group()
    said = await bot.say(
        bot.person(6002, "Tom", language="en"),
        "My door lock is broken and I can't get in, please send a locksmith. Door code 4321#",
        chat,
    )
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "Lock service" in answer.content and "delete" in answer.content
    assert "4321" not in answer.content
