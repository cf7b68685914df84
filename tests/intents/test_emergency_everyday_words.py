"""Session 15, tester 1 (S1, S2, M4): dangers told in everyday words, caught by class.

Each class holds the tester's line and fresh variants written for this table (not copied from
any corpus or blind set), and near-misses in the same words that must stay quiet: a person
trapped in a lift said casually; water from upstairs or a drain flooding a home now; a smoke
alarm going off with nobody answering; a burning smell from a neighbour's home; gas left on
while the writer is away; a dog attacking a child; a small child alone who cannot find their
parents; a cry for help heard with a beating or smashing (the police, not a bare cry).
"""

from __future__ import annotations

import pytest

from intents.emergency import EmergencyKind, detect_emergency
from intents.pipeline import Understander

LIFT, FLOOD, FIRE, GAS = (
    EmergencyKind.LIFT,
    EmergencyKind.FLOOD,
    EmergencyKind.FIRE,
    EmergencyKind.GAS,
)
VIOLENCE, HELP = EmergencyKind.VIOLENCE, EmergencyKind.HELP

CAUGHT: list[tuple[str, EmergencyKind]] = [
    # S1: someone trapped in a lift, said in ordinary words
    ("1号楼电梯里困了个外卖小哥", LIFT),
    ("电梯卡在两层中间 里面有人", LIFT),
    ("someone's stuck in the lift", LIFT),
    ("5栋电梯里关了个送水的师傅 按铃半天没人理", LIFT),
    ("2号楼的电梯里困着一位老太太", LIFT),
    ("电梯停了 有个快递员还在里面", LIFT),
    ("there's a delivery guy trapped in the elevator of block 3", LIFT),
    ("my son is stuck in the lift between floors", LIFT),
    # S2: water flooding a home now
    ("楼上漏水了 我家天花板一直在滴水 地上全是水", FLOOD),
    ("卫生间地漏往上冒水 已经淹到卧室了", FLOOD),
    ("地下室进水了 水已经到小腿了", FLOOD),
    ("楼上的水顺着天花板一直往下滴 客厅地板上全是水了", FLOOD),
    ("厨房下水口一直在返水 都漫进客厅了", FLOOD),
    ("车库进水了 水都到膝盖了", FLOOD),
    ("water is coming through the ceiling from upstairs and the floor is covered", FLOOD),
    # S2: a smoke alarm going off with nobody answering
    (
        "my neighbour's smoke alarm has been beeping for 20 minutes and nobody answers the door",
        FIRE,
    ),
    ("对门的烟感一直在叫 按门铃也没人开", FIRE),
    ("楼上烟雾报警器响了十几分钟了 敲门没人应", FIRE),
    ("the fire alarm in 502 keeps beeping and no one is answering", FIRE),
    # S2: a burning smell from next door
    ("我闻到一股烧焦的味道 好像是从隔壁传出来的", FIRE),
    ("楼下邻居家飘上来一股焦糊味 一直没散", FIRE),
    ("对门传出来好重的烧焦味", FIRE),
    ("smells like something is burning in the flat next door", FIRE),
    # S2: gas left on while the writer is away
    ("家里煤气好像没关 我现在在外地 怎么办", GAS),
    ("出门忘关燃气灶了 现在在高铁上 回不去", GAS),
    ("天然气阀门好像一直开着 我在单位 家里没人", GAS),
    ("I think I left the gas on and I'm out of town", GAS),
    # S2: a dog attacking or chasing a child
    ("有只大狗在小区里追着孩子咬", VIOLENCE),
    ("一条没拴绳的狗扑倒了一个小孩 在咬他", VIOLENCE),
    ("流浪狗追着一个小朋友咬 快来人", VIOLENCE),
    ("a big dog is attacking a kid by the playground", VIOLENCE),
    # S2: a small child alone who cannot find their parents
    ("西门口有个小孩一个人在哭 说找不到妈妈了", HELP),
    ("超市门口有个小女孩哭着找爸爸 身边没大人", HELP),
    ("花园里一个三四岁的小男孩说找不着奶奶了", HELP),
    ("a little boy is crying alone at the gate, he can't find his mum", HELP),
    # M4: a cry for help heard with a beating or smashing: the police
    ("楼上在吵架 听到女的在喊救命 还有砸东西的声音", VIOLENCE),
    ("隔壁两口子打起来了 女的一直在喊救命", VIOLENCE),
    ("楼下在摔东西 有个女人哭着喊救命 好吓人", VIOLENCE),
    ("I can hear a woman screaming for help next door and things being smashed", VIOLENCE),
]

QUIET: list[str] = [
    # a lift fault, a past entrapment, a drill
    "电梯坏了 没人在里面",
    "上次电梯困人",
    "电梯困人演练",
    "电梯门夹了个纸箱 卡住了",
    "在电梯里困得睁不开眼 昨晚没睡好",
    "the lift is stuck again, nobody inside",
    # a leak to repair, not a flood
    "楼上漏水 墙皮有点湿",
    "楼上漏水 天花板有块水印 找谁修",
    "卫生间地漏有点返水 味道大",
    "去年地下室进水 水到小腿",
    "洗澡的时候地漏堵了 水积到脚踝了 找人通一下",
    "the ceiling has a small damp patch from upstairs",
    # a smoke alarm's battery
    "烟雾报警器没电了一直嘀嘀响",
    "烟感没电了 一直嘀嘀叫 怎么换电池",
    "smoke alarm keeps chirping, I think it needs a new battery",
    # cooking smells
    "隔壁在炖肉 传过来好香的味道",
    "楼下烧烤的味道飘上来了",
    "我煮糊了 一股焦味 哈哈",
    # gas: a stove to repair, a reminder
    "煤气灶打不着火",
    "出门前记得检查煤气关没关",
    "燃气费没交 在外地怎么交",
    "I left the gas bill on the table",
    # dogs at play
    "狗狗追着球跑",
    "我家狗追着猫跑了一圈",
    "小狗咬坏了我的拖鞋",
    "the dog is chasing a ball with the kids",
    # children with their parents
    "孩子一个人在房间里哭 哄不好",
    "宝宝哭着要妈妈抱",
    "孩子找不到妈妈给的作业本了",
    # a quarrel without a cry for help
    "楼上又在吵架 吵死了",
    "电视里有人喊救命 还有砸东西的声音",
]


@pytest.mark.parametrize(("text", "kind"), CAUGHT)
def test_the_danger_is_caught_with_its_kind(text: str, kind: EmergencyKind) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind == kind, (text, found)


@pytest.mark.parametrize("text", QUIET)
def test_the_near_miss_stays_quiet(text: str) -> None:
    assert detect_emergency(text) is None, text


@pytest.mark.parametrize(("text", "kind"), CAUGHT)
@pytest.mark.parametrize("chat", ["group", "private"])
def test_in_a_group_and_in_private_it_is_an_emergency_first(
    understander: Understander, text: str, kind: EmergencyKind, chat: str
) -> None:
    understood = understander.understand(text, chat=chat)  # type: ignore[arg-type]
    assert understood.emergency == kind, (text, chat)
