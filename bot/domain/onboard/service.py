"""Onboarding a new provider from the console: save and edit an application, attach its
documents, hand it in, and approve or reject it; each step audited (who, when, before, after).

Approval puts the provider into the setup through the setup service (so it is offered to the
next resident, without a restart) with its licence and insurance expiry, and mints a one-time
invite (the people feature's own, redeemed by ``/start <token>``) that makes whoever opens it a
member of the new provider. Once live, its offers are edited here too (add a service, change a
price, take one off), through the same setup service. Nothing here knows HTTP or Telegram;
only staff may act.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.onboard.model import (
    COMPLETE_FOR,
    Application,
    Details,
    DocKind,
    Known,
    Move,
    after,
    document_problem,
    expiring,
    problems,
    sniff,
)
from bot.domain.onboard.repo import OnboardRepo
from bot.domain.people import People, Person
from bot.domain.setup import Setup, SetupError
from bot.storage import Tx

DeepLink = Callable[[str], str]


@dataclass(frozen=True)
class Outcome:
    """What a move did: done, or the problems that stopped it; an approval's invite link."""

    done: bool
    problems: list[str] = field(default_factory=list)
    invite_link: str = ""


def public(details: Details | None) -> dict[str, Any] | None:
    """Details as the audit keeps them: the contact only as "(set)"."""
    if details is None:
        return None
    return {
        "provider_id": details.provider_id,
        "name_zh": details.name_zh,
        "name_en": details.name_en,
        "contact": "(set)" if details.contact else "",
        "buildings": list(details.buildings),
        "offers": [
            [o.service, o.price, o.market_price, o.unit_zh, o.unit_en] for o in details.offers
        ],
    }


