"""A draft the resident called off before confirming ("算了，不约了") is no job: the console's
bookings list and bookings.csv leave it out (the retest saw it as "已取消 · 物业"), while a
confirmed booking cancelled later stays, honestly cancelled."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxUser
from tests.booking_steps import book, crew, press
from tests.console.pages_support import staff_client
from tests.harness import Harness


async def called_off(bot: Harness, quitter: SandboxUser, *said: tuple[str, str]) -> None:
    """A range-hood draft: provider chosen, these answers given (words, what the bot asks
    next), then called off before confirming ("算了，不约了")."""
    choice = await bot.ask(quitter, "想找人洗油烟机", contains="请选择服务商")
    await press(bot, quitter, choice, 0)
    await bot.sb.wait_for_message(quitter.id, contains="想约什么时间", after=choice)
    for words, asked in said:
        await bot.ask(quitter, words, contains=asked)
    await bot.ask(quitter, "算了，不约了", contains="这次先不约")


async def test_a_called_off_draft_is_not_listed_or_exported(bot: Harness) -> None:
    await crew(bot)
    quitter = bot.person(6101, "小李")
    await called_off(bot, quitter, ("今天下午4点", "上门地址"), ("3-2-501", "要告诉师傅"))
    await book(bot, bot.person(6102, "小周"))  # booking #2, confirmed
    async with staff_client(bot) as web:
        status, _ = await web.post("/bookings/2/cancel", sure="on")
        assert status == 200
        _, page = await web.get("/bookings")
        listed = page.split('id="bookings"')[1]
        assert 'href="/bookings/2"' in listed and 'href="/bookings/1"' not in listed
        assert "共 1 条" in page
        _, csv = await web.get("/export/bookings.csv")
    ids = [line.split(",")[0] for line in csv.splitlines()[1:]]
    assert ids == ["2"], csv


async def test_a_draft_opens_neither_in_the_console_nor_with_booking(bot: Harness) -> None:
    """#1 called off before confirming, #2 never finished: "/booking 1" and "/booking 2" say
    there is no such job (the tester read "Job #4 … Provider: the property office"), their
    console pages are not found and take no note; a confirmed #3 still opens."""
    await crew(bot)
    await called_off(bot, bot.person(6103, "小周"))
    await bot.ask(bot.person(6104, "小吴"), "想找人洗油烟机", contains="请选择服务商")  # #2
    await book(bot, bot.person(6105, "小郑"))  # #3, confirmed
    await bot.settle_staff()
    for draft in (1, 2):
        said = await bot.ask(bot.staff, f"/booking {draft}", contains=f"#{draft}")
        assert said.content == f"没有订单 #{draft}。居民没有确认的草稿不是订单。"
    card = await bot.ask(bot.staff, "/booking 3", contains="订单 #3")
    assert "状态" in card.content
    async with staff_client(bot) as web:
        for draft in (1, 2):
            status, page = await web.get(f"/bookings/{draft}")
            assert status == 404 and "add_note" not in page and "补充" not in page
            status, _ = await web.post(f"/bookings/{draft}/note", note="门口见")
            assert status == 404
            status, _ = await web.get(f"/bookings/{draft}/cancel")
            assert status == 404
            for action in ("cancel", "redispatch"):  # a crafted form changes nothing
                status, _ = await web.post(f"/bookings/{draft}/{action}", sure="on")
                assert status in (404, 409), action
        status, page = await web.get("/bookings/3")
        assert status == 200
    async with bot.runtime.db.read() as tx:
        drafts = await tx.all("SELECT status FROM bookings WHERE id IN (1, 2) ORDER BY id")
    assert [r["status"] for r in drafts] == ["cancelled", "draft"]
