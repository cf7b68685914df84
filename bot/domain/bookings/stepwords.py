"""Typed words that mean the same at every step of a conversation (issue 13, second retest).

The model's "cancel" intent is unsure on long, chatty messages ("哎呀我老公说他自己打扫 这个不约
了", "算了算了 孩子他爸说自己能弄好"), so a step that waits for an answer (a time, a note, where a
work order is, an address) first checks these plain words. They are narrow on purpose: a note
("下午3点前到，家里有狗", "到了先别按门铃") must stay a note.
"""

from __future__ import annotations

import re

from bot.domain.bookings.onsite.contacts import MASK, mask_contacts
from intents.replies import door_code_said

_CALL_OFF_ZH = re.compile(
    r"取消|撤单|退订|算了|改天吧|不麻烦了|先不(?:约|订|弄|找|修|做|搞)"
    r"|(?:不|别|不用|不要)(?:约|订|预约|找人?|弄|来|打扫|做|修|报|报修|叫|搞|整)了"
)
_CALL_OFF_EN = re.compile(
    r"\b(?:cancel\w*|forget (?:about )?it|never ?mind|nvm|changed my mind"
    r"|call (?:it |this |that |the (?:whole thing|booking|visit) )?off"
    r"|no longer (?:need|want)\w*|don'?t (?:need|want) (?:it|this|that|one|him|her)"
    r"(?: any ?more)?|not needed"
    r"|scratch that|no need anymore)\b",
    re.IGNORECASE,
)


# "算了，还是两台" / "算了 还是明天吧": "算了" before what is wanted instead is a change of mind
# about the draft, not calling it off ("算了还是不约了" still calls it off).
_INSTEAD = re.compile(r"算了\W*(?=还是|改成|改为|换成|就)")


def calls_off_words(text: str) -> bool:
    """Whether typed words call off what is being asked for, in so many words."""
    text = _INSTEAD.sub(" ", text)
    return bool(_CALL_OFF_ZH.search(text) or _CALL_OFF_EN.search(text))


# A question put off ("跳过", "以后再说", "skip", "not now"): where a question may wait (the
# address after /start), its "later" button typed.
_PUT_OFF = re.compile(
    r"跳过|略过|(?:以后|稍后|回头|晚点|下次|等会儿?|改天)再(?:说|填|给|发)|先不(?:填|说|写|给|发)"
    r"|不想(?:填|说|写|给|发)|^\W*(?:不用了?|不了|先不了?)\W*$"
    r"|\b(?:skip\w*|later|not now|rather not(?: say)?|no thanks?)\b|^\W*pass\W*$",
    re.IGNORECASE,
)


def puts_off(text: str) -> bool:
    """Whether typed words put the question off for later, in so many words."""
    return _PUT_OFF.search(text) is not None


# Someone other than the writer: "我爸", "我妈妈", "老人家", "my dad", "for my mother"...
_SOMEONE_ELSE = re.compile(
    r"我(?:爸|妈|爹|娘|父亲|母亲|爷爷|奶奶|姥姥|姥爷|外公|外婆|公公|婆婆|岳父|岳母|丈母娘|老丈人"
    r"|哥|姐|弟|妹|儿子|女儿|朋友|同事|亲戚|舅|姑|姨|叔|伯)|老爷子|老太太|他家|她家|给他|给她"
    r"|\bmy (?:dad|father|mum|mom|mother|parents?|grand\w+|friend|sister|brother|son|daughter"
    r"|aunt|uncle|in-laws?|colleague)\b|\bfor (?:him|her)\b|\b(?:his|her) (?:flat|place|home)\b",
    re.IGNORECASE,
)


def names_someone_else(text: str) -> bool:
    """Whether the words are about another person's home ("我爸一个人住在二号楼一单元802")."""
    return _SOMEONE_ELSE.search(text) is not None


# Answers typed to "师傅到了吗？" (the late question) or about the worker coming: here, nobody
# came (a verdict: the job goes to another worker), or not yet (no verdict: wait, the job kept).
YES, NO, NOT_YET = "yes", "no", "not_yet"
_GIVE_UP = re.compile(
    r"换(?:个|一个)?(?:人|师傅)|不等了|别等了|不来了|不会来了|放鸽子|爽约"
    r"|\b(?:no[- ]show|never (?:came|showed)|(?:find|send|get) (?:someone|somebody|another)"
    r"|(?:he|she|they)(?:'s| is| are|'re) not coming|gave up waiting|stop waiting)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"还没|还不见|还未|尚未|还在等|暂时没|没到呢|没来呢"
    r"|\b(?:not yet|yet to (?:come|arrive)|still waiting|still not here|not (?:here|there) yet"
    r"|(?:hasn'?t|has not|haven'?t|isn'?t|is not|aren'?t|are not)\b[\w\s']*\byet)\b",
    re.IGNORECASE,
)
_NOT_CAME = re.compile(
    r"没来|没到|没人|没有人|人影|没见|不见|没看到|没看见|等了"
    r"|\b(?:no ?one|nobody|no sign|not here"
    r"|hasn'?t (?:come|arrived|shown)|didn'?t (?:come|show))\b",
    re.IGNORECASE,
)
_CAME = re.compile(
    r"^\W*(?:师傅)?(?:已经|刚)?(?:到了|来了|到啦|来啦|已到|到咯)"
    r"|\b(?:yes|yep|arrived|(?:he|she|they)(?:'s| is|'re| are) here|here now|just arrived)\b",
    re.IGNORECASE,
)


