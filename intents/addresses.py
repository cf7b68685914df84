"""Where a resident lives, in the words they use: "3栋2单元501", "三栋二单元一一零二",
"三号楼二单元1102", "Building 6, unit 1, room 2203", and "我的地址改成3栋2单元501".

Only the words are read here; whether the building exists in the community is the people
domain's rule (``bot.domain.people.read_address``). Nothing here is logged or kept.
"""

from __future__ import annotations

import re

_CUE = re.compile(
    r"(?:住址|地址|门牌号?)\s*(?:是|改成|改为|换成|变成|更新为|更新成|改到|换到|[:：])"
    r"|我(?:家)?(?:已经)?搬(?:到|去)了?|(?:住址|地址)(?:换|变|改)了|新(?:住址|地址)"
    r"|(?:住址|地址|门牌号?|房间?号|房间)(?:写|填|打|弄|搞)?(?:错了|不对)|新家(?:在|是)|我(?:们)?搬家了"
    r"|\bmy (?:new )?(?:home )?address(?: is)?(?: now)?\b|\bnew address\b"
    r"|\bi(?: have|ve)? moved to\b|\b(?:change|update) my address to\b|\baddress\s*:",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"[0-9A-Za-z]+\s*(?:栋|号楼|幢|座|[-/ ])\s*[0-9A-Za-z]+\s*(?:单元|[-/ ])\s*[0-9A-Za-z]+"
    r"\s*(?:室|号)?"
)
# The whole text as building, unit and room (after numerals and English words are read).
_DOOR = re.compile(
    r"^\s*(?P<building>[0-9A-Za-z]+)\s*(?:栋|号楼|幢|座|[-/ ])\s*"
    r"(?P<unit>[0-9A-Za-z]+)\s*(?:单元|[-/ ])\s*(?P<room>[0-9A-Za-z]+)\s*(?:室|号)?\s*$"
)
# A plausible shape: building 1-3 digits or a letter or two (A座, B12); unit 1-2 digits or a
# letter; room 3-4 digits (floor and door), a letter before or after allowed. "COME-QUICKLY-
# PLEASE" and "THE-DOG-IS" are words, not a door number.
_BUILDING = re.compile(r"[A-Z]{0,2}[0-9]{1,3}|[A-Z]{1,2}")
_UNIT = re.compile(r"[0-9]{1,2}|[A-Z]")
_ROOM = re.compile(r"[A-Z]?[0-9]{3,4}[A-Z]?")

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "洞": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_NUMERAL = re.compile(r"[零〇○一幺二两三四五六七八九十百]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／", "0123456789-/")
# English: "Building 6, unit 1, room 2203", "Bldg 6 Unit 1 Rm 2203", "block 6 entrance 1 #2203"
_B = r"(?:building|bldg|block|blk|tower|house)\.?\s*(?:no\.?\s*)?#?\s*(?P<b>[0-9A-Za-z]{1,3})"
_U = r"(?:unit|entrance|door)\.?\s*(?:no\.?\s*)?#?\s*(?P<u>[0-9A-Za-z]{1,2})"
_R = r"(?:room|rm|apt|apartment|flat|no)?\.?\s*#?\s*(?P<r>[0-9A-Za-z]{1,5})"
_SEP = r"\s*[,，;、]?\s*"
_ENGLISH = re.compile(_B + _SEP + _U + _SEP + _R + r"\b", re.IGNORECASE)
_ENGLISH_BACK = re.compile(
    r"(?:room|rm|apt|apartment|flat)\.?\s*#?\s*(?P<r>[0-9A-Za-z]{1,5})"
    + _SEP
    + _U
    + _SEP
    + _B
    + r"\b",
    re.IGNORECASE,
)
# A building (and maybe its unit) named without a room: "我家在三号楼二单元", "building 3".
_BUILDING_ZH = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-Za-z]{1,3}\s*(?:栋|号楼|幢|座)(?:\s*[0-9A-Za-z]{1,2}\s*单元)?"
)
_BUILDING_EN = re.compile(
    r"\b(?:building|bldg|block|tower)\s*#?\s*[0-9A-Za-z]{1,3}\b"
    r"(?:\s*,?\s*(?:unit|entrance)\s*#?\s*[0-9A-Za-z]{1,2}\b)?",
    re.IGNORECASE,
)


