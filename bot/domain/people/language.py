"""Which language to write to someone in, when they have not chosen one (retest of issue 13).

A person starts with their Telegram app's language. The language they write in says more:
someone whose app is in Chinese but who writes whole English sentences reads English, so
their private chat follows what they write, as the group replies already do. A choice made
with `/language` always wins. A word or two ("ok", "later", "谢谢") is not enough to switch:
Chinese speakers type "ok", and a name or a number says nothing. Someone whose Telegram is in
English is the exception: their "ok" or "cancel it" after Chinese messages is English (session
14: an expat's short replies were answered in Chinese).
"""

from __future__ import annotations

import re

from bot.i18n import Lang
from intents import written_in

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_WORDS = 3  # "my bookings" is two words a Chinese speaker may type; a sentence is more
CHINESE_CHARS = 2


def followed_language(text: str, app: Lang | None = None) -> Lang | None:
    """The language a message clearly shows its writer reads: "en" for an English sentence
    (at least three words, no Chinese; any English word when `app`, their Telegram language,
    is English), "zh" for Chinese (at least two characters); None for a command, a word or
    two, or neither (an emoji, a number, a door code)."""
    words = text.strip()
    if not words or words.startswith("/"):
        return None
    found = written_in(words)
    enough = 1 if app == "en" else ENGLISH_WORDS
    if found == "en" and len(_LATIN_WORD.findall(words)) >= enough:
        return "en"
    if found == "zh" and len(_HAN.findall(words)) >= CHINESE_CHARS:
        return "zh"
    return None


__all__ = ["followed_language"]
