"""Plain-language messages over the sandbox: silence for chatter, brief answers with a deep link
for requests in groups, an answer for everything in private."""

from __future__ import annotations

from typing import Literal

from bot.devtools.sandbox import SandboxChat
from tests.booking_steps import book, crew
from tests.harness import Harness

CHATTER = [
    "今天天气真好，大家出去走走",
    "刚洗完油烟机，真干净，谢谢王师傅",
    "通知：明天上午9点到12点停水，请提前储水",
    "Thanks everyone for the help yesterday!",
    "哈哈哈哈 太好笑了",
]


async def _quiet(h: Harness, chat: SandboxChat) -> int:
    await h.sb.wait_idle()
    return len(h.sb.sent(chat.id))


async def test_chatter_gets_silence(bot: Harness) -> None:
    """Thanks, news, announcements and jokes in the group get no answer at all."""
    chat = await bot.group()
    before = await _quiet(bot, chat)
    resident = bot.person(6001, "小李")
    for line in CHATTER:
        await bot.say(resident, line, chat)
    assert await _quiet(bot, chat) == before


async def test_group_request_gets_brief_reply_with_price_and_private_link(bot: Harness) -> None:
    """A request is answered by quoting it: service, price range, market price, time, link."""
    await crew(bot)  # providers with someone to take the job
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    asked = await bot.say(resident, "明天上午想找人洗一下油烟机，有人能约吗？", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=asked.message_id)
    assert answer.reply_to is not None and answer.reply_to.message_id == asked.message_id
    assert "油烟机清洗" in answer.content
    assert "¥180-¥200" in answer.content and "¥240" in answer.content
    assert "11月29日" in answer.content and "09:00-12:00" in answer.content
    url = answer.buttons[0]["url"]
    assert url.startswith("https://t.me/concierge_test_bot?start=req_")
    started = await bot.sb.press_start(resident, url.rsplit("start=", 1)[1])
    card = await bot.sb.wait_for_message(resident.id, after=started.message_id)
    assert "油烟机清洗" in card.content and "市场参考价：¥240" in card.content
    assert any(label.startswith("洁家家政 ¥180/台") for label in card.button_texts)


async def test_english_request_in_group_is_answered_in_the_writers_language(bot: Harness) -> None:
    """An English request is understood and answered in English (issue 13: the reply follows
    the writer, not the community's default)."""
    chat = await bot.group()
    emma = bot.person(6002, "Emma", language="en")
    asked = await bot.say(emma, "my kitchen sink is blocked, can someone come today?", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=asked.message_id)
    assert "管道疏通" not in answer.content and "Got it!" in answer.content


async def test_unnamed_cancel_is_answered_only_when_addressed(bot: Harness) -> None:
    """'不用修了' to nobody in particular is left alone; said to the bot by someone with a
    booking, it gets an answer: right after the first, in their private chat, which booking
    to cancel, with its button; the group hears nothing more (with nothing booked it is
    silent: test_group_context)."""
    await crew(bot)
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    await book(bot, resident)
    before = await _quiet(bot, chat)
    await bot.say(resident, "不用修了，谢谢", chat)
    assert await _quiet(bot, chat) == before
    await bot.say(resident, "@concierge_test_bot 不用修了，谢谢", chat)
    answer = await bot.sb.wait_for_message(resident.id, contains="要取消哪个预约")
    assert "取消 #1" in " ".join(answer.button_texts)
    assert await _quiet(bot, chat) == before


async def test_private_message_that_matches_nothing_offers_categories(bot: Harness) -> None:
    """In private everything gets an answer: categories, then items, then booking that item."""
    await crew(bot)  # providers with someone to take the job
    resident = bot.person(6001, "小李")
    offer = await bot.ask(resident, "你好呀")
    assert "类别" in offer.content and "🔧 维修疏通" in offer.button_texts
    await bot.sb.press(resident, offer, "🧽 清洁保洁")
    items = await bot.sb.wait_for_message(resident.id, contains="请选择")
    await bot.sb.press(resident, items, "油烟机清洗")
    card = await bot.sb.wait_for_message(resident.id, contains="市场参考价")
    assert any(label.startswith("快修师傅 ¥200/台") for label in card.button_texts)


