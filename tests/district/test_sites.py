"""Reading a folder of community files: one file runs as before; several make a district with
a store and a key per community; the district file; mistakes named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, settings_from_env
from bot.district.sites import site_secret, site_store
from tests.district.support import BOTH_STAFF, sample_text, write_folder


def env(folder: Path, db: str) -> dict[str, str]:
    return {"CONCIERGE_COMMUNITY": str(folder), "CONCIERGE_DB": db}


def test_a_folder_of_one_file_is_that_file(tmp_path: Path) -> None:
    (tmp_path / "only.toml").write_text(sample_text(), encoding="utf-8")
    settings = settings_from_env(env(tmp_path, "data.db"), require_token=False)
    assert settings.district == ()
    assert settings.community_path == tmp_path / "only.toml"
    assert settings.db_path == Path("data.db")


def test_a_folder_of_several_files_is_a_district(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "communities")
    db = str(tmp_path / "concierge.db")
    settings = settings_from_env(env(folder, db), require_token=False)
    assert [s.name for s in settings.district] == ["xiangxi", "yinxing"]
    assert [s.store for s in settings.district] == [
        tmp_path / "concierge" / "xiangxi.db",
        tmp_path / "concierge" / "yinxing.db",
    ]
    assert (tmp_path / "concierge").is_dir()
    assert settings.community.community.name_zh == "香溪美地"
    assert settings.db_path == tmp_path / "concierge" / "xiangxi.db"
    assert settings.office is None


@pytest.mark.parametrize(
    ("db", "name", "store"),
    [
        ("concierge.db", "a", Path("concierge/a.db")),
        ("/var/lib/concierge", "b", Path("/var/lib/concierge/b.db")),
        ("postgresql://u@h/db", "a", "postgresql://u@h/db?search_path=a"),
        ("postgresql://u@h/db?search_path=t1", "b", "postgresql://u@h/db?search_path=t1_b"),
    ],
)
def test_each_community_gets_its_own_store(db: str, name: str, store: Path | str) -> None:
    assert site_store(db, name) == store


def test_each_community_gets_its_own_key() -> None:
    keys = {site_secret("k" * 32, name) for name in ("a", "b")}
    assert len(keys) == 2 and "k" * 32 not in keys


def test_a_file_name_that_cannot_name_a_community_is_refused(tmp_path: Path) -> None:
    write_folder(tmp_path)
    (tmp_path / "Bad Name.toml").write_text(sample_text(), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"Bad Name\.toml: name the file"):
        settings_from_env(env(tmp_path, "x.db"), require_token=False)


def test_the_district_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "c")
    (folder / "district.toml").write_text(
        '[district]\nname_zh = "西溪街道"\nname_en = "Xixi"\n\n'
        f'[[staff]]\ntelegram_id = {BOTH_STAFF + 1}\nname = "王主任"\n',
        encoding="utf-8",
    )
    settings = settings_from_env(env(folder, str(tmp_path / "d.db")), require_token=False)
    assert settings.office is not None and settings.office.district.name_zh == "西溪街道"
    assert len(settings.district) == 2  # district.toml is not a community
    (folder / "district.toml").write_text("[district]\nname_zh = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"district file .*district\.toml: district\.name_zh"):
        settings_from_env(env(folder, str(tmp_path / "d.db")), require_token=False)


async def test_a_communitys_postgresql_schema_is_made_at_first_start() -> None:
    """The URL's search_path names the community's schema; a new one is created on open."""
    import uuid

    import asyncpg

    from bot.storage.pg import PgDatabase
    from tests.stores import PG_URL, skip_without_pg

    skip_without_pg()
    schema = f"district_{uuid.uuid4().hex[:12]}"
    store = site_store(f"{PG_URL}?search_path={schema}", "xiangxi")
    db = PgDatabase(store)
    await db.open()
    try:
        async with db.read() as tx:
            assert await tx.scalar("SELECT current_schema()") == f"{schema}_xiangxi"
            assert await tx.scalar("SELECT COUNT(*) FROM people") == 0  # migrated there
    finally:
        await db.close()
        conn = await asyncpg.connect(PG_URL)
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema}_xiangxi CASCADE")
        await conn.close()
