"""A draft the resident called off before confirming ("算了，不约了") is no job: the console's
bookings list and bookings.csv leave it out (the retest saw it as "已取消 · 物业"), while a
confirmed booking cancelled later stays, honestly cancelled."""

from __future__ import annotations

from tests.booking_steps import book, crew, press
from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_a_called_off_draft_is_not_listed_or_exported(bot: Harness) -> None:
    await crew(bot)
    quitter = bot.person(6101, "小李")
    choice = await bot.ask(quitter, "想找人洗油烟机", contains="请选择服务商")
    await press(bot, quitter, choice, 0)
    await bot.sb.wait_for_message(quitter.id, contains="想约什么时间", after=choice)
    await bot.ask(quitter, "今天下午4点", contains="上门地址")
    await bot.ask(quitter, "3-2-501", contains="要告诉师傅")
    await bot.ask(quitter, "算了，不约了", contains="这次先不约")
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
