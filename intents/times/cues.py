"""Urgency ("尽快", "现在", "ASAP") and reschedule ("改到明天上午", "make it 3pm instead") cues.

The words live in ``intents/data/times.toml``; each list has masks that blank out denied or
unrelated uses ("不急", "急诊", "for now") before the cues are looked for.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from intents.fastre import Cue
from intents.times.numbers import prepare


@dataclass(frozen=True)
class _Cue:
    """One compiled cue list and its masks."""

    cues: Cue
    masks: Cue

    @classmethod
    def of(cls, section: dict[str, Any]) -> _Cue:
        return cls(_any(section["cues"]), _any(section["masks"]))

    def found(self, text: str) -> str | None:
        """The cue's words in a prepared text, unless only masked uses are there."""
        if not self.cues.found(text):  # most texts: one search, no masking
            return None
        m = self.cues.search(self.masks.sub(" ", text))
        return m.group() if m else None


def _any(patterns: list[str]) -> Cue:
    return Cue("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class _Rules:
    asap: _Cue
    reschedule: _Cue
    soft: Cue
    instead: Cue


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The cues shipped in ``intents/data/times.toml``, compiled on first use."""
    data = tomllib.loads(resources.files("intents.data").joinpath("times.toml").read_text("utf-8"))
    moving = data["reschedule"]
    soft, instead = _any(moving["soft"]), _any(moving["instead"])
    return _Rules(_Cue.of(data["asap"]), _Cue.of(moving), soft, instead)


def urgency(text: str) -> str | None:
    """The words asking for someone as soon as possible in a prepared text ("急", "now")."""
    return _rules().asap.found(text)


def is_reschedule(text: str) -> bool:
    """Tell whether the writer asks to move a booking to another time ("能不能改到下午",
    "改到明天上午", "can we make it 3pm instead"); the new time comes from ``parse_when``."""
    return _rules().reschedule.found(prepare(text)) is not None


def only_sooner_or_later(text: str) -> bool:
    """Whether the only reschedule words are ones a new request says too ("明天早点来修一下
    水龙头"): with nothing booked, the words ask for a visit, not to move one."""
    rules, prepared = _rules(), prepare(text)
    if rules.reschedule.found(prepared) is None:
        return False
    return rules.reschedule.found(rules.soft.sub(" ", prepared)) is None


def another_day_instead(text: str) -> bool:
    """Whether the words say the booked day does not suit and name another ("明天不行了，
    后天吧", "周日有事 周一吧"): a reschedule, not a fault ("不行了") or news."""
    return _rules().instead.search(prepare(text)) is not None
