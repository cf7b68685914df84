"""Table-driven tests for the general chatter patterns: each rule with chatter it silences and
requests that must still get through."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.pipeline import Understander

# Selling, giving away, lost and found: a notice about an object, not a request for it.
OFFERS = [
    "闲置梯子一把 自提",
    "转让电钻 九成新 60块",
    "出一台八成新洗衣机 200元",
    "冰箱送人 需要的联系我",
    "捡到一个打气筒 放门卫了",
    "谁丢了钥匙 在花坛边上",
    "捡到一串钥匙 麻烦失主联系我",  # lost and found even when it asks
    "出售闲置电钻 有需要私聊",
    "giving away a ladder, pick up only",
    "出个打气筒 用过一次 20",
    "家里多了两把椅子 谁要送谁",
    "selling my old washing machine",
    "left a ladder by the bike shed for whoever needs it",
    "have some spare moving boxes if anyone wants them",
]


# Feelings about what happened, and what worked for the writer.
FEELINGS = [
    "装修队把我墙刮花了 气死",
    "之前有老鼠 放了粘鼠板 挺管用的",
    "师傅今天特意帮我把冰箱抬上楼 太暖心了",
]
# Confirming a booking already made, asking nothing new.
CONFIRMATIONS = [
    "擦玻璃是约的周六上午对吧？",
    "保洁订的是后天下午 没错吧",
    "送水约好的明天上午是吧",
    "擦玻璃是周六上午来对吧",
    "the plumber is coming at 4 today right?",
]
# Things left out for whoever wants them, or put back.
LEFT_OUT = [
    "梯子放物业那了 谁要自己去拿",
    "多的几把椅子放门口了 先到先得",
]
# Past experience: an old problem, a favour done, hearsay, asking who has tried something.
EXPERIENCE = [
    "我家水管去年冬天冻裂过一次 后来包了保温棉",
    "昨天帮楼下奶奶浇了花",
    "听说物业下个月统一清洗空调",
    "听说下周有人来修电梯？",
    "有没有人找过上门保洁 怎么样",
    "anyone tried the window cleaners here?",
    "does anyones fridge hum at night? mine does",
    "we used to have ants, the bait worked well",
    "anyone else's fridge humming tonight?",
    "has the water delivery been to block 2 yet?",
    "楼下那家在装修 天天电钻响",
    "前段时间厨房老鼠很多 放了笼子 抓到两只",
    "大家洗空调花了多少钱",
    "刚给我妈约上了体检 不容易",
    "下水道慢可以先用开水试试",
]
# Follow-ups on a job already arranged, a tool already taken, notices, safety tips,
# a neighbour's household, the writer doing it themselves, a fault that finally stopped.
FOLLOWUPS_AND_NOTICES = [
    "擦玻璃的阿姨今天请假了 改天再说",
    "电钻我借走了 下午还",
    "物业：周四上午水箱清洗 请提前储水",
    "通下水道千万别用开水",
    "修马桶要记得先关总阀",
    "对门家的猫又跑出来了",
    "师傅一会儿过来修热水器 我先去接孩子",
    "冰箱终于不响了",
    "多买了两桶油 有人要吗",
    "梯子借给3栋了 要用的找他",
    "洗油烟机是物业统一安排的吗",
    "有人跟我一样 洗衣机老是不脱水吗",
    "油烟机自己洗还是请人洗划算",
    "有经验的说说 马桶老堵怎么办",
    "搬家一般要几个人",
    "楼下一直在装东西 电钻响了一上午",
    "梯子在一楼大厅 我刚看到",
    "我之前请过擦玻璃的 感觉一般",
]
# Asking neighbours what they know, or for a spare object.
NEIGHBOURS = [
    "谁知道附近哪有卖水果的",
    "有人知道物业几点下班吗",
    "谁家有多余的泡沫箱 搬家用",
    "有没有人有不用的旧柜子 想要一个",
]


@pytest.mark.parametrize(
    "text",
    OFFERS + FEELINGS + CONFIRMATIONS + NEIGHBOURS + LEFT_OUT + EXPERIENCE + FOLLOWUPS_AND_NOTICES,
)
def test_chatter_patterns_stay_silent(
    understander: Understander, now: datetime, text: str
) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == ("none", None)


# Requests that look like the chatter above but still ask for something now.
STILL_REQUESTS = [
    ("钥匙丢了 进不去门 能来开锁吗", "service_request", "lock_service"),
    ("能借一下梯子吗", "borrow_tool", "ladder"),
    ("洗衣机坏了 找人修", "service_request", "appliance_repair"),
    ("之前修过的水管又漏水了 麻烦再来看看", "service_request", "plumbing_repair"),
    ("家里来客人之前想请人打扫一下", "service_request", "home_cleaning"),
    ("谁家有多余的梯子 借我用一下", "borrow_tool", "ladder"),
    ("有人知道怎么通马桶吗 堵了", "service_request", "drain_unclogging"),
    ("师傅能帮我把柜子抬上楼吗", "service_request", "moving"),
    ("帮我遛一下狗吧 我出差三天", "service_request", "pet_sitting"),
    ("马桶堵过好几次了 现在又堵了 快来", "service_request", "drain_unclogging"),
    ("anyone available to clean my flat tomorrow?", "service_request", "home_cleaning"),
    ("我可以用一下你家打气筒吗", "borrow_tool", "air_pump"),
    ("梯子借一下 下午还", "borrow_tool", "ladder"),
    ("我外婆家的水管漏了 帮忙找个师傅", "service_request", "plumbing_repair"),
    ("我先去上班 谁能帮我收下快递", "service_request", "parcel_service"),
    ("门铃不响了", "service_request", "electrical_repair"),
    ("能借给我打气筒吗", "borrow_tool", "air_pump"),
    ("马桶老堵怎么办 谁能来看看", "service_request", "drain_unclogging"),
    ("我刚看到厨房有蟑螂 谁能来处理", "service_request", "pest_control"),
    ("does anyone know a good electrician?", "service_request", "electrical_repair"),
    ("谁知道哪里能修冰箱", "service_request", "appliance_repair"),
    ("过年之前想请人打扫一下 能约吗", "service_request", "home_cleaning"),
    ("我找过你们洗空调 现在又有味了 能再来吗", "service_request", "ac_cleaning"),
    ("I need a cleaner at 3 tomorrow, right? please book", "service_request", "home_cleaning"),
    ("if anyone can lend me a ladder that would be great", "borrow_tool", "ladder"),
    ("听说可以上门磨刀 周六来一趟", "service_request", "knife_sharpening"),
    ("need someone to walk my dog this weekend, anyone free?", "service_request", "pet_sitting"),
    ("快递放门口了 能帮我收一下吗", "service_request", "parcel_service"),
    ("二手洗衣机搬上楼 需要两个人", "service_request", "moving"),
    ("想把旧沙发送人 需要人帮忙搬下楼", "service_request", "moving"),
    ("借你家梯子用下", "borrow_tool", "ladder"),
    ("能帮我约个体检吗 约不上", "service_request", "medical_escort"),
]

# General gaps found among missed requests: an order by count, "verb + 一下", a fault that
# lasts or recurs, a door number with a building, "free" meaning available, "别…了".
GAPS = [
    ("合同复印三份", "service_request", "printing"),
    ("需要彩打两张 A4", "service_request", "printing"),
    ("水槽有点反味 通一下", "service_request", "drain_unclogging"),
    ("楼道灯坏了好几天了", "service_request", "common_area_repair"),
    ("厨房插座老跳闸", "service_request", "electrical_repair"),
    ("桶装水 8号楼1201 一桶", "service_request", "water_delivery"),
    ("is the drill free on Saturday? would like to borrow it", "borrow_tool", "power_drill"),
    ("送水明天先别送了", "cancel", "water_delivery"),
    ("我妈下周去做肠镜 需要人陪", "service_request", "medical_escort"),
    ("我们家停电了 别人家都有电", "service_request", "electrical_repair"),
    ("能借一下疏通的弹簧吗", "borrow_tool", "drain_plunger"),
    ("冷气有异味 想清洗一下", "service_request", "ac_cleaning"),
    ("冷气机不制冷了", "service_request", "appliance_repair"),
    ("有人能上门打胰岛素吗", "service_request", "home_nursing"),
    ("窗户外面那面够不着 想请人擦", "service_request", "window_cleaning"),
]


@pytest.mark.parametrize(("text", "intent", "target"), GAPS)
def test_general_gaps_are_caught(
    understander: Understander, now: datetime, text: str, intent: str, target: str
) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == (intent, target)


NOT_REQUESTS = [
    "上次楼道灯坏了好几天才修好",
    "孩子的作业打印了五张",
    "free yoga class this weekend at the clubhouse",
]


@pytest.mark.parametrize("text", NOT_REQUESTS)
def test_gap_cues_do_not_wake_on_chatter(
    understander: Understander, now: datetime, text: str
) -> None:
    assert understander.understand(text, now=now).intent == "none"


@pytest.mark.parametrize(("text", "intent", "target"), STILL_REQUESTS)
def test_look_alike_requests_are_caught(
    understander: Understander, now: datetime, text: str, intent: str, target: str
) -> None:
    got = understander.understand(text, now=now)
    assert (got.intent, got.target) == (intent, target)
