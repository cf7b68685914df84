"""Who may be offered a job: eligibility, ratings, suspensions, and who an offer reaches."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence

from bot.config import Community, Offer, Provider
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.model import Booking, Candidate, ProviderStats
from bot.domain.bookings.policy import backstop_id, exclusions
from bot.domain.bookings.trust.repo import suspended_providers
from bot.domain.people import People, Person
from bot.i18n import T, both
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)
Stats = Mapping[str, ProviderStats]


class Providers:
    """Provider eligibility and the people an offer goes to."""

    def __init__(self, deps: BookingDeps) -> None:
        self.d = deps
        # Rankings of the current transaction, by (repo generation, service, resident): an
        # update that ranks twice (a draft's start and its first step) reads the tables once.
        self._memo_tx: Tx | None = None
        self._memo: dict[tuple[int, str, int], list[Candidate]] = {}
        # A suspension's open offers move on (set by staffing, which re-dispatches)
        self.on_suspended: Callable[[Tx, str, Person], Awaitable[None]] | None = None

    @property
    def backstop(self) -> str:
        """The property's own team in a plan."""
        return backstop_id(self.d.community.providers)

    async def candidates(self, tx: Tx, service: str, resident_id: int) -> list[Candidate]:
        """Providers this resident may be offered for a service, cheapest first; ranked once
        per transaction, again only after a write that can change the ranking."""
        if tx is not self._memo_tx:
            self._memo_tx, self._memo = tx, {}
        key = (self.d.repo.generation, service, resident_id)
        if key not in self._memo:
            self._memo[key] = await self._rank(tx, service, resident_id)
        return list(self._memo[key])

    async def _rank(self, tx: Tx, service: str, resident_id: int) -> list[Candidate]:
        """The candidates from the providers' stats rows, suspensions and blocks."""
        stats = await self.d.repo.provider_stats(tx)
        blocked = await self.d.repo.blocked(tx, resident_id)
        suspended = await self.d.repo.suspended(tx)
        offers = self.d.services.offers(service)
        staffed = await self.staffed(tx, [provider for provider, _ in offers])
        out: list[Candidate] = []
        for provider, offer in offers:
            if provider.id in blocked or not await self._allowed(tx, provider, stats, suspended):
                continue
            if provider.id not in staffed:
                continue  # nobody could take the job: never quoted, never waited on
            found = stats.get(provider.id, ProviderStats(provider.id))
            out.append(Candidate(provider, offer, found.average, found.ratings, found.typical))
        return out

    async def _allowed(
        self, tx: Tx, provider: Provider, stats: Stats, suspended: Collection[str]
    ) -> bool:
        """Licence, insurance, rating floor and staff allow offering this provider; staff are
        told once why one is left out (a suspension they made themselves needs no telling)."""
        today = self.d.local_now().date()
        ratings = {pid: found.rating for pid, found in stats.items()}
        reasons = exclusions(provider, today, ratings, self.d.community.policy)
        for reason in reasons:
            await self._flag(tx, provider, reason)
        return not reasons and provider.id not in suspended

    async def staffed(self, tx: Tx, providers: Sequence[Provider]) -> set[str]:
        """The ids of these providers someone active works for (:func:`staffed`)."""
        keepers = [k.key for k in self.d.community.housekeepers]
        return await staffed(tx, self.d.people, providers, self.backstop, keepers)

    async def usable(self, tx: Tx, provider: Provider, stats: Stats) -> bool:
        """Whether this provider may be offered (see :meth:`_allowed`)."""
        return await self._allowed(tx, provider, stats, await self.d.repo.suspended(tx))

    async def backstop_usable(self, tx: Tx) -> bool:
        """Whether the property's own team may be asked (always, when the file lists none)."""
        provider = self.d.community.provider(self.backstop)
        return provider is None or await self.usable(tx, provider, {})

    async def check_floor(self, tx: Tx, provider_id: str) -> None:
        """After a rating: tell staff when the provider fell below the rating floor."""
        provider = self.d.community.provider(provider_id)
        if provider is not None:
            await self.usable(tx, provider, await self.d.repo.provider_stats(tx))

    async def _flag(self, tx: Tx, provider: Provider, reason: str) -> None:
        """Tell staff once why a provider is no longer offered."""
        if not await self.d.repo.flag(tx, provider.id, reason):
            return
        subject = f"provider:{provider.id}"
        await self.d.audit.record(tx, "system", "provider_excluded", subject, reason=reason)
        text = T(
            "bookings.staff_provider_excluded",
            provider=both(provider.name_zh, provider.name_en),
            reason=T(f"bookings.exclusion.{reason}"),
        )
        for staff in await self.d.people.staff(tx):
            key = f"flag:{provider.id}:{reason}:{staff.id}"
            await self.d.send(tx, staff.telegram_id, text, key=key)

    async def suspend(self, tx: Tx, provider: Provider, staff: Person, suspended: bool) -> None:
        """Staff suspend a provider (not offered any more) or lift the suspension."""
        if suspended:
            await self.d.repo.suspend(tx, provider.id, staff.id)
        else:
            await self.d.repo.unsuspend(tx, provider.id)
        action = "provider_suspended" if suspended else "provider_unsuspended"
        await self.d.audit.record(tx, actor(staff), action, f"provider:{provider.id}")
        if suspended and self.on_suspended is not None:
            await self.on_suspended(tx, provider.id, staff)

    async def recipients(
        self, tx: Tx, booking: Booking, provider_id: str, *, strict: bool = False, away: int = 0
    ) -> list[Person]:
        """Who an offer goes to: the provider's members; for the property's own team, also
        the housekeepers of the resident's building (:func:`team_reach`; ``strict``: only
        those covering it, never every housekeeper for want of them); never the person
        ``away`` (the worker staff just took the job from)."""
        provider = self.d.community.provider(provider_id)
        people: list[Person] = []
        if provider is None or provider.kind == "property":
            building = booking.address.building if booking.address else ""
            people += await team_reach(tx, self.d.people, self.d.community, building, strict)
        if provider is not None:
            people += await self.d.people.holders(tx, "provider", provider.id)
        unique: dict[int, Person] = {}
        for person in people:
            if person.id != away:
                unique.setdefault(person.id, person)
        return list(unique.values())

    async def again(self, tx: Tx, booking: Booking, away: int) -> list[str] | None:
        """What a staff re-dispatch adds to the job's plan: nothing when a provider ahead in
        it can be asked; else the plan from its top (the rule for a job nobody took), each
        provider once, those suspended or with nobody but ``away`` (the worker the job is
        taken from) left out; None when that leaves nobody at all."""
        suspended = await self.d.repo.suspended(tx)

        async def askable(provider_id: str) -> bool:
            people = await self.recipients(tx, booking, provider_id, away=away)
            return bool(people) and provider_id not in suspended

        for provider_id in booking.plan[booking.attempt + 1 :]:
            if await askable(provider_id):
                return []
        return [p for p in dict.fromkeys(booking.plan) if await askable(p)] or None


