"""Stored timestamps: ``from_db`` reads what ``to_db`` wrote through the C parser, and reads
(or refuses) anything else exactly as ``strptime`` with the stored format did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.clock import from_db, to_db

FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def _strptime(text: str) -> datetime | str:
    try:
        return datetime.strptime(text, FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return "refused"


def _from_db(text: str) -> datetime | str:
    try:
        return from_db(text)
    except ValueError:
        return "refused"


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28T00:30:01.123456Z",
        "2026-11-28T23:59:59.999999Z",
        "2024-02-29T12:00:00.000000Z",  # a leap day
        "2026-02-29T12:00:00.000000Z",  # no such day
        "2026-13-01T00:00:00.000000Z",  # no such month
        "2026-11-28T24:00:00.000000Z",
        "2026-11-28T23:59:60.000000Z",  # a leap second: refused by both
        "0000-01-01T00:00:00.000000Z",
        "0999-01-01T00:00:00.000000Z",
        "2026-11-28T00:30:01Z",  # no microseconds: refused as before
        "2026-11-28T00:30:01.123456",  # no Z
        "2026-11-28 00:30:01.123456Z",
        "2026-W48-6T00:30:01.123456Z",  # an ISO week date: refused as before
        "2026-11-28T00:30:01,123456Z",
        "２０２６-11-28T00:30:01.123456Z",  # full-width digits, as strptime takes them
        "2026-11-28T00:30:01.123456Z ",
        "",
    ],
)
def test_from_db_reads_and_refuses_as_strptime_did(text: str) -> None:
    """The same moment, or refused alike."""
    assert _from_db(text) == _strptime(text)


def test_every_stored_moment_reads_back_as_itself() -> None:
    """Across years, zones and microseconds: from_db(to_db(t)) == t."""
    zones = [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))]
    start = datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    for i in range(2_000):
        moment = (start + timedelta(days=7 * i, seconds=37 * i, microseconds=13 * i)).astimezone(
            zones[i % 3]
        )
        assert from_db(to_db(moment)) == moment
        assert from_db(to_db(moment)).tzinfo is UTC
