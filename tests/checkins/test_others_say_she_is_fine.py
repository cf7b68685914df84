"""What the grid worker or the family write about her while her check-in is on the ladder
(tester session 15, W2): never the service menu, never a confirmation by words alone. The grid
worker is asked in one tap; family's words reach the grid worker (and staff once alerted) and
the ladder goes on until one of them confirms. On a real database."""

from __future__ import annotations

from bot.domain.checkins.contract import Action
from bot.domain.checkins.model import CheckinState
from bot.i18n import T
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, ZHANG_TG, Care
from tests.domain_support import rendered

SLOT = "2026-11-28T08:00"
VISITED = "我刚上门看过了 王阿姨在家看电视呢 没事 手机静音了"


def actions(care: Care, data: list[str]) -> list[str]:
    found = [care.world.signer.verify(d) for d in data]
    return [f.action for f in found if f is not None]


async def _at(care: Care, *steps: str) -> None:
    await care.run(f"ci:elder_wang:{SLOT}:ping")
    for step in steps:
        await care.run(f"ci:elder_wang:{SLOT}:{step}")


async def test_the_grid_workers_words_ask_one_tap_and_settle_nothing(care: Care) -> None:
    """ "我刚上门看过了 … 没事" at the grid step: 确认 王阿姨 平安？ with [✅ 已确认平安] only; the
    check-in still waits for the tap; the words are in her trail."""
    await _at(care, "remind", "grid")
    async with care.world.tx() as tx:
        asks = await care.ci.hearsay.worker_wrote(tx, care.zhang, VISITED, fine=True)
        trail = await care.world.audit.timeline(tx, "elder:elder_wang")
    checkin = await care.checkin(SLOT)
    [(text, buttons)] = asks
    assert text == T("checkins.worker_said_fine", name="王阿姨", words=VISITED)
    assert [[b.data for b in row] for row in buttons] == [
        [care.world.signer.make(Action.SAFE, checkin.id)]
    ]
    assert checkin.state == CheckinState.GRID
    assert [e.detail.get("note") for e in trail if e.action == "worker_wrote"] == [VISITED]


async def test_words_from_someone_not_on_her_ladder_ask_nothing(care: Care) -> None:
    """Before the grid step 张管家 was alerted about nothing: his words go on as usual; the
    daughter, who was alerted, may not confirm."""
    await _at(care, "remind")
    async with care.world.tx() as tx:
        assert await care.ci.hearsay.worker_wrote(tx, care.zhang, VISITED, fine=True) == []
    await care.run(f"ci:elder_wang:{SLOT}:grid")
    async with care.world.tx() as tx:
        assert await care.ci.hearsay.worker_wrote(tx, care.daughter, "她没事", fine=True) == []


async def test_family_words_reach_those_on_the_ladder_who_confirm(care: Care) -> None:
    """ "我刚给我妈打了电话 她没事" at the staff step: 张管家 and staff get her words with
    [✅ 已确认平安]; the daughter is told they were; the check-in still waits."""
    words = "我刚给我妈打了电话 她没事 手机调静音了"
    await _at(care, "remind", "grid", "staff")
    async with care.world.tx() as tx:
        told = await care.ci.hearsay.family_wrote(
            tx, care.daughter, ("elder_wang",), words, "4001:77"
        )
    checkin = await care.checkin(SLOT)
    assert checkin.state == CheckinState.ESCALATED
    said = rendered(T("checkins.family_said", who="王小明", name="王阿姨", words=words))
    for chat in (ZHANG_TG, STAFF_TG):
        last = (await care.world.queued.all(chat))[-1]
        assert last.text == said and actions(care, last.button_data) == [Action.SAFE]
    assert said not in await care.world.queued.texts(DAUGHTER_TG)
    assert told == [T("checkins.family_said_passed", name="王阿姨", who="张管家、刘主任")]


async def test_family_words_before_the_grid_step_reach_the_grid_worker(care: Care) -> None:
    """Nobody alerted yet: her grid worker hears the family's words anyway."""
    await _at(care)
    async with care.world.tx() as tx:
        told = await care.ci.hearsay.family_wrote(
            tx, care.daughter, ("elder_wang",), "I just called mum, she's fine", "4001:78"
        )
    assert told == [T("checkins.family_said_passed", name="王阿姨", who="张管家")]
    assert (await care.checkin(SLOT)).state == CheckinState.PINGED
    assert len(await care.world.queued.all(ZHANG_TG)) == 1
