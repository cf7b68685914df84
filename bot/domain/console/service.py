"""The console's use cases: signing in, who may see what, and each page's data and actions.

Every action goes through the feature that owns it (the setup service for prices and
revocation, notices for cancelling, bookings for cancel and dispatch) and is audited with the
staff member as actor (``person:ID``). Nothing here knows HTTP or Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community
from bot.domain.bookings import BookingService
from bot.domain.bookings.model import REASSIGNABLE
from bot.domain.bookings.staffing import Redispatched
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.console.insight.service import Insight
from bot.domain.console.model import (
    LOGIN_TTL,
    SESSION_TTL,
    Access,
    InitDataProblem,
    Page,
    PriceProblem,
    Viewer,
    check_init_data,
    new_token,
    price_against_market,
    search,
    token_hash,
)
from bot.domain.console.naming import Naming
from bot.domain.console.notice_edits import NoticeEdits
from bot.domain.console.repo import ConsoleRepo, JobRow
from bot.domain.console.sessions import Opened, Sessions
from bot.domain.console.setup_edits import Editing, SetupEdits
from bot.domain.console.staffing import Revoking
from bot.domain.console.timeline import TimelineLine, note_problem, timeline_lines
from bot.domain.console.today import CareWindows, Today, build_today
from bot.domain.notices import Notices
from bot.domain.people import People, Person, Role
from bot.domain.setup import Setup, SetupError
from bot.i18n import Lang, T, render
from bot.outbox import Outbox
from bot.storage import Tx

WORK_ROLES: tuple[Role, ...] = ("housekeeper", "provider")
CANCELLABLE = ("offered", "accepted", "arrived", "unassigned")  # what staff may cancel


@dataclass(frozen=True)
class JobPage:
    """A page of the bookings list."""

    rows: list[JobRow]
    total: int
    page: Page


class Console(Editing, Naming, Sessions):
    """The staff console's use cases."""

    def __init__(
        self,
        community: Community,
        clock: Clock,
        people: People,
        notices: Notices,
        bookings: BookingService,
        catalogue: ServiceCatalogue,
        audit: Audit,
        setup: Setup,
        insight: Insight,
        bot_token: str,
        repo: ConsoleRepo | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.community = community
        self.clock = clock
        self.people = people
        self.notices = notices
        self.bookings = bookings
        self.catalogue = catalogue
        self.audit = audit
        self.setup = setup
        self.insight = insight  # the decision pages' figures (insight_service.py)
        self._bot_token = bot_token
        self.repo = repo or ConsoleRepo()
        self.revoking = Revoking(community, people, setup, outbox)
        self.edits = SetupEdits(community, setup, notices)
        self.notice_edits = NoticeEdits(notices, clock, community.tz)

    # -- signing in ------------------------------------------------------------------------

    async def login_link_token(self, tx: Tx, person: Person) -> str:
        """A fresh one-time login token for this person (only its hash is stored)."""
        token, now = new_token(), self.clock.now()
        await self.repo.add_login(tx, token_hash(token), person.telegram_id, now, now + LOGIN_TTL)
        return token

    async def redeem_login(self, tx: Tx, token: str) -> Opened:
        """Use a login link once: a session token; Removed when the person's access was taken
        since; None when unknown, used or expired."""
        telegram_id = await self.repo.use_login(tx, token_hash(token), self.clock.now())
        if telegram_id is None:
            return None
        return await self._open_session(tx, telegram_id, linked=True)

    async def mini_app_login(self, tx: Tx, init_data: str) -> Opened | InitDataProblem:
        """Sign in with a Mini App's signed data: a session token, why the data was refused,
        Removed for someone revoked, or None when the person may not use the console."""
        checked = check_init_data(init_data, self._bot_token, self.clock.now())
        if isinstance(checked, InitDataProblem):
            return checked
        return await self._open_session(tx, checked, linked=False)

    async def _open_session(self, tx: Tx, telegram_id: int, *, linked: bool) -> Opened:
        if await self._access(tx, telegram_id) is None:
            return await self.removed(tx, telegram_id, linked=linked)
        await self.known(tx, telegram_id)
        token, now = new_token(), self.clock.now()
        await self.repo.add_session(
            tx, token_hash(token), telegram_id, new_token(), now, now + SESSION_TTL
        )
        await self.audit.record(tx, f"telegram:{telegram_id}", "console_login", "console")
        return token

    async def sign_out(self, tx: Tx, token: str) -> None:
        """End a session."""
        await self.repo.end_session(tx, token_hash(token))

    async def viewer(self, tx: Tx, token: str) -> Viewer | None:
        """Who a session belongs to and what they may do now (roles are read each time, so a
        revoked housekeeper's open session stops working at once)."""
        found = await self.repo.session(tx, token_hash(token), self.clock.now())
        if found is None:
            return None
        await self.setup.refresh(tx)  # a change committed by the last request is shown now
        telegram_id, csrf = found
        access = await self._access(tx, telegram_id)
        person = await self.people.get(tx, telegram_id)
        if access is None or person is None:
            return None
        kind, buildings = access
        return Viewer(telegram_id, person.name, person.language, kind, buildings, csrf)

    async def access(self, tx: Tx, telegram_id: int) -> Access | None:
        """Whether this person may sign in, and how: staff (everything) or a housekeeper
        (read-only, their buildings); None for anyone else or anyone revoked."""
        found = await self._access(tx, telegram_id)
        return found[0] if found is not None else None

    async def _access(self, tx: Tx, telegram_id: int) -> tuple[Access, frozenset[str]] | None:
        if await self.people.is_staff(tx, telegram_id):
            return Access.STAFF, frozenset()
        person = await self.people.get(tx, telegram_id)
        if person is None or await self.people.is_revoked(tx, telegram_id):
            return None
        keys = {
            ref for role, ref in await self.people.roles(tx, person.id) if role == "housekeeper"
        }
        if not keys:
            return None
        buildings = {b for h in self.community.housekeepers if h.key in keys for b in h.buildings}
        return Access.HOUSEKEEPER, frozenset(buildings)

    # -- pages -----------------------------------------------------------------------------

    def _visible(self, viewer: Viewer, job: JobRow) -> bool:
        return viewer.staff or (job.building or "") in viewer.buildings

    async def today(self, tx: Tx, viewer: Viewer) -> Today:
        """What needs attention now, most urgent first."""
        now = self.clock.now()
        jobs = [j for j in await self.repo.open_jobs(tx) if self._visible(viewer, j)]
        return build_today(
            now,
            jobs,
            self.window,
            await self.repo.open_incidents(tx) if viewer.staff else [],
            await self.repo.unanswered_checkins(tx, now) if viewer.staff else [],
            await self.repo.overdue_loans(tx, now) if viewer.staff else [],
            CareWindows.of(self.community),
            await self.bookings.overdue_ids(tx),
        )

    async def jobs(
        self, tx: Tx, viewer: Viewer, status: str, service: str, page: Page, query: str = ""
    ) -> JobPage:
        """A page of bookings, filtered by state, service and the search box (a booking number
        or words of a service's name in zh or en); a housekeeper's: their buildings only."""
        found = search(query, self.service_names())
        only = None if viewer.staff else viewer.buildings
        rows, total = await self.repo.jobs(tx, status, service, page, found, only)
        return JobPage(rows, total, page)

    async def job(
        self, tx: Tx, viewer: Viewer, booking_id: int
    ) -> tuple[JobRow, list[TimelineLine]] | None:
        """A booking and its whole timeline from the audit trail: local times, people's names
        (never an id), free text masked."""
        job = await self.repo.job(tx, booking_id)
        if job is None or not self._visible(viewer, job):
            return None
        events = await self.audit.timeline(tx, f"booking:{booking_id}")
        names = await self.actor_names(tx, events)
        lang: Lang = "en" if viewer.lang == "en" else "zh"
        unknown = render(T("console.someone"), lang)
        lines = timeline_lines(
            events, names, self.provider_names(lang), self.community.tz, unknown
        )
        return job, lines

    async def holders(self, tx: Tx) -> list[tuple[Person, str, str]]:
        """Staff (who opened a chat with the bot), housekeepers and provider members, with what
        they hold."""
        district = self.community.district_staff_ids()
        staff: list[tuple[Person, str, str]] = [
            (p, "district" if p.telegram_id in district else "staff", "")
            for p in await self.people.all_staff(tx)
        ]
        return staff + await self.people.everyone_holding(tx, WORK_ROLES)

    # -- actions (staff only; the web layer checks CSRF) -----------------------------------

    async def suspend(self, tx: Tx, viewer: Viewer, provider_id: str, suspended: bool) -> bool:
        """Suspend a provider (no longer offered) or lift it, through the bookings feature."""
        by = await self._staff(tx, viewer)
        return await self.insight.suspend(tx, provider_id, by, suspended)

    async def _staff(self, tx: Tx, viewer: Viewer) -> Person:
        person = await self.people.get(tx, viewer.telegram_id)
        if not viewer.staff or person is None:
            raise PermissionError("staff only")
        return person

    async def add_note(self, tx: Tx, viewer: Viewer, booking_id: int, note: str) -> bool:
        """A staff note on a booking's timeline; one empty or too long is refused, never cut
        (the page says why first: :func:`note_problem`)."""
        by = await self._staff(tx, viewer)
        if await self.repo.job(tx, booking_id) is None or note_problem(note):
            return False
        await self.audit.record(
            tx, f"person:{by.id}", "staff_note", f"booking:{booking_id}", note=note.strip()
        )
        return True

    async def cancel_booking(self, tx: Tx, viewer: Viewer, booking_id: int) -> bool:
        """Cancel a booking through the bookings feature: the resident and the worker (or the
        offer's recipients) told that the property office cancelled it, in their languages;
        the worker's job message loses its address and buttons; audited with the staff member."""
        by = await self._staff(tx, viewer)
        booking = await self.bookings.deps.repo.get(tx, booking_id)
        if booking is None or booking.status not in CANCELLABLE:
            return False
        await self.bookings.cancelling.cancel(tx, booking, by, staff=True)
        return True

    async def workers(self, tx: Tx, viewer: Viewer, booking_id: int) -> list[tuple[str, Person]]:
        """Whom staff may give this job to: (provider id, person); none when it is closed."""
        booking = await self.bookings.deps.repo.get(tx, booking_id)
        if not viewer.staff or booking is None or booking.status not in REASSIGNABLE:
            return []
        return await self.bookings.staffing.assignable(tx, booking)

    async def redispatch(self, tx: Tx, viewer: Viewer, booking_id: int) -> Redispatched:
        """Move a job on to the next provider of its plan (audited with the staff member); a
        job whose time is over is not moved, its resident asked for a new time."""
        by = await self._staff(tx, viewer)
        return await self.bookings.staffing.redispatch(tx, booking_id, by)

    async def assign(
        self, tx: Tx, viewer: Viewer, booking_id: int, provider_id: str, worker_id: int
    ) -> bool:
        """Give a job to a named worker (audited with the staff member)."""
        by = await self._staff(tx, viewer)
        return await self.bookings.staffing.assign(tx, booking_id, provider_id, worker_id, by)

    async def set_price(
        self, tx: Tx, viewer: Viewer, provider_id: str, service: str, price: float
    ) -> PriceProblem | None:
        """Change an offer's price through the setup service (audited, before and after);
        the next message after the commit quotes it. Why not, or None when done."""
        by = await self._staff(tx, viewer)
        provider = self.community.provider(provider_id)
        offer = (
            next((o for o in provider.offers if o.service == service), None) if provider else None
        )
        if offer is None:
            return PriceProblem.UNKNOWN_OFFER
        if (problem := price_against_market(price, offer.market_price)) is not None:
            return problem
        try:
            await self.setup.set_price(tx, f"person:{by.id}", service, provider_id, price)
        except SetupError:
            return PriceProblem.REFUSED
        return None
