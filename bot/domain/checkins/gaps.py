"""Which steps of the elders' escalation ladders reach nobody (pure): the staff step when no
staff member can be written to (every alert's last step; emergencies too), and each grid
worker's when nobody holding that housekeeper's role can be (never joined, or revoked and not
replaced). One rule for the warning the bot logs and sends staff (``Reach.gaps``) and for the
console's Today and Care pages."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    """A ladder step that reaches nobody: the staff step (``elders``: every elder), or one grid
    worker's (their elders; ``revoked`` when staff took the role and nobody holds it)."""

    step: str  # staff | grid_worker
    elders: tuple[str, ...]
    worker: str = ""
    revoked: bool = False


def ladder_gaps(
    staff_reached: bool,
    cared: Mapping[str, Sequence[str]],
    joined: Collection[str],
    revoked: Collection[str],
    names: Mapping[str, str],
) -> list[Gap]:
    """The gaps, staff first. ``cared``: each grid worker (key) with their elders' names;
    ``joined``: the grid workers someone who can be written to holds; ``names``: the grid
    workers' names (their key when unknown)."""
    gaps: list[Gap] = []
    if not staff_reached:
        gaps.append(Gap("staff", tuple(n for elders in cared.values() for n in elders)))
    for key, elders in cared.items():
        if key not in joined:
            gaps.append(Gap("grid_worker", tuple(elders), names.get(key, key), key in revoked))
    return gaps
