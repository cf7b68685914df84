"""Request cues and the reasons a message is not a request.

Works on normalised text (see :func:`intents.normalize.normalize`). Every list here is data;
the decision itself lives in :mod:`intents.pipeline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words_re(*phrases: str) -> re.Pattern[str]:
    """Compile English phrases into one pattern matched on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


def _any_re(*phrases: str) -> re.Pattern[str]:
    """Compile Chinese fragments (regex allowed) into one pattern."""
    return re.compile("|".join(phrases))


_ASCII_WORDS = re.compile(r"[a-z0-9]+")

# Negated wants ("不需要", "不想") must not count as request cues.
NEGATED_WANT = _any_re(r"(?:不|没|别|无)(?:需要|用|要|想|必)")

# Denied problems ("没坏", "not broken") are not problems.
DENIED_PROBLEM = _any_re(
    r"没坏", r"没有坏", r"没堵", r"不堵", r"没漏", r"不漏", r"没问题", r"没事", r"\bnot broken\b",
    r"\bnothing wrong\b", r"\bno problem\b",
)

CANCEL_ZH = _any_re(
    r"取消", r"退订", r"撤销", r"不用来", r"别来了", r"不用借", r"不借了", r"不修了", r"先不用",
    r"暂时不用", r"不用了", r"不需要了", r"不要了", r"(?:不用|不需要|不要|不必)\S{0,8}了",
)
CANCEL_EN = _words_re(
    r"cancel\w*", r"call off", r"calling off", r"no longer need\w*", r"dont need \w+(?: \w+)? anymore",
    r"dont come", r"never ?mind", r"not needed anymore", r"dont need it", r"no need anymore",
)
BOOKING_WORDS = _any_re(
    r"预约", r"订单", r"预订", r"约的", r"师傅", r"上门", r"来", r"修", r"借", r"保洁", r"booking",
    r"appointment", r"order", r"booked", r"visit",
)

PRICE_ZH = _any_re(
    r"多少钱", r"收费", r"价格", r"价钱", r"什么价", r"啥价", r"费用", r"报价", r"贵不贵", r"怎么算钱",
    r"几块钱", r"几多钱", r"多钱", r"价位", r"咋收费", r"怎么收", r"贵吗", r"便宜吗", r"价目",
)
PRICE_EN = _words_re(
    r"how much", r"price\w*", r"cost\w*", r"rate", r"rates", r"fee", r"fees", r"charge\w*",
    r"quote", r"pricing", r"expensive",
)

BORROW_ZH = _any_re(r"借", r"租一下", r"租个", r"用一下", r"用用", r"使一下", r"谁家有", r"谁有", r"有没有人有")
BORROW_EN = _words_re(r"borrow\w*", r"lend", r"loan", r"rent", r"can i use", r"could i use")
POSSESS_ZH = _any_re(r"有没有", r"谁家有", r"谁有", r"有人有", r"哪家有", r"有吗")
POSSESS_EN = _words_re(
    r"anyone have", r"anybody have", r"anyone got", r"does anyone have", r"do you have",
    r"has anyone got", r"got a", r"have a spare",
)

REQUEST_ZH = _any_re(
    r"帮", r"找", r"求", r"需要", r"要", r"想", r"请", r"麻烦", r"约", r"订", r"叫个", r"叫人", r"派",
    r"安排", r"谁能", r"谁会", r"谁可以", r"能不能", r"能否", r"可不可以", r"可以.{0,10}吗",
    r"能.{0,12}吗", r"有没有", r"有人能", r"有人会", r"有人可以", r"会.{0,6}吗", r"咋办", r"怎么办", r"怎么弄", r"咋整", r"咋弄", r"怎么整",
    r"叫", r"上门", r"来人", r"快来", r"急",
    r"教", r"代", r"求助", r"推荐一", r"推荐个", r"推荐下", r"有推荐", r"给我", r"来一下", r"来个",
    r"看看", r"看一下", r"处理", r"修一下", r"修修", r"弄一下",
)
# Cues that still ask for something when the message also talks about the past
# ("上次找的师傅" is a story; "上次修过又坏了，能再来吗" is a request).
FORWARD_ZH = _any_re(
    r"帮", r"求", r"需要", r"想", r"请", r"麻烦", r"谁能", r"谁会", r"谁可以", r"能不能", r"能否",
    r"可不可以", r"可以.{0,10}吗", r"能.{0,12}吗", r"有没有", r"咋办", r"怎么办", r"咋整", r"急",
    r"求助", r"有人会", r"有人能", r"会.{0,6}吗", r"\?",
)
FORWARD_EN = _words_re(
    r"need\w*", r"can you", r"could you", r"can someone", r"could someone", r"please", r"pls",
    r"help", r"anyone", r"asap", r"urgent\w*", r"want\w*", r"would like",
)

