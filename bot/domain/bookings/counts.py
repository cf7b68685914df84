"""Statistics over values kept as counts ({value: how many times}): a provider's response
times are stored that way (bookings/trust), so ranking never reads every past offer."""

from __future__ import annotations

from collections.abc import Mapping


def median_of_counts(counts: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many times}, as ``statistics.median`` of the
    expanded list would give it (the mean of the two middle ones for an even count)."""
    total = sum(n for n in counts.values() if n > 0)
    if total == 0:
        return None
    wanted = ((total - 1) // 2, total // 2)  # positions of the middle value(s), 0-based
    found: list[int] = []
    seen = 0
    for value in sorted(v for v, n in counts.items() if n > 0):
        seen += counts[value]
        found += [value for position in wanted if seen - counts[value] <= position < seen]
    return (found[0] + found[1]) / 2
