"""Library log records we rewrite (:class:`bot.lifecycle._LibraryNoise`): a job APScheduler
cancels at stop is not an error; a real job error stays one."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.lifecycle import _quiet_library_logs

_SCHEDULER = logging.getLogger("apscheduler.executors.default")


def _log_job_failure(error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        _SCHEDULER.exception("Error running job %s", "8dd54b3b")


@pytest.mark.parametrize(
    ("error", "level", "traceback"),
    [
        (asyncio.CancelledError(), logging.INFO, False),
        (RuntimeError("database is locked"), logging.ERROR, True),
    ],
)
def test_a_job_cancelled_at_stop_is_one_info_line_and_a_real_failure_stays_an_error(
    caplog: pytest.LogCaptureFixture, error: BaseException, level: int, traceback: bool
) -> None:
    _quiet_library_logs()
    with caplog.at_level(logging.DEBUG, logger="apscheduler"):
        _log_job_failure(error)
    (record,) = [r for r in caplog.records if r.name == _SCHEDULER.name]
    assert record.levelno == level
    assert (record.exc_info is not None) == traceback
    if not traceback:
        assert "still due" in record.getMessage()
