"""A resident saying where they live now: "我的地址改成3栋2单元501", "my address is now 3-2-501".

Only the words are found here; whether they are a valid building-unit-room is the people
domain's rule (``bot.domain.people.parse_address``). Nothing here is logged or kept.
"""

from __future__ import annotations

import re

_CUE = re.compile(
    r"(?:住址|地址|门牌号?)\s*(?:是|改成|改为|换成|变成|更新为|更新成|改到|换到|[:：])"
    r"|我(?:家)?(?:已经)?搬(?:到|去)了?|(?:住址|地址)(?:换|变|改)了|新(?:住址|地址)"
    r"|\bmy (?:new )?(?:home )?address(?: is)?(?: now)?\b|\bnew address\b"
    r"|\bi(?: have|ve)? moved to\b|\b(?:change|update) my address to\b|\baddress\s*:",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"[0-9A-Za-z]+\s*(?:栋|号楼|幢|座|[-/ ])\s*[0-9A-Za-z]+\s*(?:单元|[-/ ])\s*[0-9A-Za-z]+"
    r"\s*(?:室|号)?"
)


def address_change(text: str) -> str | None:
    """The building-unit-room words after "my address is now …", or None when the text does
    not say the writer's address changed (or names no full door number)."""
    said = _CUE.search(text)
    if said is None:
        return None
    where = _WHERE.search(text, said.end())
    return where.group().strip() if where else None


_LEADING = re.compile(r"\s*(" + _WHERE.pattern + r")(?=\s|[，,。(（]|$)")


def address_answer(text: str) -> str:
    """The door number in an answer to "what is your address?": after "my address is …",
    or leading the words ("1栋1单元101 我妈家"); else the words as they are (for the people
    domain's parser to accept or refuse)."""
    changed = address_change(text)
    if changed is not None:
        return changed
    leading = _LEADING.match(text)
    return leading.group(1).strip() if leading else text
