"""A worker taken off a job (withdrew, revoked, re-dispatched) keeps no live-looking line: what
the resident relayed to them loses its [💬 回复] button, and a photo relayed to them is deleted
from their chat (Telegram lets a bot delete its messages under 48 hours old)."""

from __future__ import annotations

from tests.booking_steps import crew, press
from tests.console.pages_support import staff_client
from tests.console.test_revoke import person_id
from tests.e2e.test_bookings_onsite import accepted, now_of
from tests.harness import Harness


async def test_a_worker_who_withdrew_keeps_no_reply_button_nor_the_residents_photo(
    bot: Harness,
) -> None:
    """小李 writes and sends a photo to 赵阿姨 through the line; 赵阿姨 gives the job back: the
    relayed text and the photo's header lose 💬 回复 (their words stay), the photo is gone."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    job = await accepted(bot, resident, people.zhao)
    told = next(m for m in bot.sb.sent(resident.id) if "已接单" in m.content)
    await press(bot, resident, told, "💬 联系师傅")
    await bot.sb.wait_for_message(resident.id, contains="会转给赵阿姨")
    await bot.say(resident, "门口有只狗，别怕")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="门口有只狗")
    assert "💬 回复" in got.button_texts
    await bot.sb.send_media(resident, "photo")
    header = await bot.sb.wait_for_message(people.zhao.id, contains="发来照片")
    photo = await bot.sb.wait_for_message(people.zhao.id, contains="<photo>")

    await press(bot, people.zhao, job, "↩️ 退单")
    sure = await bot.sb.wait_for_message(people.zhao.id, contains="确定要退掉订单 #1")
    await press(bot, people.zhao, sure, "↩️ 确定退单")
    await bot.sb.wait_for_message(people.zhao.id, contains="已退回")
    await bot.sb.wait_idle(quiet=0.3)
    for relayed in (got, header):
        now = now_of(bot, people.zhao, relayed)
        assert now.button_texts == [] and now.content == relayed.content
    assert photo.message_id not in {m.message_id for m in bot.sb.sent(people.zhao.id)}


async def test_a_revoked_worker_keeps_no_reply_button_nor_the_residents_photo(
    bot: Harness,
) -> None:
    """Staff revoke 赵阿姨 while she holds the job: the edits that take the line away still
    reach her (only they do), and the resident's photo is deleted from her chat."""
    people = await crew(bot)
    resident = bot.person(6001, "小李")
    await accepted(bot, resident, people.zhao)
    told = next(m for m in bot.sb.sent(resident.id) if "已接单" in m.content)
    await press(bot, resident, told, "💬 联系师傅")
    await bot.sb.wait_for_message(resident.id, contains="会转给赵阿姨")
    await bot.say(resident, "门口有只狗，别怕")
    got = await bot.sb.wait_for_message(people.zhao.id, contains="门口有只狗")
    await bot.sb.send_media(resident, "photo")
    photo = await bot.sb.wait_for_message(people.zhao.id, contains="<photo>")
    zhao = await person_id(bot, people.zhao.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{zhao}/revoke", sure="on")
    await bot.sb.wait_for_message(resident.id, contains="不再为本小区服务")
    await bot.sb.wait_idle(quiet=0.3)
    assert now_of(bot, people.zhao, got).button_texts == []
    assert photo.message_id not in {m.message_id for m in bot.sb.sent(people.zhao.id)}
