"""How an import's differences read: one line per field changed, named by its path, and one
line per entry added or removed, named by its key (a table of setups before and after)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.setup.model import Difference

_OFFERS = [
    {"service": f"service_{n}", "price": 10.0 * n, "unit_zh": "次", "unit_en": "visit"}
    for n in range(1, 40)
]
_TEAM = {
    "id": "property_team",
    "name_zh": "物业",
    "members": [{"name": "老赵"}],
    "offers": _OFFERS,
}


def _with(entry: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**entry, **changes}


def _offer(service: str, price: float) -> list[dict[str, Any]]:
    return [_with(o, price=price) if o["service"] == service else o for o in _OFFERS]


@pytest.mark.parametrize(
    ("section", "before", "after", "lines"),
    [
        (  # one price among many offers: one line, not the whole list
            "providers",
            _TEAM,
            _with(_TEAM, offers=_offer("service_8", 70.0)),
            ["~ providers.property_team.offers.service_8.price: 80.0 → 70.0"],
        ),
        (  # an offer added and one removed, by their service
            "providers",
            _TEAM,
            _with(_TEAM, offers=[*_OFFERS[1:], {"service": "drain_unclogging", "price": 80}]),
            [
                "- providers.property_team.offers.service_1",
                "+ providers.property_team.offers.drain_unclogging",
            ],
        ),
        (  # a member added, by name; the name changed in Chinese
            "providers",
            _TEAM,
            _with(_TEAM, name_zh="物业服务", members=[{"name": "老赵"}, {"name": "小孙"}]),
            [
                '~ providers.property_team.name_zh: "物业" → "物业服务"',
                "+ providers.property_team.members.小孙",
            ],
        ),
        (  # a list of plain values is shown whole (it is short)
            "housekeepers",
            {"key": "hk_zhang", "buildings": ["1", "2", "3"]},
            {"key": "hk_zhang", "buildings": ["1", "2"]},
            ['~ housekeepers.hk_zhang.buildings: ["1", "2", "3"] → ["1", "2"]'],
        ),
        (  # an address is never shown, only that it changed
            "elders",
            {"key": "elder_wang", "address": "3-2-501", "checkin_times": ["09:00"]},
            {"key": "elder_wang", "address": "5-1-1202", "checkin_times": ["09:00", "18:00"]},
            [
                "~ elders.elder_wang.address: (changed)",
                '~ elders.elder_wang.checkin_times: ["09:00"] → ["09:00", "18:00"]',
            ],
        ),
        ("notices", None, {"id": "veg_stall", "text_zh": "菜摊"}, ["+ notices.veg_stall"]),
        ("notices", {"id": "veg_stall", "text_zh": "菜摊"}, None, ["- notices.veg_stall"]),
    ],
)
def test_a_difference_reads_field_by_field(
    section: str, before: dict[str, Any] | None, after: dict[str, Any] | None, lines: list[str]
) -> None:
    key = str((before or after or {}).get("id") or (before or after or {}).get("key"))
    assert Difference(section, key, before, after).describe() == lines


def test_a_long_value_is_cut() -> None:
    """A long text is shown cut with an ellipsis: one readable line, however long the value."""
    (line,) = Difference(
        "notices", "n", {"id": "n", "text_zh": "短"}, {"id": "n", "text_zh": "长" * 500}
    ).describe()
    assert line.startswith('~ notices.n.text_zh: "短" → "长') and line.endswith("…")
    assert len(line) < 200
