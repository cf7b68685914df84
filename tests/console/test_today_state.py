"""A help call's state on Today says who took it on once, not "someone is on it" and the name
(tester t1: "有人在处理 · 周科长 在处理"); the English page count reads as results, not pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.console.model import Urgency
from bot.domain.console.repo import IncidentRow
from bot.domain.console.today import Line
from bot.i18n import Lang
from bot.web.html import w
from bot.web.today_page import state

AT = datetime(2026, 12, 3, tzinfo=UTC)


def _call(state_: str, handler: str) -> Line:
    row = IncidentRow(3, "help_call", state_, AT, name="王阿姨", handler=handler)
    return Line("incident", 3, "help_call", state_, Urgency.OPEN, timedelta(minutes=5), None, row)


@pytest.mark.parametrize(
    ("state_", "handler", "lang", "shown"),
    [
        ("acknowledged", "周科长", "zh", "周科长 在处理"),
        ("acknowledged", "周科长", "en", "周科长 is on it"),
        ("acknowledged", "", "zh", "有人在处理"),
        ("open", "", "zh", "待响应"),
    ],
)
def test_a_help_calls_state_names_who_took_it_once(
    state_: str, handler: str, lang: Lang, shown: str
) -> None:
    assert state(_call(state_, handler), lang) == shown


def test_the_english_page_count_reads_as_results() -> None:
    said = w("page", "en", page=1, total=2)
    assert "of 2" not in said and "2 results" in said
