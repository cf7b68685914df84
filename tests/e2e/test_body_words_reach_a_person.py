"""Session 15 retest (welfare #2, #12, #13b) over the sandbox: an enrolled elder's words about
her body are never only "收到，谢谢您跟我说～". Hakka dizziness asks her grid worker to call;
palpitations with numbness, and "从床上下不来了" (once read as a cancellation: "没有找到可以
取消的预约"), open a help call that reaches staff; a body word the reading does not place
still reaches the grid worker."""

from __future__ import annotations

from bot.config import load_community
from tests.e2e.test_checkins import COMMUNITY, enrol_people
from tests.harness import Harness

THANKS = "谢谢您跟我说"


async def test_her_body_words_reach_a_person(harness: Harness) -> None:
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        for words, who in (
            ("𠊎今晡日唔多舒服 头那晕晕", care.zhang),
            ("耳朵嗡嗡响 一整天了", care.zhang),
            ("心跳得很快 手发麻 一个人在家", harness.staff),
            ("从床上下不来了", harness.staff),
        ):
            await harness.say(care.wang, words)
            await harness.sb.wait_for_message(who.id, contains=words)
            await care.idle()
        assert care.count(care.wang, THANKS) == 0
        assert care.count(care.wang, "取消的预约") == 0