REQUEST_EN = _words_re(
    r"need\w*", r"anyone", r"anybody", r"someone", r"somebody", r"can you", r"could you",
    r"can i", r"could i", r"please", r"pls", r"plz", r"help", r"looking for", r"want\w*",
    r"would like", r"id like", r"book", r"order", r"schedule", r"arrange", r"recommend",
    r"who can", r"is there", r"how do i", r"asap", r"urgent\w*", r"send", r"get", r"fix",
    r"sort out", r"come",
)

PROBLEM_ZH = _any_re(
    r"堵", r"坏了", r"坏掉", r"坏啦", r"坏的", r"漏水", r"漏了", r"在漏", r"渗水", r"不制冷", r"不制热",
    r"不出热水", r"没热水", r"没有热水", r"打不开", r"关不上", r"关不严", r"不转", r"不亮", r"跳闸",
    r"停电", r"没电", r"冒火花", r"冒烟", r"爆了", r"滴水", r"进不去", r"进不了", r"没人喂", r"没人浇",
    r"没人接", r"没人管", r"没人照顾", r"没气", r"没了", r"卡住", r"钝了", r"太脏", r"太乱", r"有蟑螂",
    r"有老鼠", r"有虫", r"不能用", r"不好用", r"失灵", r"故障", r"不工作", r"没反应", r"救命", r"出差",
    r"不在家", r"出门", r"回老家", r"不会用", r"不方便", r"锁家里", r"锁里面", r"丢了", r"停了", r"困",
    r"结婚", r"搬家", r"冲不下", r"下不去", r"不下水", r"不冷", r"不热", r"喝完", r"用完", r"吃完", r"用光", r"没有了",
    r"不动了", r"不行了", r"不能用了", r"打不着", r"点不着",
)
PROBLEM_EN = _words_re(
    r"broken", r"broke", r"stopped working", r"not working", r"doesnt work", r"wont \w+",
    r"isnt working", r"blocked", r"clogged", r"leak\w*", r"jammed", r"stuck", r"locked out",
    r"burst", r"flat", r"dead", r"ran out", r"run out", r"no hot water", r"no power", r"tripped",
    r"dripping", r"away", r"infest\w*", r"sparks", r"smells?", r"filthy", r"dirty",
)

THANKS = _any_re(r"谢谢", r"感谢", r"多谢", r"谢了", r"辛苦了", r"好评", r"点赞", r"\bthanks?\b",
                 r"\bthank you\b", r"\bthx\b", r"\bcheers\b", r"\bty\b")
