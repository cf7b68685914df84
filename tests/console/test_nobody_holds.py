"""A job nobody took names nobody (retest 15, finding 4): staff suspended 洁家家政, the job went
round and nobody took it; the bookings list and the booking's header still named 洁家家政, the
firm staff took it from. Who has it now is nobody: 待指派."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.console.repo import JobRow
from bot.web.views import who_has

AT = datetime(2026, 12, 5, tzinfo=UTC)
NAMES = {"jiejia": "洁家家政"}


@pytest.mark.parametrize(
    ("status", "worker", "shown"),
    [
        ("unassigned", None, "待指派"),
        ("offered", None, "洁家家政"),
        ("accepted", "赵阿姨", "洁家家政 · 赵阿姨"),
    ],
)
def test_who_has_the_job_now(status: str, worker: str | None, shown: str) -> None:
    job = JobRow(4, "range_hood", "booking", status, "jiejia", "3", AT, AT, worker)
    assert who_has(job, NAMES, "zh") == shown
