"""Session 15 retest (R1): "下礼拜一住院开刀" written on a Saturday was taken as *in hospital
now*: staff, the grid worker and family read "回复今天的问候时说在医院", no pause was made and
that day's greeting never went out. A hospital stay told with a later day is a trip from that
day, never today's news; words that put her in hospital now stay news."""

from __future__ import annotations

import pytest

from bot.domain.checkins.replies import Reply, read_reply, said_unasked
from bot.domain.checkins.signs import may_be_trip, welfare_level


@pytest.mark.parametrize(
    "words",
    [
        "下礼拜一住院开刀",
        "我下周二去医院做个小手术 住三天院",
        "明天住院 医生说要开刀",
        "后天去住院",
        "下个月做手术 要住院一周",
        "I'm going into hospital next Monday for surgery",
    ],
)
def test_a_stay_on_a_later_day_is_no_news_of_today(words: str) -> None:
    level = welfare_level(words, "none")
    assert said_unasked(words, level, None) is None
    assert read_reply(words, level, None) is not Reply.HOSPITAL
    assert may_be_trip(words, "none")


@pytest.mark.parametrize(
    "words",
    [
        "我在医院呢 昨儿个晚上住进来的",
        "住院了 明天出院",
        "昨天住院了 下周一开刀",
        "在医院 下礼拜一开刀",
    ],
)
def test_in_hospital_now_stays_news(words: str) -> None:
    level = welfare_level(words, "none")
    assert said_unasked(words, level, None) is Reply.HOSPITAL
