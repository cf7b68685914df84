"""Dispatch: the plan, offers with a response window, accept/decline/timeout, the backstop.

Confirming builds the plan (the chosen provider, the other eligible ones, the property's own
team last: 物业兜底); each offer waits for an answer until its deadline; a decline, a timeout or
a withdrawal moves the job to the next provider, and when nobody is left staff are alerted.
"""

from __future__ import annotations

import logging

from bot import deadlines
from bot.domain.bookings.agreed import fields as price_agreed
from bot.domain.bookings.contract import DeadlineKind, DeadlineRef, reminders_of
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import (
    Booking,
    Event,
    Kind,
    OfferOutcome,
    Status,
    Step,
    offer_outcome,
)
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.overdue import future_slot
from bot.domain.bookings.policy import dispatch_plan, next_provider
from bot.domain.bookings.providers import Providers
from bot.domain.bookings.reminders import Reminders
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)


class Dispatch:
    """Use cases of dispatch."""

    def __init__(self, deps: BookingDeps, providers: Providers, site: Jobsite) -> None:
        self.d = deps
        self.providers = providers
        self.site = site  # what every accept and every end of a job does (onsite/)
        self.reminders = Reminders(deps, site.promise)

    async def confirm(self, tx: Tx, booking: Booking, person: Person) -> None:
        """The resident confirmed: build the dispatch plan and make the first offer."""
        plan = await self._plan(tx, booking, person)
        agreed = price_agreed(booking, plan, self.d.texts.offer)
        moved = await self.d.move(tx, booking, Event.CONFIRM, plan=plan, attempt=-1, **agreed)
        if not moved:
            return
        await self.d.record(tx, person, "confirmed", booking, plan=plan)
        await self.d.answered(tx, person, booking.id)  # left awaited, it hid the line
        await self._summary_done(tx, booking, person)
        await self._next(tx, await self.d.reload(tx, booking.id), None)

    async def _summary_done(self, tx: Tx, booking: Booking, person: Person) -> None:
        """The summary that was confirmed keeps its text and loses Confirm and Cancel (each
        time it was shown: a summary asked again has a key of its own)."""
        first = asked = f"bk{booking.id}:step:{Step.CONFIRM}"
        text, again = T("bookings.summary_confirmed", summary=self.d.texts.summary(booking)), 1
        while await self.d.outbox.queued(tx, asked):
            done = f"{asked}:confirmed"
            await self.d.outbox.edit(tx, person.telegram_id, text, key=done, of_key=asked)
            again += 1
            asked = f"{first}:{again}"

    async def _plan(self, tx: Tx, booking: Booking, person: Person) -> list[str]:
        """Who is asked, in order (a work order goes to the property's own team only)."""
        backstop = self.providers.backstop
        if booking.kind == Kind.WORK_ORDER:
            return [backstop]
        found = await self.providers.candidates(tx, booking.service, person.id)
        eligible = [c.provider.id for c in found]
        usable = backstop in eligible or await self.providers.backstop_usable(tx)
        return dispatch_plan(booking.kind, booking.provider_id, eligible, backstop, usable)

    async def redispatch(
        self, tx: Tx, job: Booking, previous: str | None, lead: Text | None = None, away: int = 0
    ) -> None:
        """Offer a job taken from its worker to the next one; `lead`: what happened; `away`:
        a person not to offer it to (the worker staff took it from)."""
        await self._next(tx, job, previous, lead, away)

    async def _next(
        self, tx: Tx, job: Booking, previous: str | None, lead: Text | None = None, away: int = 0
    ) -> None:
        """Offer the job to the next provider in the plan, or alert staff when none is left;
        a slot already over is no time to offer: 尽快 instead (:mod:`.overdue`)."""
        booking = await future_slot(self.d, tx, job)
        reach = {
            provider_id: await self.providers.recipients(tx, booking, provider_id, away=away)
            for provider_id in booking.plan[booking.attempt + 1 :]
        }
        suspended = await self.d.repo.suspended(tx)
        staffed = {p for p in reach if reach[p]}
        attempt = next_provider(booking.plan, booking.attempt, staffed, suspended)
        for skipped in range(booking.attempt + 1, attempt):
            provider_id = booking.plan[skipped]
            await self.d.repo.skip_offer(tx, booking.id, skipped, provider_id)
            why = "suspended" if provider_id in suspended else "no members"
            await self.d.record(tx, None, "offer_skipped", booking, provider=provider_id, why=why)
        if attempt >= len(booking.plan):
            await self._exhausted(tx, booking, attempt)
            return
        await self.d.move(tx, booking, Event.OFFER, attempt=attempt, assignee_id=None)
        await self.offer(tx, await self.d.reload(tx, booking.id), reach[booking.plan[attempt]])
        text = self.site.texts.contacting(booking, previous, booking.plan[attempt], lead)
        wo = booking.kind == Kind.WORK_ORDER
        label = "onsite.wo_button_cancel" if wo else "bookings.button_cancel_booking"
        buttons = [[self.d.texts.cancel_button(booking.id, label)]]
        key = f"bk{booking.id}:r:contact:{attempt}"
        await self.d.tell(tx, booking.resident_id, text, key=key, buttons=buttons)

    async def _exhausted(self, tx: Tx, booking: Booking, attempt: int) -> None:
        """Nobody is left in the plan: the resident is told and staff alerted."""
        await self.d.move(tx, booking, Event.EXHAUST, attempt=attempt)
        _LOGGER.warning("Booking %s: nobody accepted; staff alerted", booking.id)
        await self.d.record(tx, None, "unassigned", booking)
        asked = await self.d.repo.offer_outcomes(tx, booking.id)
        tried = self.site.texts.tried(asked, booking.plan)
        alert = T("bookings.staff_unassigned", tried=tried, **self.site.about(booking))
        reached = await self.site.alert(tx, booking, "unassigned", alert)
        # "Staff have been told" only when someone was: otherwise the office number, honestly.
        text = self.site.texts.unassigned(booking, reached)
        key = f"bk{booking.id}:r:unassigned:{attempt}"  # each time the plan ran out
        await self.d.tell(tx, booking.resident_id, text, key=key)

    async def offer(self, tx: Tx, booking: Booking, people: list[Person]) -> None:
        """Send the current attempt's offer to its people (or the one worker staff named),
        with its response window."""
        attempt, provider_id = booking.attempt, booking.current_provider or ""
        offer = self.d.texts.offer(provider_id, booking.service)
        window = self.site.window(booking) or self.d.services.response_window(
            booking.service, offer
        )
        await self.d.repo.add_offer(tx, booking.id, attempt, provider_id, [p.id for p in people])
        due = DeadlineRef(DeadlineKind.OFFER, booking.id, attempt)
        await deadlines.schedule(tx, due.name, due.kind, self.d.now() + window, due.ref)
        _LOGGER.info(
            "Booking %s offered to %s (attempt %s, %d people)",
            booking.id,
            provider_id,
            attempt,
            len(people),
        )
        to, window_s = [p.id for p in people], int(window.total_seconds())
        detail = {"provider": provider_id, "attempt": attempt, "to": to, "window_s": window_s}
        await self.d.record(tx, None, "offered", booking, **detail)
        text = self.d.texts.offer_text(booking)
        buttons = self.d.texts.offer_buttons(booking.id, attempt)
        for person in people:
            key = f"bk{booking.id}:offer:{person.id}:{attempt}"
            await self.d.send(tx, person.telegram_id, text, key=key, buttons=buttons)
        await self.site.offered(tx, booking)

    async def close_offer(
        self, tx: Tx, booking: Booking, event: Event, text: Text, skip: int = 0, timed: bool = True
    ) -> None:
        """Record how the current offer ended and take its buttons away from every recipient
        (each keeps the job's summary, without any address, and reads what happened);
        ``skip``: a person id spared the edit; ``timed``: an accept by the provider itself."""
        text = self.site.texts.closed(booking, text)
        outcome = offer_outcome(OfferOutcome.OPEN, event)
        assert outcome is not None, f"an open offer does not end on {event}"
        open_ = OfferOutcome.OPEN
        await self.d.repo.end_offer(tx, booking.id, booking.attempt, open_, outcome, timed)
        for person_id in await self.d.repo.offer_recipients(tx, booking.id, booking.attempt):
            person = await self.d.people.by_id(tx, person_id)
            if person is None or person_id == skip:
                continue
            of_key = f"bk{booking.id}:offer:{person_id}:{booking.attempt}"
            await self.d.outbox.edit(
                tx, person.telegram_id, text, key=f"{of_key}:closed", of_key=of_key
            )
        due = DeadlineRef(DeadlineKind.OFFER, booking.id, booking.attempt)
        await deadlines.cancel(tx, due.name)

    async def _open_offer(
        self, tx: Tx, booking_id: int, attempt: int, person: Person
    ) -> Booking | Text:
        """The booking when this attempt's offer is still open and was sent to this person."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != Status.OFFERED:
            return T("bookings.offer_gone")
        if person.id not in await self.d.repo.offer_recipients(tx, booking.id, attempt):
            return T("bookings.not_yours")
        return booking

    async def accept(self, tx: Tx, booking_id: int, attempt: int, person: Person) -> Text:
        """A worker accepts; exactly one wins. Returns the toast for the press."""
        found = await self._open_offer(tx, booking_id, attempt, person)
        if isinstance(found, Text):
            return found
        if not await self.give(tx, found, person):
            return T("bookings.offer_gone")
        return T("bookings.accepted_toast")

    async def give(self, tx: Tx, found: Booking, worker: Person, by: Person | None = None) -> bool:
        """The open offer ends with this worker on the job (they accepted it, or staff ``by``
        assigned them); whether it was still open."""
        attempt = found.attempt
        won = await self.d.move(tx, found, Event.ACCEPT, at_attempt=attempt, assignee_id=worker.id)
        if not won:
            return False
        taken = T("bookings.offer_taken", id=found.id, name=worker.name)
        await self.close_offer(tx, found, Event.ACCEPT, taken, skip=worker.id, timed=by is None)
        booking = await self.d.reload(tx, found.id)
        provider = booking.current_provider
        if by is None:
            await self.d.record(
                tx, worker, "accepted", booking, provider=provider, attempt=attempt
            )
        else:
            detail = {"provider": provider, "attempt": attempt, "worker": worker.id}
            await self.d.record(tx, by, "staff_assigned", booking, **detail)
        await self._tell_accepted(tx, booking, worker)
        await self.reminders.schedule(tx, booking)
        await self.site.accepted(tx, booking, worker)
        return True

    async def _tell_accepted(self, tx: Tx, booking: Booking, worker: Person) -> None:
        """The resident learns who comes; the worker's offer becomes the job (with address)."""
        texts, attempt = self.d.texts, booking.attempt
        told = (
            T("bookings.resident_accepted", name=worker.name, when=texts.slot(booking))
            if booking.slot_start is not None
            else T("bookings.resident_accepted_asap", name=worker.name)
        )
        key = f"bk{booking.id}:r:accepted:{attempt}"
        buttons = self.site.texts.resident_buttons(booking)
        await self.d.tell(tx, booking.resident_id, told, key=key, buttons=buttons)
        of_key = f"bk{booking.id}:offer:{worker.id}:{attempt}"
        await self.d.outbox.edit(
            tx,
            worker.telegram_id,
            texts.job_text(booking),
            key=f"{of_key}:won",
            of_key=of_key,
            buttons=texts.job_buttons(booking, Status.ACCEPTED),
        )

    async def decline(self, tx: Tx, booking_id: int, attempt: int, person: Person) -> Text:
        """A worker declines for their provider: the job moves on."""
        found = await self._open_offer(tx, booking_id, attempt, person)
        if isinstance(found, Text):
            return found
        text = T("bookings.offer_declined", id=found.id)
        await self.close_offer(tx, found, Event.DECLINE, text)
        provider = found.current_provider
        await self.d.record(tx, person, "declined", found, provider=provider, attempt=attempt)
        await self._next(tx, found, found.current_provider)
        return T("bookings.declined_toast")

    async def offer_timed_out(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """Nobody accepted within the response window: the job moves on."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != Status.OFFERED:
            return
        text = T("bookings.offer_expired", id=booking.id)
        await self.close_offer(tx, booking, Event.TIMEOUT, text)
        provider = booking.current_provider
        await self.d.record(tx, None, "offer_timeout", booking, provider=provider, attempt=attempt)
        await self._next(tx, booking, booking.current_provider)

    async def withdraw(
        self, tx: Tx, booking_id: int, person: Person, *, sure: bool = False
    ) -> Text:
        """The assigned worker cannot do it after all (asked first): re-dispatch."""
        found = await self.d.assigned(tx, booking_id, person, Status.ACCEPTED)
        if isinstance(found, Text):
            return found
        if not sure:
            return await self.site.ask_sure(tx, found, person, "withdraw")
        if not await self.d.move(tx, found, Event.WITHDRAW, assignee_id=None):
            return T("common.stale_button")
        withdrawn = offer_outcome(OfferOutcome.ACCEPTED, Event.WITHDRAW)
        assert withdrawn is not None
        await self.d.repo.end_offer(tx, found.id, found.attempt, OfferOutcome.ACCEPTED, withdrawn)
        await deadlines.cancel_prefix(tx, reminders_of(found.id))
        await self.d.record(tx, person, "withdrawn", found, provider=found.current_provider)
        await self.site.ended(tx, found, person.id, T("onsite.status_withdrawn"), removed=True)
        await self.site.left(tx, found, person.name, "withdrawn")
        text = T("bookings.worker_withdrawn", id=found.id)
        key = f"bk{found.id}:w:withdrawn:{found.attempt}"
        await self.d.send(tx, person.telegram_id, text, key=key)
        lead = T("bookings.redispatch_lead.withdrawn", previous=person.name)
        await self._next(tx, await self.d.reload(tx, found.id), found.current_provider, lead)
        return T("bookings.ok_toast")

    async def deadline_due(self, tx: Tx, kind: str, ref: str) -> None:
        """A booking deadline fell due: an offer's window closed, or it is time to remind."""
        due = DeadlineRef.parse(kind, ref)
        if due is None:
            _LOGGER.error("Malformed booking deadline %s %s", kind, ref)
        elif due.kind is DeadlineKind.OFFER:
            await self.offer_timed_out(tx, due.booking_id, due.attempt)
        else:
            await self.reminders.remind(tx, due.booking_id, due.attempt)
