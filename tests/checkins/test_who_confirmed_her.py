"""Tester session 15, W3: when a responder confirmed her safe, family asking "我妈今天怎么样" hear
who confirmed her, never that she answered; her own greeting is not marked "✅ 已收到" when she
never replied. On a real database."""

from __future__ import annotations

from bot.i18n import T
from tests.checkins.conftest import WANG_TG, Care
from tests.domain_support import rendered

SLOT = "2026-11-28T08:00"


async def _silent_to_grid(care: Care) -> None:
    for step in ("ping", "remind", "grid"):
        await care.run(f"ci:elder_wang:{SLOT}:{step}")


async def test_the_grid_workers_confirmation_is_told_as_his(care: Care) -> None:
    await _silent_to_grid(care)
    checkin = await care.checkin(SLOT)
    async with care.world.tx() as tx:
        await care.ci.help.confirm(tx, checkin, care.zhang)
        [news] = await care.ci.care.news(tx, ("elder_wang",))
    assert rendered(news).startswith("✅ 王阿姨 今天 ")
    assert "由张管家确认平安（本人没有回复问候）" in rendered(news)
    texts = await care.world.queued.texts(WANG_TG)
    assert not any("✅ 已收到" in t for t in texts)
    assert any("张管家 已经确认您平安" in t for t in texts)


async def test_a_help_call_closed_is_told_as_the_closers(care: Care) -> None:
    await _silent_to_grid(care)
    checkin = await care.checkin(SLOT)
    async with care.world.tx() as tx:
        await care.ci.help.support(tx, checkin, care.zhang)
        call = await care.ci.help.open_call(tx, "elder_wang")
        assert call is not None
        await care.ci.help.responses.confirm_safe(tx, call.id, care.staff)
        [news] = await care.ci.care.news(tx, ("elder_wang",))
    assert "已由刘主任确认平安" in rendered(news)


async def test_her_own_answer_is_still_hers(care: Care) -> None:
    await care.run(f"ci:elder_wang:{SLOT}:ping")
    async with care.world.tx() as tx:
        await care.ci.answers.sign_of_life(tx, "elder_wang", "button")
        [news] = await care.ci.care.news(tx, ("elder_wang",))
    assert "回复了问候，说自己平安" in rendered(news)
    assert rendered(T("checkins.reminder_done", name="王阿姨")) not in (
        await care.world.queued.texts(WANG_TG)
    )
