"""Provider statistics as ranking reads them (pure): average, rating floor input, and the
typical response as the median of whole-minute response times kept as counts."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest

from bot.domain.bookings.counts import median_of_counts
from bot.domain.bookings.model import ProviderStats


@pytest.mark.parametrize(
    ("counts", "median"),
    [
        ({}, None),
        ({5: 0}, None),  # a bucket counted down to nothing is no response
        ({7: 1}, 7),
        ({2: 1, 3: 1, 60: 1}, 3),  # one slow accept does not make a fast provider look slow
        ({2: 1, 10: 1}, 6),  # even count: the mean of the two middle ones
        ({1: 3, 9: 1}, 1),
        ({1: 2, 9: 2}, 5),
        ({4: 2, 1: 1, 30: 2}, 4),  # keys in any order
        ({3: 5, 8: 4, 20: 1}, 5.5),  # middle ones at the edge of two buckets
    ],
)
def test_median_of_counts(counts: dict[int, int], median: float | None) -> None:
    """The median of the expanded values, as ``statistics.median`` gives it."""
    assert median_of_counts(counts) == median
    expanded = [value for value, n in counts.items() for _ in range(n)]
    if expanded:
        assert median_of_counts(counts) == statistics.median(expanded)


@pytest.mark.parametrize(
    ("ratings", "stars", "average", "rating"),
    [
        (0, 0, None, (0.0, 0)),
        (1, 4, 4.0, (4.0, 1)),
        (4, 13, 3.25, (3.25, 4)),
    ],
)
def test_average_and_rating(
    ratings: int, stars: int, average: float | None, rating: tuple[float, int]
) -> None:
    """Unrated is None for display and (0.0, 0) for the rating floor (which needs a count)."""
    found = ProviderStats("p", ratings, stars)
    assert found.average == average
    assert found.rating == rating


@pytest.mark.parametrize(
    ("responses", "typical"),
    [
        ({}, None),
        ({12: 1}, timedelta(minutes=12)),
        ({2: 1, 3: 1}, timedelta(minutes=2, seconds=30)),
    ],
)
def test_typical_response(responses: dict[int, int], typical: timedelta | None) -> None:
    """The typical response is the median in minutes; a new provider has none."""
    assert ProviderStats("p", responses=responses).typical == typical
