"""Every press is checked: who pressed it, whether the object is still in that state, the data."""

from __future__ import annotations

import asyncio

from tests.booking_steps import answer_of, book, crew, offer_to, press, press_raw
from tests.harness import Harness


async def test_wrong_person_stale_and_forged_presses_change_nothing(bot: Harness) -> None:
    """Another provider's member, a resident and forged data are answered politely, no change."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    accept = str(offer.buttons[0]["callback_data"])

    # a member of another provider replays the Accept data in their own chat
    await bot.sb.wait_idle(quiet=0.05)
    assert "不是给您的" in await press_raw(bot, people.sun, 1, accept)

    # forged data (bad signature) and nonsense
    for data in (accept[:-3] + "AAA", "bk_acc:1:0", "garbage"):
        assert "已经失效" in await press_raw(bot, people.zhao, offer.message_id, data)

    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, assignee_id FROM bookings WHERE id = 1")
    assert row is not None and row["status"] == "offered" and row["assignee_id"] is None

    # the real member accepts; the resident cannot press the worker's Arrived button
    await press(bot, people.zhao, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501")
    arrived = str(job.buttons[0]["callback_data"])
    assert "不是给您的" in await press_raw(bot, resident, 1, arrived)
    # and the worker pressing Done before Arrived is a stale button
    done_data = bot.runtime.signer.make("bk_done", 1)
    assert "已经失效" in await press_raw(bot, people.zhao, job.message_id, done_data)
    async with bot.runtime.db.read() as tx:
        status = await tx.scalar("SELECT status FROM bookings WHERE id = 1")
    assert status == "accepted"


async def test_two_members_pressing_accept_at_once_yield_one_assignee(bot: Harness) -> None:
    """Both presses are delivered before either is handled; exactly one wins."""
    people = await crew(bot)
    helper = bot.person(3011, "钱阿姨")
    await bot.join(helper, "provider", "jiejia")
    resident = bot.person(6001, "小李")
    await book(bot, resident)
    first = await offer_to(bot, people.zhao)
    second = await offer_to(bot, helper)
    await asyncio.gather(
        bot.sb.press(people.zhao, first, "✅ 接单"), bot.sb.press(helper, second, "✅ 接单")
    )
    await bot.sb.wait_for(
        lambda: (
            bool(bot.sb.callback_answers(people.zhao)) and bool(bot.sb.callback_answers(helper))
        )
    )
    answers = sorted([await answer_of(bot, people.zhao), await answer_of(bot, helper)])
    assert answers[0] == "接单成功" and "不需要处理" in answers[1]
    async with bot.runtime.db.read() as tx:
        accepted = await tx.scalar("SELECT COUNT(*) FROM audit WHERE action = 'accepted'")
        assignee = await tx.scalar("SELECT assignee_id FROM bookings WHERE id = 1")
    assert accepted == 1 and assignee is not None
    told = await bot.sb.wait_for_messages(resident.id, contains="已接单")
    await bot.sb.wait_idle(quiet=0.1)
    assert len([m for m in bot.sb.sent(resident.id) if "已接单" in m.content]) == len(told) == 1
    loser = helper if "赵阿姨已接单" in told[0].content else people.zhao
    await bot.sb.wait_for_message(loser.id, contains="已由")
