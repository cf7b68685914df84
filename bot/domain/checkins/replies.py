"""What an elder's reply to a waiting check-in means: a pure table (no SQL, no I/O, no Telegram).

Only a reply that says she is fine is reported as 平安. Anything else is never turned into an
all-clear: "not well" asks the grid worker to call today, "in hospital" tells the grid worker,
staff and family honestly, "help" opens a help call, and a reply the bot cannot read as any of
these (a voice note, a photo, "刚才在买菜") goes to a human, the grid worker, to confirm; so
does a reply that says she cannot hear or follow the bot ("啊 你说什么 听不见").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum

from intents.welfare import WelfareLevel, is_confused, worry


class Reply(StrEnum):
    """How a reply to a check-in is taken."""

    FINE = "fine"  # she says she is well: 平安
    NOT_WELL = "not_well"  # the grid worker is asked to call today
    HOSPITAL = "hospital"  # grid worker, staff and family told, with her words
    HELP = "help"  # a help call opens
    UNCLEAR = "unclear"  # a human (the grid worker) reads or hears it and confirms
    CONFUSED = "confused"  # she cannot hear, read or follow the bot: the grid worker calls
    MENTIONED = "mentioned"  # "fine" but with a worry ("还好，就是昨天摔了一跤"): a human hears it


# The welfare reading of her words, when nothing below says more.
BY_LEVEL: dict[WelfareLevel, Reply] = {
    WelfareLevel.URGENT: Reply.HELP,
    WelfareLevel.UNWELL: Reply.NOT_WELL,
    WelfareLevel.FINE: Reply.FINE,
    WelfareLevel.NONE: Reply.UNCLEAR,
}

# In a reply to "今天都好吗?", a bare "不好" or "bad" is an answer: she is not well.
_NOT_WELL = re.compile(
    r"不好(?!意思)|不行|不怎么样|很差|糟糕|病了|生病|\bbad\b|\bterrible\b|\bawful\b|\bpoorly\b"
    r"|\bnot really\b|\bso so\b|\bso-so\b",
    re.IGNORECASE,
)
# A bare "yes" to "今天都好吗?" ("好", "好的", "嗯嗯", "ok"): she says she is fine.
_YES = re.compile(
    r"^\s*(?:嗯+|好+|好的|好呢|好啊|好嘞|是的?|对+|都好|yes|yep|yeah|ok|okay)\s*[!！。.~～👍]*\s*$",
    re.IGNORECASE,
)
# She is in (or just out of) hospital, or at the emergency room: people must know.
_HOSPITAL = re.compile(r"医院|住院|出院|急诊|病房|\bhospital\b|\bward\b|\bemergency room\b", re.I)
# Said unasked (no check-in waiting), only being in hospital now is news: "陪我去医院拿药" is a
# request, "俺在医院呢 昨儿个晚上住进来的" is not.
_IN_HOSPITAL = re.compile(
    r"住院|出院|住进(?:来|去)|在医院|进了医院|急诊|病房"
    r"|\bin (?:the )?hospital\b|\bemergency room\b",
    re.I,
)

# A stay on a later day ("下礼拜一住院开刀", "明天住院"): a trip from that day, never today's
# news (session 15 retest R1: staff read "回复今天的问候时说在医院" two days early) ...
_LATER = re.compile(
    r"(?:明天|明儿|后天|大后天|过(?:几|两|三|一)天|下下?个?(?:周|礼拜|星期|月)|月底|月初)"
    r"[^。.!！?？]{0,12}(?:住.{0,4}院|开刀|手术)"
    r"|\b(?:tomorrow|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"\b|\bgoing into hospital\b",
    re.I,
)
# ... unless the words put her there now ("在医院 下礼拜一开刀", "住院了 明天出院").
_THERE_NOW = re.compile(
    r"出院|在医院|住进|病房|急诊|(?:昨天|前天|已经|刚)\S{0,4}住.{0,3}院|住院了"
    r"|\bin (?:the )?hospital\b",
    re.I,
)


def later_stay(words: str) -> bool:
    """Whether a hospital stay is told for a later day and she is not there now."""
    return bool(_LATER.search(words)) and not _THERE_NOW.search(words)


def read_reply(words: str, level: WelfareLevel, media: str | None) -> Reply:
    """How her reply to a waiting check-in is taken: danger first, then hospital, then what
    her words say; a reply without readable words (media) always goes to a human. "Fine" with
    a worry beside it ("平安，就是两天没吃饭了") is never a silent 平安."""
    reply = _read(words, level, media)
    if reply in (Reply.FINE, Reply.UNCLEAR) and worry(words):
        return Reply.MENTIONED
    return reply


def _read(words: str, level: WelfareLevel, media: str | None) -> Reply:
    """The reply read from the level and the words, before any worry beside it."""
    if level is WelfareLevel.URGENT:
        return Reply.HELP
    if _HOSPITAL.search(words) and not later_stay(words):
        return Reply.HOSPITAL
    if media is not None and not words:
        return Reply.UNCLEAR
    if level is WelfareLevel.NONE and is_confused(words):
        return Reply.CONFUSED  # "啊 你说什么 听不见": a person calls, never more to read
    if level is WelfareLevel.NONE and _NOT_WELL.search(words):
        return Reply.NOT_WELL
    if level is WelfareLevel.NONE and _YES.match(words):
        return Reply.FINE  # the answer to the question she was asked
    return BY_LEVEL[level]


def said_unasked(words: str, level: WelfareLevel, media: str | None) -> Reply | None:
    """What her words say when no check-in waits, if it is news a human must act on now:
    being in hospital (grid worker, staff and family told at once, tester 2: "俺在医院呢" after
    "头有点晕" was filed as a second "不太舒服") or not well in words; None otherwise."""
    reply = read_reply(words, level, media)
    if reply is Reply.HOSPITAL and _IN_HOSPITAL.search(words):
        return Reply.HOSPITAL
    if reply is Reply.MENTIONED:
        return reply  # "都好 就是药吃完了": a human hears it now, not tomorrow
    if level is WelfareLevel.UNWELL and reply is not Reply.HELP:
        return Reply.NOT_WELL
    return None


@dataclass(frozen=True)
class Wrote:
    """What she wrote with no check-in waiting, read by the reply table; ``told`` when a
    human was already asked to follow up (her words read as unwell then)."""

    at: datetime
    reply: Reply
    words: str
    told: bool = False


EARLY_FINE = timedelta(hours=3)
"""How long before a greeting "I'm fine" still stands for it: well enough at dawn says
little about 08:30, and the greeting is her safety net for the day."""


def early_answer(
    wrote: Wrote | None, due: datetime, previous: datetime | None, tz: tzinfo
) -> Reply | None:
    """Whether what she wrote before the greeting already answers it, and how.

    Words count from her previous check-in (or the day's start) up to the greeting: *fine*
    (within :data:`EARLY_FINE`) needs no greeting; *not well* or *hospital* is the day's answer
    and a human follows up, as for a reply. Anything unclear (a request, a photo) answers
    nothing: the greeting goes and asks her."""
    if wrote is None:
        return None
    start = datetime.combine(due.astimezone(tz).date(), time(), tzinfo=tz)
    if previous is not None:
        start = max(start, previous)
    if not start <= wrote.at <= due:
        return None
    if wrote.reply is Reply.FINE:
        return Reply.FINE if due - wrote.at <= EARLY_FINE else None
    return wrote.reply if wrote.reply in (Reply.NOT_WELL, Reply.HOSPITAL) else None


def replaces(old: Wrote | None, new: Wrote, tz: tzinfo) -> bool:
    """Whether new words replace the kept ones: a later "fine" never hides a "not well" of the
    same day that nobody has followed up yet (safety first); words that answer nothing (a
    request, a photo) are never kept over anything."""
    if new.reply in (Reply.UNCLEAR, Reply.CONFUSED):
        return old is None
    if old is None or old.at.astimezone(tz).date() != new.at.astimezone(tz).date():
        return True
    return (
        old.told
        or old.reply in (Reply.FINE, Reply.UNCLEAR, Reply.CONFUSED)
        or (new.reply is not Reply.FINE)
    )
