"""The console's setup forms (pure): fields in, a setup entry or why not."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.console.forms import (
    FormProblem,
    elder_entry,
    housekeeper_entry,
    notice_entry,
    staff_entry,
    times,
)


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("08:30", ["08:30"]),
        ("18:00, 8:30", ["08:30", "18:00"]),
        ("8：30，18:00", ["08:30", "18:00"]),
        ("", None),
        ("25:00", None),
        ("8.30", None),
    ],
)
def test_times(raw: str, found: list[str] | None) -> None:
    assert times(raw) == found


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"telegram_id": "1002", "name": "周主任"},
            {"telegram_id": 1002, "name": "周主任", "language": "zh"},
        ),
        (
            {"telegram_id": "1002", "name": "Zhou", "language": "en"},
            {"telegram_id": 1002, "name": "Zhou", "language": "en"},
        ),
        ({"telegram_id": "abc", "name": "周"}, FormProblem.TELEGRAM_ID),
        ({"telegram_id": "0", "name": "周"}, FormProblem.TELEGRAM_ID),
        ({"telegram_id": "1002", "name": "  "}, FormProblem.NAME),
    ],
)
def test_staff_entry(fields: dict[str, str], expected: Any) -> None:
    assert staff_entry(fields) == expected


def test_housekeeper_entry_keeps_a_linked_telegram_id() -> None:
    fields = {"key": "hk_xu", "name": "许管家", "buildings": "3栋, 4，5号楼"}
    assert housekeeper_entry(fields) == {
        "key": "hk_xu",
        "name": "许管家",
        "buildings": ["3", "4", "5"],
    }
    edited = housekeeper_entry(fields, {"key": "hk_xu", "telegram_id": 2003})
    assert edited == {**housekeeper_entry(fields), "telegram_id": 2003}  # type: ignore[dict-item]
    assert housekeeper_entry({**fields, "key": "Hk Xu"}) is FormProblem.KEY
    assert housekeeper_entry({**fields, "buildings": " "}) is FormProblem.BUILDINGS


def test_elder_entry_reads_times_family_and_checks_the_grid_worker() -> None:
    current = {
        "key": "elder_wang",
        "family": [{"name": "王小明", "telegram_id": 7, "daily_all_clear": True}],
    }
    fields = {
        "key": "elder_wang",
        "name": "王阿姨",
        "address": "3栋2单元501",
        "checkin_times": "8:30 18:00",
        "grid_worker": "hk_zhang",
        "risk": "high",
        "family": "王小明 女儿\n王小红 孙女\n",
    }
    entry = elder_entry(fields, {"hk_zhang"}, current)
    assert isinstance(entry, dict)
    assert entry["checkin_times"] == ["08:30", "18:00"] and entry["risk"] == "high"
    assert entry["family"] == [
        {"name": "王小明", "relation": "女儿", "telegram_id": 7, "daily_all_clear": True},
        {"name": "王小红", "relation": "孙女"},
    ]
    assert (
        elder_entry({**fields, "grid_worker": "hk_nobody"}, {"hk_zhang"})
        is FormProblem.GRID_WORKER
    )
    assert elder_entry({**fields, "checkin_times": "soon"}, {"hk_zhang"}) is FormProblem.TIMES


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"id": "water", "text_zh": "周六停水", "days": "sat wed", "post_at": "7:30"},
            {
                "id": "water",
                "text_zh": "周六停水",
                "text_en": "周六停水",
                "days": ["wed", "sat"],
                "post_at": "07:30",
            },
        ),
        ({"id": "water", "text_zh": "x", "days": "someday", "post_at": "07:30"}, FormProblem.DAYS),
        (
            {"id": "water", "text_zh": "x", "days": "mon", "post_at": "07:30 08:00"},
            FormProblem.TIMES,
        ),
        ({"id": "water", "text_zh": " ", "days": "mon", "post_at": "07:30"}, FormProblem.TEXT),
        # retest 15: 5,000 characters were saved (and posted cut to 500): refused, never cut,
        # at the one-off notices' limit
        (
            {"id": "w", "text_zh": "长" * 1001, "days": "mon", "post_at": "07:30"},
            FormProblem.TEXT_LONG,
        ),
        (
            {"id": "w", "text_zh": "x", "text_en": "y" * 1001, "days": "mon", "post_at": "07:30"},
            FormProblem.TEXT_EN_LONG,
        ),
    ],
)
def test_notice_entry(fields: dict[str, str], expected: Any) -> None:
    assert notice_entry(fields) == expected


def test_a_recurring_notice_of_exactly_the_limit_is_kept_whole() -> None:
    entry = notice_entry({"id": "w", "text_zh": "长" * 1000, "days": "mon", "post_at": "07:30"})
    assert isinstance(entry, dict) and entry["text_zh"] == "长" * 1000
