"""``concierge export`` and ``concierge import`` on a real database: the export is a valid
community file, importing it back shows no differences, and a change in the file is shown,
then applied with an audit entry."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import FakeClock
from bot.config import load_community
from bot.domain.people import People
from bot.domain.setup import Setup
from tests.domain_support import domain_world


async def _seed(path: Path, clock: FakeClock) -> None:
    async with domain_world(path, clock) as world:
        people = People(world.community, world.clock)
        setup = Setup(world.community, world.audit, people, world.outbox)
        async with world.tx() as tx:
            await setup.load(tx)
            await setup.set_price(tx, "person:1", "home_cleaning", "jiejia", 48)
            notice = {"id": "flea_market", "text_zh": "周日跳蚤市场", "text_en": "Flea market"}
            notice |= {"days": ["sun"], "post_at": "08:00"}
            await setup.put(tx, "person:1", "notices", notice)


@pytest.fixture
def seeded(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database the bot has run on (sample community), with a price and a notice changed
    by staff; CONCIERGE_DB points at it. (The commands run their own event loop, so these
    tests are not coroutines.)"""
    path = tmp_path / "concierge.db"
    asyncio.run(_seed(path, clock))
    monkeypatch.setenv("CONCIERGE_DB", str(path))
    monkeypatch.delenv("CONCIERGE_COMMUNITY", raising=False)
    return path


def _audit_actions(path: Path, clock: FakeClock) -> list[str]:
    return asyncio.run(_read_actions(path, clock))


async def _read_actions(path: Path, clock: FakeClock) -> list[str]:
    async with domain_world(path, clock) as world, world.db.read() as tx:
        rows = await tx.all("SELECT action FROM audit WHERE actor = 'cli:import' ORDER BY id")
    return [r["action"] for r in rows]


def test_export_then_import_shows_no_differences(
    seeded: Path, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The round trip: what export writes is valid and is exactly what the database holds."""
    exported = tmp_path / "exported.toml"
    assert main(["export", str(exported)]) == 0
    community = load_community(exported)
    assert community.provider("jiejia").offers[0].price == 48  # type: ignore[union-attr]
    assert [n.id for n in community.notices][-1] == "flea_market"
    capsys.readouterr()
    assert main(["import", str(exported), "--yes"]) == 0
    assert capsys.readouterr().out == "No differences: nothing to import.\n"
    assert _audit_actions(seeded, clock) == []


def test_import_shows_the_differences_then_applies_them(
    seeded: Path, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A price changed and a housekeeper's buildings changed in the file: both are listed,
    applied with one audit entry each, and a second import has nothing left to do."""
    exported = tmp_path / "exported.toml"
    main(["export", str(exported)])
    text = exported.read_text("utf-8")
    text = text.replace("price = 48.0", "price = 50.0", 1)
    text = text.replace('buildings = ["1", "2", "3"]', 'buildings = ["1", "2"]', 1)
    exported.write_text(text, "utf-8")
    capsys.readouterr()
    assert main(["import", str(exported), "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Applied 2 changes."
    assert out[:-1] == [
        '~ housekeepers.hk_zhang.buildings: ["1", "2", "3"] → ["1", "2"]',
        "~ providers.jiejia.offers.home_cleaning.price: 48.0 → 50.0",
    ]
    assert _audit_actions(seeded, clock) == ["setup_imported", "setup_imported"]
    main(["import", str(exported), "--yes"])
    assert capsys.readouterr().out == "No differences: nothing to import.\n"


def test_import_asks_first_and_a_no_changes_nothing(
    seeded: Path,
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --yes the differences are shown and a refusal leaves the database as it was."""
    exported = tmp_path / "exported.toml"
    main(["export", str(exported)])
    exported.write_text(exported.read_text("utf-8").replace("price = 48.0", "price = 40.0"))
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    capsys.readouterr()
    assert main(["import", str(exported)]) == 0
    assert capsys.readouterr().out == (
        "~ providers.jiejia.offers.home_cleaning.price: 48.0 → 40.0\nNothing applied.\n"
    )
    assert _audit_actions(seeded, clock) == []


def test_an_invalid_file_is_one_line_and_changes_nothing(
    seeded: Path, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a mistake is refused with the usual one line (status 2)."""
    broken = tmp_path / "broken.toml"
    main(["export", str(broken)])
    broken.write_text(broken.read_text("utf-8").replace('"home_cleaning"', '"home_cleanin"'))
    capsys.readouterr()
    assert main(["import", str(broken), "--yes"]) == 2
    assert "unknown service id 'home_cleanin'" in capsys.readouterr().err
    assert _audit_actions(seeded, clock) == []
