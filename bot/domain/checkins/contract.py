"""What check-ins share with the outside: button actions, deadline kinds, deadline names and
refs, and the typed payload of the one free-text answer they wait for (a visit note).

Deadline names, all with the elder's key as ref:
``ci:{key}:{slot}:ping`` and ``ci:{key}:{slot}:{remind|grid|staff}`` (the slot holds a colon,
``2026-03-02T08:30``), ``ci:{key}:resume:{until}``, ``ci:{key}:visit{id}:{remind|missed}``.
They are made and read back only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.deadlines import Deadline
from bot.domain.checkins.model import Mood, Step


class Action(StrEnum):
    """Button actions check-ins mint (the first part of signed callback data)."""

    FINE = "ci_fine"  # check-in id (the elder: 我很好)
    UNWELL = "ci_unwell"  # check-in id (不太舒服)
    HELP = "ci_help"  # check-in id (需要帮助)
    HELP_NOW = "ci_helpnow"  # elder key (需要帮助 under "not so well")
    SAFE = "ci_ok"  # check-in id (grid worker or staff: 已确认平安)
    SUPPORT = "ci_sup"  # check-in id (需要支援)
    MOOD = "ci_mood"  # visit id, Mood
    FAMILY = "ci_fam"  # family request id, FamilyAnswer


class FamilyAnswer(StrEnum):
    """The second argument of a family-request button."""

    YES = "yes"
    NO = "no"


class DeadlineKind(StrEnum):
    """The deadline kinds check-ins schedule."""

    PING = "ci_ping"
    REMIND = "ci_remind"
    GRID = "ci_grid"
    STAFF = "ci_staff"
    RESUME = "ci_resume"
    VISIT_REMIND = "ci_visit_remind"
    VISIT_MISSED = "ci_visit_missed"


STEP_KIND = {Step.REMIND: DeadlineKind.REMIND, Step.GRID: DeadlineKind.GRID}
STEP_KIND[Step.STAFF] = DeadlineKind.STAFF


def elder_prefix(key: str) -> str:
    """The name prefix of every deadline of an elder."""
    return f"ci:{key}:"


@dataclass(frozen=True)
class SlotDeadline:
    """A ping or a ladder step of one check-in slot."""

    key: str
    slot: str
    step: str  # "ping" or a Step

    @property
    def name(self) -> str:
        """Deterministic: scheduling the same step twice is harmless."""
        return f"{slot_prefix(self.key, self.slot)}{self.step}"

    @property
    def kind(self) -> DeadlineKind:
        """The kind its handler is registered under."""
        return DeadlineKind.PING if self.step == "ping" else STEP_KIND[Step(self.step)]


def slot_prefix(key: str, slot: str) -> str:
    """The prefix of a slot's ping and ladder steps (to cancel the ladder)."""
    return f"ci:{key}:{slot}:"


def slot_of(deadline: Deadline) -> str:
    """The check-in slot a ping or ladder deadline is for.

    Names are ``ci:{elder key}:{slot}:{step}`` and the slot itself holds a colon (``08:30``),
    so it is what lies between the key and the last colon, never ``split(":")[2]`` (which kept
    only the hour, so two check-in times in one hour collided).
    """
    head = elder_prefix(deadline.ref)
    return deadline.name[len(head) : deadline.name.rindex(":")]


def resume_prefix(key: str) -> str:
    """The prefix of an elder's pause-end deadline (one at a time)."""
    return f"ci:{key}:resume"


def resume_name(key: str, until: str) -> str:
    """The name of the deadline that ends a pause at ``until`` (as stored)."""
    return f"{resume_prefix(key)}:{until}"


class VisitStep(StrEnum):
    """The deadlines of one visit."""

    REMIND = "remind"
    MISSED = "missed"


def visit_prefix(key: str, visit_id: int) -> str:
    """The prefix of a visit's deadlines (to cancel both once it is recorded)."""
    return f"ci:{key}:visit{visit_id}:"


def visit_deadline(key: str, visit_id: int, step: VisitStep) -> str:
    """The name of a visit's reminder or missed deadline."""
    return f"{visit_prefix(key, visit_id)}{step}"


def visit_of(deadline: Deadline) -> int | None:
    """The visit a visit deadline is about (``ci:{key}:visit{id}:{step}``), or None."""
    head = f"{elder_prefix(deadline.ref)}visit"
    if not deadline.name.startswith(head):
        return None
    number = deadline.name[len(head) :].split(":", 1)[0]
    return int(number) if number.isdigit() else None


class Pending(StrEnum):
    """The pending-input kinds check-ins set."""

    VISIT_NOTE = "ci_visit_note"


@dataclass(frozen=True)
class NoteRequest:
    """The pending visit note's payload: which visit, and the mood already pressed."""

    visit_id: int
    mood: Mood

    def data(self) -> dict[str, Any]:
        """As stored in pending input (the stored shape is unchanged: visit, mood)."""
        return {"visit": self.visit_id, "mood": self.mood.value}

    @classmethod
    def parse(cls, data: dict[str, Any]) -> NoteRequest:
        """The payload back; a mood that is not one of ours reads as fair, as before."""
        mood = str(data.get("mood", "fair"))
        return cls(int(data.get("visit", 0)), Mood(mood) if mood in set(Mood) else Mood.FAIR)


def mood_of(code: str) -> Mood | None:
    """The mood a visit button carries, or None."""
    return Mood(code) if code in set(Mood) else None
