"""Typed words that are a button's label: people type what they could have tapped ("later"
under [Later], "稍后" under [稍后再说]). A pure rule, tested as a table."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from bot.i18n import LANGUAGES, Text, render


def squeeze(text: str) -> str:
    """Lower case, without spaces, punctuation or emoji: what is left to compare."""
    kept = (
        ch
        for ch in unicodedata.normalize("NFKC", text).lower()
        if unicodedata.category(ch)[0] in "LN"
    )
    return "".join(kept)


def says_label(text: str, labels: Iterable[Text | str]) -> bool:
    """Whether typed words are one of the buttons' labels, in either language: the whole label
    ("Later", "稍后再说", "✅ 确认预约"), ignoring case, spaces, punctuation and emoji; in
    Chinese also its start of at least two characters ("稍后" for "稍后再说"). English needs
    the whole label: "no" is not "Not a service"."""
    typed = squeeze(text)
    if len(typed) < 2:
        return False
    prefix = not typed.isascii()
    for label in labels:
        for lang in LANGUAGES:
            shown = squeeze(render(label, lang) if isinstance(label, Text) else label)
            if shown and (typed == shown or (prefix and shown.startswith(typed))):
                return True
    return False


__all__ = ["says_label", "squeeze"]