async def test_private_price_question(bot: Harness) -> None:
    """'洗油烟机多少钱' in private shows each provider's price and the market reference."""
    await crew(bot)  # providers with someone to take the job
    resident = bot.person(6001, "小李")
    card = await bot.ask(resident, "洗油烟机多少钱？")
    assert "¥180" in card.content and "¥240" in card.content


async def test_unmatched_requests_reach_staff_misses_without_personal_data(bot: Harness) -> None:
    """Request-like messages that match nothing are counted for /misses, phone numbers redacted."""
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    for _ in range(2):
        await bot.say(resident, "帮忙找个人弄一下飞碟 13812345678", chat)
    await bot.sb.wait_idle()
    await bot.settle_staff()
    listing = await bot.ask(bot.staff, "/misses")
    assert "没听懂 ×2" in listing.content and "「帮忙找个人弄一下飞碟 ***」" in listing.content
    assert "13812345678" not in listing.content
    refused = await bot.ask(resident, "/misses")
    assert "工作人员" in refused.content


async def test_photo_voice_or_sticker_in_private_gets_a_polite_answer(bot: Harness) -> None:
    """Media the bot cannot read is answered with a request for words and the categories."""
    resident = bot.person(6001, "小李")
    kinds: tuple[Literal["photo", "voice", "sticker"], ...] = ("photo", "voice", "sticker")
    for kind in kinds:
        sent = await bot.sb.send_media(resident, kind)
        answer = await bot.sb.wait_for_message(resident.id, after=sent.message_id)
        assert "只看得懂文字" in answer.content and "🔧 维修疏通" in answer.button_texts


async def test_media_in_a_group_is_ignored(bot: Harness) -> None:
    """A photo in the group is nobody's request: silence."""
    chat = await bot.group()
    before = await _quiet(bot, chat)
    await bot.sb.send_media(bot.person(6001, "小李"), "photo", chat=chat)
    assert await _quiet(bot, chat) == before


async def test_the_paced_reply_keeps_the_second_requests_own_link(bot: Harness) -> None:
    """A second request within the burst (F16 of the #13 retest) gets "收到，这条（…）已记下…"
    naming what it asks for, and its button carries that request: opening it continues the
    second request in private, not an empty chat."""
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    first = await bot.say(resident, "明天上午想找人洗一下油烟机，有人能约吗？", chat)
    await bot.sb.wait_for_message(chat.id, after=first.message_id)
    second = await bot.say(resident, "马桶堵了，能来人通一下吗？", chat)
    paced = await bot.sb.wait_for_message(chat.id, contains="为免刷屏", after=second.message_id)
    assert "管道疏通" in paced.content, paced.content
    url = paced.buttons[0]["url"]
    assert url.startswith("https://t.me/concierge_test_bot?start=req_"), url
    token = url.split("start=")[1]
    opened = await bot.ask(resident, f"/start {token}")
    assert "管道疏通" in opened.content or "疏通" in opened.content, opened.content


async def test_a_fault_is_answered_however_many_the_writer_sent(bot: Harness) -> None:
    """小王's third request within the minute is "2栋电梯坏了…" (a work order): the pace that
    silences a third service request never swallows a common-area fault; it is recorded and
    answered in the group with its own link (tester t1)."""
    await crew(bot)
    chat = await bot.group()
    resident = bot.person(6001, "小王")
    first = await bot.say(resident, "油烟机清洗多少钱", chat)
    await bot.sb.wait_for_message(chat.id, after=first.message_id)
    second = await bot.say(resident, "家里想做个保洁，多少钱", chat)
    await bot.sb.wait_for_message(chat.id, after=second.message_id)  # the burst's one reply
    fault = await bot.say(resident, "2栋电梯坏了，没人困在里面，麻烦物业来修一下", chat)
    answer = await bot.sb.wait_for_message(chat.id, after=fault.message_id)
    assert "报修" in answer.content, answer.content
    token = answer.buttons[0]["url"].split("start=")[1]
    async with bot.runtime.db.read() as tx:
        kept = await tx.scalar("SELECT COUNT(*) FROM requests WHERE token = ?", (token,))
    assert kept == 1
