"""Which queued messages staff must hear about when they cannot be delivered: the policy on
the dedupe keys the features write (bookings/dispatch.py, bookings/deps.py,
checkins/ladder.py and reach.py, incidents/service.py), one row per key shape."""

from __future__ import annotations

import pytest

from bot.outbox import kind_of


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("bk12:offer:7:1", "offer"),  # a job offer to one provider member
        ("bk12:offer:7:1:closed", ""),  # the edit that takes its buttons away
        ("bk12:offer:7:1:won", ""),
        ("bk12:staff:unassigned:2:3", "alert"),
        ("bk12:staff:low_rating:1:3", "alert"),
        ("bk12:r:accepted:1", ""),
        ("bk12:w:remind:1", ""),
        ("ci4:worker:7100", "alert"),  # grid worker asked to call or visit
        ("ci4:staff:no_answer:1001", "alert"),
        ("ci4:staff:no_grid_worker:1001", "alert"),
        ("ci4:duty:7101", "alert"),
        ("ci4:fam_grid:7102", "alert"),
        ("ci4:fam_staff:7102", "alert"),
        ("ci4:ping", ""),  # the elder's own check-in
        ("ci4:remind", ""),
        ("ci4:thanks", ""),
        ("ci4:clear:7100", ""),
        ("inc3:1:alert:1001", "alert"),  # help calls and emergencies, each round
        ("inc3:2:alert:-1001", "alert"),
        ("inc3:unresolved:1001", "alert"),
        ("inc3:support:5:1001", ""),
        ("undelivered:9:1001", ""),  # the notice about a failure is not itself critical
        ("u17:0", ""),
        ("test:anything", ""),
    ],
)
def test_kind_of_key(key: str, kind: str) -> None:
    assert kind_of(key) == kind
