"""Homophone and typo folding for the words a request hangs on.

Pinyin input makes people type a character that sounds like the one they meant: "马桶又赌了"
(堵, blocked), "多少前" (钱, money), "油烟鸡" (机). Each rule below rewrites one such confusion,
and only in the context where the intended word is unmistakable (next to a plumbing object, in
a price question, as the last character of an appliance), so that the real word ("赌博",
"前面", "小鸡") is left alone. English gets a few frequent misspellings of symptom and object
words. Every replacement is a fixed point: folding twice changes nothing.
"""

from __future__ import annotations

import re

# Things that get blocked, leak or break in a flat.
_PLUMBING = (
    r"马桶|下水道|下水|地漏|水池|水槽|洗手池|洗脸盆|面盆|浴缸|厕所|管道|水管|管子|池子|便池|蹲坑"
)

# (pattern, replacement) over simplified, lower-cased Chinese.
_CJK_RULES: tuple[tuple[str, str], ...] = (
    # 堵 (blocked): 赌/睹/杜 after a plumbing object, or before a blocked-word ending
    (
        rf"({_PLUMBING})(又|都|全|老|总是?|完全|彻底)?[赌睹杜](?=了|住|死|塞|得|啦|\s|$|\?)",
        r"\1\2堵",
    ),
    (r"[赌睹](?=住了|死了|塞了)", "堵"),
    # 钱 (money): 多少前/几块前/要前吗
    (r"(多少|几块|几毛|几多)前(?![面天年边头])", r"\1钱"),
    (r"([要收加])前(?=吗|不|\?|$)", r"\1钱"),
    # 几钱 (Cantonese "how much") is already a price word; 几前 is its typo
    (r"([要收])几前", r"\1几钱"),
    # 机 (machine): 油烟鸡/洗衣鸡/抽油烟几 …
    (r"(油烟|洗衣|烘干|洗碗|打印|复印|电视)[鸡几基积](?![构会场器])", r"\1机"),
    # 器 (appliance): 热水气/热水汽
    (r"(热水|净水)[气汽](?![温压泡])", r"\1器"),
    (r"(?:燃汽|然气)(?=灶|表|管|阀|热水)", "燃气"),
    # objects
    (r"冰厢|兵箱", "冰箱"),
    (r"马筒|马捅", "马桶"),
    (r"水笼头|水隆头", "水龙头"),
    (r"下水到(?!了)", "下水道"),
    (r"沙窗|砂窗", "纱窗"),
    (r"插坐|叉座", "插座"),
    (r"空掉(?=不|坏|漏|滴|清洗|加氟|异味|有味|外机|内机)", "空调"),
    (r"般家|班家(?=公司|师傅)", "搬家"),
    (r"章螂|张螂|蟑郎", "蟑螂"),
    (r"师父(?=来|上门|帮|能|吗|电话|$|\s)", "师傅"),
    # symptoms and service words
    (r"跳匝|跳砸|跳扎", "跳闸"),
    (r"梳通|舒通|输通", "疏通"),
    (r"([管头顶桶箱器阀机])露(?=水|了)", r"\1漏"),
    (r"([调箱器灯桶锁机视])怀了", r"\1坏了"),
    (r"(刀|剪子)顿(?=了|得)", r"\1钝"),
    # 开刀 is surgery, never a knife to sharpen ("下礼拜一住院开刀" was booked as 磨刀磨剪)
    (r"开刀", "做手术"),
    (r"保结(?=阿姨|公司)", "保洁"),
)

# Whole-word English misspellings.
_ASCII_WORDS: dict[str, str] = {
    "toliet": "toilet",
    "tiolet": "toilet",
    "toilit": "toilet",
    "frige": "fridge",
    "fridg": "fridge",
    "brocken": "broken",
    "borken": "broken",
    "brokn": "broken",
    "cloged": "clogged",
    "clogd": "clogged",
    "bloked": "blocked",
    "blockd": "blocked",
    "leeking": "leaking",
    "leakin": "leaking",
    "plumer": "plumber",
    "plummer": "plumber",
    "electrican": "electrician",
    "electritian": "electrician",
    "washng": "washing",
    "wahsing": "washing",
    "machien": "machine",
    "recomend": "recommend",
    "reccomend": "recommend",
    "someon": "someone",
    "anyon": "anyone",
    "cockroch": "cockroach",
    "cockroches": "cockroaches",
    "heatr": "heater",
    "cleanning": "cleaning",
}

# A rule is only tried when one of its misspelt characters is in the message (cheap to check).
_MISSPELT = {
    "堵": "赌睹杜",
    "钱": "前",
    "机": "鸡几基积",
    "器": "气汽",
    "燃气": "汽然",
    "冰箱": "厢兵",
    "马桶": "筒捅",
    "水龙头": "笼隆",
    "下水道": "到",
    "纱窗": "沙砂",
    "插座": "坐叉",
    "空调": "掉",
    "搬家": "般班",
    "蟑螂": "章张郎",
    "师傅": "父",
    "跳闸": "匝砸扎",
    "疏通": "梳舒输",
    "漏": "露",
    "坏了": "怀",
    "钝": "顿",
    "保洁": "结",
    "做手术": "开",
}


def _trigger(replacement: str) -> str:
    for word, chars in _MISSPELT.items():
        if replacement.endswith(word):
            return chars
    raise ValueError(f"typo rule for {replacement!r} names no misspelt characters")


_CJK = [
    (re.compile(pattern), replacement, frozenset(_trigger(replacement)))
    for pattern, replacement in _CJK_RULES
]
_ASCII = re.compile(r"\b(?:" + "|".join(sorted(_ASCII_WORDS, key=len, reverse=True)) + r")\b")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_HAS_ASCII_LETTER = re.compile(r"[a-z]")


def fold_typos(text: str) -> str:
    """Rewrite common homophone and spelling slips in already lower-cased simplified text."""
    if _HAS_CJK.search(text):
        letters = frozenset(text)  # the text's characters, read once (again after a change)
        for pattern, replacement, trigger in _CJK:
            if not trigger.isdisjoint(letters):
                folded = pattern.sub(replacement, text)
                if folded != text:
                    text, letters = folded, frozenset(folded)
    if _HAS_ASCII_LETTER.search(text):
        text = _ASCII.sub(lambda m: _ASCII_WORDS[m.group(0)], text)
    return text
