"""Text normalisation shared by the catalogue, the gate and the matcher.

NFKC (full-width to half-width), traditional to simplified Chinese, written Cantonese folded
to Mandarin ("唔该搵个电工嚟睇吓" -> "麻烦找个电工来看一下"), lowercase, punctuation and
emoji folded to spaces, whitespace collapsed, common homophone slips folded (see
:mod:`intents.typos`). Question marks survive as ``?`` because they are a
request cue.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from intents.typos import fold_typos

_NOT_WORD = re.compile(r"[^\w\s?]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"(?<=[a-z])['’](?=[a-z])")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]")

# Written Cantonese (after traditional -> simplified) to the Mandarin the lexicon, the catalogue
# and most of the corpus use; longer words first. Only words that mean nothing else in
# Mandarin, or only in the context given ("吓" after a verb is "一下", "吓死了" stays). Every
# branch starts with a character (the context is checked behind it): the engine then skips
# straight to the characters that can start one.
_CANTONESE: tuple[tuple[str, str], ...] = (
    ("系唔系", "是不是"),
    ("系咪", "是不是"),
    ("有冇", "有没有"),
    ("唔该", "麻烦"),
    ("唔使", "不用"),
    ("唔系", "不是"),
    ("乜嘢", "什么"),
    ("边度", "哪里"),
    ("边个", "哪个"),
    ("屋企", "家里"),
    ("点算", "怎么办"),
    ("点样", "怎么样"),
    ("点解", "为什么"),
    ("几多钱", "多少钱"),
    ("返工", "上班"),
    ("细路", "小孩"),
    ("曱甴", "蟑螂"),
    ("冷气", "空调"),
    ("跳掣", "跳闸"),
    ("通渠", "疏通下水道"),
    ("抹窗", "擦窗户"),
    ("锁匙", "钥匙"),
    ("搬屋", "搬家"),
    ("淋花", "浇花"),
    ("倾偈", "聊天"),
    ("听日", "明天"),
    ("琴日", "昨天"),
    ("而家", "现在"),
    ("呢个", "这个"),
    ("呢度", "这里"),
    ("𠮶个", "那个"),
    ("即刻", "马上"),
    ("咗喺", "在"),  # "锁咗喺门外": locked outside (V咗喺 is V在)
    ("揾", "找"),
    ("冇晒", "没"),
    ("冇", "没"),
    ("嚟", "来"),
    ("咗", "了"),
    ("嘅", "的"),
    ("啲", "些"),
    ("睇", "看"),
    ("佢", "他"),
    ("喺", "在"),
    ("𠮶", "那"),
    ("嘢", "东西"),
    ("唔", "不"),
    ("俾", "给"),
    ("畀", "给"),
    ("攞", "拿"),
    ("喇", "了"),
)
_CANTONESE_FOLD = re.compile(
    "|".join(re.escape(word) for word, _ in _CANTONESE)
    + r"|吓(?<=[看睇修整教倾试问搞执]吓)|掣(?<=跳咗掣)"
)
_CANTONESE_WORDS = dict(_CANTONESE) | {"吓": "一下", "掣": "闸"}
_CANTONESE_MARK = re.compile(
    "[系冇唔乜边屋点几返细曱冷跳通抹锁搬淋倾听琴而呢𠮶即揾嚟咗嘅啲睇佢喺嘢俾畀攞喇吓]"
)


def fold_cantonese(text: str) -> str:
    """Fold written Cantonese words to Mandarin (simplified text)."""
    if _CANTONESE_MARK.search(text) is None:
        return text
    return _CANTONESE_FOLD.sub(lambda m: _CANTONESE_WORDS[m.group(0)], text)


@lru_cache(maxsize=1)
def _converter() -> Any:
    """Create the traditional-to-simplified converter once, on first use."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified; ASCII passes through untouched."""
    if text.isascii():
        return text
    return str(_converter().convert(text))


@lru_cache(maxsize=8)
def simplified(text: str) -> str:
    """NFKC (full-width to half-width) and simplified Chinese: the first step of
    :func:`normalize` and of the times' reading (:func:`intents.times.numbers.prepare`), which
    read the same message in turn (a few kept, so it is converted once)."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def normalize(text: str) -> str:
    """Return the canonical form of a message used for all matching."""
    text = fold_cantonese(simplified(text)).lower()
    text = _APOSTROPHES.sub("", text)
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    return fold_typos(_SPACES.sub(" ", text).strip())


# Plurals of short words that the length rule below keeps whole ("yes", "gas", "was" are no
# plurals): "two ACs" is two "ac".
_SHORT_PLURALS = {"acs": "ac", "tvs": "tv"}


def _stem(word: str) -> str:
    """Fold an English plural to its singular (plants -> plant, batteries -> battery)."""
    if word in _SHORT_PLURALS:
        return _SHORT_PLURALS[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def ascii_words(normalized: str) -> tuple[str, ...]:
    """Return the stemmed ASCII words of an already normalised text."""
    return tuple(_stem(w) for w in _ASCII_WORD.findall(normalized))


def has_cjk(text: str) -> bool:
    """Tell whether the text contains any CJK ideograph."""
    return _CJK.search(text) is not None
