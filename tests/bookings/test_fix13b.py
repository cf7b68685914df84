"""Review findings of issue 13 (bookings), on a real SQLite database: an unanswered late
question escalates again and counts as overdue, a confirmed summary loses its buttons, the
private line leaves bot requests to the bot, honest offer texts and totals, no arrival the day
before, withdrawal confirmed first, no ASAP at night for everyday services."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.bookings.contract import DRAFT, Action, DeadlineKind
from bot.domain.bookings.model import Status
from bot.domain.bookings.onsite.arrival import UNANSWERED
from bot.i18n import T
from tests.bookings.test_onsite import _accepted, _due
from tests.bookings.test_service import World, _actions, _pending, confirmed, world
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


async def test_the_summary_loses_its_buttons_once_confirmed_and_its_cancel_is_stale(
    world: World,
) -> None:
    """Confirmed: the summary is edited without buttons; its old Cancel changes nothing,
    while the live booking's own Cancel still works."""
    x = world
    await confirmed(x)
    edits = [m for m in await x.sent(x.resident) if m.key.startswith("bk1:step:confirm:")]
    assert len(edits) == 1 and edits[0].method == "edit" and edits[0].buttons == []
    summary = next(m for m in await x.sent(x.resident) if m.key == "bk1:step:confirm")
    old_cancel = [a for a in _actions(x, summary) if a[0] == Action.CANCEL]
    assert old_cancel == [(Action.CANCEL, ("1", DRAFT))]
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident, draft=True)
    assert answer.toast == T("common.stale_button")
    assert (await x.get()).status == Status.OFFERED
    async with x.w.tx() as tx:
        answer = await x.s.cancelling.press(tx, 1, x.resident)
    assert (await x.get()).status == Status.CANCELLED
