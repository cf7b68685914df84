"""Notices' deadline kinds, and the one place their deadline names, refs, audit subjects and
outbox keys are made and read.

File notices: deadline ``notice:<id>:<YYYY-MM-DD>`` (ref: the notice id), one message per group
``notice:<id>:<date>:<chat id>``. Staff one-offs: deadline ``notice:once<n>`` (ref: n), messages
``notice:once<n>:<date>:<chat id>``, and ``notice:once<n>:posted`` / ``:skipped`` to the author.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.deadlines import Deadline


class DeadlineKind(StrEnum):
    """The deadline kinds notices schedule."""

    RECURRING = "notice"
    ONCE = "notice_once"


@dataclass(frozen=True)
class RecurringRef:
    """A file notice's posting on one day."""

    notice_id: str
    day: date

    @property
    def subject(self) -> str:
        """Audit subject of the notice."""
        return f"notice:{self.notice_id}"

    @property
    def name(self) -> str:
        """The deadline's deterministic name."""
        return f"{self.subject}:{self.day.isoformat()}"

    @property
    def ref(self) -> str:
        """The deadline's ref: the notice id."""
        return self.notice_id

    def key(self, chat_id: int) -> str:
        """The outbox key of the posting in one group."""
        return f"{self.name}:{chat_id}"


@dataclass(frozen=True)
class OnceRef:
    """A staff one-off notice."""

    notice_id: int

    @property
    def subject(self) -> str:
        """Audit subject, and the deadline's name."""
        return f"notice:once{self.notice_id}"

    @property
    def name(self) -> str:
        """The deadline's deterministic name (the same as the subject)."""
        return self.subject

    @property
    def ref(self) -> str:
        """The deadline's ref: the notice's row id."""
        return str(self.notice_id)

    def key(self, day: date, chat_id: int) -> str:
        """The outbox key of the posting in one group."""
        return f"{self.subject}:{day.isoformat()}:{chat_id}"

    def author_key(self, what: str) -> str:
        """The outbox key of what the author is told (posted / skipped)."""
        return f"{self.subject}:{what}"


def once_of(deadline: Deadline) -> OnceRef | None:
    """The one-off notice a deadline is about, or None for a malformed ref."""
    return OnceRef(int(deadline.ref)) if deadline.ref.isdigit() else None


def recurring_of(deadline: Deadline, day: date) -> RecurringRef:
    """The file notice posting a deadline is about (its ref is the notice id)."""
    return RecurringRef(deadline.ref, day)
