"""Every button press is checked: forged, malformed or stale data changes nothing and gets a
polite answer; and a real failure is logged and answered without details."""

from __future__ import annotations

import logging

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from bot.i18n import T, render
from tests.harness import Harness

ERROR = render(T("common.error"), "zh")


async def _state(bot: Harness) -> tuple[int, int]:
    async with bot.runtime.db.read() as tx:
        audit = await tx.scalar("SELECT COUNT(*) FROM audit")
        pending = await tx.scalar("SELECT COUNT(*) FROM deadlines WHERE status = 'pending'")
    return int(audit), int(pending)


async def test_forged_data_is_refused_politely(bot: Harness) -> None:
    """Data not signed by this bot is answered as a stale button; nothing changes."""
    resident = bot.person(6001, "小李")
    await bot.ask(resident, "/start")
    before = await _state(bot)
    await bot.sb.press_raw(resident, resident.id, 1, "bk_acc:1:1|forgedsig")
    await bot.sb.wait_idle()
    answer = bot.sb.callback_answers(resident)[-1]
    assert answer.answer_text == render(T("common.stale_button"), "zh")
    assert await _state(bot) == before


async def test_every_button_action_survives_malformed_arguments(bot: Harness) -> None:
    """Each registered action, pressed with signed but nonsensical ids, answers without error."""
    resident = bot.person(6001, "小李")
    await bot.ask(resident, "/start")
    before = await _state(bot)
    actions = sorted(bot.app.bot_data.router.buttons) if bot.app else []
    assert len(actions) > 20
    for action in actions:
        data = bot.runtime.signer.make(action, "abc", "x")
        await bot.sb.press_raw(resident, resident.id, 1, data)
    await bot.sb.wait_idle()
    answers = bot.sb.callback_answers(resident)
    assert len(answers) == len(actions)
    crashed = [a.data for a in answers if a.answer_text == ERROR]
    assert crashed == []
    assert await _state(bot) == before


async def test_a_failing_handler_is_logged_and_answered_without_details(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """The error handler logs with the traceback and tells the person only that it failed."""

    async def broken(update: Update, context: object) -> None:
        raise RuntimeError("secret internal detail")

    assert bot.app is not None
    bot.app.add_handler(CommandHandler("broken", broken), group=-5)
    resident = bot.person(6001, "小李")
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        answer = await bot.ask(resident, "/broken")
    assert answer.content == ERROR
    assert "secret internal detail" not in answer.content
    record = next(r for r in caplog.records if r.name == "handlers.errors")
    assert record.exc_info is not None and "secret internal detail" in str(record.exc_info[1])
