"""Keeping private data out of places it must never reach: group chats, logs, stored misses."""

from __future__ import annotations

import logging
import re

# Phone numbers (Chinese mobiles, landlines, +country forms), digit runs of six or more such as
# door codes, and building-unit-room addresses. Years, times and prices stay readable.
_PATTERNS = (
    re.compile(r"\+?\d[\d\- ]{4,}\d"),
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

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message (and any traceback) once, redacted."""
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatters reuse exc_text when set, so the traceback is printed redacted too.
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
        return True
