"""A folder of community files: one site per file, each with a store of its own.

Read when ``CONCIERGE_COMMUNITY`` names a folder. A site's name is its file's name without
``.toml``; the stores follow from ``CONCIERGE_DB``: a SQLite path names a data folder
(``concierge.db`` -> ``concierge/<name>.db``), a PostgreSQL URL gets one schema per community
(``search_path=<name>``, or ``<given>_<name>`` when the URL already names a search path).
No I/O beyond reading the files and making the data folder.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pydantic import ValidationError

from bot.config import Community, ConfigError, DistrictFile, Settings, Site, load_community
from bot.storage.dialect import is_postgres, url_of

_NAME = re.compile(r"^[a-z0-9_]{1,24}$")


DISTRICT_FILE = "district.toml"


def community_files(folder: Path) -> list[Path]:
    """The community files of a folder, in name order (a folder without one is an error);
    ``district.toml`` is the district's own file, not a community's."""
    files = sorted(p for p in folder.glob("*.toml") if p.is_file() and p.name != DISTRICT_FILE)
    if not files:
        raise ConfigError(f"community folder {folder}: no community file (*.toml) in it")
    return files


def site_name(path: Path) -> str:
    """A community's name in a district: its file's name, which must be short and plain (it is
    put in deep links, schema names and file names)."""
    name = path.stem
    if not _NAME.match(name):
        raise ConfigError(
            f"community file {path}: name the file with up to 24 lower-case letters, digits"
            " or _ (it names the community in links and in its store)"
        )
    return name


def site_store(db: str, name: str) -> Path | str:
    """Where a community of a district keeps its data (see the module docstring)."""
    if is_postgres(db):
        parts = urlsplit(url_of(db))
        query = dict(parse_qsl(parts.query))
        given = query.get("search_path", "")
        query["search_path"] = f"{given}_{name}" if given else name
        return urlunsplit(parts._replace(query=urlencode(query)))
    base = Path(db or "concierge.db")
    folder = base.with_suffix("") if base.suffix else base
    return folder / f"{name}.db"


def load_office(folder: Path) -> DistrictFile | None:
    """The folder's ``district.toml`` (the district role), validated; None without one."""
    path = folder / DISTRICT_FILE
    if not path.is_file():
        return None
    try:
        return DistrictFile.model_validate(tomllib.loads(path.read_text("utf-8-sig")))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"district file {path}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        raise ConfigError(f"district file {path}: {where}: {error['msg']}") from None


def add_office_staff(community: Community, office: DistrictFile) -> None:
    """Put the district's staff among the community's own (each once), in the live community.

    Called at build and after every setup change (the setup kept in the store replaces the
    staff list): the district role is the district file's, never stored in a community's
    setup, so taking someone out of ``district.toml`` takes them out of every community."""
    community.mark_district_staff(office)
    own = community.staff_ids()
    extra = [s for s in office.staff if s.telegram_id not in own]
    if extra:
        object.__setattr__(community, "staff", [*community.staff, *extra])


def load_sites(folder: Path, db: str) -> tuple[Site, ...]:
    """Every community file of the folder, validated, with its store (a SQLite data folder is
    created here, so each store can be opened like a single community's)."""
    sites: list[Site] = []
    for path in community_files(folder):
        name = site_name(path)
        sites.append(Site(name, load_community(path), path, site_store(db, name)))
    for site in sites:
        if not is_postgres(site.store):
            Path(site.store).parent.mkdir(parents=True, exist_ok=True)
    return tuple(sites)


def site_secret(secret: str, name: str) -> str:
    """A community's own key, derived from the deployment's: what one community signs (buttons,
    invites, console links and sessions) is worthless in another."""
    return hmac.new(secret.encode(), f"community:{name}".encode(), hashlib.sha256).hexdigest()


def site_settings(settings: Settings, site: Site, index: int) -> Settings:
    """The settings one community's copy of the bot runs with: its file, its store, its key,
    its console port (the district's port plus its place; 0 stays 0: any free port)."""
    store = site.store
    port = settings.web_port + index if settings.web_port else 0
    return replace(
        settings,
        community=site.community,
        community_path=site.path,
        db_path=Path("concierge.db") if is_postgres(store) else Path(store),
        db_url=url_of(store) if is_postgres(store) else "",
        secret_key=site_secret(settings.secret_key, site.name),
        web_port=port,
        public_url=settings.public_url if index == 0 else "",
        webhook=settings.webhook if index == 0 else False,
        district=(),
        site=site.name,
    )
