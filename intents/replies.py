"""Short answers to a question the bot asked: "nothing to add" after "anything to note?",
"no code" after "the door code?", "确认" under a booking's summary, a door code said in words.

Text understanding, so it lives in ``intents/`` (pure, no I/O): the handler that waits for the
answer asks here what the person said.
"""

from __future__ import annotations

import re

_NO_NOTE = frozenset(
    {
        *("无", "没有", "没", "不用", "不用了", "不需要", "没有了", "没了", "跳过", "略"),
        *("none", "no", "nope", "nothing", "skip", "n/a", "-", "no thanks", "no thank you"),
    }
)
# At the door-code step "好了" / "不用了" mean "no code", never the code itself.
_NO_CODE = _NO_NOTE | frozenset(
    {
        *("好了", "好", "好的", "行", "可以了", "不用密码", "没有密码", "没密码", "不设密码"),
        *("家里有人", "有人在家", "我在家", "不知道", "不清楚", "ok", "okay", "no code"),
        *("no need", "not needed", "someone is home", "i'm home", "im home", "dont know"),
    }
)
_YES = frozenset(
    {
        *("确认", "确定", "确认预约", "确认一下", "好", "好的", "好了", "好滴", "行", "行的"),
        *("可以",),
        *("可以的", "是", "是的", "对", "对的", "没问题", "嗯", "嗯嗯", "约吧", "就这样", "没错"),
        *("ok", "okay", "yes", "yep", "yeah", "sure", "confirm", "confirmed", "fine", "go ahead"),
        *("sounds good", "ok thanks", "好的谢谢", "确认，谢谢", "好的，谢谢"),
    }
)
# "就按这个时间，还是换一个？" answered in words: the time stays (session 15, finding 4).
_KEEP = _YES | frozenset(
    {
        *("就这个时间", "就这个", "就按这个", "就按这个时间", "这个时间", "这个时间可以"),
        *("这个时间就行", "这个时间行", "按这个时间", "不用换", "不换", "不用换了", "就这样吧"),
        *("keep it", "keep", "keep that", "keep the time", "keep this time", "that works"),
        *("that's fine", "thats fine", "that time is fine", "yes keep it", "ok keep it"),
    }
)
# The fee warning of a late change ("确定改到…吗？ [确定改时间]") answered in words (finding 6).
_MOVE_YES = _YES | frozenset(
    {
        *("确定改时间", "确认改时间", "确定改", "确认改", "改吧", "就改吧", "那就改吧", "改"),
        *("yes change it", "change it", "ok change it", "yes please change it", "do it"),
    }
)
_END = ".。!！~～ 　,，"
_CODE = re.compile(r"(?<![0-9*])(?=[*#]*[0-9])[0-9*#]{3,12}(?![0-9])")  # "***" is no code
_CODE_CUE = re.compile(r"密码|门锁|门禁|锁|code|pin|passcode|password", re.IGNORECASE)
# A code given in a normalised message ("门禁密码1234", "单元门密码是 2580", "door code is
# 4321"): the words name a code, not the thing to fix ("门禁" there is no broken entrance).
_CODE_GIVEN = re.compile(
    r"(?:门禁|门锁|开门|大门|单元门|入户门|楼门|防盗门|门)?(?:密码|码|卡号)\s?(?:是|为|号码)?\s?"
    r"[0-9a-z*#]*\d[0-9a-z*#]*"
    r"|\b(?:(?:door|gate|entry|access|keypad|building|entrance|lock) )?"
    r"(?:code|pin|passcode|password)(?: is)? ?[0-9a-z*#]*\d[0-9a-z*#]*"
)


def _bare(text: str) -> str:
    return text.strip().lower().strip(_END)


def declines_note(text: str) -> bool:
    """Whether an answer to "add a note?" says there is nothing to add ("无", "no", "-")."""
    return _bare(text) in _NO_NOTE


def declines_door_code(text: str) -> bool:
    """Whether an answer to "the door code?" says there is none to give ("不用了", "好了",
    "没有", "no", "skip"): the step is skipped, the words are never kept as a code."""
    bare = _bare(text)
    return bare in _NO_CODE or bare.replace("，", "").replace(",", "") in _NO_CODE


def confirms(text: str) -> bool:
    """Whether words under a booking's summary confirm it ("确认", "好了", "ok", "是的")."""
    return _bare(text) in _YES


def _plain(text: str) -> str:
    """The bare words with inner commas and spaces made one space ("Yes, change it")."""
    return re.sub(r"[\s,，、]+", " ", _bare(text))


def keeps_time(text: str) -> bool:
    """Whether an answer to "keep this time, or another?" keeps it ("好", "行", "keep it")."""
    return _plain(text) in _KEEP


def confirms_move(text: str) -> bool:
    """Whether words under a late change's fee warning confirm it ("确定改时间", "yes")."""
    return _plain(text) in _MOVE_YES


def without_codes(normalized: str) -> str:
    """A normalised message with any code it gives blanked ("我家门锁坏了进不去 门禁密码1234" ->
    "我家门锁坏了进不去 "): what is asked for is read from the rest."""
    return _CODE_GIVEN.sub(" ", normalized)


def door_code_named(text: str) -> str | None:
    """The code in words that name it ("门禁密码是 0815#", "gate code 4321"); unlike
    :func:`door_code_said`, never digits alone ("1400" at a time step is no code)."""
    code = door_code_said(text)
    return code if code is not None and _CODE_CUE.search(text) else None


def door_code_said(text: str) -> str | None:
    """The code in "门锁密码是 778899" / "code 4321#" (a cue and 3-12 digits, * or #), or a
    message that is only the code ("778899#"); None otherwise."""
    bare = text.strip()
    found = _CODE.search(bare)
    if found is None:
        return None
    cue = _CODE_CUE.search(bare)
    if cue is not None:  # the digits after the cue, not a phone number before it (tester 2)
        after = _CODE.search(bare, cue.end())
        return after.group() if after is not None else found.group()
    if found.group() == bare.strip(_END):
        return found.group()
    return None
