"""The Care page's last 30 days per elder: the pure day marks as tables, then three days made by
the bot's own check-ins (answered at once, after the reminder, never) read on a 360 px phone,
in Chinese and English, every cell inside its card."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.devtools.sandbox import SandboxUser
from bot.domain.console.insight.days import DayCheckin, DayMark, checkin_mark, day_mark, last_days
from tests.console.browser import available
from tests.console.pages_support import base, staff_client, staff_on_a_phone
from tests.console.test_phone_tables import CLIPPED
from tests.harness import Harness

REMINDER = timedelta(minutes=30)
DUE = datetime(2026, 11, 28, 0, 30, tzinfo=UTC)
DAY = date(2026, 11, 28)


def _c(state: str, after: int | None = None, closed_by: str | None = None) -> DayCheckin:
    closed = DUE + timedelta(minutes=after) if after is not None else None
    return DayCheckin(DAY, state, closed_by, DUE, closed)


@pytest.mark.parametrize(
    ("checkin", "mark"),
    [
        (_c("fine", 5, "elder"), DayMark.ANSWERED),
        (_c("unwell", 30, "elder"), DayMark.ANSWERED),  # at the reminder's time: not late
        (_c("fine", 31, "elder"), DayMark.LATE),
        (_c("fine", 90, "confirmed"), DayMark.MISSED),  # someone else said she was safe
        (_c("grid"), DayMark.MISSED),
        (_c("escalated"), DayMark.MISSED),
        (_c("help"), DayMark.MISSED),
        (_c("pinged"), DayMark.WAITING),
        (_c("reminded"), DayMark.WAITING),
        (_c("skipped"), DayMark.PAUSED),
    ],
)
def test_a_checkins_mark(checkin: DayCheckin, mark: DayMark) -> None:
    assert checkin_mark(checkin, REMINDER) is mark


@pytest.mark.parametrize(
    ("states", "mark"),
    [
        ([], DayMark.NONE),
        ([_c("fine", 1), _c("grid")], DayMark.MISSED),  # the worst of the day
        ([_c("fine", 1), _c("fine", 45)], DayMark.LATE),
        ([_c("skipped"), _c("fine", 1)], DayMark.ANSWERED),
        ([_c("skipped"), _c("skipped")], DayMark.PAUSED),
        ([_c("fine", 45), _c("pinged")], DayMark.WAITING),
    ],
)
def test_a_days_mark(states: list[DayCheckin], mark: DayMark) -> None:
    assert day_mark(states, REMINDER) is mark


def test_last_days_are_thirty_oldest_first() -> None:
    days = last_days([_c("fine", 1)], DAY + timedelta(days=2), REMINDER)
    assert len(days) == 30 and days[0][0] == DAY - timedelta(days=27)
    assert [m for _, m in days[-3:]] == [DayMark.ANSWERED, DayMark.NONE, DayMark.NONE]


async def _press_fine(bot: Harness, elder: SandboxUser) -> None:
    ping = await bot.sb.wait_for_message(elder.id, contains="今天都好吗")
    await bot.sb.press(elder, ping, "😊 我很好")
    await bot.sb.wait_idle(quiet=0.2)


async def test_thirty_days_per_elder_on_a_phone(bot: Harness) -> None:
    """王阿姨 (08:30 check-in) answers at once on Saturday, 40 minutes late (after the
    reminder) on Sunday, and never on Monday (her grid worker, then staff, are asked): her
    last three cells read answered, late, missed; the days before read nothing due; at 360 px
    the row of 30 cells sits inside her card, in both languages."""
    await bot.settle_staff()
    wang = bot.person(3001, "王阿姨")
    await bot.join(wang, "elder", "elder_wang")
    await bot.advance(timedelta(minutes=31))  # Saturday 08:31
    await _press_fine(bot, wang)
    await bot.advance(timedelta(days=1))  # Sunday 08:31: pinged
    await bot.advance(timedelta(minutes=40))  # reminded at 09:00
    await bot.sb.wait_for_message(wang.id, contains="还没收到您的回复")
    button = [m for m in bot.sb.sent(wang.id) if "😊 我很好" in m.button_texts]
    await bot.sb.press(wang, button[-1], "😊 我很好")
    await bot.sb.wait_idle(quiet=0.2)
    await bot.advance(timedelta(days=1) - timedelta(minutes=40))  # Monday 08:31
    for _ in range(4):  # the ladder: reminder, grid worker, staff
        await bot.advance(timedelta(minutes=45))
    async with staff_client(bot) as web:
        _, text = await web.get("/care")
    row = next(r for r in text.split('id="care"')[1].split("<tr>") if "王阿姨" in r)
    cells = row.split('class="days"')[1].split("</div>")[0]
    assert cells.count("<span") == 30
    marks = [part.split('"')[0] for part in cells.split('class="d-')[1:]]
    assert marks[-3:] == ["answered", "late", "missed"], marks
    assert set(marks[:-3]) == {"none"}
    assert "11-30 未联系上本人" in cells
    if available():  # the page on a phone, in a real browser
        await _fits_a_phone(bot)


async def _fits_a_phone(bot: Harness) -> None:
    for lang in ("zh", "en"):
        async with staff_on_a_phone(bot, lang) as page:
            await page.goto(base(bot) + "/care")
            assert await page.evaluate(CLIPPED, "care") == [], lang
            days = page.locator("#care .days").first
            box = await days.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
            last = await days.locator("span").last.bounding_box()
            assert last is not None and last["x"] + last["width"] <= box["x"] + box["width"]
            legend = await page.inner_text("#day-legend")
            assert ("提醒后才回复" if lang == "zh" else "answered after a reminder") in legend
