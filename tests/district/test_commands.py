"""The one-store commands with a folder of several communities: refused without
``--community NAME`` (never the first one by accident), acting on the named one's store with
it; ``migrate`` migrates every community's store unless one is named."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main as concierge
from bot.storage.schema import migrations
from tests.district.support import write_folder
from tests.stores import PG_URL, pg_schema, skip_without_pg


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CONCIERGE_COMMUNITY names a folder of two communities; CONCIERGE_DB a data folder."""
    monkeypatch.setenv("CONCIERGE_COMMUNITY", str(write_folder(tmp_path / "communities")))
    monkeypatch.setenv("CONCIERGE_DB", str(tmp_path / "concierge.db"))
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["export-csv", "bookings"], ["backup", "b.db"], ["export"], ["restore", "b.db"]],
)
def test_one_store_commands_ask_which_community(
    folder: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert concierge(command) == 2
    said = capsys.readouterr().err
    assert "2 communities (xiangxi, yinxing)" in said and "--community NAME" in said
    assert not (folder / "concierge").exists() or not any((folder / "concierge").iterdir())


def test_migrate_does_every_community_and_a_named_one_acts_on_its_store(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert concierge(["migrate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    done = [line for line in lines if "applied" in line]
    assert done[0].startswith("xiangxi: ") and done[0].endswith(f"{len(migrations())} applied")
    assert done[1].startswith("yinxing: ") and "yinxing.db" in done[1]
    yinxing = folder / "concierge" / "yinxing.db"
    with sqlite3.connect(yinxing) as conn:  # something only 银杏苑's store holds
        conn.execute("INSERT INTO planner_marks (name, value) VALUES ('test', 'yinxing')")
    conn.close()
    assert concierge(["export-csv", "bookings", "--community", "yinxing"]) == 0
    backup = folder / "yinxing-backup.db"
    assert concierge(["backup", str(backup), "--community", "yinxing"]) == 0
    with sqlite3.connect(backup) as conn:
        marks = conn.execute("SELECT value FROM planner_marks WHERE name = 'test'").fetchall()
    conn.close()
    assert marks == [("yinxing",)]
    assert concierge(["migrate", "--community", "yinxing"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("yinxing: ")


def test_an_unknown_community_is_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert concierge(["export-csv", "bookings", "--community", "gamma"]) == 2
    said = capsys.readouterr().err
    assert "--community gamma: no such community" in said and "xiangxi, yinxing" in said


async def test_migrate_every_community_on_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On PostgreSQL each community is a schema of the one URL: migrate does each, named."""
    skip_without_pg()
    import asyncpg

    monkeypatch.setenv("CONCIERGE_COMMUNITY", str(write_folder(tmp_path / "communities")))
    async with pg_schema() as url:
        schema = url.rsplit("search_path=", 1)[1]
        monkeypatch.setenv("CONCIERGE_DB", url)
        try:
            assert await asyncio.to_thread(concierge, ["migrate"]) == 0
            done = [line for line in capsys.readouterr().out.splitlines() if "applied" in line]
            assert [line.split(":", 1)[0] for line in done] == ["xiangxi", "yinxing"]
            assert all(line.endswith(f"{len(migrations())} applied") for line in done)
            assert await asyncio.to_thread(concierge, ["migrate", "--community", "yinxing"]) == 0
            assert capsys.readouterr().out.splitlines()[-1].endswith(": up to date")
        finally:
            conn = await asyncpg.connect(PG_URL)
            try:
                for name in ("xiangxi", "yinxing"):
                    await conn.execute(f"DROP SCHEMA IF EXISTS {schema}_{name} CASCADE")
            finally:
                await conn.close()
