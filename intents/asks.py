"""Two asks read before the catalogue, from ``intents/data/asks.toml``.

- A whole building without water or power ("我们5栋整栋楼都停水了", "Building 6 has had no water
  since this morning") is the property's urgent common-area work order, never a paid plumbing
  or electrical booking for one home.
- A shared part of a building broken ("电梯坏了", "单元门关不上", "the lift is out of order") is
  that work order too.
- Asking for the assigned worker's number ("师傅电话多少", "can I have the worker's number")
  is about one's own booking: numbers are never shared, the private line is offered instead.
  A resident giving or changing their own number is not this ask.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from intents.fastre import Guard


def _any(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


@cache
def _patterns() -> tuple[Guard, Guard, Guard, Guard, Guard, Guard, Guard]:
    """The asks' patterns, each searched only in texts that hold a mark its matches need
    (most chatter names no worker, place, outage or shared part: no search at all)."""
    text = resources.files("intents.data").joinpath("asks.toml").read_text("utf-8")
    data = tomllib.loads(text)
    c, o = data["worker_contact"], data["building_outage"]
    who, what = _any(c["who"]), _any(c["what"])
    asked = Guard(
        rf"{who}[^\n]{{0,6}}?{what}[^\n]{{0,6}}?{_any(c['asked_after'])}"
        rf"|{_any(c['asked_before'])}[^\n]{{0,12}}?{who}[^\n]{{0,8}}?{what}",
        re.IGNORECASE,
    )
    own = Guard(_any(c["own"] + c["someone"]), re.IGNORECASE)
    place, outage, near = _any(o["place"]), _any(o["outage"]), int(o["near"])
    building = Guard(
        rf"{place}[^\n]{{0,{near}}}?{outage}|{outage}[^\n]{{0,{near}}}?{place}", re.IGNORECASE
    )
    f = data["common_fault"]
    thing, broken, close = _any(f["thing"]), _any(f["broken"]), int(f["near"])
    thing_en, broken_en, far = _any(f["thing_en"]), _any(f["broken_en"]), int(f["near_en"])
    fault = Guard(
        rf"{thing}[^\n]{{0,{close}}}?{broken}|{thing_en}[^\n]{{0,{far}}}?\b{broken_en}",
        re.IGNORECASE,
    )
    current = Guard(_any(o["current"]), re.IGNORECASE)
    since = Guard(_any(o["since"]), re.IGNORECASE)
    planned = Guard(_any(o["planned"]), re.IGNORECASE)
    return asked, own, building, fault, current, since, planned


def asks_worker_contact(text: str) -> bool:
    """Whether the words ask for the assigned worker's phone number or contact."""
    asked, own, *_ = _patterns()
    return asked.search(text) is not None and own.search(text) is None


def building_outage(text: str) -> bool:
    """Whether the words say a whole building has no water or no power."""
    return _patterns()[2].search(text) is not None


def common_fault(text: str) -> bool:
    """Whether the words say a shared part of a building (lift, entrance door) is broken."""
    return _patterns()[3].search(text) is not None


def outage_planned(text: str) -> bool:
    """Whether a building's water or power cut is told as one to come ("明天3号楼停电检修",
    "下周二从上午9点起计划停水"): a word of the future before the cut, nothing saying it is
    going on now. "我们楼停电了 明天能来电吗" reports one."""
    *_, building, _, current, _, planned = _patterns()
    found = building.search(text)
    if found is None or current.search(text) is not None:
        return False
    return planned.search(text, 0, found.end()) is not None


def outage_current(text: str) -> bool:
    """Whether an outage or a shared fault is told as still going on ("到现在还没来",
    "停在半中间不动了", "since 8am", "从昨晚开始就停电了"): a "刚才" or "昨晚" in the same
    message is then no past story. Since when is no sign of a cut still to come ("明天从早上
    8点开始停水")."""
    if not (building_outage(text) or common_fault(text)):
        return False
    *_, current, since, planned = _patterns()
    if current.search(text) is not None:
        return True
    return since.search(text) is not None and planned.search(text) is None
