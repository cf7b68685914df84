"""How an older person living alone is doing, read from what they write in private.

:func:`read_welfare` sorts a message into a :class:`WelfareLevel`: ``urgent`` (help needed now:
"摔倒了起不来", "胸口疼"), ``unwell`` (the grid worker should call today: "有点头晕", "睡不好"),
``fine`` ("我很好", "没有不舒服") or ``none`` (chatter, a question, a request). A denied sign of
trouble ("没摔", "不疼了", "not dizzy") reads as fine; a denied "fine" ("不是很好") is unwell.
Anything :func:`intents.emergency.detect_emergency` reports is urgent; the urgent words of a
message it reads as over (a past fall now fine, a lesson, a joke) do not count.

:func:`is_confused` tells whether the writer cannot hear, read or follow the bot ("啊 你说什么
听不见", "看不懂"): for an older person living alone, a person calls, never a menu.

:func:`is_trip` tells whether the writer says they will be away from home for a while
("下周去女儿家住几天", "住院几天"), so daily check-ins can pause. A request that merely
mentions going out ("明天出门，帮我约保洁") is not a trip; the caller also checks the intent.

The words live in ``intents/data/welfare.toml``.

:func:`worry` finds what is worrying in a reply that also says "fine" ("还好，就是昨天摔了一跤"):
the check-in is answered, but a human hears what she mentioned. :func:`worse` finds words of
getting worse ("更疼了", "还是不行"): after or during a help call, a human is alerted again.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from intents.emergency import detect_normalized, told_as_over
from intents.normalize import normalize
from intents.times import parse_duration
from intents.times.numbers import NUM


class WelfareLevel(StrEnum):
    """How urgently someone should look in on the writer."""

    URGENT = "urgent"  # needs help now
    UNWELL = "unwell"  # not well: a call today, no alarm
    FINE = "fine"  # all is well
    NONE = "none"  # says nothing about how they are


@dataclass(frozen=True)
class Welfare:
    """The level read from a message and the words that decided it."""

    level: WelfareLevel
    evidence: str = ""


def _any(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of the patterns."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


class _Rules:
    """The welfare word lists, compiled once."""

    def __init__(self, data: dict[str, Any]) -> None:
        levels = data["levels"]
        self.hurry = _any(levels["hurry"])
        self.heart = _any(levels["heart"])
        self.levels = [
            (WelfareLevel(name), _any(levels[name])) for name in ("urgent", "unwell", "fine")
        ]
        self.negation = re.compile(data["guards"]["negation"])
        self.masks = _any(data["guards"]["masks"])
        self.recovered = re.compile(data["guards"]["recovered"])
        trip = data["trip"]
        self.away = _any(trip["away"])
        self.not_away = _any(trip["not_away"])
        self.others = re.compile(trip["others"])
        self.with_me = re.compile(trip["with_me"])
        self.several = re.compile(trip["several"])
        self.asks = _any(trip["asks"])
        self.hospital = re.compile(trip["hospital"])
        self.back = re.compile(trip["back"].replace("{num}", NUM))
        self.confused = _any(data["confused"]["words"])
        self.missing = _any(data["missing"]["words"])
        self.choking = _any(data["choking"]["words"])
        self.found_child = _any(data["found_child"]["words"])
        self.gas_away = _any(data["gas_away"]["words"])
        self.animal = _any(data["animal"]["words"])
        self.electrical = _any(data["electrical"]["words"])
        self.worry = _any(data["worry"]["words"])
        self.long_ago = re.compile(data["worry"]["long_ago"])
        self.worse = _any(data["worse"]["words"])
        self.body = _any(data["body"]["words"])
        self.cannot_call = _any(data["cannot_call"]["words"])

    def found(self, text: str, pattern: re.Pattern[str]) -> tuple[str, str]:
        """The first undenied and the first denied match of a pattern ("" when none)."""
        plain = denied = ""
        for match in pattern.finditer(text):
            if self.negation.search(text[: match.start()]):
                denied = denied or match.group(0)
            else:
                plain = plain or match.group(0)
        return plain, denied


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The rules shipped in ``intents/data/welfare.toml``, compiled on first use."""
    text = resources.files("intents.data").joinpath("welfare.toml").read_text("utf-8")
    return _Rules(tomllib.loads(text))


