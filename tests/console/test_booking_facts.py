"""A booking's facts as staff read them (the console retest of session 8, item 3): a work order
says when it was reported and how soon it is to be answered (it read "-"); days of care say
how many days and the total (it read "¥50/day × 2"); a file's size in bytes, KB or MB (a
50-byte file read "0 KB")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.i18n import Lang
from bot.web.booking_facts import price_words
from bot.web.provider_forms import byte_size
from tests.booking_steps import book, crew, offer_to, press
from tests.console.pages_support import staff_client, two_days_of_care, work_order
from tests.harness import Harness


@pytest.mark.parametrize(
    ("yuan", "unit", "lang", "units", "said"),
    [
        (180, "台", "zh", 1, "¥180/台"),
        (50, "天", "zh", 2, "¥50/天 × 2 天 = ¥100"),
        (50, "day", "en", 2, "¥50/day × 2 = ¥100"),
        (45.5, "小时", "zh", 3, "¥45.5/小时 × 3 小时 = ¥136.5"),
        (30, "", "en", 2, "¥30 × 2 = ¥60"),
        (0, "次", "zh", 2, "免费"),
        (0, "visit", "en", 1, "free"),
    ],
)
def test_a_price_says_its_total_for_several_units(
    yuan: float, unit: str, lang: Lang, units: int, said: str
) -> None:
    assert price_words(yuan, unit, lang, units) == said


@pytest.mark.parametrize(
    ("size", "lang", "said"),
    [
        (50, "zh", "50 字节"),
        (50, "en", "50 bytes"),
        (1023, "en", "1023 bytes"),
        (1024, "en", "1 KB"),
        (200 * 1024, "zh", "200 KB"),
        (3 * 1024 * 1024 // 2, "en", "1.5 MB"),
    ],
)
def test_a_file_size_reads_in_bytes_kb_or_mb(size: int, lang: Lang, said: str) -> None:
    assert byte_size(size, lang) == said


def facts_of(page: str) -> str:
    """The facts table of a booking's page."""
    return page.split('id="facts"')[1].split("</table>")[0]


async def test_a_work_order_and_two_days_of_care_say_when_and_how_much(bot: Harness) -> None:
    """'3栋单元门坏了' (urgent): reported at 10:00, answered within 15 minutes; cat feeding for
    two days: the slot, for 2 days, ¥50/天 × 2 天 = ¥100; the same in English."""
    await crew(bot)
    resident = bot.person(6101, "小李")
    await work_order(bot, resident)
    await two_days_of_care(bot, resident)
    async with staff_client(bot) as web:
        _, page = await web.get("/bookings/1")
        order = facts_of(page)
        _, page = await web.get("/bookings/2")
        care = facts_of(page)
    assert "报修，15分钟内响应" in order and "免费" in order and "-</td>" not in order
    assert "起，共 2 天" in care and "¥50/天 × 2 天 = ¥100" in care
    await bot.ask(bot.staff, "/language en")
    async with staff_client(bot) as web:
        _, page = await web.get("/bookings/1")
        order = facts_of(page)
        _, page = await web.get("/bookings/2")
        care = facts_of(page)
    assert "reported" in order and "answered within 15 min" in order
    assert "for 2 days from then" in care and "× 2 = ¥100" in care


async def test_the_scorecard_says_the_time_on_the_job(bot: Harness) -> None:
    """赵阿姨 (洁家家政) arrives and is done 45 minutes later: the scorecard's time on the job
    (arrival to done, median) reads 45 minutes."""
    people = await crew(bot)
    resident = bot.person(6102, "小李")
    await book(bot, resident, "今天上午10点想找人洗一下油烟机")
    await press(bot, people.zhao, await offer_to(bot, people.zhao), "✅ 接单")
    job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501")
    await press(bot, people.zhao, job, "📍 已到达")
    arrived = await bot.sb.wait_for_message(people.zhao.id, contains="已记录到达")
    await bot.advance(timedelta(minutes=45))
    await press(bot, people.zhao, arrived, "✅ 已完工")
    await bot.sb.wait_for_message(resident.id, contains="请打分")
    async with staff_client(bot) as web:
        _, page = await web.get("/providers")
    card = page.split('id="card-jiejia"')[1].split("</div>")[0]
    line = card.split("完工用时")[1].split("</tr>")[0]
    assert "45 分钟" in line, line
