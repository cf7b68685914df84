"""The booking service: its use cases wired from explicit dependencies, and staff's views.

:func:`build` is the one place the feature is assembled (the handlers call it from
``register``); each part holds the use cases of one stage: :class:`DraftFlow` (the draft),
:class:`Dispatch` (offers and the backstop), :class:`Jobs` (arrival to rating),
:class:`Cancelling`, :class:`Providers` (eligibility, suspensions); :class:`BookingReplies`
renders the answers to questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock
from bot.config import Community
from bot.domain.bookings.aside import Aside
from bot.domain.bookings.cancelling import Cancelling
from bot.domain.bookings.contract import Action
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.dispatch import Dispatch
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.jobs import Jobs
from bot.domain.bookings.messages import BookingTexts
from bot.domain.bookings.mine import Mine
from bot.domain.bookings.model import Booking
from bot.domain.bookings.moving import Moving
from bot.domain.bookings.onsite.service import Onsite, build_onsite, jobsite
from bot.domain.bookings.policy import overdue, unconfirmed
from bot.domain.bookings.providers import Providers
from bot.domain.bookings.replies import BookingReplies
from bot.domain.bookings.repo import BookingRepo
from bot.domain.bookings.staffing import Staffing
from bot.domain.bookings.timing import Timing
from bot.domain.bookings.urgent import Urgent
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.people import People, Person
from bot.domain.secrets import SecretBox
from bot.i18n import T, Text
from bot.outbox import Keyboard, Outbox
from bot.storage import Tx

STAFF_PAGE = 20  # open jobs per page of /bookings (each line is well under 150 characters)


@dataclass(frozen=True)
class BookingService:
    """Every booking use case, by stage."""

    deps: BookingDeps
    providers: Providers
    flow: DraftFlow
    dispatch: Dispatch
    jobs: Jobs
    cancelling: Cancelling
    replies: BookingReplies
    # issue 13: typed times and ASAP, my bookings and the address, rescheduling
    timing: Timing
    mine: Mine
    moving: Moving
    onsite: Onsite  # after the accept: arrival, the private line, work orders, photos
    staffing: Staffing  # issue 15: staff re-dispatch a job or give it to a named worker
    urgent: Urgent  # the emergency's ⚡ button, an interrupted draft resumed
    aside: Aside  # words at a draft's note step or summary that answer something else

    async def price_card(
        self, tx: Tx, service: str, person: Person
    ) -> tuple[Text, Keyboard | None]:
        """'How much': the candidates with price, rating and response, and a Book button."""
        found = await self.providers.candidates(tx, service, person.id)
        if not found:
            return T("bookings.no_provider", service=self.deps.services.name(service)), None
        return self.replies.price_card(service, found)

    async def staff_card(self, tx: Tx, booking_id: int) -> Text | None:
        """Staff's view of one booking: its state and audit timeline (None: no such booking,
        or a draft, which is no booking: see :func:`unconfirmed`)."""
        d = self.deps
        booking = await d.repo.get(tx, booking_id)
        if booking is None or unconfirmed(booking):
            return None
        names: dict[str, str] = {}
        lines: list[Text] = []
        for event in await d.audit.timeline(tx, booking.subject):
            kind, _, number = event.actor.partition(":")
            if kind == "person" and event.actor not in names:
                who = await d.people.by_id(tx, int(number) if number.isdigit() else -1)
                names[event.actor] = who.name if who else event.actor
            lines.append(self.replies.timeline_line(event, names.get(event.actor), d.community.tz))
        line = await self.onsite.line.staff_lines(tx, booking)
        if line:
            lines += [T("onsite.line_header"), *line]
        worker = await d.people.by_id(tx, booking.assignee_id or 0)
        return T(
            "bookings.staff_card",
            id=booking.id,
            service=self.deps.texts.service(booking),
            status=T(f"bookings.status.{booking.status}"),
            provider=self.deps.texts.provider_name(
                booking.current_provider or booking.provider_id
            ),
            worker=worker.name if worker else "-",
            when=self.deps.texts.slot(booking),
            lines=lines,
        )

    async def staff_list(self, tx: Tx) -> Text:
        """Staff's list of open bookings, overdue ones marked and counted (its first page)."""
        return (await self.staff_page(tx, 0))[0]

    def _window(self, booking: Booking) -> timedelta:
        """How long the booking's current provider has to answer (an ASAP job's promise)."""
        offer = self.deps.texts.offer(booking.current_provider, booking.service)
        return self.deps.services.response_window(booking.service, offer)

    def _late(self, found: list[Booking]) -> list[bool]:
        """Which of these open bookings are overdue now: the one rule behind /bookings' ⚠️逾期
        and the console's Today (a no-show must read the same in both)."""
        now = self.deps.now()
        return [overdue(b, now, self._window(b)) for b in found]

    async def overdue_ids(self, tx: Tx) -> frozenset[int]:
        """The numbers of the open bookings that are overdue now (:meth:`_late`)."""
        found = await self.deps.repo.open_bookings(tx)
        return frozenset(b.id for b, late in zip(found, self._late(found), strict=True) if late)

    async def staff_page(self, tx: Tx, page: int) -> tuple[Text, Keyboard | None]:
        """One page of staff's list of open bookings (STAFF_PAGE lines: a page stays well under
        Telegram's 4,096 characters however many jobs are open), with ◀ ▶ when there are more.
        A page past the end (jobs closed meanwhile) shows the last one."""
        found = await self.deps.repo.open_bookings(tx)
        if not found:
            return T("bookings.staff_none"), None
        late = self._late(found)
        pages = -(-len(found) // STAFF_PAGE)
        page = min(max(page, 0), pages - 1)
        start = page * STAFF_PAGE
        shown = zip(
            found[start : start + STAFF_PAGE], late[start : start + STAFF_PAGE], strict=True
        )
        lines = [self.replies.staff_line(b, lateness) for b, lateness in shown]
        counts = {"count": len(found), "overdue": sum(late), "lines": lines}
        if pages == 1:
            return T("bookings.staff_list", **counts), None
        texts = self.deps.texts
        turns = [
            texts.button(T(key), Action.STAFF_PAGE, to)
            for key, to, shown_ in (
                ("bookings.button_prev", page - 1, page > 0),
                ("bookings.button_next", page + 1, page < pages - 1),
            )
            if shown_
        ]
        return T("bookings.staff_page", page=page + 1, pages=pages, **counts), [turns]


def build(
    *,
    community: Community,
    services: ServiceCatalogue,
    people: People,
    outbox: Outbox,
    audit: Audit,
    signer: CallbackSigner,
    clock: Clock,
    secret_key: str,
) -> BookingService:
    """Assemble the booking service from its dependencies (no I/O)."""
    deps = BookingDeps(
        repo=BookingRepo(clock),
        people=people,
        outbox=outbox,
        audit=audit,
        texts=BookingTexts(community, services, signer),
        community=community,
        services=services,
        clock=clock,
        box=SecretBox(secret_key),
    )
    providers = Providers(deps)
    site = jobsite(deps)
    dispatch = Dispatch(deps, providers, site)
    flow, cancelling = DraftFlow(deps, providers), Cancelling(deps, dispatch)
    timing = Timing(deps, flow, cancelling)
    urgent = Urgent(deps, flow, timing)
    staffing = Staffing(deps, providers, dispatch)
    providers.on_suspended = staffing.withdraw_offers_of
    return BookingService(
        deps=deps,
        providers=providers,
        flow=flow,
        dispatch=dispatch,
        jobs=Jobs(deps, providers, site),
        cancelling=cancelling,
        replies=BookingReplies(deps.texts),
        timing=timing,
        mine=Mine(deps),
        moving=Moving(deps, site),
        onsite=build_onsite(deps, site, flow, dispatch),
        staffing=staffing,
        urgent=urgent,
        aside=Aside(deps, flow, urgent),
    )
