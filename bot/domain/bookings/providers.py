"""Who may be offered a job: eligibility, ratings, suspensions, and who an offer reaches."""

from __future__ import annotations

import logging

from bot.config import Provider
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.model import Booking, Candidate
from bot.domain.bookings.policy import backstop_id, exclusions, typical_response
from bot.domain.people import Person
from bot.i18n import T, both
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)
Stats = dict[str, tuple[float, int]]


class Providers:
    """Provider eligibility and the people an offer goes to."""

    def __init__(self, deps: BookingDeps) -> None:
        self.d = deps

    @property
    def backstop(self) -> str:
        """The property's own team in a plan."""
        return backstop_id(self.d.community.providers)

    async def candidates(self, tx: Tx, service: str, resident_id: int) -> list[Candidate]:
        """Providers this resident may be offered for a service, cheapest first."""
        stats = await self.d.repo.rating_stats(tx)
        typical = typical_response(await self.d.repo.accept_spans(tx))
        blocked = await self.d.repo.blocked(tx, resident_id)
        out: list[Candidate] = []
        for provider, offer in self.d.services.offers(service):
            if not await self.usable(tx, provider, stats) or provider.id in blocked:
                continue
            average, count = stats.get(provider.id, (0.0, 0))
            found = Candidate(
                provider, offer, average if count else None, count, typical.get(provider.id)
            )
            out.append(found)
        return out

    async def usable(self, tx: Tx, provider: Provider, stats: Stats) -> bool:
        """Licence, insurance, rating floor and staff allow offering this provider; staff are
        told once why one is left out (a suspension they made themselves needs no telling)."""
        today = self.d.local_now().date()
        reasons = exclusions(provider, today, stats, self.d.community.policy)
        for reason in reasons:
            await self._flag(tx, provider, reason)
        return not reasons and not await self.d.repo.suspended(tx, provider.id)

    async def backstop_usable(self, tx: Tx) -> bool:
        """Whether the property's own team may be asked (always, when the file lists none)."""
        provider = self.d.community.provider(self.backstop)
        return provider is None or await self.usable(tx, provider, {})

    async def check_floor(self, tx: Tx, provider_id: str) -> None:
        """After a rating: tell staff when the provider fell below the rating floor."""
        provider = self.d.community.provider(provider_id)
        if provider is not None:
            await self.usable(tx, provider, await self.d.repo.rating_stats(tx))

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

    async def recipients(self, tx: Tx, booking: Booking, provider_id: str) -> list[Person]:
        """Who an offer goes to: the provider's members; for the property's own team, also the
        housekeepers covering the resident's building."""
        provider = self.d.community.provider(provider_id)
        people: list[Person] = []
        if provider is None or provider.kind == "property":
            building = booking.address.building if booking.address else ""
            for keeper in self.d.community.housekeepers:
                if building in keeper.buildings:
                    people += await self.d.people.holders(tx, "housekeeper", keeper.key)
        if provider is not None:
            people += await self.d.people.holders(tx, "provider", provider.id)
        unique: dict[int, Person] = {}
        for person in people:
            unique.setdefault(person.id, person)
        return list(unique.values())
