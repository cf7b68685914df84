"""What an elder's private message means for her check-ins, and who may press a check-in's
buttons: pure rules (no SQL, no I/O, no Telegram).

- :func:`welfare_level`: how she says she is (an emergency in her words is urgent whatever the
  wording);
- :func:`read_in_group`: whether her words in a group are for her check-ins (distress, not well,
  getting worse during her help call);
- :func:`ends_there`: whether her message was all it was, so nothing else reads it ("我很好"
  answered the check-in; distress that raised or fed her help call, unless it also asks for
  something real: "想借个轮椅" still goes on to the tool cabinet);
- :func:`small_talk`: her words outside any check-in that ask nothing ("今天天气不错 孙子来看我
  了"): a friendly word back, never the service menu;
- :func:`may_be_trip`: whether the words may pause her check-ins ("下周去女儿家住几天"; a request
  that mentions going out, "明天出门，帮我约保洁", is not a trip);
- :func:`elder_refusal` / :func:`worker_refusal`: whether a press of a check-in's button is
  refused (stale, not theirs, already noted).
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.domain.checkins.model import OPEN, Checkin, CheckinState
from intents.faq import is_question
from intents.welfare import WelfareLevel, asks_pause, is_trip, mentions_body, read_welfare, worse

# Intents that are a real ask even while a help call is open: passed on to their feature.
ASKS = frozenset({"service_request", "borrow_tool", "price_query"})


class Outcome(StrEnum):
    """What an elder's message turned out to be."""

    PASSED_ON = "passed_on"  # to everyone on her open help call
    HELP = "help"  # distress: a help call opened
    UNWELL = "unwell"  # not well in words, with no check-in waiting
    NOT_FINE = "not_fine"  # a check-in answered not well or in hospital
    ANSWERED = "answered"  # a sign of life that settled a check-in
    RELAYED = "relayed"  # media with nothing open, forwarded to the grid worker
    NOTED = "noted"  # "I'm fine" with nothing waiting: kept for her greeting, thanked
    NOTHING = "nothing"


ALARMS = frozenset({Outcome.HELP, Outcome.PASSED_ON})
# What newly told a human about her (a help call opened, the grid worker asked to call): in a
# group, the one kind line that someone will contact her; a follow-up adds nothing there.
ALARMED = frozenset({Outcome.HELP, Outcome.UNWELL, Outcome.NOT_FINE})


def chatter(intent: str | None) -> bool:
    """A message that asks nothing (media: no intent at all)."""
    return intent is None or intent in ("none", "emergency")


def welfare_level(text: str, intent: str | None) -> WelfareLevel:
    """How the elder says she is; an emergency in her words is urgent whatever the wording.
    Words about her body or a symptom that the reading does not place ("膝盖肿了一块") are not
    well: a human calls, she is offered 🆘 需要帮助 (safety net, session 15 retest)."""
    if intent == "emergency":
        return WelfareLevel.URGENT
    level = read_welfare(text).level if text else WelfareLevel.NONE
    if level is WelfareLevel.NONE and text and mentions_body(text):
        return WelfareLevel.UNWELL
    return level


def about_welfare(text: str, intent: str | None) -> bool:
    """Whether group words may be a writer's distress, "not well", getting worse, or "fine"
    that may answer her waiting greeting (read without the database, so other group chatter
    still costs nothing): only then does the group path ask whether the writer is an
    enrolled elder."""
    level = welfare_level(text, intent)
    return level is not WelfareLevel.NONE or bool(worse(text))


def read_in_group(
    level: WelfareLevel, worse_words: bool, call: bool, *, waiting: bool = False
) -> bool:
    """Whether an enrolled elder's words in a group are for her check-ins, read as if written
    in private: distress or "not well" in her words (urgent, unwell), getting worse while
    her help call is open or just after it (`call`), or "fine" while her greeting waits
    (`waiting`: "今天挺好的 谢谢关心哈" after it is her answer, tester1 M5). Anything else a
    group hears from her ("挺好的" with nothing waiting, "谢谢大家") is the group's talk:
    never an answer to her greeting, never passed on (neighbours' chatter is not hers)."""
    if level in (WelfareLevel.URGENT, WelfareLevel.UNWELL):
        return True
    if waiting and level is WelfareLevel.FINE and not call:
        return True
    return call and worse_words


