"""Trust: low ratings, the rating floor, expired papers, door codes and privacy."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.config import load_community
from bot.domain.secrets import SecretBox
from tests.booking_steps import answer_of, book, button_index, crew, offer_to, press, press_raw
from tests.harness import Harness


async def test_rating_floor_and_expired_papers_exclude_providers_and_staff_hear_once(
    harness: Harness,
) -> None:
    """Below the floor over enough ratings, or an expired licence: not offered, staff told once."""
    text = _community_text(floor_count=1, kuaixiu_licence="2026-11-01")
    harness.with_settings(community=load_community(text=text))
    async with harness.running():
        bot = harness
        people = await crew(bot)
        await bot.settle_staff()
        resident = bot.person(6001, "小李")
        choice = await bot.ask(resident, "想洗油烟机", contains="请选择服务商")
        assert not any(t.startswith("快修师傅") for t in choice.button_texts)
        expired = await bot.sb.wait_for_message(bot.staff.id, contains="营业执照已过期")
        assert "快修师傅" in expired.content
        await bot.ask(bot.person(6003, "小王"), "想洗油烟机", contains="请选择服务商")
        await bot.sb.wait_idle(quiet=0.1)
        assert len([m for m in bot.sb.sent(bot.staff.id) if "营业执照" in m.content]) == 1

        await press(bot, resident, choice, "取消")  # drop this draft
        await book(bot, resident)
        offer = await offer_to(bot, people.zhao)
        await press(bot, people.zhao, offer, "✅ 接单")
        job = await bot.sb.wait_for_message(people.zhao.id, contains="3-2-501")
        await press(bot, people.zhao, job, "📍 已到达")
        early = await bot.sb.wait_for_message(people.zhao.id, contains="已经到业主家了吗")
        await press(bot, people.zhao, early, "📍 是的，我已到达")  # the day before: asked first
        arrived = await bot.sb.wait_for_message(people.zhao.id, contains="已记录到达")
        await press(bot, people.zhao, arrived, "✅ 已完工")
        rate = await bot.sb.wait_for_message(resident.id, contains="请打分")
        await press(bot, resident, rate, "3⭐")
        floor = await bot.sb.wait_for_message(bot.staff.id, contains="评分低于社区标准")
        assert "洁家家政" in floor.content
        nobody = await bot.ask(bot.person(6004, "小赵"), "想洗油烟机", contains="暂时没有")
        assert "油烟机清洗" in nobody.content


def _community_text(*, floor_count: int, kuaixiu_licence: str) -> str:
    from importlib import resources

    text = resources.files("bot.data").joinpath("sample-community.toml").read_text("utf-8")
    text = text.replace("rating_floor_min_count = 5", f"rating_floor_min_count = {floor_count}")
    return text.replace('licence_expires = "2027-03-31"', f'licence_expires = "{kuaixiu_licence}"')


async def test_door_code_is_encrypted_shown_only_to_the_worker_and_purged(bot: Harness) -> None:
    """Pet sitting: the code is stored encrypted, revealed to the assignee only, then purged."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await book(bot, resident, "明天想找人上门喂猫", provider="香溪美地物业", door="门锁密码 4321#")
    confirm = bot.sb.sent(resident.id)[-2]
    assert "已加密保存" in confirm.content and "4321" not in confirm.content
    async with bot.runtime.db.read() as tx:
        sealed = await tx.scalar("SELECT door_code FROM bookings WHERE id = 1")
    assert sealed and "4321" not in sealed
    assert SecretBox(bot.settings.secret_key).open(sealed) == "门锁密码 4321#"
    assert SecretBox("another-key-entirely-000").open(sealed) is None

    offer = await offer_to(bot, people.wang)
    assert "4321" not in offer.content and "🔑 查看门锁密码" not in offer.button_texts
    await press(bot, people.wang, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.wang.id, contains="有门锁密码")
    assert "4321" not in job.content
    await press(bot, people.wang, job, "🔑 查看门锁密码")
    assert "4321#" in await answer_of(bot, people.wang)
    # the housekeeper who was offered it too, but did not accept, is refused
    code_data = str(job.buttons[button_index(job, "🔑")]["callback_data"])
    assert "4321" not in await press_raw(bot, people.zhang, 1, code_data)

    await press(bot, people.wang, job, "📍 已到达")
    early = await bot.sb.wait_for_message(people.wang.id, contains="已经到业主家了吗")
    await press(bot, people.wang, early, "📍 是的，我已到达")  # the day before: asked first
    arrived = await bot.sb.wait_for_message(people.wang.id, contains="已记录到达")
    await press(bot, people.wang, arrived, "✅ 已完工")
    await bot.sb.wait_for_message(resident.id, contains="请打分")
    await press(bot, people.wang, arrived, "🔑 查看门锁密码")
    assert "已经失效" in await answer_of(bot, people.wang)
    async with bot.runtime.db.read() as tx:
        sealed = await tx.scalar("SELECT door_code FROM bookings WHERE id = 1")
        actions = [e.action for e in await bot.runtime.audit.timeline(tx, "booking:1")]
    assert sealed is None
    assert actions.count("door_code_revealed") == 1 and "door_code_refused" in actions
    assert "door_code_purged" in actions


