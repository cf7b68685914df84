"""A miss and the text kept for it: whitespace folded, private details redacted, cut short."""

from __future__ import annotations

from dataclasses import dataclass

from bot.privacy import redact


@dataclass(frozen=True)
class Miss:
    """A text that looked like a request and how often it was seen."""

    text: str
    count: int


MAX_TEXT = 200


def clean(text: str) -> str:
    """The text as it is counted: one space between words, redacted, at most MAX_TEXT long."""
    return redact(" ".join(text.split()))[:MAX_TEXT]