def _numeral(words: str) -> str:
    """一一零二 -> 1102 (read digit by digit); 十二 -> 12, 二十一 -> 21, 一百零一 -> 101."""
    if "十" not in words and "百" not in words:
        return "".join(str(_DIGITS[c]) for c in words)
    total, digit = 0, 0
    for char in words:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _DIGITS[char]
    return str(total + digit)


def read_numbers(text: str) -> str:
    """The text with its Chinese and full-width numerals written as ASCII digits and English
    door numbers as "B-U-R", for the address patterns (never shown to anyone)."""
    text = text.translate(_FULL_WIDTH).replace("　", " ")
    text = _NUMERAL.sub(lambda m: _numeral(m.group()), text)
    text = _ENGLISH.sub(lambda m: f"{m['b']}-{m['u']}-{m['r']}", text)
    return _ENGLISH_BACK.sub(lambda m: f"{m['b']}-{m['u']}-{m['r']}", text)


def door_number(text: str) -> tuple[str, str, str] | None:
    """Building, unit and room when the whole text is a plausible door number ("3栋2单元501",
    "3-2-501", "三栋二单元一一零二", "Building 6, unit 1, room 2203"), upper-cased; else None.
    The building is not checked against the community here."""
    match = _DOOR.match(read_numbers(text))
    if match is None:
        return None
    building, unit, room = (match[k].upper() for k in ("building", "unit", "room"))
    if not (_BUILDING.fullmatch(building) and _UNIT.fullmatch(unit) and _ROOM.fullmatch(room)):
        return None
    return building, unit, room


# A door number anywhere in the words ("the old lady in 3-1-602", "2号楼1单元301的老人").
_NAMED_DOOR = re.compile(
    r"(?<![0-9A-Za-z])(?P<building>[A-Za-z]{0,2}[0-9]{1,3})\s*(?:栋|号楼|幢|座|-|/)\s*"
    r"(?P<unit>[0-9]{1,2}|[A-Za-z])\s*(?:单元|-|/)\s*(?P<room>[A-Za-z]?[0-9]{3,4}[A-Za-z]?)"
    r"(?![0-9])"
)


def named_door(text: str) -> tuple[str, str, str] | None:
    """The first door number the words name anywhere ("Has anyone seen the old lady in
    3-1-602", "3栋2单元501的老人"), upper-cased building, unit and room; None when none.
    Whose door it is (the writer's or a neighbour's) the words alone do not say."""
    found = _NAMED_DOOR.search(read_numbers(text))
    if found is None:
        return None
    building, unit, room = (found[k].upper() for k in ("building", "unit", "room"))
    return building, unit, room


def names_building(text: str) -> bool:
    """Whether the words name a building of one's own place ("我家在三号楼二单元", "building 3"):
    at an address question they are an unfinished address, not a new request."""
    read = read_numbers(text)
    return _BUILDING_ZH.search(read) is not None or _BUILDING_EN.search(read) is not None


def placeless(text: str) -> str:
    """The words with the building (and unit) they name said as "楼" / "the building": what
    they say besides where. At an address question a fault or a request is still one without
    its building ("我们6号楼整栋都停电了" -> "我们楼整栋都停电了", "no water in building 2"
    -> "no water in the building"); an unfinished address says nothing more ("我家在三号楼
    二单元" -> "我家在楼")."""
    return _BUILDING_EN.sub("the building", _BUILDING_ZH.sub("楼", read_numbers(text)))


def address_change(text: str) -> str | None:
    """The building-unit-room words after "my address is now …", or None when the text does
    not say the writer's address changed (or names no full door number)."""
    text = read_numbers(text)
    said = _CUE.search(text)
    if said is None:
        return None
    where = _WHERE.search(text, said.end())
    return where.group().strip() if where else None


# The door number a request names after "地址" / "address" ("…约个保洁 地址6栋2单元1501",
# "上门地址：…", "address 6-2-1501"): that booking's place, never a move of the writer's home.
_AT_ADDRESS = re.compile(
    r"(?:住址|地址|门牌号?)\s*(?:是|在|为|[:：])?\s*(" + _WHERE.pattern + r")"
    r"|\baddress(?:\s+is)?\s*[:：]?\s*(" + _WHERE.pattern + r")",
    re.IGNORECASE,
)
_LEADING = re.compile(r"\s*(" + _WHERE.pattern + r")(?=\s|[，,。(（]|$)")
_INSIDE = re.compile(r"(?:^|(?<=[在是住:：\s，,]))(" + _WHERE.pattern + r")(?=\s|[，,。(（]|$)")


