"""A welfare worry told with the signs neighbours actually see: two signs make an alert.

The signs, as classes of wording (``[kinds.help]`` in intents/data/emergency.toml): nobody has
seen the person since a time ("since the weekend", "三四天没露面", "从周六到现在没见着人"),
milk, papers or deliveries left at the door ("milk still sitting on the doormat", "送的菜还挂在
门把手上"), no answer to knocking or calls, and the lights of their home on or off for days.
Written for this table in personas (an English-speaking resident, a volunteer, an elder on
voice input, an adult child, a traditional-character writer); none is copied from a corpus.
The near misses use the same words about a bakery, a bike pump, a corridor light, a courier, a
trip or the sun, each with at most one sign or an everyday reason, and must stay silent.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.emergency import EmergencyKind, detect_emergency
from intents.pipeline import Understander

WORRIES = [
    # finding of the final recheck (the English-speaking resident in a group)
    "Anyone seen the old guy at 4-1-302 lately? Nobody's seen him since the weekend, his milk "
    "is still sitting on the doormat and he doesn't answer when I knock",
    # English-speaking residents
    "Has anybody seen the elderly gentleman from 2-3-501? Haven't seen him since Friday and "
    "his newspapers are still on the mat",
    "Nobody's seen Mr Wang in 6-1-202 for days and there are groceries sitting outside his door",
    "her lights have been on for three days straight and she isn't answering her phone",
    "Auntie Zhou's milk has been left on her doorstep since Tuesday and she won't answer the door",
    "his lights haven't come on for two nights and nobody has heard from him since Sunday",
    "I keep knocking at 5-1-201 with no response, and his parcels are still sitting outside "
    "the door",
    # a volunteer
    "Volunteer here: the old man in 3-2-402 hasn't been seen since the weekend and didn't "
    "answer when I called",
    # elders on voice input (no punctuation)
    "三楼那个老太太自从上周末就没见她出来过 门口的牛奶还放着没拿",
    "对门老李家的灯三天没亮了 打电话也没人接",
    "楼下张奶奶家的灯一直亮着好几天了 敲门没人应",
    "隔壁大爷从周六到现在都没见着人 门口报纸一摞没人收",
    "5栋2单元的独居老人两三天没露面了 送的菜还挂在门把手上",
    # traditional characters
    "隔壁陳伯好幾天沒見人了，門口的報紙堆了一疊，按門鈴也沒人應",
    # an adult child far away
    "我爸住3-1-101 打他电话一直不接 邻居说他家灯两个晚上都没亮 谁能帮忙去看看",
]

QUIET = [
    "Has anyone seen the new bakery by the north gate? Haven't been since the weekend",
    pytest.param(
        "Nobody's seen the bike pump since the weekend, whoever borrowed it please return it",
        marks=pytest.mark.xfail(
            strict=True, reason="no alert, but the model reads 'whoever borrowed it' as borrowing"
        ),
    ),
    "The corridor lights on floor 6 have been on for days, nobody answers at the property office",
    "my milk sat on the doormat all day because I was at work, the driver knocked and got no "
    "answer lol",
    "Haven't seen the sun since the weekend, typical December",
    "I'm away at my daughter's for a week, my lights will be off and nobody will answer the door",
    "楼道灯一直亮着好几天了 物业打电话也没人接",
    "好几天没见到太阳了 快递也堆在驿站没去拿",
    "对门好几天没见人了 听说回老家了",
    "敲门没人应 原来他们全家去旅游了",
    "我家牛奶放门口一上午了 快递小哥敲门我没听见",
    "隔壁灯三天没亮了 估计出去旅游了",
    "老王好几天没露面了 在家追剧呢哈哈",
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
