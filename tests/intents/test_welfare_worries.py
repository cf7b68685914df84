"""A neighbour worried that someone inside a home is in trouble: two signs make an alert.

The signs (see ``[kinds.help]`` in intents/data/emergency.toml): not seen lately, papers or
deliveries piling up, no answer to knocking or calls, a thud or something heard falling, living
alone. The lines were written for this table (English and Chinese, typed as residents do);
each must alert in a group and in private. The near misses use the same words about a phone at
mahjong, a parcel, a cat, fireworks or a trip and must stay quiet.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.emergency import EmergencyKind, detect_emergency
from intents.pipeline import Understander

WORRIES = [
    # the two lines of the second retest of issue #13
    "Has anyone seen the old lady in 3-1-602 lately her newspapers are piling up at the door "
    "and she does not answer when I knock",
    "Neighbour at 2-2-301 lives alone, no answer at her door all day and I heard something "
    "fall inside last night",
    "my neighbour upstairs isnt opening her door, we heard a loud bang this morning",
    "Worried about the old man in 6-2-101, nobody has seen him for days",
    "the old gentleman in 5-1-1202 lives by himself and I haven't seen him all week, his milk "
    "bottles are still outside",
    "haven't seen mrs li from 4-2-803 for three days and she won't answer her door",
    "there's a pile of parcels outside 1-1-502, the lady there lives alone and nobody has seen "
    "her since monday",
    "I knocked on 3-2-401 several times, no answer, and her deliveries are stacking up outside",
    "we heard a thud next door around 2am and now the old man doesn't answer the door",
    "my elderly neighbour hasn't collected her post in days and isn't picking up her phone",
    "the grandpa on the 6th floor lives on his own, nobody's seen him today, he didn't answer "
    "when I knocked",
    "3-1-602的老太太好几天没见着了 门口报纸堆了一堆 敲门也没人应",
    "隔壁王奶奶一个人住 昨晚听到咚的一声 今天敲门没人开",
    "楼上老爷子一个人住 三天没出门了 报纸都没拿",
    "2-2-301那家老人好几天没见人了 快递堆在门口没人收",
    "对门李阿姨平时天天下楼 这两天都没见到 敲门也不应 电话也没人接",
    "刚才听见隔壁砰的一声 老头一个人在家 敲了半天门没动静",
]

QUIET = [
    "she doesn't answer her phone when she's at mahjong 哈哈",
    "快递堆在门口好几天了 谁的",
    "has anyone seen my cat? she's been missing since yesterday",
    "nobody answers the property office phone lol",
    "heard a loud bang outside, probably fireworks again",
    "newspapers are piling up at the lobby, can the property clear them",
    "I knocked but nobody answered, guess the courier will come back tomorrow",
    "楼上砰的一声 又在装修吧",
    "好几天没见到老张了 他回老家过年了",
    "邻居一个人住 挺好的 安静",
    "the lady in 602 hasn't answered my wechat, is the yoga class still on?",
]


@pytest.mark.parametrize("text", WORRIES)
def test_worry_alerts(text: str, understander: Understander, now: datetime) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind is EmergencyKind.HELP, text
    for chat in ("group", "private"):
        understood = understander.understand(text, chat=chat, now=now)
        assert understood.intent == "emergency", (chat, text)


@pytest.mark.parametrize("text", QUIET)
def test_near_miss_quiet(text: str, understander: Understander, now: datetime) -> None:
    assert detect_emergency(text) is None, text
    assert understander.understand(text, chat="group", now=now).intent == "none", text
