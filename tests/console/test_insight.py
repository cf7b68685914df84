"""The console's pure figures: nearest-rank percentiles, acceptance, averages, compliance,
overdue units — tables written from the definitions, not from the code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.console.insight.model import (
    CareRow,
    Scorecard,
    UnitRow,
    histogram_percentile,
    percentile,
    rate,
)

NOW = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([], 0.5, None),
        ([7.0], 0.9, 7.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0),  # nearest rank: ceil(0.5 * 4) = 2nd
        ([4.0, 1.0, 3.0, 2.0], 0.5, 2.0),  # order does not matter
        ([float(n) for n in range(1, 11)], 0.9, 9.0),  # ceil(0.9 * 10) = 9th
        ([float(n) for n in range(1, 11)], 1.0, 10.0),
        ([float(n) for n in range(1, 101)], 0.95, 95.0),
    ],
)
def test_percentile(values: list[float], share: float, expected: float | None) -> None:
    assert percentile(values, share) == expected


@pytest.mark.parametrize(("part", "whole", "expected"), [(0, 0, None), (1, 4, 0.25), (3, 3, 1.0)])
def test_rate(part: int, whole: int, expected: float | None) -> None:
    assert rate(part, whole) == expected


@pytest.mark.parametrize(
    ("counts", "share", "expected"),
    [
        ({}, 0.5, None),
        ({3: 1}, 0.9, 3),
        ({1: 9, 60: 1}, 0.5, 1),  # nine quick answers and one slow: the median is quick
        ({1: 9, 60: 1}, 0.9, 1),  # the 9th of 10 is still quick
        ({1: 8, 60: 2}, 0.9, 60),  # the 9th of 10 is slow
    ],
)
def test_histogram_percentile(counts: dict[int, int], share: float, expected: int | None) -> None:
    """The same nearest rank as over the values written out."""
    assert histogram_percentile(counts, share) == expected
    values = [float(v) for v, n in counts.items() for _ in range(n)]
    assert percentile(values, share) == (None if expected is None else float(expected))


def test_scorecard_figures() -> None:
    card = Scorecard(
        "jiejia",
        accepted=3,
        refused=1,
        response_minutes={5: 1, 1: 1, 30: 1, 2: 1},
        stars={5: 2, 1: 1},
    )
    assert card.acceptance == 0.75
    assert (card.median, card.p90) == (2, 30)
    assert card.ratings == 3
    assert Scorecard("jiejia", job_minutes={40: 2, 90: 1}).completion == 40
    assert Scorecard("none").completion is None
    assert card.average == pytest.approx(11 / 3)
    assert Scorecard("none").average is None and Scorecard("none").acceptance is None


@pytest.mark.parametrize(
    ("due", "answered", "skipped", "expected"),
    [(0, 0, 0, None), (60, 54, 0, 0.9), (60, 50, 10, 1.0), (4, 0, 4, None)],
)
def test_care_compliance(due: int, answered: int, skipped: int, expected: float | None) -> None:
    """Paused days do not count against the elder."""
    row = CareRow("elder_wang", "王阿姨", due=due, answered=answered, skipped=skipped)
    assert row.compliance == expected


@pytest.mark.parametrize(
    ("state", "due_in", "overdue"),
    [
        ("lent", timedelta(hours=-1), True),
        ("lent", timedelta(hours=1), False),
        ("reserved", timedelta(hours=-1), False),  # not lent yet
        ("free", None, False),
    ],
)
def test_unit_overdue(state: str, due_in: timedelta | None, overdue: bool) -> None:
    due = NOW + due_in if due_in is not None else None
    assert UnitRow(1, "ladder", 1, state, "", None, due).overdue(NOW) is overdue
