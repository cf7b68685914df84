"""What a stored check-in row means: the elders, checkins, visits and family_requests rows as
the model's entities, and the times of day as stored. Pure: :mod:`.repo` chooses the rows and
holds every statement; this only reads the columns it hands over."""

from __future__ import annotations

from datetime import time
from typing import Any

from bot.clock import from_db
from bot.domain.checkins.model import Checkin, Enrolled, FamilyRequest, Visit
from bot.domain.checkins.replies import Reply, Wrote


def elder_of(row: Any) -> Enrolled:
    """An elders row as the enrolled elder (times of day, the pause span)."""
    times = tuple(time.fromisoformat(t) for t in row["times"].split(",") if t)
    paused = [from_db(row[c]) if row[c] else None for c in ("paused_from", "paused_until")]
    return Enrolled(
        row["key"], row["name"], row["address"], times, row["grid_worker"], row["risk"],
        bool(row["has_telegram"]), paused[0], paused[1], from_db(row["created_at"]),
    )  # fmt: skip


def checkin_of(row: Any) -> Checkin:
    """A checkins row as a check-in."""
    due, proxy = from_db(row["due_at"]), bool(row["proxy"])
    return Checkin(
        row["id"], row["elder_key"], row["slot"], due, row["state"], proxy, row["closed_by"]
    )


def visit_of(row: Any) -> Visit:
    """A visits row as a visit."""
    return Visit(
        row["id"], row["elder_key"], from_db(row["due_at"]), row["state"], row["mood"], row["note"]
    )


def times_text(times: tuple[time, ...] | list[time]) -> str:
    """Times of day as stored: ``08:00,18:30``."""
    return ",".join(t.strftime("%H:%M") for t in times)


def family_request_of(row: Any) -> FamilyRequest:
    """A family_requests row as a request."""
    return FamilyRequest(row["id"], row["elder_key"], int(row["person_id"]), row["state"])


def wrote_of(row: Any) -> Wrote:
    """An elder_words row as what she wrote."""
    return Wrote(from_db(row["wrote_at"]), Reply(row["reply"]), row["words"], bool(row["told"]))
