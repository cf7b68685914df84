"""Text normalisation shared by the catalogue, the gate and the matcher.

NFKC (full-width to half-width), traditional to simplified Chinese, lowercase, punctuation and
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


def normalize(text: str) -> str:
    """Return the canonical form of a message used for all matching."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).lower()
    text = _APOSTROPHES.sub("", text)
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    return fold_typos(_SPACES.sub(" ", text).strip())


def _stem(word: str) -> str:
    """Fold an English plural to its singular (plants -> plant, batteries -> battery)."""
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
