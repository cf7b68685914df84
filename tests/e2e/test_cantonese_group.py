"""Session 15, finding 8, end to end: a long urgent Cantonese message in the group ("厕所塞咗…
水都浸出嚟喇…而家可以嚟") is answered as the drain request it is (it got silence)."""

from __future__ import annotations

from tests.booking_steps import crew
from tests.harness import Harness


async def test_a_blocked_toilet_in_cantonese_is_answered_in_the_group(bot: Harness) -> None:
    await crew(bot)
    chen = bot.person(6901, "陈姨")
    chat = await bot.group()
    said = await bot.say(chen, "我屋企个厕所塞咗呀 水都浸出嚟喇 有冇师傅而家可以嚟睇下", chat=chat)
    answer = await bot.sb.wait_for_message(chat.id, after=said.message_id)
    assert "疏通" in answer.content or "私聊" in answer.content, answer.content
