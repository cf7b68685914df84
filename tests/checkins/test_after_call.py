"""Getting worse after a help call: "更疼了" once the call was confirmed safe opens a new call
with her words (grid worker, staff and family alerted), never a cheerful reply; during an open
call the same words alert everyone on it again, urgently. On a real database."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FakeClock
from bot.domain.checkins.signs import welfare_level
from bot.domain.checkins.wrote import Outcome
from bot.domain.incidents.model import Cause
from bot.i18n import T
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered


async def _wrote(care: Care, words: str, message_id: int) -> Outcome:
    async with care.world.tx() as tx:
        outcome, _ = await care.ci.wrote(
            tx,
            "elder_wang",
            care.wang,
            words,
            None,
            (WANG_TG, message_id),
            welfare_level(words, None),
        )
    return outcome


async def _fall_confirmed_safe(care: Care) -> int:
    """She fell, 张管家 confirmed her safe: the call's id."""
    assert await _wrote(care, "我摔了起不来", 1) == Outcome.HELP
    async with care.world.tx() as tx:
        call = await care.ci.help.open_call(tx, "elder_wang")
        assert call is not None
        await care.ci.help.responses.confirm_safe(tx, call.id, care.zhang)
    return call.id


async def test_worse_after_the_call_was_closed_opens_a_new_call(
    care: Care, clock: FakeClock
) -> None:
    """ "更疼了" two hours after 张管家 confirmed her safe: a new help call with her words to
    the grid worker, staff and her daughter; she hears who was told."""
    first = await _fall_confirmed_safe(care)
    clock.advance(timedelta(hours=2))
    assert await _wrote(care, "更疼了", 2) == Outcome.HELP
    async with care.world.tx() as tx:
        call = await care.ci.help.open_call(tx, "elder_wang")
    assert call is not None and call.id != first and call.cause == Cause.WORSE
    how = rendered(T("incidents.how_worse", words="更疼了"))
    for chat in (ZHANG_TG, STAFF_TG, DAUGHTER_TG):
        assert any(how in text for text in await care.world.queued.texts(chat)), chat
    assert any("已经通知了" in t for t in await care.world.queued.texts(WANG_TG))


async def test_worse_long_after_the_call_is_not_a_new_call(care: Care, clock: FakeClock) -> None:
    """Two days later "还是不行" speaks of nothing the bot knows: no call opens."""
    await _fall_confirmed_safe(care)
    clock.advance(timedelta(days=2))
    assert await _wrote(care, "还是不行", 2) != Outcome.HELP
    async with care.world.tx() as tx:
        assert await care.ci.help.open_call(tx, "elder_wang") is None


async def test_worse_during_an_open_call_alerts_everyone_again(care: Care) -> None:
    """ "越来越晕" while her call is open: everyone on it is alerted again, urgently."""
    assert await _wrote(care, "我摔了起不来", 1) == Outcome.HELP
    await _wrote(care, "越来越晕", 2)
    urgent = rendered(T("incidents.subject_worse", name="王阿姨", words="越来越晕"))
    assert urgent in await care.world.queued.texts(ZHANG_TG)
