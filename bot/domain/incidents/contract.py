"""The incident feature's buttons and deadlines: names minted here and parsed here only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    """Button actions on an incident alert (signed callback data ``<action>:<incident id>``)."""

    ACKNOWLEDGE = "inc_ack"
    CONFIRM_SAFE = "inc_safe"
    ASK_SUPPORT = "inc_sup"


class DeadlineKind(StrEnum):
    """Deadlines an incident schedules."""

    ACK_TIMEOUT = "inc_ack_timeout"  # nobody acknowledged within the window
    UNRESOLVED = "inc_unresolved"  # acknowledged, never confirmed safe


class Input(StrEnum):
    """Free-text answers the bot waits for."""

    SAFE_NOTE = "inc_note"  # the optional note after "已确认平安"
    PLACE = "inc_place"  # where it is, asked once when neither the words nor a file said it


@dataclass(frozen=True)
class Ref:
    """What an incident deadline points at: the incident and the escalation round."""

    incident_id: int
    round: int = 0

    def dump(self) -> str:
        """The deadline's ref column."""
        return f"{self.incident_id}.{self.round}"

    @classmethod
    def parse(cls, text: str) -> Ref | None:
        """Read a ref written by :meth:`dump`; None when it is not one."""
        head, _, tail = text.partition(".")
        if not head.isdecimal() or not (tail or "0").isdecimal():
            return None
        return cls(int(head), int(tail or "0"))

    def name(self, kind: DeadlineKind) -> str:
        """The deterministic deadline name."""
        return f"inc:{self.incident_id}:{kind}:{self.round}"


def prefix(incident_id: int) -> str:
    """The name prefix of every deadline of one incident."""
    return f"inc:{incident_id}:"
