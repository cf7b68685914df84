"""The weekly report's pure core as tables: which week, when the digest is due, what needs a
decision, the five lines; and which chart spec and font the drawing uses."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.charts import pick_cjk, pick_spec
from bot.domain.misses import Unserved
from bot.domain.reports.model import (
    ElderCare,
    Figures,
    FindingKind,
    HelpCall,
    ProviderRating,
    Response,
    ToolUse,
    Unmet,
    Week,
    digest_lines,
    digest_times,
    findings,
    last_seven_days,
    week_before,
)

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A local time in Shanghai."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


WEEK = Week(at("2026-11-23T00:00"), at("2026-11-30T00:00"))


@pytest.mark.parametrize(
    ("now", "start"),
    [
        ("2026-11-30T08:00", "2026-11-23T00:00"),  # Monday's digest: the whole week before
        ("2026-11-30T00:00", "2026-11-23T00:00"),
        ("2026-12-06T23:59", "2026-11-23T00:00"),  # Sunday night: the week before this one
        ("2026-12-07T08:00", "2026-11-30T00:00"),
        ("2026-12-02T12:00", "2026-11-23T00:00"),  # a late digest still covers its week
    ],
)
def test_week_before(now: str, start: str) -> None:
    """Monday 00:00 to Monday 00:00, in the community's timezone."""
    week = week_before(at(now), TZ)
    assert (week.start, week.end - week.start) == (at(start), timedelta(days=7))


def test_last_seven_days_ends_now() -> None:
    """/report covers the seven days up to the moment it is asked."""
    week = last_seven_days(at("2026-11-28T15:00"), TZ)
    assert week.start == at("2026-11-21T15:00")
    assert at("2026-11-28T15:00") < week.end <= at("2026-11-28T15:00:01")


@pytest.mark.parametrize(
    ("now", "due"),
    [
        # mid-week: only next Monday (a first start on Wednesday sends no stale digest)
        ("2026-11-25T10:00", ["2026-11-30T08:00"]),
        # Monday 07:59: today's, not last week's (a week old)
        ("2026-11-30T07:59", ["2026-11-30T08:00"]),
        # Monday 08:00 and later that day: today's (still due if it was missed) and the next
        ("2026-11-30T08:00", ["2026-11-30T08:00", "2026-12-07T08:00"]),
        ("2026-11-30T23:00", ["2026-11-30T08:00", "2026-12-07T08:00"]),
        # Tuesday 08:00: a day late is too late to catch up (planned a week ahead instead)
        ("2026-12-01T08:00", ["2026-12-07T08:00"]),
    ],
)
def test_digest_times(now: str, due: list[str]) -> None:
    """Monday 08:00, planned ahead; today's is kept while it is less than a day old."""
    assert digest_times(at(now), TZ) == [at(d) for d in due]


def _figures(**parts: object) -> Figures:
    return Figures(WEEK, **parts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("response", "slow"),
    [
        (Response("p", 30, offers=4, missed=1), True),  # a quarter ran out
        (Response("p", 30, offers=5, missed=1), False),
        (Response("p", 30, offers=1, missed=1), True),
        (Response("p", 30, offers=3, missed=0, minutes=(29, 29, 29)), False),
        (Response("p", 30, offers=0, missed=0), False),
    ],
)
def test_slow_provider(response: Response, slow: bool) -> None:
    """Slow: at least a quarter of its offers ran past the window."""
    assert response.slow is slow


@pytest.mark.parametrize(
    ("figures", "kinds"),
    [
        (_figures(), []),
        (_figures(care=(ElderCare("e", "E", 7, 7, 0),)), []),
        (_figures(care=(ElderCare("e", "E", 7, 6, 1),)), [FindingKind.MISSED]),
        (_figures(tools=(ToolUse("ladder", 3, 0),)), []),
        (_figures(tools=(ToolUse("ladder", 0, 1),)), [FindingKind.OVERDUE]),
        (_figures(ratings=(ProviderRating("p", 2, 7),)), []),  # 3.5: not below
        (_figures(ratings=(ProviderRating("p", 2, 6),)), [FindingKind.LOW_RATING]),
        (_figures(unmet=(Unmet("修自行车", 1),)), []),
        (_figures(unmet=(Unmet("修自行车", 2),)), [FindingKind.UNMET]),
        (
            # most pressing first: elders, tools, slow providers, ratings, unmet needs
            _figures(
                unmet=(Unmet("修自行车", 4),),
                ratings=(ProviderRating("p", 1, 1),),
                responses=(Response("p", 30, 2, 2),),
                tools=(ToolUse("ladder", 0, 2),),
                care=(ElderCare("e", "E", 2, 0, 2),),
            ),
            [
                FindingKind.MISSED,
                FindingKind.OVERDUE,
                FindingKind.SLOW,
                FindingKind.LOW_RATING,
                FindingKind.UNMET,
            ],
        ),
    ],
)
def test_findings(figures: Figures, kinds: list[FindingKind]) -> None:
    """What needs a decision, and in which order."""
    assert [f.kind for f in findings(figures)] == kinds


def _call(id_: int, state: str, day: str, rounds: int = 0) -> HelpCall:
    return HelpCall(id_, f"E{id_}", state, at(f"2026-11-{day}T10:00"), rounds)


