"""Object + symptom / object + verb lexicon, and the cues added with it (generic examples)."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.lexicon import Lexicon
from intents.normalize import normalize
from intents.pipeline import Understander


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.default()


@pytest.mark.parametrize(
    ("text", "service", "kind"),
    [
        ("烘干机不加热", "appliance_repair", "symptom"),
        ("the dryer has no display", "appliance_repair", "symptom"),
        ("阀门一直往下滴", "plumbing_repair", "symptom"),
        ("漏水的水管", "plumbing_repair", "symptom"),  # symptom before the object
        ("开关冒烟", "electrical_repair", "symptom"),
        ("门禁刷不开", "common_area_repair", "symptom"),
        ("钥匙锁在屋里", "lock_service", "symptom"),
        ("柜机有股霉味", "ac_cleaning", "symptom"),
        ("鞋柜要组装", "home_installation", "verb"),
        ("预约骨科", "medical_escort", "verb"),
        ("叫两桶桶装水", "water_delivery", "verb"),
    ],
)
def test_object_near_symptom_or_verb(lexicon: Lexicon, text: str, service: str, kind: str) -> None:
    hits = lexicon.hits(normalize(text))
    assert hits, text
    assert (hits[0].service, hits[0].kind) == (service, kind)


@pytest.mark.parametrize(
    "text",
    [
        "洗衣机在阳台",  # an object alone describes nothing
        "今天不亮的天",  # a symptom alone names no object
        "冰箱是新买的，放在厨房里面，邻居说不制冷",  # too far apart
        "洗衣机",  # "洗" inside the object is not a verb
        "新冰箱一点噪音都没有",  # a denied symptom
        "冰箱里的剩菜坏了",  # the symptom belongs to what is inside
    ],
)
def test_no_description(lexicon: Lexicon, text: str) -> None:
    assert lexicon.hits(normalize(text)) == []


def test_dirt_is_not_broken(lexicon: Lexicon) -> None:
    (hit,) = lexicon.hits(normalize("空调滤网全是灰"))
    assert hit.service == "ac_cleaning"
    assert not hit.broken


def test_bad_lexicon_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown symptom class"):
        Lexicon({"symptoms": {}, "services": {"x": {"objects": ["a"], "symptoms": ["nope"]}}})
    with pytest.raises(ValueError, match="no objects"):
        Lexicon({"services": {"x": {"objects": []}}})
    with pytest.raises(ValueError, match="list of non-empty strings"):
        Lexicon({"symptoms": {"broken": "坏了"}})


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        # object + symptom, without "please"
        ("烘干机不加热了😩", "service_request", "appliance_repair"),
        ("the dryer has no display at all", "service_request", "appliance_repair"),
        ("卫生间阀门一直往下滴 拧不紧", "service_request", "plumbing_repair"),
        ("书房的吸顶灯一闪一闪", "service_request", "electrical_repair"),
        ("8栋门禁又刷不开了", "service_request", "common_area_repair"),
        ("钥匙锁在屋里了", "service_request", "lock_service"),
        ("柜机一开一股霉味", "service_request", "ac_cleaning"),
        ("the fridge is making a weird noise", "service_request", "appliance_repair"),
        ("家里又发现蟑螂了", "service_request", "pest_control"),
        # the object next to the symptom outweighs an alias naming only the symptom
        ("烘干机漏水 地上全湿了", "service_request", "appliance_repair"),
        # a one-character part belongs to the object before it
        ("冰箱门关不上了", "service_request", "appliance_repair"),
        # a shared place described in the message outranks the lamp
        ("地下车库那排灯不亮", "service_request", "common_area_repair"),
        ("the oven stopped heating", "service_request", "appliance_repair"),
        ("电脑连不上wifi", "service_request", "phone_help"),
        ("剪子钝了剪不动", "service_request", "knife_sharpening"),
        ("need help getting a piano up to the 3rd floor", "service_request", "moving"),
        # English symptoms further from their object
        ("there's a leak under the bathroom sink", "service_request", "plumbing_repair"),
        ("the hallway bulb died", "service_request", "electrical_repair"),
        ("bath water isn't going down", "service_request", "drain_unclogging"),
        ("our windows haven't been cleaned in ages", "service_request", "window_cleaning"),
        # a machine-only symptom picks the machine, not the lamp next to it
        ("冰柜的灯亮着 但是不制冷", "service_request", "appliance_repair"),
        ("my mother lives alone and would love a visit", "service_request", "elder_companion"),
        ("淋浴出水很小", "service_request", "plumbing_repair"),
        ("有会修冰箱的师傅吗", "service_request", "appliance_repair"),
        ("有没有人会装镜子", "service_request", "home_installation"),
        ("再来三桶水", "service_request", "water_delivery"),
        ("能不能帮我捎一袋大米", "service_request", "grocery_delivery"),
        ("门铃不响了", "service_request", "electrical_repair"),
        ("窗帘杆卡住了 拉不动", "service_request", "home_installation"),
        # object + service verb
        ("鞋柜到了要组装", "service_request", "home_installation"),
        ("帮忙预约个骨科专家号", "service_request", "medical_escort"),
        ("新房要开荒保洁", "service_request", "home_cleaning"),
        ("can someone do the windows on friday", "service_request", "window_cleaning"),
        # "没用" is "useless", not "no need"
        ("插座换了也没用，还是没电了", "service_request", "electrical_repair"),
        # slang and indirect prices, even with a service verb
        ("洗空调多少米", "price_query", "ac_cleaning"),
        ("疏通一次几毛钱", "price_query", "drain_unclogging"),
        ("换锁芯要加钱吗", "price_query", "lock_service"),
        ("修冰箱上门费多少", "price_query", "appliance_repair"),
        ("油烟机清洗一台多少", "price_query", "range_hood_cleaning"),
        ("搬家大概多少", "price_query", "moving"),
        ("保洁按小时还是按面积", "price_query", "home_cleaning"),
        ("开锁免费吗", "price_query", "lock_service"),
        # borrowing, also with thanks or a promise to give it back
        ("梯子借我用下 谢谢", "borrow_tool", "ladder"),
        ("借用一下扳手 用完就还", "borrow_tool", "wrench_set"),
        ("is the drill free to borrow?", "borrow_tool", "power_drill"),
        # cancelling: the object decides, and an explicit cancel needs no target
        ("订的桶装水不要了", "cancel", "water_delivery"),
        ("搬家先不订了", "cancel", "moving"),
        ("please cancel, plans have changed", "cancel", None),
        ("let's call it off", "cancel", None),
        ("陪诊不去了", "cancel", "medical_escort"),
        ("no dog walker needed this weekend after all", "cancel", "pet_sitting"),
        # "要不要" asks rather than refuses
        ("油烟机要不要洗一下 能约吗", "service_request", "range_hood_cleaning"),
        # emoji read from the raw text: folded hands plead, a crying face is distress
        ("年前大扫除🙏", "service_request", "home_cleaning"),
        ("门锁坏了😭", "service_request", "lock_service"),
        # a full door number says where to come
        ("一桶水 送到3-2-401", "service_request", "water_delivery"),
        # forward-looking requests still pass
        ("过年之前想请人打扫一下", "service_request", "home_cleaning"),  # 之前 = before
        ("爷爷一个人住 想找人陪他说说话", "service_request", "elder_companion"),  # not hearsay
        ("门反锁了打不开 能来吗", "service_request", "lock_service"),  # the alias outranks 门
        ("想请人明天来洗空调", "service_request", "ac_cleaning"),
        ("门锁坏了 师傅明天能来吗", "service_request", "lock_service"),
    ],
)
def test_new_requests(
    understander: Understander, now: datetime, text: str, intent: str, target: str | None
) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == (intent, target)


@pytest.mark.parametrize(
    "text",
    [
        # past narratives with time words
        "上个月请人修了洗衣机，挺满意",
        "前天楼道灯坏了 还好第二天就修了",
        # relayed statements
        "修冰箱的师傅说明天上午到",
        "the cleaner said she will come at 3",
        # (follow-ups on a booking are `status` now: tests/intents/test_about_booking.py)
        "擦玻璃的阿姨走了吗",
        # maintenance notices
        "周五9点到11点检修水管，届时停水",
        "今晚会停电，大家提前准备",
        # praise and recommendations
        "那个通下水道的师傅挺好的 推荐给大家",
        # returns
        "电钻已经放回物业了",
        "借的扳手明天还",
        "I returned the ladder this morning",
        "周日8点-10点电梯年检，暂停使用",
        "the water will be unavailable tomorrow, pipes closed for maintenance",
        "刚请人把空调洗了 凉快多了",
        "谁知道保安室电话多少",
        "有没有人一起团购大米",
        "谢谢5栋的邻居帮我收快递🙏",  # thanks for a favour done; 🙏 after thanks thanks
        "8栋的电梯今天好快",  # a building number alone is no address to come to
        "2单元有人在装修 好吵",  # someone else's doings
        "空调坏了😭 开玩笑的",  # joking
        "my phone died, will reply later",  # a flat battery is no call for help
        "saw a rat near the bins, be careful everyone",  # a warning to all
        "阳台的晾衣架被风吹坏了哈哈",  # a problem told with a laugh and no ask
        "水龙头没水了 是不是又停水了",  # asking about an outage for everyone
        "帮隔壁奶奶带了点菜 不客气",  # a favour already done
        # reminders and outcomes
        "出门记得关好水龙头",
        "复查完了 一切正常",
    ],
)
def test_new_chatter(understander: Understander, now: datetime, text: str) -> None:
    got = understander.understand(text, now=now)
    assert got.intent == "none", (text, got)
