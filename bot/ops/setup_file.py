"""``concierge export`` and ``concierge import``: the setup in the database as a community file,
and a community file's setup into the database (differences shown first, each one audited).

The database holds the setup staff edit (:mod:`bot.domain.setup`); everything else in the file
(policies, services, tools, groups) is read from ``CONCIERGE_COMMUNITY`` at each start. So an
export writes the running file's other sections with the database's setup: a valid community
file that, imported again, shows no differences.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bot.audit import Audit
from bot.clock import SystemClock
from bot.config import Community, load_community
from bot.domain.people import People
from bot.domain.setup import Difference, Setup
from bot.domain.setup.model import differences, plain, sections_of, with_sections
from bot.ops.toml_out import dumps
from bot.outbox import Outbox
from bot.storage import Database

HEADER = (
    "Community file written by `concierge export` on {at}.\n"
    "The setup (staff, housekeepers, providers, elders, notices) is what the database held;\n"
    "the rest is the community file the bot was started with. Apply changes with\n"
    "`concierge import FILE`."
)


def _setup(community: Community) -> Setup:
    clock = SystemClock()
    audit = Audit(clock)
    return Setup(community, audit, People(community, clock), Outbox(clock))


async def current(db: Database, base: Community) -> Community:
    """The community the bot would run with: ``base`` with the database's setup, if any."""
    async with db.read() as tx:
        stored = await _setup(base).sections(tx)
    return with_sections(base, stored) if stored else base


def community_text(community: Community, at: datetime) -> str:
    """A community as a community file's text."""
    return dumps(plain(community), HEADER.format(at=at.strftime("%Y-%m-%d %H:%M")))


async def export_setup(db: Database, base: Community, at: datetime) -> str:
    """The current setup as a valid community file's text."""
    return community_text(await current(db, base), at)


class ChangedMeanwhile(Exception):
    """The setup changed between showing the differences and applying them."""


async def import_setup(
    db: Database, path: Path, confirm: Callable[[list[Difference]], bool], actor: str
) -> list[Difference]:
    """Show the file's differences from the database (``confirm`` sees them and says whether
    to go on, while nothing is locked: the bot keeps running), then apply exactly those in one
    transaction; return what was applied ([] if nothing or not confirmed)."""
    community = load_community(path)
    setup = _setup(community)
    wanted = sections_of(community)
    async with db.read() as tx:
        shown = differences(await setup.sections(tx), wanted)
    if not shown or not confirm(shown):
        return []
    async with db.tx() as tx:
        if differences(await setup.sections(tx), wanted) != shown:
            raise ChangedMeanwhile("the setup changed meanwhile (staff edited it); run again")
        return await setup.replace(tx, actor, wanted)
