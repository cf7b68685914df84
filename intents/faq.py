"""Community questions answered from the community file's ``[[faq]]`` list (pure).

"物业电话多少", "快递驿站几点关门", "how do I pay the property fee": the message is matched
against each entry's ways of asking (fuzzy, rapidfuzz) and read for whether it asks at all.
In a group the bar is high, because chatter answered is what gets a bot removed: a short
question, not banter, not put to the neighbours ("你们谁去菜摊吗"), naming an entry almost
exactly. In private a weaker match is enough, and a question nobody listed is told so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.normalize import has_cjk, normalize

GROUP_SCORE = 90.0  # an entry named (almost) exactly
PRIVATE_SCORE = 85.0  # "小区游泳池几点开门" shares only "几点开门" with an entry
ADDRESSED_SCORE = 80.0  # a group message that mentions or replies to the bot
GROUP_MAX_CHARS = 24  # a longer post tells a story; its question is not for the desk
GROUP_MAX_WORDS = 14
SHORT = 8  # "物业电话" alone, in private, is a question
TOPIC_SCORE = 95.0  # a topic word the file lists ("驿站") appears in the message

# "几" asks ("几天能修好"), but "好几天", "这几天", "前几天" only tell how long.
_QUESTION = re.compile(
    r"[?？]|吗|呢|几点|几号|几时|多少|什么时候|啥时候|什么时间|怎么|怎样|如何|哪里|哪儿|在哪|"
    r"是不是|有没有|能不能|可不可以|请问|咋|啥|(?<![好这前十])几(?!乎)|([来开有在去是])[不没]\1|"
    r"^(what|when|where|how|which|who|is|are|does|do|"
    r"can|could|any)\b|\b(what|when|where|how)\b",
    re.IGNORECASE,
)
# Put to the neighbours, not the desk ("你们谁去菜摊吗") — unless asking who knows something.
_NEIGHBOURS = re.compile(
    r"你们|大家|谁|有人|一起|咱们|anyone|anybody|you guys|neighbou?rs|everyone", re.IGNORECASE
)
_KNOWS = re.compile(r"知道|清楚|know", re.IGNORECASE)
_BANTER = re.compile(r"哈哈|呵呵|嘻嘻|lol|haha|😂|🤣")
# A grumble asked as a question ("物业费是不是又涨了？去年还是2块一平", "凭什么停水不通知"):
# it says something to the neighbours, nobody is asking the desk for a fact.
_GRUMBLE = re.compile(
    r"是不是又|怎么又|又(?:涨|贵|加价|乱收|多收|收钱)|凭什么|乱收费|黑心|坑人|太(?:贵|坑|黑|离谱)"
    r"|去年(?:还|才|只)(?:是|要|收)?|\brip ?off\b|\b(?:up|raised|increased|higher) again\b"
    r"|\bagain\?|\bwhy (?:is|are|does|do)\b.{0,40}\bso (?:expensive|high|much)\b",
    re.IGNORECASE,
)
# Someone else's question retold ("我妈问菜摊几点开，我说不知道"): a story, not an ask.
_REPORTED = re.compile(
    r"(妈|爸|他|她|老公|老婆|孩子|儿子|女儿|邻居|朋友|同事|别人|人家|老[王李张刘陈赵])"
    r"(刚才|刚刚|刚|也|还)?(问|说)|\b(she|he|they|my \w+) (asked|said)\b",
    re.IGNORECASE,
)
# Words that ask for a service or report a fault: a topic word alone does not outweigh them
# ("能帮我取个快递吗" is a booking, "暖气停了" a repair, "整栋楼都停水了，怎么回事" a work order).
_SERVICE_CUE = re.compile(
    r"帮我|帮忙|给我|替我|代[取收寄买]|上门|预约|约个|叫个|找个|找人|修|坏|不热|不亮|不通|漏|堵|"
    r"停了|停[水电]了|[没无]有?[水电]|一滴水|"
    r"\b(help me|book|fix|repair|broken|deliver|pick up|send|no (water|power|electricity))\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[，,。.!！;；~～…]+")
_POLITE = re.compile(
    r"^(请问一下|请问|问一下|问下|想问一下|想问|你好|您好)|(啊|呀|呢|哈|嘛|呐|哦)+$"
)
STRONG = 90.0  # whole-message ratio from which the message *is* a listed ask
COVER = 0.7  # a listed ask that fills this much of the message names it outright
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class FaqItem:
    """An entry as the matcher sees it: its id, its ways of asking (any language) and its
    topic words ("驿站", "物业+电话": every part joined by ``+`` must appear)."""

    id: str
    asks: tuple[str, ...]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqMatch:
    """The entry a message asks about, how closely, and whether it was asked as a question.

    ``named``: a listed ask or a topic word appears in the message. ``strong``: the message
    *is* a listed ask or topic word (near word for word) — strong enough to outweigh a
    service reading ("明天停电吗？" is the outage question, not an electrician)."""

    id: str
    score: float
    question: bool
    named: bool = False
    strong: bool = False

    def outweighs_service(self, text: str) -> bool:
        """Whether this answer should win over a service the request reading found: a listed
        question asked (near) word for word, or a topic asked about with no word asking for
        work ("物业费一平米多少钱" yes; "能帮我取个快递吗" no)."""
        if self.strong:
            return True
        return self.named and self.question and not asks_for_work(text)


def asks_for_work(text: str) -> bool:
    """Words asking for a service or reporting a fault ("帮我", "修", "停水了"): against them
    only a strong match outweighs a service reading (:meth:`FaqMatch.outweighs_service`)."""
    return _SERVICE_CUE.search(text) is not None


def is_question(text: str) -> bool:
    """Whether the wording asks something (a question mark or a question word)."""
    return _QUESTION.search(text) is not None


def _flat(text: str) -> str:
    """Normalised; Chinese without spaces (English keeps them, words stay words)."""
    folded = normalize(text).replace("?", " ").strip()
    return _SPACE.sub("", folded) if has_cjk(folded) else folded


def _bare(flat: str) -> str:
    """The flat text without punctuation, a polite opening or a closing particle."""
    core = _CLAUSE.sub(" " if not has_cjk(flat) else "", flat).strip()
    return _POLITE.sub("", core).strip()


def _to_desk(text: str) -> bool:
    """Not banter, not retold, not a grumble, and not a question put to the neighbours (who
    *knows* something is fine)."""
    if _BANTER.search(text) or _REPORTED.search(text) or _GRUMBLE.search(text):
        return False
    return _NEIGHBOURS.search(text) is None or _KNOWS.search(text) is not None


def _asks_last(text: str) -> bool:
    """A question mark anywhere, or a question word in the last clause ("菜摊几点开，我说不
    知道" ends telling, not asking)."""
    if "?" in text or "？" in text:
        return True
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    return bool(clauses) and is_question(clauses[-1])


def _short(flat: str) -> bool:
    if has_cjk(flat):
        return len(flat) <= GROUP_MAX_CHARS
    return len(flat.split()) <= GROUP_MAX_WORDS


def _has(flat: str, part: str) -> bool:
    """A part of a topic word in the text (whole words in English)."""
    if has_cjk(part):
        return part in flat
    return f" {part} " in f" {flat} "


class FaqMatcher:
    """Finds the entry a message asks about."""

    def __init__(self, items: Iterable[FaqItem]) -> None:
        self._keys: list[tuple[str, str]] = []
        self._topics: list[tuple[str, tuple[str, ...]]] = []
        for item in items:
            for ask in item.asks:
                key = _bare(_flat(ask))
                if len(key) >= 2:
                    self._keys.append((item.id, key))
            for word in item.keywords:
                parts = tuple(p for p in (_bare(_flat(w)) for w in word.split("+")) if p)
                if parts:
                    self._topics.append((item.id, parts))
        # What a whole message is compared with first (the same for every message).
        self._whole = self._keys + [(e, p[0]) for e, p in self._topics if len(p) == 1]
        self._whole_keys = [k for _, k in self._whole]
        # What _has looks for, decided once per way of asking: Chinese anywhere in the text,
        # other words as whole words (" key " in " text ").
        self._needles = [(e, k, k if has_cjk(k) else f" {k} ", has_cjk(k)) for e, k in self._keys]

    def best(self, text: str, cutoff: float = 0.0) -> FaqMatch | None:
        """The closest entry scoring at least ``cutoff`` (None when nothing does)."""
        return self._best(text, _flat(text), cutoff)

    def _best(
        self, text: str, flat: str, cutoff: float, strong_only: bool = False
    ) -> FaqMatch | None:
        """The closest entry (see :meth:`best`). ``strong_only``: stop where no strong match
        can follow (the topic words and the fuzzy look inside give none), for a caller that
        can use nothing weaker."""
        bare = _bare(flat)
        if not bare or not (self._keys or self._topics):
            return None
        asked = is_question(text)
        same = process.extractOne(bare, self._whole_keys, scorer=fuzz.ratio)
        if same is not None and same[1] >= STRONG:
            return FaqMatch(self._whole[same[2]][0], 100.0, asked, True, True)
        spaced = f" {bare} "
        contained = [
            (e, k) for e, k, find, cjk in self._needles if find in (bare if cjk else spaced)
        ]
        if contained:
            entry, key = max(contained, key=lambda pair: len(pair[1]))
            strong = len(key) >= COVER * len(bare)
            return FaqMatch(entry, 100.0, asked, True, strong)
        if strong_only:
            return None
        topics = [(e, p) for e, p in self._topics if all(_has(bare, part) for part in p)]
        if topics:
            entry, _ = max(topics, key=lambda pair: sum(len(part) for part in pair[1]))
            return FaqMatch(entry, TOPIC_SCORE, asked, True, False)
        # A way of asking longer than the message is compared whole; a shorter one is looked
        # for inside it (rapidfuzz in C, stopping under the cutoff).
        longer = [(e, k) for e, k in self._keys if len(k) > len(bare)]
        inside = [(e, k) for e, k in self._keys if len(k) <= len(bare)]
        found: list[tuple[str, float]] = []
        for pairs, scorer in ((longer, fuzz.ratio), (inside, fuzz.partial_ratio)):
            hit = process.extractOne(
                bare, [k for _, k in pairs], scorer=scorer, score_cutoff=cutoff
            )
            if hit is not None:
                found.append((pairs[hit[2]][0], float(hit[1])))
        if not found:
            return None
        entry, score = max(found, key=lambda pair: pair[1])
        return FaqMatch(entry, score, asked)

    def for_group(self, text: str, *, addressed: bool = False) -> FaqMatch | None:
        """The entry to answer in a group: clearly a question to the desk, matched well."""
        if not is_question(text) or not _to_desk(text) or not _asks_last(text):
            return None
        flat = _flat(text)
        if not addressed and not _short(flat):
            return None
        return self._best(text, flat, ADDRESSED_SCORE if addressed else GROUP_SCORE)

    def for_private(self, text: str, *, strong_only: bool = False) -> FaqMatch | None:
        """The entry to answer in private: a question (or a bare topic) matched fairly.
        ``strong_only``: the caller can use only a strong match (a service reading of words
        that ask for work, :meth:`FaqMatch.outweighs_service`); a weaker one may be missed."""
        flat = _flat(text)
        found = self._best(text, flat, PRIVATE_SCORE, strong_only)
        if found is None or found.score < PRIVATE_SCORE:
            return None
        return found if found.question or found.strong or len(flat) <= SHORT else None
