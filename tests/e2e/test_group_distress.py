"""Session 15 over the sandbox: 王阿姨 (enrolled, lives alone) writes "我头晕，站不起来了" in the
community group. Her grid worker (with the address) and her daughter are told privately, she is
told privately who was told, the group reads one short kind line with nothing private in it,
and nobody greets her "今天都好吗" later that day while her call is open."""

from __future__ import annotations

from datetime import timedelta

from bot.config import load_community
from bot.i18n import T, render
from tests.e2e.test_checkins import COMMUNITY, WANG_ADDRESS, enrol_people
from tests.harness import Harness

MIN = timedelta(minutes=1)


async def test_an_elders_distress_in_the_group_reaches_her_people_not_the_group(
    harness: Harness,
) -> None:
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        chat = await harness.group(-1001234567890)
        said = await harness.say(care.wang, "我头晕，站不起来了", chat=chat)
        told = render(T("checkins.group_told"), "zh")
        line = await harness.sb.wait_for_message(chat.id, contains=told, after=said.message_id)
        alert = await harness.sb.wait_for_message(care.zhang.id, contains="我头晕，站不起来了")
        assert WANG_ADDRESS in alert.content
        await harness.sb.wait_for_message(care.daughter.id, contains="我头晕，站不起来了")
        await harness.sb.wait_for_message(care.wang.id, contains="别着急")
        await care.idle()
        group = [m.content for m in harness.sb.sent(chat.id) if m.message_id >= line.message_id]
        for private in (WANG_ADDRESS, "501", "独居", "关爱", "王阿姨", "网格员", "张管家"):
            assert not any(private in text for text in group), private
        assert len(group) == 1  # one line, no deep link, no menu
        await care.advance(3 * 60 * MIN)  # past both check-in times of the day
        assert care.count(care.wang, "今天都好吗") == 0
        async with harness.runtime.db.read() as tx:
            assert await tx.scalar("SELECT COUNT(*) FROM incidents") == 1
