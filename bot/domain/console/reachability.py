"""Who the bot cannot reach, for Today and Care: people the community file names (staff,
housekeepers and grid workers, provider members) who never opened a private chat with the bot
(Telegram refuses to write to them, so they get no alert, offer or reminder at all), and the
steps of an elder's ladder that reach nobody (the gaps the bot logs at start as "N escalation
gap(s)", said here per elder so staff can fix them on People).

The gaps' rule is the check-ins' own (``bot/domain/checkins/gaps.py``, which ``Reach.gaps``
logs and sends staff), over the community file's elders. Pure core and one read.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Community
from bot.domain.checkins.gaps import Gap, ladder_gaps
from bot.domain.people import People
from bot.storage import Tx

# The order of who to chase first: those on an escalation ladder (staff end every ladder; a
# high-risk elder's grid worker before another's; the emergency duty list), then the rest.
TIERS = {"staff": 0, "grid_worker_high": 1, "grid_worker": 2, "on_duty": 3}
LATER = {"housekeeper": 4, "provider": 5}


@dataclass(frozen=True)
class Silent:
    """Someone named in the file who cannot be written to: name, role and what it is for (a
    provider's id; the elders whose ladder they are on)."""

    name: str
    role: str  # staff | grid_worker | on_duty | housekeeper | provider
    ref: str = ""
    elders: tuple[str, ...] = ()
    high: bool = False  # on a high-risk elder's ladder

    @property
    def tier(self) -> int:
        """How urgent it is to reach them (0 first)."""
        if self.role == "grid_worker" and self.high:
            return TIERS["grid_worker_high"]
        return TIERS.get(self.role, LATER.get(self.role, 9))

    @property
    def ladder(self) -> bool:
        """Whether an escalation ladder counts on them."""
        return self.role in TIERS


def silent_people(
    community: Community, reached: set[int], keepers: set[str], providers: set[str]
) -> list[Silent]:
    """Everyone named in the file the bot cannot write to, most urgent first. ``reached``: the
    Telegram ids who opened a private chat; ``keepers`` and ``providers``: the keys for which
    someone who can be written to holds the role (a member joined by invite has no id in the
    file: their provider counts as reached once anyone of it is)."""
    found = [Silent(s.name, "staff") for s in community.staff if s.telegram_id not in reached]
    duty = set(community.emergency.on_duty)
    for keeper in community.housekeepers:
        if keeper.key in keepers or keeper.telegram_id in reached:
            continue
        cared = [x for x in community.elders if x.grid_worker == keeper.key]
        role = "grid_worker" if cared else "on_duty" if keeper.key in duty else "housekeeper"
        high = any(x.risk == "high" for x in cared)
        found.append(Silent(keeper.name, role, keeper.key, tuple(x.name for x in cared), high))
    for provider in community.providers:
        for member in provider.members:
            joined = (
                member.telegram_id in reached
                if member.telegram_id is not None
                else provider.id in providers
            )
            if not joined:
                found.append(Silent(member.name, "provider", provider.id))
    return sorted(found, key=lambda s: (s.tier, -len(s.elders), s.name))


def file_gaps(
    community: Community,
    staff_reached: bool,
    keepers: set[str],
    revoked: set[str],
    elders: set[str],
) -> list[Gap]:
    """The ladder steps reaching nobody for the file's elders (the check-ins' own rule);
    ``elders``: the keys of those who sent /start (one without Telegram is no gap)."""
    cared: dict[str, list[str]] = {}
    for elder in community.elders:
        cared.setdefault(elder.grid_worker, []).append(elder.name)
    names = {h.key: h.name for h in community.housekeepers}
    unreached = [x.name for x in community.elders if x.has_telegram and x.key not in elders]
    return ladder_gaps(staff_reached, cared, keepers, revoked, names, unreached)


class Reachability:
    """Reads who can be written to, then asks the pure core."""

    def __init__(self, community: Community, people: People) -> None:
        self.community = community
        self.people = people

    async def read(self, tx: Tx) -> tuple[list[Silent], list[Gap]]:
        """Who named in the file cannot be reached, and the ladder steps reaching nobody."""
        c = self.community
        ids = [s.telegram_id for s in c.staff]
        ids += [h.telegram_id for h in c.housekeepers if h.telegram_id is not None]
        ids += [m.telegram_id for p in c.providers for m in p.members if m.telegram_id]
        reached = {i for i in set(ids) if await self.people.reachable(tx, i) is not None}
        keys = sorted({h.key for h in c.housekeepers} | {x.grid_worker for x in c.elders})
        keepers = await self.people.active_refs(tx, "housekeeper", keys)
        providers = await self.people.active_refs(tx, "provider", [p.id for p in c.providers])
        revoked = {k for k in keys if await self.people.role_revoked(tx, "housekeeper", k)}
        staff_reached = bool(await self.people.staff(tx))
        elders = await self.people.active_refs(tx, "elder", [x.key for x in c.elders])
        # a revoked grid worker is a gap to fix on People, not someone to ask for /start
        silent = silent_people(c, reached, keepers | revoked, providers)
        return silent, file_gaps(c, staff_reached, keepers, revoked, elders)
