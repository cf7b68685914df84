"""Staff step in on a job (the console): move it on to the next provider, or give it to a
named worker. Both free the job first from its open offer or its worker (``Event.REASSIGN``,
the offer's outcome ``reassigned``: not a decline or a timeout of the provider), then go
through dispatch like any other offer and accept, so the worker, the resident and the audit
trail see what they would see otherwise; the trail names the staff member. Either way the price
the resident confirmed stands (kept on the booking): a job given to another provider is offered
at it, and the resident is told who has it now and that the price stays.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from bot import deadlines
from bot.domain.bookings.contract import Awaiting, Pending, reminders_of
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.dispatch import Dispatch
from bot.domain.bookings.model import (
    REASSIGNABLE,
    Booking,
    Event,
    Kind,
    OfferOutcome,
    Status,
    slot_choices,
)
from bot.domain.bookings.overdue import slot_over
from bot.domain.bookings.providers import Providers
from bot.domain.bookings.wording import FlowTexts
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx

HELD = (Status.ACCEPTED, Status.ARRIVED)  # a worker has the job (and its address)


class Redispatched(Enum):
    """How a staff re-dispatch went: done, refused as stale, not done because the job's time
    is over (the resident was asked for a new one; the promise is never changed silently), or
    not done because nobody but its worker could be asked (nothing moved, nobody was told).
    Only DONE is true."""

    DONE = "done"
    STALE = "stale"
    SLOT_OVER = "slot_over"
    NOBODY = "nobody"

    def __bool__(self) -> bool:
        return self is Redispatched.DONE


class Staffing:
    """Staff's re-dispatch and assignment of a job."""

    def __init__(self, deps: BookingDeps, providers: Providers, dispatch: Dispatch) -> None:
        self.d = deps
        self.providers = providers
        self.dispatch = dispatch

    async def assignable(self, tx: Tx, booking: Booking) -> list[tuple[str, Person]]:
        """(provider id, person) staff may give this job to: the members of every provider
        dispatch may offer its service to this resident (``Providers.candidates``: offering
        it, allowed, not suspended, not blocked; a work order: the property's own team only,
        as its dispatch plan), the property team's housekeepers only for the job's building;
        never revoked people, nor the worker who holds it now."""
        if booking.kind == Kind.WORK_ORDER:
            usable = await self.providers.backstop_usable(tx)
            ids = [self.providers.backstop] if usable else []
        else:
            found = await self.providers.candidates(tx, booking.service, booking.resident_id)
            ids = [c.provider.id for c in found]
        holder = booking.assignee_id if booking.status in HELD else None
        out: list[tuple[str, Person]] = []
        for provider_id in ids:
            for person in await self.providers.recipients(tx, booking, provider_id, strict=True):
                if person.id != holder and not await self.d.people.is_revoked(
                    tx, person.telegram_id
                ):
                    out.append((provider_id, person))
        return out

    async def redispatch(self, tx: Tx, booking_id: int, by: Person) -> Redispatched:
        """Take the job from its offer or worker and offer it to the next provider in its plan,
        at its time, never to the worker it was taken from. When nobody is left in the plan
        (a job nobody took, or one staff gave by name to its plan's last provider), the plan
        starts again from its top; when nobody at all can be asked, nothing is done and
        nobody told (a resident is never told "nobody will come" by staff's own rescue). A
        job whose time is over is not offered for another time behind the resident's back
        (it became 尽快 silently): the resident is asked for a new time; staff then re-dispatch."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.status not in REASSIGNABLE:
            return Redispatched.STALE
        away = booking.assignee_id or 0 if booking.status in HELD else 0
        again = await self.providers.again(tx, booking, away)
        if again is None:
            return Redispatched.NOBODY
        if slot_over(booking, self.d.now()):
            await self._ask_new_time(tx, booking, by)
            return Redispatched.SLOT_OVER
        previous = booking.current_provider
        freed = await self._free(tx, booking, by, again=again)
        if freed is None:
            return Redispatched.STALE
        await self.d.record(tx, by, "staff_redispatched", freed, provider=previous)
        lead = T("bookings.redispatch_lead.staff")
        await self.dispatch.redispatch(tx, freed, previous, lead, away)
        return Redispatched.DONE

    async def _ask_new_time(self, tx: Tx, booking: Booking, by: Person) -> None:
        """The job's time is over: the resident is asked when instead (typed or a quick
        choice, as a reschedule), once per time asked; the trail says staff asked."""
        resident = await self.d.people.by_id(tx, booking.resident_id)
        if resident is None:
            return
        await self.d.people.expect(tx, resident.id, Pending.MOVE, **Awaiting(booking.id).data())
        _, buttons = FlowTexts(self.d.texts).move_ask(booking, slot_choices(self.d.local_now()))
        service, when = self.d.texts.service(booking), self.d.texts.slot(booking)
        text = T("bookings.slot_over_ask", id=booking.id, service=service, when=when)
        key = f"bk{booking.id}:r:slot_over:{booking.proposal}"
        await self.d.tell(tx, booking.resident_id, text, key=key, buttons=buttons)
        await self.d.record(tx, by, "slot_over_asked", booking)

    async def assign(
        self, tx: Tx, booking_id: int, provider_id: str, worker_id: int, by: Person
    ) -> bool:
        """Give the job to a named worker of a provider: offered to them alone and accepted on
        their behalf (they get the job with its address, the resident is told who comes)."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.status not in REASSIGNABLE:
            return False
        chosen = [
            p
            for pid, p in await self.assignable(tx, booking)
            if (pid, p.id) == (provider_id, worker_id)
        ]
        if not chosen or (booking.assignee_id == worker_id and booking.status != Status.OFFERED):
            return False
        holds = booking.status == Status.OFFERED and provider_id == booking.current_provider
        if holds and worker_id in await self.d.repo.offer_recipients(
            tx, booking.id, booking.attempt
        ):
            # they hold the open offer: it ends with them on the job, with no "reassigned,
            # nothing to do" and a new offer first
            return await self.dispatch.give(tx, booking, chosen[0], by)
        previous = booking.current_provider
        freed = await self._free(tx, booking, by)
        if freed is None:
            return False
        if provider_id != previous:
            # Another provider: the resident learns who has the job (and that the price they
            # confirmed stays) before the usual "X accepted".
            text = self.dispatch.site.texts.staff_assigned(freed, provider_id)
            key = f"bk{booking.id}:r:staff_assigned:{len(freed.plan)}"
            await self.d.tell(tx, booking.resident_id, text, key=key)
        attempt = len(freed.plan)
        plan = [*freed.plan, provider_id]
        if not await self.d.move(tx, freed, Event.OFFER, plan=plan, attempt=attempt):
            return False
        offered = await self.d.reload(tx, booking_id)
        await self.dispatch.offer(tx, offered, chosen)
        return await self.dispatch.give(tx, await self.d.reload(tx, booking_id), chosen[0], by)

    async def held_by(self, tx: Tx, person: Person) -> list[Booking]:
        """The open jobs this person has now: accepted or on site, or offered to them."""
        held = [
            b
            for b in await self.d.repo.with_party(tx, person.id, HELD)
            if b.assignee_id == person.id
        ]
        for booking_id, _ in await self.d.repo.open_offers_to(tx, person.id):
            booking = await self.d.repo.get(tx, booking_id)
            if booking is not None and booking not in held:
                held.append(booking)
        return sorted(held, key=lambda b: b.id)

    async def take_back(self, tx: Tx, person: Person, by: Person) -> None:
        """Staff revoked this person: every job they hold (accepted or on site) is taken from
        them as a staff re-dispatch is (their job messages lose the address, door code, phone
        and buttons; reminders stop; the resident is told and the job goes to the next
        provider, or to staff when nobody is left); each open offer loses its buttons and,
        when nobody else active got it, moves on at once rather than at its deadline."""
        for booking in await self.d.repo.with_party(tx, person.id, HELD):
            if booking.assignee_id != person.id:
                continue
            previous = booking.current_provider
            # the rest of their team is asked first (a work order's other housekeepers and
            # property staff, a provider's other members); when none is left, the plan goes on
            freed = await self._free(tx, booking, by, team_again=True)
            if freed is None:
                continue
            await self.d.record(tx, by, "staff_redispatched", freed, provider=previous)
            lead = T("bookings.redispatch_lead.revoked", previous=person.name)
            await self.dispatch.redispatch(tx, freed, previous, lead)
        await self.take_back_offers(tx, person, by)
        for booking_id, attempt in await self.d.repo.open_offers_to(tx, person.id):
            offered = await self.d.repo.get(tx, booking_id)
            if offered is None or offered.status != Status.OFFERED or offered.attempt != attempt:
                continue
            others = await self.d.repo.offer_recipients(tx, booking_id, attempt)
            active = [
                p
                for p in others
                if p != person.id
                and (found := await self.d.people.by_id(tx, p)) is not None
                and not await self.d.people.is_revoked(tx, found.telegram_id)
            ]
            if active:
                continue
            previous = offered.current_provider
            freed = await self._free(tx, offered, by)
            if freed is not None:
                await self.d.record(tx, by, "staff_redispatched", freed, provider=previous)
                lead = T("bookings.redispatch_lead.staff")
                await self.dispatch.redispatch(tx, freed, previous, lead)

    async def withdraw_offers_of(self, tx: Tx, provider_id: str, by: Person) -> None:
        """Staff suspended a provider: each offer of theirs still unanswered is taken back (its
        recipients lose the buttons) and goes to the next provider, the resident told."""
        for booking in await self.d.repo.open_bookings(tx):
            if booking.status != Status.OFFERED or booking.current_provider != provider_id:
                continue
            freed = await self._free(tx, booking, by)
            if freed is not None:
                await self.d.record(tx, by, "staff_redispatched", freed, provider=provider_id)
                await self.dispatch.redispatch(tx, freed, provider_id)

    async def take_back_offers(self, tx: Tx, person: Person, by: Person | None = None) -> None:
        """Staff revoked this person: each open offer they were sent loses its buttons and
        says so, and the booking's timeline records it (by whom, from whom). Only this edit
        reaches a revoked person."""
        for booking_id, attempt in await self.d.repo.open_offers_to(tx, person.id):
            booking = await self.d.repo.get(tx, booking_id)
            if booking is None:
                continue
            await self.d.record(
                tx,
                by,
                "offer_revoked",
                booking,
                worker=person.name,
                provider=booking.current_provider,
            )
            text = self.dispatch.site.texts.closed(booking, T("bookings.offer_revoked"))
            of_key = f"bk{booking_id}:offer:{person.id}:{attempt}"
            await self.d.outbox.edit(
                tx,
                person.telegram_id,
                text,
                key=f"{of_key}:revoked",
                of_key=of_key,
                to_revoked=True,
            )

    async def _free(
        self,
        tx: Tx,
        booking: Booking,
        by: Person,
        team_again: bool = False,
        again: list[str] | None = None,
    ) -> Booking | None:
        """The job without an open offer or a worker, as OFFERED at its last attempt (None if
        someone was faster); ``team_again``: a held job's provider is asked once more next
        (its worker was revoked, not the team: dispatch skips it when nobody of it is left);
        ``again``: providers added to the plan's end (it starts again: ``Providers.again``)."""
        fields: dict[str, Any] = {"assignee_id": None}
        if team_again and booking.status in HELD and booking.current_provider:
            at = booking.attempt + 1
            fields["plan"] = [*booking.plan[:at], booking.current_provider, *booking.plan[at:]]
        if again:
            fields["plan"] = [*booking.plan, *again]
        if booking.status == Status.UNASSIGNED:
            # The plan was used up: it is asked again from its start, after its last attempt.
            fields.setdefault("plan", [*booking.plan, *booking.plan])
            fields["attempt"] = len(booking.plan) - 1
        if not await self.d.move(tx, booking, Event.REASSIGN, **fields):
            return None
        if booking.status == Status.OFFERED:
            text = T("bookings.offer_reassigned", id=booking.id)
            await self.dispatch.close_offer(tx, booking, Event.REASSIGN, text)
        elif booking.status in HELD:
            await self.d.repo.end_offer(
                tx, booking.id, booking.attempt, OfferOutcome.ACCEPTED, OfferOutcome.REASSIGNED
            )
            await deadlines.cancel_prefix(tx, reminders_of(booking.id))
            worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
            await self.dispatch.site.ended(
                tx, booking, booking.assignee_id, T("onsite.status_reassigned"), removed=True
            )
            if worker is not None:
                await self.dispatch.site.left(tx, booking, worker.name, "reassigned")
        return await self.d.reload(tx, booking.id)