@pytest.mark.parametrize(
    ("calls", "kinds"),
    [
        ((), []),
        ((_call(1, "closed", "25"),), []),  # answered in time and closed
        ((_call(1, "closed", "25", rounds=2),), [FindingKind.HELP_LATE]),
        ((_call(1, "open", "25", rounds=1),), [FindingKind.HELP_OPEN, FindingKind.HELP_LATE]),
        ((_call(1, "acknowledged", "25"),), [FindingKind.HELP_GOING]),
        ((_call(1, "support", "25"),), [FindingKind.HELP_GOING]),
        # raised the week before and still open: listed; not counted among the week's calls
        ((_call(1, "open", "20", rounds=9),), [FindingKind.HELP_OPEN]),
        # nobody going before someone going; then the week's late calls
        (
            (_call(1, "acknowledged", "24"), _call(2, "open", "26"), _call(3, "closed", "27", 1)),
            [FindingKind.HELP_OPEN, FindingKind.HELP_GOING, FindingKind.HELP_LATE],
        ),
    ],
)
def test_help_calls_come_first(calls: tuple[HelpCall, ...], kinds: list[FindingKind]) -> None:
    """Open calls lead the digest, before an elder who missed a check-in."""
    care = (ElderCare("e", "E", 2, 0, 2),)
    found = findings(_figures(help_calls=calls, care=care))
    assert [f.kind for f in found] == [*kinds, FindingKind.MISSED]


def test_help_late_counts_the_weeks_calls() -> None:
    """Two calls this week, one taken up late; last week's open call is not one of them."""
    calls = (_call(1, "open", "20", 3), _call(2, "closed", "24", 1), _call(3, "closed", "25"))
    [*_, late] = findings(_figures(help_calls=calls))
    assert (late.kind, late.numbers) == (FindingKind.HELP_LATE, {"calls": 2, "late": 1})


def test_five_lines_with_nothing_to_decide_are_the_totals() -> None:
    """A quiet week: five lines of totals."""
    kinds = [f.kind for f in digest_lines(_figures())]
    assert kinds == [
        FindingKind.DEMAND,
        FindingKind.RATINGS,
        FindingKind.CARE,
        FindingKind.LOANS,
        FindingKind.ANSWERS,
    ]


def test_five_lines_keep_the_demand_line_when_much_needs_deciding() -> None:
    """Six things to decide: the four most pressing, then the week's demand; six elders not
    heard from share one line."""
    care = tuple(ElderCare(f"e{i}", "E", 2, 0, 2) for i in range(6))
    calls = tuple(_call(i, "open", "25") for i in range(1, 6))
    lines = digest_lines(_figures(care=care, help_calls=calls))
    assert [f.kind for f in lines] == [FindingKind.HELP_OPEN] * 4 + [FindingKind.DEMAND]
    [missed] = [f for f in findings(_figures(care=care)) if f.kind is FindingKind.MISSED]
    assert missed.elders == tuple(f"e{i}" for i in range(6))


def test_the_top_unmet_need_takes_the_last_line_when_much_needs_deciding() -> None:
    """Two help calls, elders to look in on, an overdue tool and two services nobody offers:
    the top unmet need (most residents) is still named, in the last line before the demand, in
    place of the tool (never of people in need); the other is not."""
    care = tuple(ElderCare(f"e{i}", "E", 2, 0, 2) for i in range(6))
    calls = (_call(1, "open", "25"), _call(2, "open", "26"))
    nobody = (Unserved("piano_tuning", 3, 4, WEEK.start), Unserved("sewing", 1, 1, WEEK.start))
    tools = (ToolUse("ladder", 1, 1),)
    figures = _figures(care=care, help_calls=calls, unserved=nobody, tools=tools)
    lines = digest_lines(figures)
    assert [f.kind for f in lines] == [FindingKind.HELP_OPEN] * 2 + [
        FindingKind.MISSED,
        FindingKind.UNSERVED,
        FindingKind.DEMAND,
    ]
    assert (lines[3].subject, lines[3].numbers) == ("piano_tuning", {"residents": 3})


def test_an_unmet_need_never_takes_the_place_of_people_in_need() -> None:
    """Four help calls and elders not heard from: no line left for a service nobody offers."""
    care = (ElderCare("e", "E", 2, 0, 2),)
    calls = tuple(_call(i, "open", "25") for i in range(1, 5))
    nobody = (Unserved("piano_tuning", 3, 4, WEEK.start),)
    lines = digest_lines(_figures(care=care, help_calls=calls, unserved=nobody))
    assert FindingKind.UNSERVED not in [f.kind for f in lines]


@pytest.mark.parametrize(
    ("fonts", "found"),
    [
        ([], None),
        (["DejaVu Sans", "Liberation Sans"], None),
        (["DejaVu Sans", "WenQuanYi Micro Hei"], "WenQuanYi Micro Hei"),
        (["WenQuanYi Micro Hei", "Noto Sans CJK SC"], "Noto Sans CJK SC"),
    ],
)
def test_pick_cjk(fonts: list[str], found: str | None) -> None:
    """The preferred CJK family among those installed, or none."""
    assert pick_cjk(fonts) == found


@pytest.mark.parametrize(
    ("lang", "font", "drawn"),
    [
        ("zh", "WenQuanYi Micro Hei", "zh"),
        ("zh", None, "en"),  # no CJK font: English labels, never boxes
        ("en", None, "en"),
        ("en", "WenQuanYi Micro Hei", "en"),
    ],
)
def test_pick_spec(lang: str, font: str | None, drawn: str) -> None:
    """The reader's language unless it needs a font the machine lacks."""
    specs = {"zh": {"title": "zh"}, "en": {"title": "en"}}
    assert pick_spec(specs, lang, font)["title"] == drawn
