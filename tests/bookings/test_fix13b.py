"""Review findings of issue 13 (bookings), on a real SQLite database: an unanswered late
question escalates again and counts as overdue, a confirmed summary loses its buttons, the
private line leaves bot requests to the bot, honest offer texts and totals, no arrival the day
before, withdrawal confirmed first, no ASAP at night for everyday services."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.contract import DeadlineKind
from bot.domain.bookings.onsite.arrival import UNANSWERED
from bot.i18n import T
from tests.bookings.test_onsite import _accepted, _due
from tests.bookings.test_service import World, _pending, world
from tests.domain_support import rendered

__all__ = ["world"]


async def test_an_unanswered_late_question_alerts_staff_again_and_is_overdue(
    world: World,
) -> None:
    """Nobody answers '师傅到了吗': after the window staff hear again (once) and /bookings
    counts the job overdue; asked but not yet unanswered it is overdue already."""
    x = world
    await _accepted(x)
    booking = await x.get()
    assert booking.eta_at is not None
    grace = x.w.community.policy.arrival_grace
    x.w.clock.set(booking.eta_at + grace)
    await _due(x, DeadlineKind.LATE)
    async with x.w.tx() as tx:
        listed = await x.s.staff_list(tx)
    assert listed == T("bookings.staff_list", count=1, overdue=1, lines=listed.params["lines"])
    again = [d[3] for d in await _pending(x) if d[0] == "bk:1:late:0:unanswered"]
    assert again == [booking.eta_at + grace + UNANSWERED]
    x.w.clock.set(booking.eta_at + grace + UNANSWERED)
    await _due(x, DeadlineKind.LATE)
    await _due(x, DeadlineKind.LATE)
    alerts = [m for m in await x.sent(x.staff) if m.key.startswith("bk1:staff:unanswered:")]
    assert len(alerts) == 1
    assert alerts[0].text.startswith(rendered(T("onsite.staff_unanswered_head", id=1)))
    assert "501" not in alerts[0].text
