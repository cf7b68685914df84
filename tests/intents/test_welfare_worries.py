"""A neighbour worried that someone inside a home is in trouble: two signs make an alert.

The signs (see ``[kinds.help]`` in intents/data/emergency.toml): not seen lately, papers or
deliveries piling up, no answer to knocking or calls, a thud or something heard falling, living
alone. The lines were written for this table (English and Chinese, typed as residents do);
each must alert in a group and in private. The near misses use the same words about a phone at
mahjong, a parcel, a cat, fireworks or a trip and must stay quiet.

The second half of each table (final recheck) words the signs as neighbours see them: nobody
has seen the person since a time ("since the weekend", "三四天没露面"), milk or deliveries left
at the door, no answer to knocking, the lights on or off for days (only next to another sign);
written in personas (an English-speaking resident, a volunteer, an elder on voice input, an
adult child, a traditional-character writer). Its near misses are about a bakery, a bike pump,
a corridor light, a courier, a trip or the sun.

The last part (an independent tester's finding) words the same signs otherwise: not seen going
out, not down the stairs, not showing their face (没见她出门, 没下楼, 没露面); milk, papers or
takeaways not taken or still hanging at the door; a knock or a call with no answer or a door not
opened; written as an elder on voice input, a grid worker and a teenager. Its near misses have
one sign, or an everyday reason (writing at home, a parcel, a trip).

Tester 1 added family who cannot reach someone who usually answers (the phone unanswered for a
morning next to a routine broken or a request to look in); its near misses explain the silence
or the absence (a stay with family, a nap, a muted phone).
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
    # -- signs neighbours see (final recheck; personas of its own)
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
    # -- the signs in other words (sign wordings generalised; personas of their own)
    # finding of the independent tester (a group; no alert before)
    "5号楼的孙奶奶好几天没见她出门了，门口的牛奶也没人拿，敲门也没人应",
    "6号楼那个独居的老奶奶这几天都没下楼遛弯，报纸堆在门口",
    # an elderly neighbour on voice input
    "我跟你们说啊对门的老周这个礼拜都没见他下楼买菜 喊了好几声也没人答应",
    "楼下那个一个人住的王大爷 好些日子没露面了 门口的报纸还堆着呢 你们谁去看看",
    # a grid worker
    "网格员报一下：7栋1单元独居老人赵大爷已经三天没出门，门口外卖没人取，敲门也不开，"
    "请物业协助入户查看",
    "网格巡查发现8号楼402的老人没下楼已经两天 信箱塞满了 打电话也没人接",
    # a teenager
    "家人们谁懂啊 隔壁独居奶奶好几天没出来了 门口快递堆成山 敲门都没人应 有点慌",
    "楼上那个爷爷一直没露面 外卖还挂在门把手上 按门铃也没反应 好担心啊",
    "奶奶让我问 隔壁周爷爷咋好几天没出门了 牛奶还在门口 敲门也没声音",
    "对面楼那个独居阿婆这几天没下过楼 敲了门她也不开门",
    # -- family who cannot reach someone who usually answers (tester 1: read as a companion
    # booking); what comes between "电话" and "没人接" varies, so does the routine they break
    "我爸电话从早上打到现在都没人接 平时他七点就下楼遛弯了 谁能帮忙去看看",
    "外婆手机打了五六个都没接 她平常都秒接的 麻烦帮我敲下门",
    "my dad hasn't been picking up all day, he's usually home by noon, can someone check on him",
    "我妈视频打了一早上也没人接 她一个人住 能不能找人去看一下",
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
    # -- near misses of those signs
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
    # -- near misses of the signs in other words: one sign, or an everyday reason
    "这几天都没下楼，在家赶稿呢",
    "报纸堆在门口了，谁订的",
    "敲门没人应，快递放门口了",
    "门口的牛奶没人拿 是不是送错了 我家没订",
    "一直没露面的那个up主终于更新了哈哈",
    "喊了好几声也没人答应 我妈又戴耳机了",
    "这几天都没见她出门 原来是去女儿家住了 敲门当然没人应",
    "最近都没下楼 太冷了 外卖都让放门口",
    # -- an absence or a silence explained (tester 1): a trip to family, a nap, a muted phone
    "haven't seen the old lady next door for days, she said she was visiting her daughter",
    "隔壁奶奶好几天没见了 她说去女儿家住一阵",
    "我爸电话打了一上午没人接 原来手机静音了",
    "婆婆电话没接 估计在睡午觉 晚点再打",
    # elders living alone in general, not one person (a proposal, corpus w04)
    "咱们小区现在有不少空巢老人、独居老人，平时很少有人去看望，谁家两天没动静了就上门看看",
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
