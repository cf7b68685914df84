"""The weekly report end to end: /report from staff and the Monday digest arrive as a photo
(sendPhoto with an uploaded PNG, recorded by the sandbox) with the five lines as caption; a
resident asking gets a polite refusal; a digest that fell due while the bot was down goes out
at start, once."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.sandbox import SandboxMessage
from bot.i18n import T
from tests.booking_steps import book, crew, offer_to, press
from tests.domain_support import rendered
from tests.harness import START, Harness

PNG = b"\x89PNG\r\n\x1a\n"
MONDAY_8 = START + timedelta(days=2)  # Monday 2026-11-30 08:00


def photos(bot: Harness, chat_id: int) -> list[SandboxMessage]:
    """The photos the bot sent to a chat."""
    return [m for m in bot.sb.sent(chat_id) if m.photo]


def picture(bot: Harness, message: SandboxMessage) -> bytes:
    """The bytes uploaded for a photo message."""
    assert message.photo is not None
    return bot.sb.state.files[message.photo[0]["file_id"]]


async def test_report_on_demand_is_a_chart_with_the_weeks_lines(bot: Harness) -> None:
    """A job booked, accepted after 5 minutes and rated 4: /report says so under the chart."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await book(bot, resident)
    offer = await offer_to(bot, people.zhao)
    bot.clock.advance(timedelta(minutes=5))
    await press(bot, people.zhao, offer, "✅ 接单")
    await bot.sb.wait_for_message(resident.id, contains="已接单")

    sent = await bot.say(bot.staff, "/report")
    await bot.sb.wait_for(lambda: bool(photos(bot, bot.staff.id)))
    [photo] = photos(bot, bot.staff.id)
    assert photo.message_id > sent.message_id
    assert picture(bot, photo).startswith(PNG)
    lines = photo.content.split("\n")
    assert lines[0] == "📊 香溪美地周报 · 11/21–11/28"
    assert lines[1:] == [
        rendered(T("reports.demand", requests=1, booked=1, taken=1, cancelled=0)),
        rendered(T("reports.ratings_none")),
        rendered(T("reports.care", due=0, missed=0)),
        rendered(T("reports.loans", lent=0, overdue=0)),
        rendered(T("reports.answers", offers=1, missed=0)),
    ]


async def test_report_is_for_staff_only(bot: Harness) -> None:
    """A resident asking for the report is told politely it is for staff; nothing is drawn."""
    resident = bot.person(6001, "小李")
    answer = await bot.ask(resident, "/report")
    assert answer.content == rendered(T("common.staff_only"))
    assert not photos(bot, resident.id)


async def test_monday_digest_missed_while_down_goes_at_start_once(harness: Harness) -> None:
    """Down from Sunday to Monday 09:30: the 08:00 digest goes at start, and never again."""
    async with harness.running():
        await harness.settle_staff()
        await harness.advance(timedelta(days=1))  # Sunday 08:00: planned a week ahead
    harness.clock.advance(MONDAY_8 + timedelta(minutes=90) - harness.clock.now())
    async with harness.running():
        await harness.sb.wait_for(lambda: bool(photos(harness, harness.staff.id)))
        await harness.advance(timedelta(hours=1))
        await harness.runtime.sender.drain()  # type: ignore[union-attr]
    async with harness.running():  # and again after another restart the same morning
        await harness.advance(timedelta(minutes=1))
        await harness.runtime.sender.drain()  # type: ignore[union-attr]
        await harness.sb.wait_idle(quiet=0.1)
    [digest] = photos(harness, harness.staff.id)
    assert digest.content.startswith("📊 香溪美地周报 · 11/23–11/29\n")
    assert picture(harness, digest).startswith(PNG)
