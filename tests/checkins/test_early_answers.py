"""Words written before the greeting, as pure tables: which of them answer the day's greeting
(tester3: "不好" at 08:11 was ignored by the 08:30 greeting and its ladder), and which later
words may replace kept ones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.checkins.replies import Reply, Wrote, early_answer, replaces

TZ = ZoneInfo("Asia/Shanghai")
DUE = datetime(2026, 12, 1, 8, 30, tzinfo=TZ)
F, N, H, U = Reply.FINE, Reply.NOT_WELL, Reply.HOSPITAL, Reply.UNCLEAR


def said(reply: Reply, hour: int, minute: int = 0, day: int = 1, told: bool = False) -> Wrote:
    """She wrote something read as ``reply`` at day hour:minute."""
    return Wrote(datetime(2026, 12, day, hour, minute, tzinfo=TZ), reply, "…", told)


@pytest.mark.parametrize(
    ("wrote", "previous", "answer"),
    [
        (None, None, None),  # nothing written: greet
        (said(N, 8, 11), None, N),  # tester3's "不好" at 08:11: the day's answer, a human calls
        (said(H, 7, 0), None, H),  # "我在医院" at 07:00: grid worker and staff told
        (said(F, 8, 20), None, F),  # "挺好的" ten minutes before: no question needed
        (said(F, 5, 29), None, None),  # "fine" three hours before is stale: ask again
        (said(F, 5, 30), None, F),  # exactly three hours: still stands
        (said(N, 0, 5), None, N),  # "not well" at any time of the day counts
        (said(U, 8, 25), None, None),  # a request or a photo answers nothing: greet
        (said(N, 21, 0, day=30), None, None),  # yesterday evening: another day
        (said(N, 6, 0), datetime(2026, 12, 1, 6, 30, tzinfo=TZ), None),  # before 06:30's
        (said(N, 7, 0), datetime(2026, 12, 1, 6, 30, tzinfo=TZ), N),  # after 06:30's
        (said(F, 8, 31), None, None),  # after the greeting's time: not an early answer
    ],
)
def test_words_before_the_greeting_answer_it(
    wrote: Wrote | None, previous: datetime | None, answer: Reply | None
) -> None:
    assert early_answer(wrote, DUE, previous, TZ) is answer


@pytest.mark.parametrize(
    ("old", "new", "kept_new"),
    [
        (None, said(F, 8), True),
        (None, said(U, 8), True),  # nothing kept yet: harmless (it answers nothing)
        (said(F, 7), said(U, 8), False),  # a request after "fine" does not erase it
        (said(N, 7), said(U, 8), False),
        (said(N, 7), said(F, 8), False),  # "不好" then "好": nobody followed up, keep "不好"
        (said(N, 7, told=True), said(F, 8), True),  # the grid worker already calls
        (said(F, 7), said(N, 8), True),  # worse news always replaces
        (said(H, 7), said(N, 8), True),
        (said(N, 21, day=30), said(F, 8), True),  # yesterday's is another day
    ],
)
def test_a_later_fine_never_hides_an_unanswered_not_well(
    old: Wrote | None, new: Wrote, kept_new: bool
) -> None:
    assert replaces(old, new, TZ) is kept_new
