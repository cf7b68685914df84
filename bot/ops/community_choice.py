"""Which community a one-store command acts on, when ``CONCIERGE_COMMUNITY`` names a folder.

The one-store commands (``import``, ``export``, ``backup``, ``restore``, ``export-csv``,
``migrate``, ``train``) act on one community's file and store. With a folder of several they
take ``--community NAME`` (the file's name without ``.toml``) and are refused without it,
never acting on the first by accident; the choice points ``CONCIERGE_COMMUNITY`` at that file
and ``CONCIERGE_DB`` at its store for this command, exactly as pointing them by hand would.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path

from bot.config import ConfigError
from bot.district.sites import community_files, site_name, site_store


def communities(env: MutableMapping[str, str]) -> list[str]:
    """The communities of the folder ``CONCIERGE_COMMUNITY`` names (none for one file)."""
    given = env.get("CONCIERGE_COMMUNITY")
    if not given or not Path(given).is_dir():
        return []
    return [site_name(p) for p in community_files(Path(given))]


def choose_community(name: str | None, env: MutableMapping[str, str]) -> None:
    """Point the environment at one community of a folder (see the module docstring)."""
    names = communities(env)
    if not names:
        if name and Path(env.get("CONCIERGE_COMMUNITY", "")).stem != name:
            raise ConfigError(
                f"--community {name}: CONCIERGE_COMMUNITY is another community's file, not a"
                " folder of several (leave --community out)"
            )
        return
    if name is None:
        if len(names) == 1:
            name = names[0]
        else:
            raise ConfigError(
                f"{env['CONCIERGE_COMMUNITY']} holds {len(names)} communities"
                f" ({', '.join(names)}): say which this command is for with --community NAME"
            )
    if name not in names:
        raise ConfigError(
            f"--community {name}: no such community in {env['CONCIERGE_COMMUNITY']}"
            f" (there: {', '.join(names)})"
        )
    folder = Path(env["CONCIERGE_COMMUNITY"])
    store = site_store(env.get("CONCIERGE_DB", "concierge.db"), name)
    if isinstance(store, Path):
        store.parent.mkdir(parents=True, exist_ok=True)
    env["CONCIERGE_COMMUNITY"] = str(folder / f"{name}.toml")
    env["CONCIERGE_DB"] = str(store)