COMPLETED = _any_re(
    r"修好", r"弄好", r"搞好", r"已经好了", r"好了", r"通了", r"洗完", r"搬完", r"装完", r"弄完", r"修完",
    r"做完", r"擦完", r"打扫完", r"清洗完了", r"干完",
    r"搞定", r"解决了", r"真干净", r"很干净", r"干净了", r"恢复了", r"来电了", r"来水了", r"刚.{0,6}完",
    r"\bfixed\b", r"\bworks again\b", r"\bworking again\b", r"\bsorted\b", r"\ball good\b",
    r"\brepaired\b", r"\bback on\b", r"\bresolved\b", r"\bis done\b",
)
PAST = _any_re(
    r"昨天", r"前天", r"上周", r"上星期", r"上礼拜", r"上次", r"上个月", r"去年", r"以前",
    r"那天", r"刚才", r"当时", r"\byesterday\b", r"\blast (?:week|night|time|month|year)\b",
    r"\bearlier\b", r"\bago\b",
)
ONGOING = _any_re(r"还", r"一直", r"现在", r"仍然", r"依然", r"又", r"\bstill\b", r"\bagain\b")
ANNOUNCE = _any_re(
    r"通知", r"公告", r"温馨提示", r"提醒大家", r"提醒各位", r"各位业主", r"请大家", r"大家注意",
    r"请各位", r"【", r"\bnotice\b", r"\bannouncement\b", r"\breminder\b", r"\battention all\b",
    r"\bfyi\b", r"\bheads up\b",
)
ADVICE = _any_re(
    r"推荐大家", r"给大家推荐", r"强烈推荐", r"建议大家", r"大家可以", r"可以找", r"可以联系", r"安利",
    r"我推荐", r"我建议", r"建议", r"分享一下", r"\bi recommend\b", r"\bhighly recommend\b",
    r"\bi suggest\b", r"\byou should\b", r"\byou can call\b", r"\bpro tip\b", r"\btip\b",
)
OTHERS = _any_re(
    r"你们家", r"你家", r"大家家", r"大家都", r"大家是", r"大家的", r"有人.{0,12}过吗", r"你们.{0,10}吗",
    r"哪年", r"\bdid anyone\b", r"\banyone else\b", r"\bdid you\b", r"\bhave you\b",
    r"\bdoes anyone know when\b", r"\byou guys\b",
)
COMPLAINT = _any_re(r"太坑", r"再也不", r"坑人", r"差评", r"骗子", r"\bnever again\b", r"\brip ?off\b")
QUESTION = _any_re(r"\?", r"吗", r"呢", r"不\s?$")


def _asks_the_group(text: str) -> bool:
    """A question to everyone about their own habits ("大家都用哪家…吗"), not a request."""
    return "大家" in text and "我" not in text and "借" not in text and bool(QUESTION.search(text))


@dataclass(frozen=True)
class Signals:
    """What the wording of a message says, independent of which service it names."""

    request: bool
    forward: bool
    negated: bool
    question: bool
    problem: bool
    price: bool
    borrow: bool
    possess: bool
    cancel: bool
    booking_words: bool
    thanks: bool
    completed: bool
    past: bool
    ongoing: bool
    announcement: bool
    advice: bool
    others: bool
    complaint: bool

    @property
    def blocked(self) -> bool:
        """Announcements, advice, questions about others and complaints are never requests."""
        return self.announcement or self.advice or self.others or self.complaint

    @property
    def narrative(self) -> bool:
        """Thanks, finished work or the past, with nothing still going on."""
        if self.thanks or self.completed:
            return True
        return self.past and not self.ongoing

    @property
    def past_story(self) -> bool:
        """Narrative that does not also ask for something now."""
        return self.narrative and not self.forward


def read_signals(normalized: str) -> Signals:
    """Read the cues of an already normalised message."""
    text = normalized
    english = " ".join(_ASCII_WORDS.findall(text))
    positive = NEGATED_WANT.sub(" ", text)
    positive_en = NEGATED_WANT.sub(" ", english)
    both = text + " | " + english
    return Signals(
        request=bool(REQUEST_ZH.search(positive) or REQUEST_EN.search(positive_en)),
        forward=bool(FORWARD_ZH.search(positive) or FORWARD_EN.search(positive_en)),
        negated=bool(NEGATED_WANT.search(text) or DENIED_PROBLEM.search(both)),
        question=bool(QUESTION.search(text)),
        problem=not DENIED_PROBLEM.search(both)
        and bool(PROBLEM_ZH.search(text) or PROBLEM_EN.search(english)),
        price=bool(PRICE_ZH.search(text) or PRICE_EN.search(english)),
        borrow=bool(BORROW_ZH.search(text) or BORROW_EN.search(english)),
        possess=bool(POSSESS_ZH.search(text) or POSSESS_EN.search(english)),
        cancel=bool(CANCEL_ZH.search(text) or CANCEL_EN.search(english)),
        booking_words=bool(BOOKING_WORDS.search(text)),
        thanks=bool(THANKS.search(both)),
        completed=bool(COMPLETED.search(both)),
        past=bool(PAST.search(both)),
        ongoing=bool(ONGOING.search(both)),
        announcement=bool(ANNOUNCE.search(both)),
        advice=bool(ADVICE.search(both)),
        others=bool(OTHERS.search(both) or _asks_the_group(text)),
        complaint=bool(COMPLAINT.search(both)),
    )