def came_answer(text: str) -> str | None:
    """A typed answer to "is the worker there?": NO (nobody came: "一个人影都没有", "nobody
    came", "换个师傅"), NOT_YET ("还没来", "not here yet": no verdict), YES (here), or None
    (something else). Giving up wins over "not yet" ("还没来，换个人吧"), and either over
    "here" ("还没来" holds "来")."""
    if _GIVE_UP.search(text):
        return NO
    if _NOT_YET.search(text):
        return NOT_YET
    if _NOT_CAME.search(text):
        return NO
    if _CAME.search(text):
        return YES
    return None


# A worker's typed answer to "业主想把时间改到…，可以吗？": no ("周日下午我休息 去不了") or yes.
_MOVE_NO = re.compile(
    r"去不了|来不了|到不了|不行|不可以|没空|没时间|休息|不方便|做不了|排不开|有事|改不了|不能"
    r"|\b(?:can'?t|cannot|can not|not available|unavailable|busy|day off|won'?t work)\b"
    r"|\bno\b(?! problem)",
    re.IGNORECASE,
)
_MOVE_YES = re.compile(
    r"可以|行|没问题|好的|好啊|能来|能去|同意"
    r"|\b(?:ok|okay|sure|fine|yes|works for me|no problem)\b",
    re.IGNORECASE,
)


def move_reply(text: str) -> bool | None:
    """A worker's typed answer to a new time asked: False (no), True (yes), None (neither).
    A no wins: "不行，那天有事" holds "行"."""
    if _MOVE_NO.search(text):
        return False
    if _MOVE_YES.search(text):
        return True
    return None


# Yes words under a summary, said in a row: "对的没错", "好的 提交吧", "yes please".
_YES_WORD = (
    r"(?:确认|确定|好的?|好滴|行的?|可以的?|是的?|对的?|没错|没问题|提交(?:报修)?|下单|约|就这样"
    r"|中|成|就这么着|就这么办|就这么定了?"  # as elders say it: "中 就这么着吧"
    r"|ok(?:ay)?|yes|yep|yeah|sure|confirm(?:ed)?|please|go ahead|submit(?: it)?|fine"
    r"|thanks?|谢谢)(?:吧|啊|呀|了|哈)?"
)
_SEP = r"[\s,，。.!！~～、]*"
_YES_ROW = re.compile(rf"{_SEP}{_YES_WORD}(?:{_SEP}{_YES_WORD})*{_SEP}", re.IGNORECASE)
_ONLY_POLITE = re.compile(rf"{_SEP}(?:please|thanks?|谢谢){_SEP}", re.IGNORECASE)


def confirms_in_a_row(text: str) -> bool:
    """Whether words under a summary are yes words only, several in a row ("对的没错", "好的
    提交吧", "yes please"); "please" or "thanks" alone is not a yes."""
    return _YES_ROW.fullmatch(text) is not None and _ONLY_POLITE.fullmatch(text) is None


def kept_words(words: str) -> str:
    """A request's own words as its booking's note ("马桶堵了，水漫出来了，下午在家"): a door
    code said in them and contact details are hidden (the code has its own sealed step; the
    private line never carries a number)."""
    code = door_code_said(words)
    if code is not None:
        words = words.replace(code, MASK)
    return mask_contacts(words).strip()[:500]


# What names a code, around the code itself ("门锁密码是", "code for the gate is"): said with
# nothing else, the words were only the code.
_CODE_WORDS = re.compile(
    r"门锁|门禁|大门|单元门|入户门|密码|码|锁|是|为|开门|\b(?:the|door|gate|front|entry|"
    r"building|lock|keypad|code|pin|passcode|password|for|is|it's|its|my|our)\b",
    re.IGNORECASE,
)


def beside_code(words: str, code: str) -> str:
    """Words said with a door code, the code hidden ("the dog is friendly, code for the gate is
    ***"), for the note; "" when they say nothing but the code ("门锁密码是 778899")."""
    rest = words.replace(code, " ")
    if not re.sub(r"[\W_]+", "", _CODE_WORDS.sub(" ", rest)):
        return ""
    return words.replace(code, MASK).strip()


# Sounds and yes-ish words that add nothing ("嗯嗯好吧", "哦", "hmm ok"): under a summary they
# are asked about (confirm, or cancel?), never added to the note.
_FILLER = re.compile(
    rf"{_YES_WORD}|[嗯哦噢喔唔额呃啊呀吧呢哈嘛啦诶欸哎]|\b(?:h+m+|u+m+|u+h+|a+h+|o+h+|well)\b",
    re.IGNORECASE,
)


def only_fillers(text: str) -> bool:
    """Whether words say nothing but sounds and yes-ish words ("嗯嗯好吧", "hmm ok")."""
    return not re.sub(r"[\W_]+", "", _FILLER.sub(" ", text))
