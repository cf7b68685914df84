"""Which language a message is written in, so a reply in a shared chat can follow the writer."""

from __future__ import annotations

import re
from typing import Literal

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

Written = Literal["zh", "en"]


def written_in(text: str) -> Written | None:
    """'zh' when the text has Chinese characters, 'en' when it has Latin words and none, None
    when it has neither (an emoji, a number): the chat's default language then."""
    if _HAN.search(text):
        return "zh"
    if _LATIN_WORD.search(text):
        return "en"
    return None
