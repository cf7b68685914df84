"""Changes without a restart, over the sandbox: a price staff change is what the next resident
is shown; a revoked housekeeper is sent nothing more."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.harness import Harness
from tests.tools_support import reserve, resident


async def test_a_changed_price_is_shown_to_the_next_resident(bot: Harness) -> None:
    """The setup service changes 洁家家政's range hood price; the running bot quotes it."""
    await crew(bot)
    li = bot.person(6001, "小李")
    card = await bot.ask(li, "洗油烟机多少钱", contains="油烟机清洗")
    assert "洁家家政 ¥180/台" in card.content
    async with bot.runtime.db.tx() as tx:
        await bot.runtime.setup.set_price(tx, "person:1", "range_hood_cleaning", "jiejia", 190)
    card = await bot.ask(li, "洗油烟机多少钱", contains="油烟机清洗")
    assert "洁家家政 ¥190/台" in card.content and "洁家家政 ¥180/台" not in card.content


async def test_a_revoked_housekeeper_is_sent_nothing_more(bot: Harness) -> None:
    """张管家 covers building 3; once revoked, a building-3 loan's hand-over is not sent to
    her (it goes to whoever else covers it: here nobody, so staff hear of it)."""
    people = await crew(bot)
    li = await resident(bot, 6001, "小李", "3-2-501")
    await reserve(bot, li)
    await bot.sb.wait_for(lambda: any("确认交接" in m.button_texts for m in bot.sb.sent(2001)))
    async with bot.runtime.db.tx() as tx:
        await bot.runtime.setup.revoke(tx, "person:1", people.zhang.id)
    before = len(bot.sb.sent(people.zhang.id))
    wu = await resident(bot, 6002, "小吴", "3-1-202")
    await reserve(bot, wu, "谁有电钻借我用一下")
    await bot.sb.wait_idle(quiet=0.1)
    assert len(bot.sb.sent(people.zhang.id)) == before
