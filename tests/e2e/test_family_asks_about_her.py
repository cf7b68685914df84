"""A son asking "我妈住院了？哪个医院" after she wrote she is in hospital hears what is known
from her check-in (tester s15 W5), never "您还没有挂号陪诊的预约。要现在约吗？"."""

from __future__ import annotations

from datetime import timedelta

from bot.config import load_community
from tests.e2e.test_checkins import COMMUNITY, enrol_people
from tests.harness import Harness

MIN = timedelta(minutes=1)


async def test_family_asking_which_hospital_hear_her_check_in_not_a_booking(
    harness: Harness,
) -> None:
    harness.with_settings(community=load_community(text=COMMUNITY))
    async with harness.running():
        care = await enrol_people(harness, li_side=False)
        await care.advance(30 * MIN)
        await care.ping(care.wang)
        await harness.say(care.wang, "在医院呢 昨天晚上住进来的 儿子陪着")
        await care.idle()
        news = await harness.ask(care.daughter, "我妈住院了？哪个医院", contains="王阿姨")
        assert "医院" in news.content and "张管家" in news.content
        assert "预约" not in news.content and "约吗" not in news.content
