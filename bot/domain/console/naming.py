"""Names the console's pages show instead of ids (mixed into :class:`Console`): the people
behind audit actors, providers and services in the viewer's language; a job's response window."""

from __future__ import annotations

from datetime import timedelta

from bot.audit import AuditEvent
from bot.config import Community
from bot.domain.bookings.onsite.model import work_order_window
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.console.repo import JobRow
from bot.domain.console.timeline import actor_ids
from bot.domain.people import People
from bot.storage import Tx


class Naming:
    """Look-ups of names by id."""

    community: Community
    people: People
    catalogue: ServiceCatalogue

    async def actor_names(self, tx: Tx, events: list[AuditEvent]) -> dict[str, str]:
        """The names of the people the events' actors are (``person:ID`` / ``telegram:ID``)."""
        person_ids, telegram_ids = actor_ids(events)
        names: dict[str, str] = {}
        for pid in person_ids:
            if (found := await self.people.by_id(tx, pid)) is not None:
                names[f"person:{pid}"] = found.name
        for tid in telegram_ids:
            if (found := await self.people.get(tx, tid)) is not None:
                names[f"telegram:{tid}"] = found.name
        return names

    def window(self, job: JobRow) -> timedelta:
        """How long the job's offer may wait for an answer: a work order's by its priority
        (urgent 15 minutes), any other the service's (as dispatch measures it)."""
        if job.kind == "work_order":
            return work_order_window(job.priority or "", self.community.work_orders)
        return self.catalogue.response_window(job.service)

    def provider_names(self, lang: str) -> dict[str, str]:
        """Each provider's name in a language, by id."""
        return {
            p.id: (p.name_en if lang == "en" and p.name_en else p.name_zh)
            for p in self.community.providers
        }

    def service_names(self) -> dict[str, dict[str, str]]:
        """Every service the community offers, with its zh and en names."""
        offered = {o.service for p in self.community.providers for o in p.offers}
        return {service: self.catalogue.name(service) for service in sorted(offered)}
