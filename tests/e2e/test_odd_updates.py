"""Updates the handlers did not expect (issue 11): edits, posts without a sender, channel posts,
unknown chat types, odd names, non-ASCII button data, numbers that are not ids, and a member
flooding a group. Each is answered politely or ignored: never a traceback, never twice."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.devtools.sandbox import SandboxChat, SandboxMessage
from tests.harness import Harness

JsonDict = dict[str, Any]


def _edit(bot: Harness, message: SandboxMessage, text: str) -> None:
    """The author edits their message (Telegram sends an ``edited_message`` update)."""
    payload = message.to_api()
    payload.pop("entities", None)
    payload["text"] = text
    payload["edit_date"] = message.date + 5
    message.text = text
    bot.sb.state.enqueue("edited_message", payload)


async def _settled(bot: Harness) -> None:
    """Everything queued so far was handled: a later private message was answered (updates
    are handled in order) and the bot went quiet."""
    probe = bot.person(6999, "路人")
    sent = await bot.sb.send(probe, "/help")
    await bot.sb.wait_for_message(probe.id, after=sent.message_id)
    await bot.sb.wait_idle(quiet=0.1)


async def test_an_edit_of_an_answered_group_request_is_not_answered_again(bot: Harness) -> None:
    """The resident corrects the time of a request the bot already answered: one answer."""
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    asked = await bot.say(resident, "明天上午想找人洗一下油烟机", chat)
    await bot.sb.wait_for_message(chat.id, after=asked.message_id)
    _edit(bot, asked, "明天下午想找人洗一下油烟机")
    _edit(bot, asked, "后天下午想找人洗一下油烟机")
    await _settled(bot)
    assert len(bot.sb.sent(chat.id)) == len(bot.sb.sent(chat.id, include_deleted=True))
    answers = [m for m in bot.sb.sent(chat.id) if m.message_id > asked.message_id]
    assert len(answers) == 1


async def test_an_edit_of_an_unanswered_message_is_read_once(bot: Harness) -> None:
    """Chatter edited into a request is answered (once); editing it again changes nothing."""
    chat = await bot.group()
    resident = bot.person(6001, "小李")
    said = await bot.say(resident, "今天天气真好", chat)
    await _settled(bot)
    assert [m for m in bot.sb.sent(chat.id) if m.message_id > said.message_id] == []
    _edit(bot, said, "马桶堵了，谁能来通一下？")
    await bot.sb.wait_for_message(chat.id, contains="管道疏通", after=said.message_id)
    _edit(bot, said, "马桶堵了，谁能来通一下？？急")
    await _settled(bot)
    assert len([m for m in bot.sb.sent(chat.id) if m.message_id > said.message_id]) == 1


async def test_an_edit_in_private_does_not_start_a_second_answer(bot: Harness) -> None:
    """In private too: a corrected message already answered is not answered again."""
    resident = bot.person(6001, "小李")
    asked = await bot.sb.send(resident, "洗油烟机多少钱")
    await bot.sb.wait_for_message(resident.id, after=asked.message_id)
    count = len(bot.sb.sent(resident.id))
    _edit(bot, asked, "洗油烟机多少钱？")
    await _settled(bot)
    assert len(bot.sb.sent(resident.id)) == count


def _group_post(chat: SandboxChat, text: str) -> JsonDict:
    """A message in the group with no ``from`` (an anonymous admin or a linked channel)."""
    return {
        "message_id": 900,
        "date": 1_800_000_000,
        "chat": chat.to_api(),
        "sender_chat": {"id": -1009999, "type": "channel", "title": "频道"},
        "text": text,
    }


ODD: dict[str, Callable[[SandboxChat], tuple[str, JsonDict]]] = {
    "group post without from, an emergency": lambda c: (
        "message",
        _group_post(c, "着火了！快来人"),
    ),
    "group post without from, a request": lambda c: ("message", _group_post(c, "马桶堵了谁能修")),
    "channel post": lambda c: (
        "channel_post",
        {
            "message_id": 5,
            "date": 1_800_000_000,
            "chat": {"id": -1007777, "type": "channel", "title": "公告"},
            "text": "马桶堵了，谁能来通一下？",
        },
    ),
    "edited channel post": lambda c: (
        "edited_channel_post",
        {
            "message_id": 5,
            "date": 1_800_000_000,
            "edit_date": 1_800_000_005,
            "chat": {"id": -1007777, "type": "channel", "title": "公告"},
            "text": "/start",
        },
    ),
    "an unknown chat type": lambda c: (
        "message",
        {
            "message_id": 7,
            "date": 1_800_000_000,
            "chat": {"id": -1008888, "type": "guild", "title": "?"},
            "from": {"id": 6003, "is_bot": False, "first_name": "某人"},
            "text": "马桶堵了，谁能来通一下？",
        },
    ),
    "a group message from someone with an empty name": lambda c: (
        "message",
        {
            "message_id": 901,
            "date": 1_800_000_000,
            "chat": c.to_api(),
            "from": {"id": 6004, "is_bot": False, "first_name": ""},
            "text": "着火了！快来人",
        },
    ),
    "a press on an inline message (no message at all)": lambda c: (
        "callback_query",
        {
            "id": "odd-1",
            "from": {"id": 6005, "is_bot": False, "first_name": "某人"},
            "chat_instance": "1",
            "inline_message_id": "abc",
            "data": "bk_acc:1:1|签名签名",
        },
    ),
}


@pytest.mark.parametrize("name", ODD)
async def test_odd_updates_are_ignored_or_answered_without_error(
    bot: Harness, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    """No traceback, nothing for the error handler, and the bot keeps answering afterwards."""
    chat = await bot.group()
    kind, payload = ODD[name](chat)
    with caplog.at_level(logging.WARNING):
        bot.sb.state.enqueue(kind, payload)
        await _settled(bot)
    # (an emergency nobody can be told of is logged as an error by design; that is not a crash)
    crashes = [r for r in caplog.records if r.name == "handlers.errors" or r.exc_info]
    assert crashes == []


async def test_someone_with_an_empty_name_is_welcomed(bot: Harness) -> None:
    """Telegram allows a name of invisible characters; /start still answers."""
    nobody = bot.sb.user(6006, "", language_code="zh-hans")
    answer = await bot.ask(nobody, "/start")
    assert answer.content


async def test_non_ascii_button_data_is_a_stale_button(bot: Harness) -> None:
    """Non-ASCII data (which hmac.compare_digest refuses as str) is answered as stale."""
    resident = bot.person(6001, "小李")
    await bot.ask(resident, "/start")
    await bot.sb.press_raw(resident, resident.id, 1, "bk_acc:1:1|签名签名")
    await bot.sb.wait_for(lambda: bool(bot.sb.callback_answers(resident)))
    assert "失效" in (bot.sb.callback_answers(resident)[-1].answer_text or "")


@pytest.mark.parametrize("arg", ["²", "9" * 25, "-1", "١٢"])
async def test_staff_commands_with_numbers_that_are_not_ids(
    bot: Harness, arg: str, caplog: pytest.LogCaptureFixture
) -> None:
    """/booking ² and /incident 999…9 answer with usage or "not found", no traceback."""
    await bot.settle_staff()
    with caplog.at_level(logging.WARNING):
        for command in ("/booking", "/incident"):
            answer = await bot.ask(bot.staff, f"{command} {arg}")
            assert "抱歉，刚才出了点问题" not in answer.content
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_member_flooding_a_group_gets_one_answer_and_one_acknowledgement(
    bot: Harness,
) -> None:
    """Ten requests in a burst from one member: one answer, one "got it" — then, after the
    window, the next request is answered again. Another member is answered meanwhile."""
    chat = await bot.group()
    flooder = bot.person(6001, "小李")
    first = await bot.say(flooder, "马桶堵了，谁能来通一下？", chat)
    for n in range(9):
        await bot.say(flooder, f"明天上午想找人洗一下油烟机 {n}", chat)
    other = bot.person(6002, "小王")
    await bot.say(other, "明天上午想找人洗一下油烟机", chat)
    await _settled(bot)
    said = [m for m in bot.sb.sent(chat.id) if m.message_id > first.message_id]
    assert len(said) == 3, [m.content for m in said]
    assert sum("为免刷屏" in m.content for m in said) == 1  # the one acknowledgement
    await bot.advance(timedelta(seconds=61))
    again = await bot.say(flooder, "明天上午想找人洗一下油烟机", chat)
    await bot.sb.wait_for_message(chat.id, contains="油烟机", after=again.message_id)
