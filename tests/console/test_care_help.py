"""The Care page counts an elder's help call raised in her own words ("我摔倒了"), open or not,
as Today and the incident page do (through the console's real aiohttp app)."""

from __future__ import annotations

from datetime import timedelta

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_a_help_call_in_an_elders_words_counts_on_the_care_page(bot: Harness) -> None:
    """王阿姨 writes that she fell: her row's help calls read 1, not 0, while it is open."""
    await bot.settle_staff()
    wang = bot.person(3001, "王阿姨")
    await bot.join(wang, "elder", "elder_wang")
    await bot.say(wang, "我摔倒了，起不来")
    await bot.sb.wait_for_message(bot.staff.id, contains="王阿姨")
    async with staff_client(bot) as web:
        _, page = await web.get("/care")
    table = page.split('id="care"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "王阿姨" in r)
    assert '<td data-label="求助">1</td>' in row


async def test_an_emergency_an_elder_wrote_in_the_group_counts_on_the_care_page(
    bot: Harness,
) -> None:
    """李大爷 writes in the group that he fell (an emergency with no elder key, raised from a
    message, escalated while nobody answers): his row's help calls read 1, not 0."""
    await bot.settle_staff()
    group = await bot.group()
    li = bot.person(3002, "李大爷")
    await bot.join(li, "elder", "elder_li")
    await bot.say(li, "我在3栋2单元502摔倒了，起不来，快来人", group)
    await bot.sb.wait_for_message(bot.staff.id, contains="李大爷")
    await bot.advance(timedelta(minutes=11))  # escalated, still open
    async with staff_client(bot) as web:
        _, page = await web.get("/care")
    table = page.split('id="care"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "李大爷" in r)
    assert '<td data-label="求助">1</td>' in row
