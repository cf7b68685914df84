"""A booking's facts as staff read them (the console retest of session 8, item 3): a work order
says when it was reported and how soon it is to be answered (it read "-"); days of care say
how many days and the total (it read "¥50/day × 2"); a file's size in bytes, KB or MB (a
50-byte file read "0 KB")."""

from __future__ import annotations

import pytest

from bot.i18n import Lang
from bot.web.booking_facts import price_words
from bot.web.provider_forms import byte_size
from tests.booking_steps import crew, press
from tests.console.pages_support import staff_client
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
    note = await bot.ask(resident, "3栋单元门坏了，关不上", contains="告诉维修人员")
    await press(bot, resident, note, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=note)
    await press(bot, resident, confirm, "✅ 提交报修")
    await bot.sb.wait_for_message(resident.id, after=confirm)
    choice = await bot.ask(resident, "后天想找人上门喂猫，我要出差两天", contains="请选择服务商")
    await press(bot, resident, choice, 0)
    await bot.sb.wait_for_message(resident.id, contains="几点方便", after=choice)
    await bot.ask(resident, "上午10点", contains="上门地址")
    note = await bot.ask(resident, "3-2-501", contains="要告诉师傅")
    await press(bot, resident, note, "跳过")
    door = await bot.sb.wait_for_message(resident.id, contains="门锁密码", after=note)
    await press(bot, resident, door, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认预约", after=door)
    await press(bot, resident, confirm, "✅ 确认预约")
    await bot.sb.wait_for_message(resident.id, contains="正在为您联系", after=confirm)
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
