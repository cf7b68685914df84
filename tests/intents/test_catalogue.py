"""The catalogue: coverage of the label contract, lookups, categories, community aliases."""

from __future__ import annotations

import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intents.catalogue import CATEGORIES, Catalogue
from intents.pipeline import Understander

LABELS = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "labels.toml"

SERVICE_IDS = {
    "home_cleaning", "window_cleaning", "range_hood_cleaning", "ac_cleaning", "appliance_repair",
    "drain_unclogging", "plumbing_repair", "electrical_repair", "lock_service",
    "door_window_repair", "home_installation", "pest_control", "moving", "pet_sitting",
    "plant_care", "knife_sharpening", "event_setup", "parcel_service", "grocery_delivery",
    "water_delivery", "meal_delivery", "medical_escort", "elder_companion", "home_nursing",
    "phone_help", "childcare", "printing", "common_area_repair", "heating_repair",
    "bicycle_repair",
}  # fmt: skip
TOOL_IDS = {
    "ladder", "air_pump", "water_pump", "power_drill", "wrench_set", "wheelchair",
    "electric_saw", "drain_plunger",
}  # fmt: skip


def test_default_catalogue_has_every_contract_id(catalogue: Catalogue) -> None:
    assert {e.id for e in catalogue.services()} == SERVICE_IDS
    assert {e.id for e in catalogue.tools()} == TOOL_IDS


@pytest.mark.skipif(not LABELS.exists(), reason="shared label contract not checked out")
def test_default_catalogue_matches_shared_labels(catalogue: Catalogue) -> None:
    labels = tomllib.loads(LABELS.read_text("utf-8"))
    assert {e.id for e in catalogue.services()} == set(labels["services"])
    assert {e.id for e in catalogue.tools()} == set(labels["tools"])


def test_every_entry_is_described(catalogue: Catalogue) -> None:
    for entry in catalogue:
        assert entry.name_zh and entry.name_en
        assert entry.category in CATEGORIES
        assert len(entry.aliases) >= 5, entry.id
        assert any(not a.isascii() for a in entry.aliases), entry.id
        assert any(a.isascii() for a in entry.aliases), entry.id


def test_tools_are_in_the_tools_category(catalogue: Catalogue) -> None:
    assert all(e.category == "tools" for e in catalogue.tools())
    assert all(e.category != "tools" for e in catalogue.services())


def test_categories_group_every_entry_once(catalogue: Catalogue) -> None:
    grouped = catalogue.categories()
    assert list(grouped) == [c for c in CATEGORIES if c in grouped]
    assert sorted(e.id for members in grouped.values() for e in members) == sorted(
        e.id for e in catalogue
    )


def test_entry_lookup(catalogue: Catalogue) -> None:
    entry = catalogue.entry("drain_plunger")
    assert entry.kind == "tool"
    assert "皮搋子" in entry.aliases
    with pytest.raises(KeyError, match="nope"):
        catalogue.entry("nope")


def test_with_aliases_adds_without_mutating(catalogue: Catalogue) -> None:
    extended = catalogue.with_aliases({"knife_sharpening": ["老张磨刀摊"]})
    assert "老张磨刀摊" in extended.entry("knife_sharpening").aliases
    assert "老张磨刀摊" not in catalogue.entry("knife_sharpening").aliases
    assert len(extended) == len(catalogue)


def test_with_aliases_unknown_id_is_named(catalogue: Catalogue) -> None:
    with pytest.raises(ValueError, match="karaoke"):
        catalogue.with_aliases({"karaoke": ["唱歌"], "ladder": ["梯"]})


def test_community_alias_is_understood(catalogue: Catalogue, tz: ZoneInfo) -> None:
    text = "帮我叫一下小蜜蜂"
    assert Understander(catalogue, tz).understand(text).intent == "none"
    local = Understander(catalogue.with_aliases({"home_cleaning": ["小蜜蜂"]}), tz)
    got = local.understand(text)
    assert (got.intent, got.target) == ("service_request", "home_cleaning")


@pytest.mark.parametrize(
    "toml",
    [
        '[services.x]\nname_zh = "x"\nname_en = "x"\ncategory = "nowhere"\naliases = ["x"]',
        '[services.x]\nname_en = "x"\ncategory = "care"\naliases = ["x"]',
        '[tools.x]\nname_zh = "x"\nname_en = "x"\ncategory = "tools"\naliases = "x"',
        '[tools.x]\nname_zh = "x"\nname_en = "x"\ncategory = "tools"\nprecedence = "high"',
    ],
)
def test_bad_vocabulary_is_rejected(toml: str) -> None:
    with pytest.raises(ValueError):
        Catalogue.from_toml(toml)


def test_precedence_lets_the_shared_place_decide(catalogue: Catalogue, tz: ZoneInfo) -> None:
    assert catalogue.entry("common_area_repair").precedence > 0
    got = Understander(catalogue, tz).understand("6号楼的电梯门关不上，请物业来修")
    assert got.target == "common_area_repair"


def test_ids_of_a_kind_are_its_services_and_its_tools(catalogue: Catalogue) -> None:
    assert catalogue.ids_of("service") == {e.id for e in catalogue.services()}
    assert catalogue.ids_of("tool") == {e.id for e in catalogue.tools()}
    extended = catalogue.with_aliases({"drain_unclogging": ["通厕所"]})
    assert extended.ids_of("service") == catalogue.ids_of("service")
