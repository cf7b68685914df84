"""After someone reported an emergency in a chat: whether their next words there are about it.

The responders on their way should read "还在等，人怎么还没来", "人已经出来了", "在3栋2单元门口",
"is anyone coming?"; they should not read "今天的晚霞真好看" or "Lovely sunset tonight
everyone", and a question the desk answers ("快递驿站几点关门？") should be answered, not
swallowed. Each message gets one of three readings:

- **about** (passed on within the hour): waiting or arrival, how it stands, help called, a
  place, a person or their body, the danger's own words, or words of the report itself;
- **chatter** (never passed on): none of that, and plainly social (a greeting, weather or
  scenery, food, banter) or a question the community's list answers;
- **unsure** (passed on within 30 minutes): neither.

When in doubt the words are passed on (safety first): a sign of the emergency wins over any
sign of chatter, and only what shows no sign at all and looks plainly social stays out. Pure:
plain strings in, a reading out (the windows are :mod:`bot.domain.incidents.model`'s).
"""

from __future__ import annotations

import re
from enum import StrEnum

from intents.emergency import might_be_emergency
from intents.normalize import normalize


class FollowUp(StrEnum):
    """How a writer's later message relates to their open emergency."""

    ABOUT = "about"  # a sign it is about the emergency: passed on within the hour
    UNSURE = "unsure"  # no sign either way: passed on within the shorter window
    CHATTER = "chatter"  # plainly something else: never passed on


# Waiting, arrival, how it stands now, help called (on normalised text: simplified, lower case).
_ABOUT_ZH = (
    r"[在还再]等|等[了着待到人]|等半天|人呢|人[来到]|来了[吗没么]|来没来|到了[吗没么]|到没到|到哪|"
    r"还没|没人|有人[来管吗在]|快[点来些]|赶[紧快]|急|尽快|多久|分钟|救护车|消防|警察|民警|保安|"
    r"物业|管家|报警|电话|打了|没事|好了|好多了|出来了|救出|灭了|醒了|送医|医院|虚惊|误会|"
    r"不用[来了]|还在|越来越|更[大多重]|严重|情况|怎么样了|怎么办|咋办|帮|救|求|谢谢"
)
# A person or their body; a place in or around the building.
_WHO_WHERE_ZH = (
    r"老人|老伴|老太|老爷|奶奶|爷爷|姥姥|姥爷|外婆|外公|我妈|我爸|妈妈|爸爸|孩子|小孩|宝宝|病人|"
    r"伤|疼|痛|血|晕|昏|呼吸|喘|说话|动不|起不|站不|意识|头|腿|腰|胳膊|骨|"
    r"\d+\s?(?:栋|号楼|楼|幢|座|单元|层|室|号)|\b\d{1,2} \d{1,2} \d{3,4}\b|"
    r"门口|家里|屋里|里面|里头|楼道|楼梯|电梯|地下|车库|"
    r"阳台|厨房|卫生间|厕所|浴室|卧室|客厅|走廊|大门|单元门|楼顶|天台"
)
_ABOUT_EN = (
    r"\b(?:wait\w*|still|any ?(?:one|body)|some ?(?:one|body)|coming|on (?:the|their|his|her) "
    r"way|hurry|how long|minutes?|arriv\w*|here yet|come|came|ambulance|paramedics?|firem[ae]n|"
    r"fire ?(?:brigade|engine|department|fighters?)|police|security|guard|call(?:ed|ing)?|"
    r"phone|number|ok(?:ay)? now|fine now|false alarm|all good|safe|out now|got out|better|"
    r"worse|hospital|thanks?|thank you|please|what (?:should|do|can) (?:i|we) do|"
    r"mum|mom|dad|grandma|grandpa|granny|husband|wife|son|daughter|baby|kid|he|she|him|her|"
    r"his|hurt|pain|awake|floor|building|unit|room|apartment|flat|door|stairs?|stairwell|"
    r"hall(?:way)?|corridor|kitchen|bathroom|bedroom|lobby|basement|garage|level)\b"
)
_ABOUT = re.compile(f"{_ABOUT_ZH}|{_WHO_WHERE_ZH}|{_ABOUT_EN}")
# Plainly social: greetings, weather and scenery, food, banter, pets, sales.
_SOCIAL = re.compile(
    r"早上好|早安|午安|晚安|晚上好|下午好|大家好|哈哈|呵呵|嘻嘻|嘿嘿|天气|太阳|阳光|晚霞|夕阳|彩虹|"
    r"月亮|星星|下雪|雪景|下雨|风景|好美|真美|漂亮|好看|好吃|好香|吃饭|吃什么|做饭|饺子|团购|拼单|"
    r"接龙|优惠|打折|广场舞|跳舞|打牌|麻将|遛狗|遛弯|散步|猫|狗|花开|生日|恭喜|节日|周末|放假|"
    r"上班|下班|放学|球赛|电视剧|"
    r"\b(?:good (?:morning|night|evening|afternoon)|morning all|hello|hi all|hey all|everyone|"
    r"lol|ha(?:ha)+|sunset|sunrise|sunny|weather|snow(?:ing)?|rain(?:ing)?|lovely|beautiful|"
    r"gorgeous|pretty|dinner|lunch|breakfast|recipe|party|birthday|congrat\w*|weekend|"
    r"holiday|cats?|dogs?|puppy|kitten|sale|discount|group buy)\b"
)
_EMOJI = re.compile("[\U0001f600-\U0001f64f\U0001f300-\U0001f5ff\U0001f900-\U0001f9ff👍]")
# Bigrams and words too common to say two messages share a subject.
_COMMON = frozenset(
    (
        *("了吗", "一下", "我们", "你们", "他们", "大家", "今天", "这个", "那个", "有人", "就是"),
        *("还是", "怎么", "什么", "现在", "一个", "不是", "没有", "可以"),
        *("the", "and", "that", "this", "with", "have", "there", "what", "from", "they"),
        *("were", "been", "your", "just"),
    )
)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z]{4,}")


def _topics(flat: str) -> set[str]:
    """The message's Chinese bigrams and longer English words, less the common ones."""
    found = {run[i : i + 2] for run in _CJK_RUN.findall(flat) for i in range(len(run) - 1)}
    found |= set(_WORD.findall(flat))
    return found - _COMMON


def read_follow_up(text: str, emergency: str = "", question: bool = False) -> FollowUp:
    """How `text`, written after `emergency` by the same person in the same chat, relates to
    it; `question`: the community's [[faq]] list answers it (answered, not passed on, unless
    it shows a sign of the emergency)."""
    flat = normalize(text)
    if _ABOUT.search(flat) or might_be_emergency(flat):
        return FollowUp.ABOUT
    if emergency and _topics(flat) & _topics(normalize(emergency)):
        return FollowUp.ABOUT  # the report's own words again ("楼下" after "楼下着火了")
    if question or _SOCIAL.search(flat) or _EMOJI.search(text):
        return FollowUp.CHATTER
    return FollowUp.UNSURE