async def team_reach(
    tx: Tx, people: People, community: Community, building: str | None, strict: bool = False
) -> list[Person]:
    """The housekeepers who can act on a job in this building: those covering it who can be
    written to, or, when none of them can, every housekeeper who can (telling one too many
    beats a report nobody reads: the rule of :func:`incidents.model.covering`); ``strict``
    (a named assignment, not a broadcast): those covering it only."""
    keepers = community.housekeepers
    covering = [k.key for k in keepers if building and building in k.buildings]
    others = [] if strict else [k.key for k in keepers if k.key not in covering]
    for keys in (covering, others):
        found: list[Person] = []
        for key in keys:
            found += await people.holders(tx, "housekeeper", key)
        found = [p for p in found if not await people.is_revoked(tx, p.telegram_id)]
        if found:
            return found
    return []


async def staffed(
    tx: Tx, people: People, providers: Sequence[Provider], backstop: str, keepers: Sequence[str]
) -> set[str]:
    """The ids of these providers someone active works for (a member who joined and was not
    revoked; for the property's own team, one of its members or any housekeeper of `keepers`
    who did), read in one query per role: a provider whose members were all revoked, newly
    approved with its invite unused, or a property team nobody from which ever opened the
    bot, is not quoted, in private or in a group (it could take no job)."""
    team = {p.id for p in providers if p.kind == "property" or p.id == backstop}
    found = await people.active_refs(tx, "provider", [p.id for p in providers])
    if team - found and await people.active_refs(tx, "housekeeper", keepers):
        found |= team
    return found


async def staffed_offers(
    tx: Tx, people: People, community: Community, pairs: Sequence[tuple[Provider, Offer]]
) -> list[tuple[Provider, Offer]]:
    """The (provider, offer) pairs someone could take a job for (:func:`staffed`): what a
    group's quote and a price card may show."""
    backstop = backstop_id(community.providers)
    keepers = [k.key for k in community.housekeepers]
    ids = await staffed(tx, people, [p for p, _ in pairs], backstop, keepers)
    ids -= await suspended_providers(tx)  # a suspended provider's price is not quoted
    return [(p, o) for p, o in pairs if p.id in ids]