def ends_there(outcome: Outcome, intent: str | None) -> bool:
    """Whether nothing else should read the message after check-ins acted on it: chatter that
    did something, or an alarm that is not also a real ask. An answer to a check-in that is
    not well or in hospital always ends there: "在医院 住院了" is news, never a 陪诊 sale."""
    if outcome is Outcome.NOTHING:
        return False
    if outcome is Outcome.NOT_FINE:
        return True
    return chatter(intent) or (outcome in ALARMS and intent not in ASKS)


def small_talk(outcome: Outcome, intent: str | None, text: str) -> bool:
    """Her words outside any check-in that ask nothing and say nothing of how she is ("今天天气
    不错 孙子来看我了"): a short friendly reply, never the service menu (docs/checkins.md); they
    already count as a sign of life. A question or a request goes on to be answered; a trip
    ("我这几天去儿子家住 不在家") pauses her check-ins instead: never only "收到"."""
    if outcome is not Outcome.NOTHING or intent != "none" or not text or mentions_body(text):
        return False  # her body or a symptom is never only "收到" (session 15 retest)
    return not is_question(text) and not may_be_trip(text, intent)


# Family asking how their elder is ("我爸今天怎么样", "我妈今天回了没有", "how is my mum", which
# hospital she is in).
_NEWS = re.compile(
    r"(?:爸|妈|父亲|母亲|老人|奶奶|爷爷|外婆|外公|阿姨|叔叔).{0,6}(?:怎么样|怎样|好不好|还好吗|好吗"
    r"|回了没|回复了没|回了吗|回复了吗|有没有回"
    # which hospital, or whether she is in one (tester s15 W5: "我妈住院了？哪个医院")
    r"|住院了?(?:[？?]|吗|没)|(?:在|住)?哪(?:个|家|所)医院|在医院(?:吗|[？?]))"
    r"|\bis (?:my )?(?:mum|mom|mother|dad|father)\b.{0,12}\bin (?:the )?hospital\b"
    r"|\bwhich hospital\b.{0,20}\b(?:mum|mom|mother|dad|father)\b"
    r"|\bhow(?:'s| is| was| are)\b.{0,20}\b(?:mum|mom|mother|dad|father|grandma|grandpa)\b"
    r"|\b(?:mum|mom|mother|dad|father)\b.{0,20}\b(?:repl|answer)",
    re.IGNORECASE,
)


def asks_news(text: str) -> bool:
    """Whether family are asking how their elder is today."""
    return bool(_NEWS.search(text))


def news_kind(state: str) -> str:
    """Which answer family get for today's check-in state."""
    if state in ("fine", "unwell", "help", "none", "skipped"):
        return "none" if state == "skipped" else state
    if state in ("grid", "escalated"):
        return "following"
    return "waiting"  # pinged, reminded


def may_be_trip(text: str, intent: str | None) -> bool:
    """Whether the words may pause check-ins for a trip: chatter that speaks of being away, or
    an outright ask to pause ("暂停问候三天", "please pause her check-ins", which the intent
    model may read as a cancellation)."""
    if not text:
        return False
    return asks_pause(text) or (chatter(intent) and is_trip(text))


class PressRefusal(StrEnum):
    """Why a press of a check-in's button changes nothing."""

    STALE = "stale"  # no such check-in (or not hers)
    NOT_YOURS = "not_yours"  # a worker who may not confirm for this elder
    DONE = "done"  # already noted


def elder_refusal(checkin: Checkin | None, hers: bool, *, answering: bool) -> PressRefusal | None:
    """An elder's press: only on her own check-in; an answer (我很好 / 不太舒服) only while it
    waits (a help call carries it otherwise)."""
    if checkin is None or not hers:
        return PressRefusal.STALE
    if answering and (checkin.state not in OPEN or checkin.state == CheckinState.HELP):
        return PressRefusal.DONE
    return None


def worker_refusal(checkin: Checkin | None, may_confirm: bool | None) -> PressRefusal | None:
    """A grid worker's (or staff's) 平安 / 支援: on an open check-in of an elder they may confirm
    for (None: the elder is no longer enrolled)."""
    if checkin is None:
        return PressRefusal.STALE
    if not may_confirm:
        return PressRefusal.NOT_YOURS
    if checkin.state not in OPEN:
        return PressRefusal.DONE
    return None
