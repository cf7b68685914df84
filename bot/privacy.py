"""Keeping private data out of places it must never reach: group chats, logs, stored misses."""

from __future__ import annotations

import logging
import re

# Phone numbers (Chinese mobiles, landlines, +country forms), long digit runs such as door codes,
# and building-unit-room addresses.
_PATTERNS = (
    re.compile(r"\+?\d[\d\- ]{6,}\d"),
    re.compile(r"\d+\s*(?:栋|号楼|幢|座)\s*\d*\s*(?:单元)?\s*\d*\s*(?:室|号)?"),
    re.compile(r"\b\d{1,3}-\d{1,3}-\d{2,5}\b"),
)


def redact(text: str) -> str:
    """Replace phone numbers, long digit runs and addresses with '***'."""
    for pattern in _PATTERNS:
        text = pattern.sub("***", text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts every record's rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, redacted, and drop the arguments."""
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