def read_welfare(text: str) -> Welfare:
    """Read how the writer of a private message is doing."""
    normalized = normalize(text)
    alarm = detect_normalized(normalized, text)
    if alarm is not None:
        return Welfare(WelfareLevel.URGENT, alarm.evidence)
    rules = _rules()
    masked = rules.masks.sub(" ", normalized)
    denied_trouble = ""
    # A past fall now fine, or a lesson about falls, is no urgent sign ("前年摔了一跤 现在好了").
    over = told_as_over(normalized)
    heart, _ = rules.found(masked, rules.heart)
    if heart and not (over and rules.found(masked, dict(rules.levels)[WelfareLevel.FINE])[0]):
        return Welfare(WelfareLevel.URGENT, heart)  # the heart or the breath: never wait
    for level, pattern in rules.levels:
        if level is WelfareLevel.URGENT and over:
            continue
        plain, denied = rules.found(masked, pattern)
        if plain and level is WelfareLevel.UNWELL and _passed(rules, masked, pattern):
            continue  # "我头晕的老毛病好了": the fine words after it are the reading
        if plain:
            if level is WelfareLevel.UNWELL and rules.hurry.search(masked):
                return Welfare(WelfareLevel.URGENT, plain)  # unwell and asking for someone now
            return Welfare(level, plain)
        if level is WelfareLevel.FINE and denied:
            return Welfare(WelfareLevel.UNWELL, denied)  # "不是很好", "not fine"
        denied_trouble = denied_trouble or denied
    if denied_trouble:
        return Welfare(WelfareLevel.FINE, denied_trouble)  # "没有不舒服", "没摔"
    return Welfare(WelfareLevel.NONE)


def _passed(rules: _Rules, masked: str, pattern: re.Pattern[str]) -> bool:
    """Whether every sign of being unwell is told as passed: undenied recovery words follow the
    last one ("我头晕的老毛病好了", "昨天孙子发烧了，今天好了"); "孙子发烧好了 我又头晕了" and
    "头晕 吃了药也没好" are still unwell."""
    last = max(m.end() for m in pattern.finditer(masked))
    after = masked[last:]
    plain, _ = rules.found(after, rules.recovered)
    return bool(plain)


def mentions_body(text: str) -> bool:
    """Tell whether the words speak of the writer's body or a symptom ("膝盖肿了一块", "耳朵嗡嗡
    响"), undenied: the safety net under :func:`read_welfare` (session 15 retest), so an
    enrolled elder's words about her body are never only thanked as small talk."""
    rules = _rules()
    plain, _ = rules.found(rules.masks.sub(" ", normalize(text)), rules.body)
    return bool(plain)


def cannot_call(text: str) -> bool:
    """Tell whether the writer cannot phone for help ("我听不见 不能打电话", "请帮我打119"): the
    alert to staff asks them to make the call (session 15 retest #7, a deaf resident)."""
    return _rules().cannot_call.search(normalize(text)) is not None


def is_confused(text: str) -> bool:
    """Tell whether the writer cannot hear, read or follow the bot ("啊 你说什么 听不见"): a
    person should call them, rather than the bot send more to read."""
    return _rules().confused.search(normalize(text)) is not None


def is_missing_person(text: str) -> bool:
    """Tell whether the words say a person (an elder, a child) is missing: the help alert's
    advice then says what to do for that (call 110, look nearby, tell the gate)."""
    return _rules().missing.search(normalize(text)) is not None


def is_found_child(text: str) -> bool:
    """Tell whether the words tell of a small child alone who cannot find a parent ("西门口有个
    小孩一个人在哭 说找不到妈妈了"): the advice is then to stay with the child, call 110 and
    tell the gate, and responders read it as 走失."""
    return _rules().found_child.search(normalize(text)) is not None


def is_away(text: str) -> bool:
    """Tell whether the writer says they are away from home ("我现在在外地", "I'm at work"):
    gas left on is then shut by someone who can get there, not by the writer."""
    return _rules().gas_away.search(normalize(text)) is not None


def is_animal(text: str) -> bool:
    """Tell whether an attack is by an animal ("大狗追着孩子咬"): the advice is for a dog."""
    return _rules().animal.search(normalize(text)) is not None


