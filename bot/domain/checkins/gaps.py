"""Which steps of the elders' escalation ladders reach nobody (pure): the staff step when no
staff member can be written to (every alert's last step; emergencies too), each grid worker's
when nobody holding that housekeeper's role can be (never joined, or revoked and not replaced),
and an elder's own when she has Telegram but never sent /start (her greeting and her 🆘 button
reach nobody; the grid worker is asked instead, by proxy). One rule for the warning the bot
logs and sends staff (``Reach.gaps``, which leaves the elders' own step out: her check-ins go
by proxy, no alert is lost) and for the console's Today and Care pages."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    """A ladder step that reaches nobody: the staff step (``elders``: every elder), one grid
    worker's (their elders; ``revoked`` when staff took the role and nobody holds it), or an
    elder's own (``elders``: her name alone)."""

    step: str  # staff | grid_worker | elder
    elders: tuple[str, ...]
    worker: str = ""
    revoked: bool = False


def ladder_gaps(
    staff_reached: bool,
    cared: Mapping[str, Sequence[str]],
    joined: Collection[str],
    revoked: Collection[str],
    names: Mapping[str, str],
    unreached: Sequence[str] = (),
) -> list[Gap]:
    """The gaps, staff first, then grid workers, then elders. ``cared``: each grid worker (key)
    with their elders' names; ``joined``: the grid workers someone who can be written to holds;
    ``names``: the grid workers' names (their key when unknown); ``unreached``: the names of
    the elders with Telegram who cannot be written to (never sent /start)."""
    gaps: list[Gap] = []
    if not staff_reached:
        gaps.append(Gap("staff", tuple(n for elders in cared.values() for n in elders)))
    for key, elders in cared.items():
        if key not in joined:
            gaps.append(Gap("grid_worker", tuple(elders), names.get(key, key), key in revoked))
    gaps += [Gap("elder", (name,)) for name in unreached]
    return gaps
