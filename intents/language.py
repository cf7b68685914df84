"""Which language a message is written in, so a reply in a shared chat can follow the writer."""

from __future__ import annotations

import re
from typing import Literal

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A door number or floor written the Chinese way ("6栋1单元302", "3号楼", "12层"): where, not
# the language of the sentence around it ("my sink is leaking, 6栋1单元302" is English).
_PLACE = re.compile(r"[0-9A-Za-z]*[0-9]\s*(?:号楼|栋|幢|座|单元|楼|层|室|号)")

Written = Literal["zh", "en"]


def written_in(text: str) -> Written | None:
    """'zh' when the text has Chinese characters, 'en' when it has Latin words and none, None
    when it has neither (an emoji, a number): the chat's default language then. A door number
    written the Chinese way does not count: it is copied from the address, not written."""
    text = _PLACE.sub(" ", text)
    if _HAN.search(text):
        return "zh"
    if _LATIN_WORD.search(text):
        return "en"
    return None