async def test_no_address_phone_or_door_code_in_groups_or_logs(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Scan every Bot API call to a group and every captured log line for private data."""
    caplog.set_level(logging.INFO)  # the production level (bot.cli.setup_logging) ...
    caplog.set_level(logging.DEBUG, logger="bot")  # ... and everything our own code logs
    caplog.set_level(logging.DEBUG, logger="handlers")
    people = await crew(bot)
    group = await bot.group()
    resident = bot.person(6001, "小李")
    await bot.say(resident, "/start")
    await bot.sb.wait_for_message(resident.id, contains="楼栋-单元-房号")
    await bot.ask(resident, "3栋2单元501", contains="已记下")
    await book(
        bot,
        resident,
        "明天上午想找人上门喂猫，我电话13812345678",
        group=group,
        provider="香溪美地物业",
        note="到了打13812345678",
        door="8642#",
    )
    offer = await offer_to(bot, people.wang)
    await press(bot, people.wang, offer, "✅ 接单")
    job = await bot.sb.wait_for_message(people.wang.id, contains="有门锁密码")
    await press(bot, people.wang, job, "🔑 查看门锁密码")
    await bot.advance(timedelta(hours=23))
    await bot.say(resident, "楼道灯坏了", group)
    await bot.sb.wait_idle(quiet=0.1)

    secrets = ("3-2-501", "3栋2单元501", "13812345678", "8642#")
    group_calls = [c for c in bot.sb.calls() if str(c.params.get("chat_id", "")).startswith("-")]
    assert group_calls
    for call in group_calls:
        rendered = str(call.params)
        assert not any(s in rendered for s in secrets), rendered
    for record in caplog.records:
        line = record.getMessage()
        assert not any(s in line for s in secrets), line
    # the worker did see the address in private: the scan would have caught it in a group
    assert "3-2-501" in job.content


async def test_staff_suspend_and_lift_a_provider(bot: Harness) -> None:
    """/suspend keeps a provider out of the choice until /unsuspend; residents cannot."""
    await crew(bot)
    resident = bot.person(6001, "小李")
    refused = await bot.ask(resident, "/suspend kuaixiu", contains="工作人员")
    assert not refused.buttons
    await bot.ask(bot.staff, "/suspend kuaixiu", contains="已暂停「快修师傅」")
    choice = await bot.ask(resident, "想洗油烟机", contains="请选择服务商")
    assert not any(t.startswith("快修师傅") for t in choice.button_texts)
    await bot.ask(bot.staff, "/unsuspend kuaixiu", contains="已恢复")
    again = await bot.ask(resident, "想洗油烟机", contains="请选择服务商")
    assert any(t.startswith("快修师傅") for t in again.button_texts)
    usage = await bot.ask(bot.staff, "/suspend nobody", contains="用法")
    assert "jiejia" in usage.content
