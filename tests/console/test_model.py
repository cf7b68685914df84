"""The console's pure core: the Mini App signature as Telegram documents it, urgency, pages."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest

from bot.domain.console.model import (
    GridElder,
    InitDataProblem,
    PriceProblem,
    RevokeRefusal,
    Search,
    Urgency,
    check_init_data,
    new_grid_workers,
    page_of,
    parse_price,
    revoke_refusal,
    search,
    token_hash,
    urgency,
)

TOKEN = "123456:ABC-test-token"
NOW = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
USER = json.dumps({"id": 1001, "first_name": "刘"}, ensure_ascii=False)


def telegram_signed(fields: dict[str, str], token: str = TOKEN) -> str:
    """Signed independently, step by step as in Telegram's documentation."""
    data_check_string = "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    secret_key = hmac.new(key=b"WebAppData", msg=token.encode(), digestmod=hashlib.sha256)
    digest = hmac.new(secret_key.digest(), data_check_string.encode(), hashlib.sha256)
    return urlencode({**fields, "hash": digest.hexdigest()})


def fields(age: timedelta = timedelta(minutes=1)) -> dict[str, str]:
    return {
        "auth_date": str(int((NOW - age).timestamp())),
        "query_id": "AAF",
        "user": USER,
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (telegram_signed(fields()), 1001),
        (telegram_signed(fields(), token="999:other-bot"), InitDataProblem.FORGED),
        (
            telegram_signed(fields()).replace("query_id=AAF", "query_id=AAG"),
            InitDataProblem.FORGED,
        ),
        (telegram_signed(fields(timedelta(hours=2))), InitDataProblem.EXPIRED),
        (telegram_signed(fields(-timedelta(hours=1))), InitDataProblem.EXPIRED),
        (urlencode(fields()), InitDataProblem.MALFORMED),  # no hash
        ("", InitDataProblem.MALFORMED),
        ("%%%", InitDataProblem.MALFORMED),
    ],
    ids=["valid", "other-bot", "tampered", "too-old", "future", "no-hash", "empty", "junk"],
)
def test_init_data(data: str, expected: int | InitDataProblem) -> None:
    assert check_init_data(data, TOKEN, NOW) == expected


@pytest.mark.parametrize(
    ("age", "urgent"),
    [
        (5, Urgency.OPEN),
        (15, Urgency.OPEN),
        (16, Urgency.DUE),
        (30, Urgency.DUE),
        (31, Urgency.BREACH),
    ],
)
def test_urgency_against_a_30_minute_window(age: int, urgent: Urgency) -> None:
    assert urgency(timedelta(minutes=age), timedelta(minutes=30)) is urgent


@pytest.mark.parametrize(("raw", "number"), [(None, 1), ("3", 3), ("0", 1), ("x", 1), ("-2", 1)])
def test_page_of(raw: str | None, number: int) -> None:
    assert page_of(raw).number == number


@pytest.mark.parametrize(
    ("raw", "price"),
    [
        ("166", 166.0),
        ("¥45.5", 45.5),
        ("￥ 1,200", 1200.0),
        (" 99.99 ", 99.99),
        ("50000", 50000.0),
        ("0", 0.0),  # free: the sample has five such offers (tester session 15)
        ("0.00", 0.0),
        ("¥0", 0.0),
        ("-5", PriceProblem.NEGATIVE),  # a number, but below zero
        ("- 5", PriceProblem.NEGATIVE),
        ("-0.5", PriceProblem.NEGATIVE),
        ("-", PriceProblem.NOT_A_NUMBER),
        ("abc", PriceProblem.NOT_A_NUMBER),
        ("", PriceProblem.NOT_A_NUMBER),
        (".", PriceProblem.NOT_A_NUMBER),
        ("1.2.3", PriceProblem.NOT_A_NUMBER),
        ("1e9", PriceProblem.NOT_A_NUMBER),
        ("nan", PriceProblem.NOT_A_NUMBER),
        ("inf", PriceProblem.NOT_A_NUMBER),
        ("50000.01", PriceProblem.TOO_HIGH),
        ("13812345678", PriceProblem.TOO_HIGH),
        ("45.555", PriceProblem.TOO_PRECISE),
        ("120", 120.0),
        ("120.5", 120.5),
        ("¥120", 120.0),
        ("12,000.5", 12000.5),
        ("1，200", 1200.0),
        ("¥1,20.5", PriceProblem.MALFORMED),  # tester t1: was saved as 120.5
        ("15,0", PriceProblem.MALFORMED),  # a decimal comma: was saved as 150
        ("1,2000", PriceProblem.MALFORMED),
        (",120", PriceProblem.MALFORMED),
        ("120,", PriceProblem.MALFORMED),
    ],
)
def test_parse_price(raw: str, price: float | PriceProblem) -> None:
    """Yuan (zero: free) in whole fen up to the bound, else why not."""
    assert parse_price(raw) == price