class ProviderOnboarding:
    """The use cases of the console's "New provider" pages."""

    def __init__(
        self,
        community: Community,
        clock: Clock,
        people: People,
        catalogue: ServiceCatalogue,
        setup: Setup,
        audit: Audit,
        deep_link: DeepLink,
        repo: OnboardRepo | None = None,
    ) -> None:
        self.community = community
        self.clock = clock
        self.people = people
        self.catalogue = catalogue
        self.setup = setup
        self.audit = audit
        self.deep_link = deep_link
        self.repo = repo or OnboardRepo()

    def today(self) -> date:
        """Today in the community's timezone (expiry dates are community dates)."""
        return self.clock.now().astimezone(self.community.tz).date()

    def known(self) -> Known:
        """The catalogue's services, the community's buildings, the providers there are."""
        return Known(
            frozenset(e.id for e in self.catalogue.vocabulary.services()),
            frozenset(self.community.building_ids()),
            frozenset(p.id for p in self.community.providers),
        )

    def problems(self, application: Application) -> list[str]:
        """What keeps the application from being submitted or approved."""
        return problems(application, self.known(), self.today())

    async def _staff(self, tx: Tx, telegram_id: int) -> Person:
        person = await self.people.get(tx, telegram_id)
        if person is None or not await self.people.is_staff(tx, telegram_id):
            raise PermissionError("staff only")
        return person

    async def _record(self, tx: Tx, by: Person, action: str, app_id: int, **detail: Any) -> None:
        await self.audit.record(tx, f"person:{by.id}", action, f"application:{app_id}", **detail)

    async def create(self, tx: Tx, telegram_id: int, details: Details) -> int:
        """Save a new application as a draft (incomplete is fine: the page lists what is
        missing); its id."""
        by = await self._staff(tx, telegram_id)
        app_id = await self.repo.add(tx, details, by.id, self.clock.now())
        await self._record(tx, by, "application_saved", app_id, after=public(details))
        return app_id

    async def edit(self, tx: Tx, telegram_id: int, app_id: int, details: Details) -> bool:
        """Change the details of a draft or submitted application (False once decided)."""
        by = await self._staff(tx, telegram_id)
        current = await self.repo.get(tx, app_id)
        if current is None or after(current.state, Move.EDIT) is None:
            return False
        if not await self.repo.update(tx, app_id, current.state, details, self.clock.now()):
            return False
        before, now = public(current.details), public(details)
        await self._record(tx, by, "application_edited", app_id, before=before, after=now)
        return True

    async def upload(
        self,
        tx: Tx,
        telegram_id: int,
        app_id: int,
        kind: DocKind,
        data: bytes,
        expires: date | None,
    ) -> str | None:
        """Attach a document: None when stored, else why it was refused (a problem key)."""
        by = await self._staff(tx, telegram_id)
        current = await self.repo.get(tx, app_id)
        if current is None or after(current.state, Move.EDIT) is None:
            return "decided"
        problem = document_problem(data, expires, self.today())
        content_type = sniff(data)
        if problem is not None or content_type is None or expires is None:
            return problem or "doc_type"
        now = self.clock.now()
        doc_id = await self.repo.add_document(
            tx, app_id, kind, content_type, data, expires, by.id, now
        )
        detail = {"document": doc_id, "kind": kind.value, "type": content_type}
        await self._record(
            tx, by, "application_document", app_id, after={**detail, "expires": str(expires)}
        )
        return None

    async def remove_document(self, tx: Tx, telegram_id: int, app_id: int, doc_id: int) -> bool:
        """Take a document off an application that is not decided yet."""
        by = await self._staff(tx, telegram_id)
        current = await self.repo.get(tx, app_id)
        if current is None or after(current.state, Move.EDIT) is None:
            return False
        if not await self.repo.remove_document(tx, app_id, doc_id, self.clock.now()):
            return False
        await self._record(tx, by, "application_document_removed", app_id, before=doc_id)
        return True

    async def move(self, tx: Tx, telegram_id: int, app_id: int, move: Move) -> Outcome:
        """Submit, reopen, approve or reject; a move the state does not allow changes nothing,
        and submitting or approving needs a complete application."""
        by = await self._staff(tx, telegram_id)
        current = await self.repo.get(tx, app_id)
        target = None if current is None else after(current.state, move)
        if current is None or target is None or move is Move.EDIT:
            return Outcome(False, ["state"])
        if move in COMPLETE_FOR and (found := self.problems(current)):
            return Outcome(False, found)
        if move is Move.APPROVE:
            try:
                await self._create_provider(tx, by, current)
            except SetupError:
                return Outcome(False, ["setup"])
        if not await self.repo.move(tx, app_id, current.state, target, by.id, self.clock.now()):
            return Outcome(False, ["state"])
        await self._record(
            tx, by, f"application_{target.value}", app_id, before=current.state, after=target
        )
        link = await self._invite(tx, by, current) if move is Move.APPROVE else ""
        return Outcome(True, invite_link=link)

    async def _create_provider(self, tx: Tx, by: Person, application: Application) -> None:
        """Put the provider in the setup (audited there, before/after), live at once."""
        details = application.details
        licence = application.expiry(DocKind.LICENCE)
        insurance = application.expiry(DocKind.INSURANCE)
        entry: dict[str, Any] = {
            "id": details.provider_id,
            "name_zh": details.name_zh,
            "name_en": details.name_en or details.name_zh,
            "kind": "third_party",
            "licence_expires": licence.isoformat() if licence else None,
            "insurance_expires": insurance.isoformat() if insurance else None,
            "offers": [
                {
                    "service": o.service,
                    "price": o.price,
                    "market_price": o.market_price,
                    "unit_zh": o.unit_zh,
                    "unit_en": o.unit_en,
                }
                for o in details.offers
            ],
        }
        await self.setup.put(tx, f"person:{by.id}", "providers", entry)

    async def _invite(self, tx: Tx, by: Person, application: Application) -> str:
        """A one-time, expiring link that makes its opener a member of the new provider."""
        ref = application.details.provider_id
        ttl = self.community.policy.invite_ttl
        invite = await self.people.create_invite(tx, "provider", ref, by.id, ttl)
        await self.audit.record(tx, f"person:{by.id}", "invite_created", f"provider:{ref}")
        return self.deep_link(invite.token)

    # -- a live provider's offers (the setup service's edits, audited before/after there) ----

    async def put_offer(
        self,
        tx: Tx,
        telegram_id: int,
        provider_id: str,
        service: str,
        price: float,
        market_price: float | None,
    ) -> bool:
        """Add a service to a live provider's offers, or change its price (and market price);
        False when the setup refuses it (unknown provider or service, above the market)."""
        by = await self._staff(tx, telegram_id)
        try:
            await self.setup.set_price(
                tx, f"person:{by.id}", service, provider_id, price, market_price
            )
        except SetupError:
            return False
        return True

    async def drop_offer(self, tx: Tx, telegram_id: int, provider_id: str, service: str) -> bool:
        """The live provider stops offering a service (False: it did not offer it)."""
        by = await self._staff(tx, telegram_id)
        try:
            await self.setup.remove_offer(tx, f"person:{by.id}", service, provider_id)
        except SetupError:
            return False
        return True

    async def application(self, tx: Tx, app_id: int) -> Application | None:
        """One application with its documents (staff pages only)."""
        return await self.repo.get(tx, app_id)

    async def document(self, tx: Tx, app_id: int, doc_id: int) -> tuple[str, bytes] | None:
        """A document's type and bytes, to show staff."""
        return await self.repo.document(tx, app_id, doc_id)

    def expiring(self) -> list[tuple[str, DocKind, date]]:
        """Live providers whose licence or insurance runs out within 30 days (or has)."""
        today, found = self.today(), []
        for provider in self.community.providers:
            for kind, when in (
                (DocKind.LICENCE, provider.licence_expires),
                (DocKind.INSURANCE, provider.insurance_expires),
            ):
                if when is not None and expiring(when, today):
                    found.append((provider.id, kind, when))
        return found