def says_several_days(text: str) -> bool:
    """Tell whether a stay's length is said only as "a few days" ("住几天"): the pause then
    takes a default of a few days from the day said, and says so."""
    return _rules().several.search(normalize(text)) is not None


def is_choking(text: str) -> bool:
    """Tell whether the words say someone is choking or swallowed something ("孩子把硬币吞下去了
    脸都憋红了"): the medical advice is then back blows / abdominal thrusts, never lying down."""
    return _rules().choking.search(normalize(text)) is not None


def is_electrical(text: str) -> bool:
    """Tell whether the words put a fire or a burnt smell at the electrics ("插座冒火花", "电箱有
    焦味", "sparks from the socket"): the advice is then to cut the power at the breaker if it
    is safe and never to use water, and staff are asked to send an electrician."""
    return _rules().electrical.search(normalize(text)) is not None


def worry(text: str) -> str:
    """The worrying thing an elder mentions beside "fine" ("还好，就是昨天摔了一跤", "没事就是两天
    没吃饭了"), or "" when none: a fall, not eating, her medicine run out, a stranger asking for
    money. Denied ("还好 没摔着") or long past ("年轻时摔过一跤") does not count."""
    rules = _rules()
    masked = rules.masks.sub(" ", normalize(text))
    for match in rules.worry.finditer(masked):
        before = masked[: match.start()]
        if rules.negation.search(before) or rules.long_ago.search(before):
            continue
        return match.group(0)
    return ""


def worse(text: str) -> str:
    """The words saying she is getting worse ("更疼了", "还是不行", "越来越晕"), or "" when
    none (denied: "没更疼", "not worse"): after a help call, a human must hear them again."""
    rules = _rules()
    plain, _ = rules.found(rules.masks.sub(" ", normalize(text)), rules.worse)
    return plain


def is_trip(text: str) -> bool:
    """Tell whether the writer will be away from home for a while (or asks outright that the
    check-ins pause: "暂停问候三天")."""
    rules = _rules()
    normalized = normalize(text)
    if asks_pause(text):
        return True
    if rules.away.search(normalized) is None or rules.not_away.search(normalized):
        return False
    return rules.others.search(normalized) is None or rules.with_me.search(normalized) is not None


def asks_pause(text: str) -> bool:
    """Tell whether the writer asks outright that check-ins stop for a while ("暂停问候三天",
    "问候先停一停", "please pause her check-ins"): a pause, whatever else the words read as."""
    return _rules().asks.search(normalize(text)) is not None


def is_hospital_stay(text: str) -> bool:
    """Tell whether a stay away is in hospital ("住院开刀", "住三天院"): her grid worker and
    family hear why check-ins pause, a human should know."""
    return _rules().hospital.search(normalize(text)) is not None


def back_in(text: str) -> timedelta | None:
    """How long she is away when said as when she is back ("一个月后回来", "back in 3
    weeks"); None when unsaid. "三天后去女儿家" says when she leaves, not for how long."""
    found = _rules().back.search(normalize(text))
    if found is None:
        return None
    if found.group(1) is not None:
        return parse_duration(f"{found.group(1)}个{found.group(2)}")
    return parse_duration(f"{found.group(3)} {found.group(4)}s")


_SELF = re.compile(r"我|俺|咱|\bI\b|\bme\b", re.I)
_OTHER = re.compile(
    r"有人|有个|有位|老人|邻居|他|她|楼下|楼上|对门|\bsomeone\b|\bneighbou?r\b", re.I
)


def about_self(words: str) -> bool:
    """Whether the writer speaks of her own trouble ("俺栓倒了 在家起不来"), not of someone
    she sees ("楼下有个老人摔倒了")."""
    return bool(_SELF.search(words)) and not _OTHER.search(words)


_RELATIVE = re.compile(
    r"我(?:妈|爸|母亲|父亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|家老人)|老妈|老爸|俺(?:娘|爹|妈|爸)"
    r"|\bmy (?:mum|mom|mother|dad|father|grand(?:ma|pa|mother|father))\b",
    re.I,
)


def about_relative(words: str) -> bool:
    """Whether a family member speaks of their own parent ("我妈电话一直没人接")."""
    return bool(_RELATIVE.search(words))