def test_only_the_hash_of_a_token_is_kept() -> None:
    assert token_hash("abc") == hashlib.sha256(b"abc").hexdigest() != "abc"


NAMES = {
    "range_hood_cleaning": {"zh": "油烟机清洗", "en": "Range hood cleaning"},
    "drain_unclogging": {"zh": "管道疏通", "en": "Drain unclogging"},
    "deep_cleaning": {"zh": "深度保洁", "en": "Deep cleaning"},
}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", Search()),
        ("   ", Search()),
        ("#12", Search(booking_id=12)),
        ("12", Search(booking_id=12)),
        ("油烟机", Search(services=("range_hood_cleaning",))),
        ("清洗", Search(services=("range_hood_cleaning",))),
        ("保洁", Search(services=("deep_cleaning",))),
        ("Range Hood", Search(services=("range_hood_cleaning",))),
        ("cleaning", Search(services=("deep_cleaning", "range_hood_cleaning"))),
        ("drain_unclogging", Search(services=("drain_unclogging",))),
        ("搬家", Search(services=())),  # nothing offered by that name: nothing found
    ],
)
def test_search_box_finds_bookings_by_number_or_service_name(typed: str, expected: Search) -> None:
    """The bookings search reads a number as a booking, other words as service names in zh
    or en (or the service's key)."""
    assert search(typed, NAMES) == expected


@pytest.mark.parametrize(
    ("target", "by", "staff", "district", "refused"),
    [
        (1001, 1001, {1001, 1002}, set(), RevokeRefusal.SELF),
        (1001, 1001, {1001}, set(), RevokeRefusal.SELF),
        (1002, 1001, {1002}, set(), RevokeRefusal.LAST_STAFF),  # by someone not staff any more
        (1002, 1001, {1001, 1002}, set(), None),  # another staff member, others remain
        (2001, 1001, {1001}, set(), None),  # a housekeeper
        (2001, 1001, set(), set(), None),
        (1009, 1001, {1001, 1009}, {1009}, RevokeRefusal.DISTRICT),  # the district's staff
        (1009, 1009, {1001, 1009}, {1009}, RevokeRefusal.DISTRICT),  # even themselves
        (1002, 1009, {1002, 1009}, {1009}, None),  # district staff revoke community staff
    ],
)
def test_revoke_refusal(
    target: int, by: int, staff: set[int], district: set[int], refused: RevokeRefusal | None
) -> None:
    """Never the district's staff (the district file controls them); never oneself; never the
    last staff member."""
    assert revoke_refusal(target, by, staff, district) is refused


COVERS = {"hk_zhang": {"1", "2", "3"}, "hk_chen": {"4", "5", "6"}, "hk_xu": {"3", "4"}}


@pytest.mark.parametrize(
    ("elders", "leaving", "expected"),
    [
        # wang (3) goes to xu, who covers 3; li (5) stays with chen
        ([("wang", "3", "hk_zhang"), ("li", "5", "hk_chen")], "hk_zhang", {"wang": "hk_xu"}),
        # building 1: nobody else covers it; unknown building: staff choose
        ([("a", "1", "hk_zhang"), ("b", None, "hk_zhang")], "hk_zhang", {"a": None, "b": None}),
        # building 4: chen and xu both cover it; the one with fewer elders first, then by key
        (
            [
                ("c", "4", "hk_xu"),
                ("d", "4", "hk_xu"),
                ("e", "4", "hk_chen"),
                ("f", "4", "hk_chen"),
            ],
            "hk_xu",
            {"c": "hk_chen", "d": "hk_chen"},
        ),
        ([("g", "4", "hk_chen"), ("h", "4", "hk_chen")], "hk_chen", {"g": "hk_xu", "h": "hk_xu"}),
        ([("i", "2", "hk_chen")], "hk_zhang", {}),  # not theirs: untouched
    ],
)
def test_new_grid_workers(
    elders: list[tuple[str, str | None, str]], leaving: str, expected: dict[str, str | None]
) -> None:
    """A leaving grid worker's elders go to another grid worker of their building, the least
    loaded first; None when nobody covers it."""
    found = new_grid_workers([GridElder(*e) for e in elders], COVERS, leaving)
    assert found == expected
