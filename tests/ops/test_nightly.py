"""The nightly backup on a real database: planned from [backup], taken at its time into the
folder (a copy that opens and passes the integrity check), older copies deleted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from bot.clock import FakeClock
from bot.deadlines import DeadlineRunner
from bot.domain.backups import NightlyBackups
from bot.domain.backups.contract import DeadlineKind
from bot.storage import backup as backups
from tests.domain_support import domain_world
from tests.harness import START

COMMUNITY = """
[community]
name_zh = "测试小区"
name_en = "Test Court"

[backup]
folder = "nightly"
time = "03:30"
keep_days = 2

[[staff]]
telegram_id = 1001
name = "刘主任"
"""


async def test_the_nightly_backup_runs_at_its_time_and_keeps_keep_days(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Planned for tonight; at 03:30 the copy is written and an old copy is deleted."""
    folder = tmp_path / "nightly"
    folder.mkdir()
    old = folder / backups.nightly_name(date(2026, 11, 20))
    old.write_bytes(b"")
    async with domain_world(tmp_path / "live.db", clock, COMMUNITY) as world:
        nightly = NightlyBackups(world.community, world.db.path, world.audit)
        runner = DeadlineRunner(world.db, clock)
        runner.register(DeadlineKind.NIGHTLY, nightly.run)
        async with world.tx() as tx:
            await nightly.plan(tx, clock.now())
            await nightly.plan(tx, clock.now())  # planning again changes nothing
            names = await tx.all("SELECT name FROM deadlines WHERE kind = 'backup'")
        assert sorted(r["name"] for r in names) == ["backup:2026-11-28", "backup:2026-11-29"]
        clock.set(datetime.combine(START.date() + timedelta(days=1), START.timetz()))
        assert await runner.run_due() == 2  # yesterday's (missed) and tonight's
        async with world.db.read() as tx:
            trail = await world.audit.timeline(tx, "backup")
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["concierge-2026-11-28.db", "concierge-2026-11-29.db"]
    assert backups.integrity(folder / written[-1]) == "ok"
    assert [e.action for e in trail] == ["backup_done", "backup_done"]


async def test_no_folder_no_backup(tmp_path: Path, clock: FakeClock) -> None:
    """Without a [backup] folder nothing is planned."""
    async with domain_world(tmp_path / "live.db", clock) as world:
        nightly = NightlyBackups(world.community, world.db.path, world.audit)
        async with world.tx() as tx:
            await nightly.plan(tx, clock.now())
            assert await tx.all("SELECT name FROM deadlines WHERE kind = 'backup'") == []
