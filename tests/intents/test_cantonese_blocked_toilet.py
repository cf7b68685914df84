"""A blocked toilet said in Cantonese is a request, in a group as in private (session 15,
finding 8: "我屋企个厕所塞咗呀 水都浸出嚟喇 有冇师傅而家可以嚟睇下" got silence in the group).
"塞咗" / "塞住" is the blocked class (like 堵了); a traffic jam ("塞车") is not a drain."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from intents import Catalogue, Understander

UNDERSTANDER = Understander(Catalogue.default(), ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    "text",
    [
        "我屋企个厕所塞咗呀 水都浸出嚟喇 有冇师傅而家可以嚟睇下",
        "个马桶塞咗 有冇师傅可以嚟睇下",
        "厕所塞住了 有没有师傅能来看看",
        "洗手盆塞咗 有冇师傅可以嚟睇下",
    ],
)
def test_a_blocked_toilet_in_cantonese_is_a_drain_request(text: str) -> None:
    got = UNDERSTANDER.understand(text)
    assert (got.intent, got.target, got.respond) == ("service_request", "drain_unclogging", True)


@pytest.mark.parametrize("text", ["今日塞车塞到死", "路上塞车 晚点到"])
def test_a_traffic_jam_is_no_drain(text: str) -> None:
    assert UNDERSTANDER.understand(text).target != "drain_unclogging"