def address_answer(text: str) -> str:
    """The door number in an answer to "what is your address?" (or a request's words): after
    "my address is …" or "地址…" / "address …", leading the words ("1栋1单元101 我妈家") or
    after "我家在" / "住在"; else the words as they are (for the people domain's parser to
    accept or refuse). Numerals are read ("三栋二单元一一零二" -> "3栋2单元1102")."""
    changed = address_change(text)
    if changed is not None:
        return changed
    read = read_numbers(text)
    named = _AT_ADDRESS.search(read)
    if named is not None:
        return (named.group(1) or named.group(2)).strip()
    leading = _LEADING.match(read) or _INSIDE.search(read)
    return leading.group(1).strip() if leading else read


# -- one part of the door number corrected ("是502不是501", "room 1202 not 1201") ----------------

_PART_BUILDING = re.compile(
    r"(?<![0-9A-Za-z])(?P<v>[A-Za-z]{0,2}[0-9]{1,3}|[A-Za-z]{1,2})\s*(?:栋|号楼|幢|座)"
    r"|\b(?:building|bldg|block|tower)\s*#?\s*(?P<e>[0-9A-Za-z]{1,3})\b",
    re.IGNORECASE,
)
_PART_UNIT = re.compile(
    r"(?<![0-9A-Za-z])(?P<v>[0-9]{1,2}|[A-Za-z])\s*单元"
    r"|\b(?:unit|entrance)\s*#?\s*(?P<e>[0-9A-Za-z]{1,2})\b",
    re.IGNORECASE,
)
_PART_ROOM = re.compile(
    r"(?:\b(?:room|rm|apt|flat)\s*#?\s*)?(?<![0-9A-Za-z])(?P<v>[A-Za-z]?[0-9]{3,4}[A-Za-z]?)"
    r"(?![0-9A-Za-z])(?:\s*(?:室|号|房))?",
    re.IGNORECASE,
)
_PARTS = (("building", _PART_BUILDING), ("unit", _PART_UNIT), ("room", _PART_ROOM))
_NEGATED = re.compile(r"(?:不是|\bnot|\bisn'?t|\binstead of)\s*(?:the\s+)?$", re.IGNORECASE)
_FIXING = re.compile(
    r"不是|不对|错了|写错|打错|应该|其实是|\bnot\b|\bwrong\b|\bshould be\b|\bactually\b"
    r"|(?:房间?号|房间|门牌号?)\s*(?:改成|改为|换成|改到|是)",  # "房号改成1102" (session 15)
    re.IGNORECASE,
)
_NOT_A_DOOR = re.compile(r"密码|电话|手机|号码|\bcode\b|\bpin\b|\bphone\b|\bnumber is\b", re.I)


def door_fix(text: str) -> dict[str, str] | None:
    """The part(s) of the writer's door number they correct on its own ("是502不是501",
    "不对，是3单元", "room 1202 not 1201" -> {"room": "1202"}), upper-cased; None when the words
    correct no part (no "不是" / "not" / "写错" said, a whole door number given, a time, a door
    code or a phone number). Which address is corrected is the caller's: the saved one."""
    read = read_numbers(text)
    if _NAMED_DOOR.search(read) or not _FIXING.search(read) or _NOT_A_DOOR.search(read):
        return None
    fix: dict[str, str] = {}
    for part, pattern in _PARTS:
        said = set()
        for found in pattern.finditer(read):
            if not _NEGATED.search(read[max(0, found.start() - 12) : found.start()]):
                said.add((found["v"] or found["e"]).upper())
        read = pattern.sub(" ", read)  # a building's "101栋" is not also a room
        if len(said) > 1:
            return None
        if said:
            fix[part] = said.pop()
    return fix or None


_MISTAKEN = re.compile(
    r"(?:写|填|打|弄|搞|记)错|错了|不对|\bwrong\b|\btypo\b|\bmistake|\bshould be\b|\bmeant\b",
    re.IGNORECASE,
)


def corrects_address(text: str) -> bool:
    """Whether new address words correct a mistake ("门牌号写错了，应该是502", "地址写错了 是3栋
    2单元502", "是502不是501") rather than say a move ("我搬到5栋1单元302了"): a correction is
    the same home, so bookings already sent go there too; a move may not be."""
    return door_fix(text) is not None or _MISTAKEN.search(text) is not None
