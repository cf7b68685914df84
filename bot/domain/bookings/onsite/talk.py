"""Who a plain message on the private line is for, pure.

The line is open for someone who pressed 💬 (an awaited answer), but people also just type: a
worker who received "💬 业主老陈（订单 #1）：师傅你还来吗？" answers "好的，马上到" without
pressing 💬 回复. The rule, for a private text with no awaited answer and no emergency:

1. words that clearly start a new request ("我想约个保洁", "I need a cleaner") go to the bot;
   a resident's words telling the worker on their job how to get in ("门没锁 直接推门进来")
   go to that worker, never a new (lock) booking;
2. a resident asking the bot about their booking (where it stands, another time, cancel, my
   bookings) is answered by the bot;
3. "结束对话" / "end chat" ends the conversation (nothing is relayed);
4. a worker saying they give the job up ("这单我退了", "I can't make it, withdraw") is asked to
   confirm the withdrawal (one button), never relayed;
5. the text is an answer, relayed (contacts hidden), when the last thing the writer received
   was a message relayed on a job still theirs, when the other side has the line open on the
   only live job the writer has, or when the writer is the worker of their only live job (a
   worker's plain words are for the resident: "您好，我九点左右到");
6. a resident with a job in progress (a worker assigned, not writing to them) whose words may
   be for that worker or a new request (plain words, or a request not opened with booking
   words) is asked which: [💬 发给师傅] [🆕 新的预约], never guessed;
7. anything else is understood as usual.

A worker whose job was taken from them (withdrawn, reassigned, cancelled) and who writes
plainly about it afterwards ("我快到了") is told the job is no longer theirs, unless they
clearly start something else. Tables in ``tests/bookings/test_talk.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from intents.times.numbers import prepare

GONE_FOR = timedelta(hours=12)  # how long a worker's words are read as about a job taken away
# What a resident asks the bot itself, even on the line: never relayed.
FOR_THE_BOT = frozenset({"status", "reschedule", "cancel"})


class Route(StrEnum):
    """Where a plain message goes."""

    RELAY = "relay"  # through the line to the other side
    ASK = "ask"  # for the worker or a new request? the resident is asked (two buttons)
    END = "end"  # "结束对话": the conversation is over for the writer
    BOT = "bot"  # understood as usual
    WITHDRAW = "withdraw"  # the worker gives the job up: asked to confirm


@dataclass(frozen=True)
class Heard:
    """What decides where a plain private text goes."""

    resident: bool  # the writer is the resident of the job in question (else its worker)
    answering: bool  # the last thing they received was a message relayed on that job
    other_writing: bool  # the other side has the line open on it (their only live job)
    intent: str  # the text as understood ("none", "status", "service_request" ...)
    text: str
    own_job: bool = False  # the writer is the worker of their only live job
    their_job: bool = False  # the resident of their only live job, whose worker is not writing


_END = re.compile(
    r"^(?:好的?|那|请|先)? ?(?:结束|退出|关闭|关掉|停止)(?:对话|聊天|私聊|私信|通话)(?:吧|了|啦)?$"
    r"|^(?:ok |okay |please )?(?:end|stop|close|exit|leave|quit)(?: the)?"
    r" (?:chat|conversation|line)(?: please| now)?$"
)
_STARTS = re.compile(
    r"^(?:你好|您好|hi|hello)?\W*(?:我|我们|家里)?(?:还|再|另外)?(?:想|要|需要|得)(?:再|另外)?(?:找|约|预约|订|请|叫)"
    r"|^(?:帮我|请帮我|麻烦帮我)(?:找|约|预约|订|叫)|^(?:预约|我要预约|我想预约)"
    r"|^(?:hi |hello )?(?:i(?:'d| would)? (?:like|want|need) (?:to book|a |an |someone|to get))"
    r"|^(?:can|could) (?:i|you) (?:book|get me|find me)|^book (?:a|an|me)\b"
)
_WITHDRAW = re.compile(
    r"(?:这单|这个单|此单|订单)?(?:我)?(?:要)?(?:退单|退了|退掉|不接了|不做了|接不了了?|做不了了?)"
    r"|退(?:这|这个)?单|(?:我)?(?:今天|明天)?(?:来不了|去不了|过不去|去不成)了?"
    r"|\b(?:can'?t|cannot|can not|won'?t be able to) (?:make it|come|do (?:it|this job))\b"
    r"|\bwithdraw\b|\b(?:cancel|drop|give up) (?:this|the) job\b"
)
_TELLS = re.compile(
    r"打我电话|给我打电话|打电话给我|打我手机|叫我一声|喊我|敲门|按门铃|门铃|记得|带上|带好"
    r"|鞋套|等我一下|等我下|先别|别按|\b(?:call me|knock|ring the bell)\b",
    re.IGNORECASE,
)
# How the worker gets in ("门没锁 直接推门进来", "the door is unlocked, just come in"): for the
# worker on the job, never a lock booking (session-15 verify F6).
_LETS_IN = re.compile(
    r"门没(?:锁|关)|门(?:是)?开着|推门(?:进|就)|直接进(?:来|门|屋)|自己进(?:来|门|屋)"
    r"|\bdoor(?:'s| is)? (?:open|unlocked)\b|\b(?:just |right |straight )?come (?:on )?in\b"
    r"|\blet yourself in\b",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"[吗嘛么呢][?？!！。~～]*$|[?？]|几点|什么时候|多久|怎么|到哪|在哪|还没|没来|啥时"
    r"|\b(?:when|where|how long|what time|eta)\b"
)
_QUESTION = re.compile(r"(?:[吗嘛么][?？!！。~～]*|[?？])$")
_REQUESTS = frozenset({"service_request", "price_query", "borrow_tool"})
# A resident's words that may be for their worker as well as the bot: plain words ("师傅你到了
# 楼下打我电话") and a request not opened with booking words ("猫粮在阳台柜子里 猫砂在卫生间").
_MAYBE_WORKER = frozenset({"none", "service_request"})
# Booking words anywhere ("帮我爸约个保洁", "再请个阿姨", "I need a cleaner"): a new request.
_BOOKING_WORDS = re.compile(
    r"(?<![大节])约|订(?!单)|找人|找个|请个|请人|叫个|叫人"
    r"|\b(?:book|booking|need (?:a|an|someone))\b"
)
_PUNCT = re.compile(r"[\s,，.。!！?？~～、…]+")
# Asking the worker on the job to see to something else while there: "顺便帮我看看卫生间的水龙头",
# "让师傅也看看热水器", "please ask him to bring a new tap as well".
_ALSO = re.compile(
    r"顺便|顺带|顺手|(?:也|再)帮(?:我|忙)?(?:看|瞧|检查|修|弄|处理)|(?:让|叫|请|跟)师傅(?:也|再|顺便|帮)"
    r"|(?:师傅|他|她)(?:也|再)(?:帮|给)?(?:看|瞧|检查|修|弄|带)"
    r"|\bask (?:him|her|them|the (?:worker|plumber|cleaner|technician|electrician))\b"
    r"|\b(?:as well|while (?:he|she|they|you)(?:'s|'re| is| are)? (?:here|there|at it))\b"
    r"|\b(?:also|too) (?:look|check|have a look|take a look|fix|bring)\b",
    re.IGNORECASE,
)


def ends_line(text: str) -> bool:
    """'结束对话', '好，结束聊天吧', 'end chat': the writer is done talking on the line."""
    return _END.fullmatch(_PUNCT.sub(" ", prepare(text)).strip()) is not None


def starts_request(text: str, intent: str) -> bool:
    """Words that clearly start a new request to the bot: a request the bot understood,
    opened with booking words ("我想约个保洁", "帮我找个修空调的", "I need a plumber")."""
    if intent not in _REQUESTS:
        return False
    return _STARTS.search(_PUNCT.sub(" ", prepare(text)).strip()) is not None


def tells_worker(text: str) -> bool:
    """Words read as a question about the booking that tell the worker what to do instead
    ("师傅你到了楼下打我电话", "到了先敲门别按门铃"): no question in them ("师傅到了吗",
    "几点到", "怎么还没来" stay questions to the bot)."""
    said = prepare(text).strip()
    return _TELLS.search(said) is not None and _ASKS.search(said.lower()) is None


def lets_worker_in(text: str) -> bool:
    """Words telling the worker how to get in ("门没锁 直接推门进来", "the door is unlocked"),
    not asking ("门没锁吗？" stays a question to the bot)."""
    said = prepare(text).strip()
    return _LETS_IN.search(said) is not None and _ASKS.search(said.lower()) is None


def adds_to_visit(text: str) -> bool:
    """Words asking the worker on the job to see to something else while there ("顺便帮我看看
    卫生间的水龙头", "please ask him to bring a new tap as well"): for this visit perhaps, a
    new booking perhaps; asked, never a new booking unasked (even of another service)."""
    return _ALSO.search(prepare(text)) is not None


def gives_up(text: str) -> bool:
    """A worker's words giving their job up: "这单我退了", "来不了了", "I can't make it"; a
    question ("退了吗？") is not."""
    said = prepare(text).strip()
    return _QUESTION.search(said) is None and _WITHDRAW.search(said) is not None


def route(heard: Heard) -> Route:
    """Where a plain private text goes (the rule of this module's docstring)."""
    if starts_request(heard.text, heard.intent):
        return Route.BOT
    if heard.resident and heard.their_job and lets_worker_in(heard.text):
        return Route.RELAY
    if heard.resident and heard.intent in FOR_THE_BOT:
        return Route.ASK if heard.their_job and tells_worker(heard.text) else Route.BOT
    if not heard.resident and gives_up(heard.text):
        return Route.WITHDRAW
    if not (heard.answering or heard.other_writing or heard.own_job):
        said = prepare(heard.text)
        maybe = heard.their_job and heard.intent in _MAYBE_WORKER and not ends_line(said)
        maybe = maybe and _BOOKING_WORDS.search(said.lower()) is None
        return Route.ASK if maybe else Route.BOT
    return Route.END if ends_line(heard.text) else Route.RELAY


def still_gone(ended_at: datetime, now: datetime) -> bool:
    """Whether a worker's plain words may still be about a job taken from them."""
    return now - ended_at < GONE_FOR


_RELAYED_KEY = re.compile(r"^bk(\d+):line:(?!open:)")


def relayed_on(key: str | None) -> int | None:
    """The booking a message was relayed on, from its outbox key; None for any other
    message (the line's own notices included)."""
    found = _RELAYED_KEY.match(key or "")
    return int(found.group(1)) if found else None
