"""The Care page counts an elder's help call raised in her own words ("我摔倒了"), open or not,
as Today and the incident page do (through the console's real aiohttp app)."""

from __future__ import annotations

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
