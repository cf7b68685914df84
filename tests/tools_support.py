"""Helpers shared by the tool cabinet tests: residents with addresses, a housekeeper, borrowing."""

from __future__ import annotations

from typing import Any

from bot.devtools.sandbox import SandboxMessage, SandboxUser
from tests.harness import Harness

KEEPER_ID = 2001


async def resident(
    bot: Harness, user_id: int, name: str, address: str = "3-2-501", language: str = "zh-hans"
) -> SandboxUser:
    """A resident who registered privately and gave an address (building 3 by default)."""
    user = bot.person(user_id, name, language)
    started = await bot.say(user, "/start")
    await bot.sb.wait_for_messages(user.id, count=2, after=started.message_id)
    await bot.ask(user, address, contains=address)
    return user


async def keeper(bot: Harness) -> SandboxUser:
    """张管家, who covers buildings 1-3, joined through staff's invite."""
    user = bot.person(KEEPER_ID, "张管家")
    await bot.join(user, "housekeeper", "hk_zhang")
    return user


async def reserve(
    bot: Harness, user: SandboxUser, text: str = "谁有梯子借我用一下"
) -> SandboxMessage:
    """Ask for a tool in private, press 预约, return the reservation message."""
    card = await bot.ask(user, text, contains="预约")
    await bot.sb.press(user, card, "预约")
    return await bot.sb.wait_for_message(user.id, contains="已为您预约", after=card.message_id)


async def hand_over(bot: Harness, user: SandboxUser, keeper_user: SandboxUser) -> SandboxMessage:
    """The housekeeper confirms the hand-over of the newest reservation; the loan message."""

    def tasks() -> list[SandboxMessage]:
        return [m for m in bot.sb.sent(keeper_user.id) if "确认交接" in m.button_texts]

    await bot.sb.wait_for(lambda: bool(tasks()))
    task = tasks()[-1]
    before = bot.sb.sent(user.id)[-1]
    await bot.sb.press(keeper_user, task, "确认交接")
    return await bot.sb.wait_for_message(user.id, contains="已借出", after=before.message_id)


async def borrow(
    bot: Harness, user: SandboxUser, keeper_user: SandboxUser, text: str
) -> SandboxMessage:
    """Reserve and have the housekeeper hand it over; return the loan message."""
    await reserve(bot, user, text)
    return await hand_over(bot, user, keeper_user)


async def db(bot: Harness, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows of a query against the running bot's database."""
    async with bot.runtime.db.read() as tx:
        return [tuple(r) for r in await tx.all(sql, params)]
