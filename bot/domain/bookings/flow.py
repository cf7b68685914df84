"""The draft: from a recognised request to a confirmed booking, one step at a time.

The draft is a row from the first tap, so it survives restarts; each step is asked in the
resident's private chat and answered by a button press or a typed answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.domain.bookings.contract import Awaiting, Pending, Skip
from bot.domain.bookings.dayssaid import days_note
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.model import (
    KEEP,
    Booking,
    Kind,
    Status,
    Step,
    chosen_slot,
    first_step,
    kind_of,
    next_step,
    requested_slot,
    slot_choices,
)
from bot.domain.bookings.providers import Providers
from bot.domain.bookings.repo import NewDraft
from bot.domain.bookings.slots import (
    DraftTime,
    asked_hours,
    fitted_end,
    from_request,
    parts_left,
)
from bot.domain.bookings.stepwords import beside_code
from bot.domain.bookings.unmet import nobody_takes
from bot.domain.bookings.whose import address_fields
from bot.domain.bookings.wording import FlowTexts
from bot.domain.people import Address, Person
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx
from intents import TimeSpan
from intents.replies import door_code_said
from intents.times import days_asked

_ASKED: dict[Step, tuple[Pending, str, Skip | None]] = {
    Step.ADDRESS: (Pending.ADDRESS, "bookings.ask_address", None),
    Step.NOTE: (Pending.NOTE, "bookings.ask_note", Skip.NOTE),
    Step.DOOR: (Pending.DOOR, "bookings.ask_door", Skip.DOOR),
}


class DraftFlow:
    """Use cases of the draft."""

    def __init__(self, deps: BookingDeps, providers: Providers) -> None:
        self.d = deps
        self.providers = providers
        # A queued work order's turn: its own steps (what, where), set by the work orders
        self.take_up_report: Callable[[Tx, Booking, Person], Awaitable[None]] | None = None

    async def start(
        self,
        tx: Tx,
        resident: Person,
        service: str,
        when_start: datetime | None = None,
        when_end: datetime | None = None,
        hours: int | None = None,
        words: str = "",
        count: int | None = None,
        **said: Any,
    ) -> Booking | None:
        """Start a draft for the resident and show its first step; None if nobody offers it.
        `said`: how the request gave its time (``asap``, ``has_time``, ``days``:
        :class:`intents.TimeSpan`); `hours`: "4个小时" (hourly: its units; else the visit's
        length); `words`: the request as written, for this booking's own address
        (:func:`.whose.address_fields`); `count`: items of a service priced per item ("两台")."""
        kind = kind_of(service)
        if kind is Kind.SERVICE and not await self.providers.candidates(tx, service, resident.id):
            await nobody_takes(self.d, tx, resident, service)
            return None
        await self.d.repo.abandon_drafts(tx, resident.id)
        tz = self.d.community.tz  # the request may come back from storage in UTC
        span = (
            TimeSpan(when_start.astimezone(tz), when_end and when_end.astimezone(tz), "", **said)
            if when_start is not None
            else None
        )
        wanted = self._wanted(service, span)
        start, end = requested_slot(self.d.now(), wanted.start, wanted.end)
        per_hour = self.d.services.is_per_hour(service)
        units, end, visit = asked_hours(hours, start, end, wanted.units, per_hour)
        units = count if count and self.d.services.counted_measures(service) else units  # 两台
        if span is None and self.d.services.is_per_day(service):  # "我要出差两天", no day
            units = days_asked(words) or units
        draft = NewDraft(resident.id, service, kind, first_step(kind), start, end)
        where = address_fields(words) if kind is Kind.SERVICE else {}  # its own, for whoever
        extra = {"asap": int(wanted.asap), "units": units, "wanted_day": wanted.wanted_day}
        booking_id = await self.d.repo.add_draft(tx, draft, hours=visit, **extra, **where)
        subject = f"booking:{booking_id}"
        await self.d.audit.record(tx, actor(resident), "draft_started", subject, service=service)
        if kind is Kind.WORK_ORDER:
            await self.d.repo.update(tx, booking_id, provider_id=self.providers.backstop)
            booking = await self.d.reload(tx, booking_id)
            return await self.enter(tx, booking, resident, Step.ADDRESS)
        booking = await self.d.reload(tx, booking_id)
        await self._show(tx, booking, resident)
        await self._days_said(tx, booking, resident, span, words)
        return booking

    def _wanted(self, service: str, span: TimeSpan | None) -> DraftTime:
        """The time a request asked, as this service takes it (per day, urgent, quiet hours)."""
        daily, urgent = self.d.services.is_per_day(service), self.d.services.is_urgent(service)
        morning = self.d.night_morning(service)
        return from_request(span, self.d.now(), daily=daily, urgent=urgent, morning=morning)

    async def _days_said(
        self, tx: Tx, booking: Booking, resident: Person, span: TimeSpan | None, words: str
    ) -> None:
        """Days asked beyond the one booked ("下周三到周五", "周六或者周日都行"), said plainly."""
        note = days_note(self.d, booking, span, words)
        if note is not None:
            await self.d.send(tx, resident.telegram_id, note, key=f"bk{booking.id}:onevisit")

    async def _prompt(
        self, tx: Tx, booking: Booking, resident: Person
    ) -> tuple[Text, Keyboard | None]:
        """What the draft's current step asks, and with which buttons."""
        texts = self.d.texts
        step = Step(booking.step)
        awaiting = Awaiting(booking.id).data()
        if step is Step.PROVIDER:  # a time typed here ("7pm") is kept for the time step
            await self.d.people.expect(tx, resident.id, Pending.PROVIDER, **awaiting)
            found = await self.providers.candidates(tx, booking.service, resident.id)
            return texts.choose_provider(booking, found)
        if step is Step.SLOT:
            await self.d.people.expect(tx, resident.id, Pending.SLOT, **awaiting)
            return self.slot_prompt(booking)
        if step is Step.CONFIRM:  # "确认" typed under it confirms; a late door code is kept
            await self.d.people.expect(tx, resident.id, Pending.CONFIRM, **awaiting)
            return FlowTexts(texts).confirm(booking)
        pending, key, skip = _ASKED[step]
        if step is Step.NOTE and booking.kind == Kind.WORK_ORDER:
            key = "onsite.wo_ask_note"  # a common area: no "dog at home, knock softly"
        await self.d.people.expect(tx, resident.id, pending, **awaiting)
        skipping = texts.skip_button(booking.id, skip) if skip else None
        if step is Step.NOTE and booking.kind == Kind.SERVICE and booking.note:
            return T("bookings.ask_note_kept", note=booking.note), skipping  # Skip keeps them
        return T(key), skipping

    async def reask(
        self, tx: Tx, booking: Booking, resident: Person
    ) -> tuple[Text, Keyboard | None]:
        """The current step's question again (after words that answered something else, such
        as a new address typed at the note step); the answer is awaited again."""
        return await self._prompt(tx, await self.d.reload(tx, booking.id), resident)

    def slot_prompt(self, booking: Booking) -> tuple[Text, Keyboard]:
        """The time step: the hours of a day said without one, or the time choices."""
        words, now = FlowTexts(self.d.texts), self.d.now()
        if booking.wanted_day is not None and booking.slot_start is None and not booking.asap:
            parts = parts_left(booking.wanted_day, self.d.community.tz, now)
            if parts:
                return words.hours_prompt(booking, booking.wanted_day, parts)
        urgent = self.d.services.is_urgent(booking.service)
        window = self.d.services.response_window(
            booking.service, self.d.texts.offer(booking.provider_id, booking.service)
        )
        minutes = max(1, round(window.total_seconds() / 60))
        return words.slot_prompt(booking, urgent, minutes, slot_choices(self.d.local_now()))

    async def _show(self, tx: Tx, booking: Booking, resident: Person) -> None:
        """Ask the resident for what the draft's current step needs (a step asked again, as
        when a day typed at the note step goes back to the time step, is asked again)."""
        text, buttons = await self._prompt(tx, booking, resident)
        key = await self.d.unused_key(tx, f"bk{booking.id}:step:{booking.step}")
        await self.d.send(tx, resident.telegram_id, text, key=key, buttons=buttons)

    async def enter(self, tx: Tx, booking: Booking, resident: Person, step: Step) -> Booking:
        """Move the draft to a step (skipping the address when it is already known) and ask;
        other use cases enter steps too (a work order's own steps, typed times)."""
        if step is Step.ADDRESS and booking.for_other:
            if booking.address is None:  # for someone else, no address said: asked, not assumed
                await self.d.repo.update(tx, booking.id, step=step)
                data = Awaiting(booking.id).data()
                await self.d.people.expect(tx, resident.id, Pending.ADDRESS_ONCE, **data)
                text, key = T("bookflow.ask_address_other"), f"bk{booking.id}:step:other"
                key = await self.d.unused_key(tx, key)  # asked each time the step comes
                await self.d.send(tx, resident.telegram_id, text, key=key)
                return await self.d.reload(tx, booking.id)
            step = next_step(booking.kind, booking.service, Step.ADDRESS, booking.asap)
        elif step is Step.ADDRESS:
            known = await self.d.people.address(tx, resident.id)
            if known is not None:
                where = {"building": known.building, "unit": known.unit, "room": known.room}
                await self.d.repo.update(tx, booking.id, **where)
                step = next_step(booking.kind, booking.service, Step.ADDRESS, booking.asap)
        await self.d.repo.update(tx, booking.id, step=step)
        booking = await self.d.reload(tx, booking.id)
        await self._show(tx, booking, resident)
        return booking

    async def after(self, tx: Tx, booking: Booking, resident: Person, done: Step) -> None:
        """Go on to the step after `done` (from this or another use case)."""
        step = next_step(booking.kind, booking.service, done, booking.asap)
        await self.enter(tx, await self.d.reload(tx, booking.id), resident, step)

    async def draft_of(self, tx: Tx, booking_id: int, person: Person, step: str) -> Booking | None:
        """The person's draft when it is still at this step (else None: the button is stale)."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return None
        if booking.status != Status.DRAFT or booking.step != step:
            return None
        return booking

    async def awaited_draft(
        self, tx: Tx, person: Person, awaiting: Awaiting, step: Step
    ) -> Booking | None:
        """The draft a typed answer is for; None (and nothing awaited any more) when it moved."""
        booking = await self.draft_of(tx, awaiting.booking_id, person, step)
        if booking is None:
            await self.d.people.done_expecting(tx, person.id)
        return booking

    async def choose_provider(
        self, tx: Tx, booking: Booking, person: Person, provider_id: str
    ) -> bool:
        """The resident picked a provider; False if it is not offered to them (any more)."""
        found = await self.providers.candidates(tx, booking.service, person.id)
        if provider_id not in {c.provider.id for c in found}:
            return False
        await self.d.repo.update(tx, booking.id, provider_id=provider_id)
        await self.d.audit.record(
            tx, actor(person), "provider_chosen", booking.subject, provider=provider_id
        )
        await self.enter(tx, await self.d.reload(tx, booking.id), person, Step.SLOT)
        return True

    async def choose_slot(self, tx: Tx, booking: Booking, person: Person, choice: str) -> bool:
        """The resident kept the prefilled slot or picked a quick choice; False when stale."""
        now = self.d.now()
        if choice == KEEP:
            if booking.slot_start is None or booking.slot_start <= now:
                return False
        else:
            slot = chosen_slot(choice, self.d.local_now().date(), self.d.community.tz, now)
            if slot is None:
                return False
            per_hour = self.d.services.is_per_hour(booking.service)
            end = fitted_end(booking, slot[0], slot[1], per_hour)
            await self.d.repo.update(tx, booking.id, slot_start=slot[0], slot_end=end)
        await self.d.audit.record(tx, actor(person), "slot_chosen", booking.subject, choice=choice)
        await self.enter(tx, await self.d.reload(tx, booking.id), person, Step.ADDRESS)
        return True

    async def give_address(
        self, tx: Tx, booking: Booking, person: Person, address: Address
    ) -> None:
        """Remember the resident's address and put it on the booking."""
        await self.d.people.set_address(tx, person.id, address)
        await self.d.people.done_expecting(tx, person.id)
        await self.d.audit.record(tx, actor(person), "address_set", f"person:{person.id}")
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        await self.d.repo.update(tx, booking.id, **where)
        await self.after(tx, booking, person, Step.ADDRESS)

    async def give_note(self, tx: Tx, booking: Booking, person: Person, note: str | None) -> None:
        """Keep the note (None: skipped); words kept before stay, a note adds to them. A door
        code in it ("门禁密码是2580#") is sealed in its own field and hidden from the note, as at
        every other step: the note reaches each worker offered the job again (tester 2 #11)."""
        await self.d.people.done_expecting(tx, person.id)
        code = door_code_said(note) if note and booking.kind == Kind.SERVICE else None
        if note and code is not None:
            await self.seal_code(tx, booking, person, code)
            note = beside_code(note, code) or None
        if booking.note:
            note = f"{booking.note}；{note}" if note and note != booking.note else booking.note
        await self.d.repo.update(tx, booking.id, note=note[:500] if note else None)
        await self.after(tx, booking, person, Step.NOTE)

    async def give_door_code(
        self, tx: Tx, booking: Booking, person: Person, code: str | None
    ) -> None:
        """Keep the door code encrypted (None: skipped)."""
        await self.d.people.done_expecting(tx, person.id)
        if code:
            await self.seal_code(tx, booking, person, code)
        await self.enter(tx, await self.d.reload(tx, booking.id), person, Step.CONFIRM)

    async def seal_code(self, tx: Tx, booking: Booking, person: Person, code: str) -> None:
        """Keep a door code for this booking, encrypted (at its step or said under the summary)."""
        await self.d.repo.update(tx, booking.id, door_code=self.d.box.seal(code.strip()[:100]))
        await self.d.audit.record(tx, actor(person), "door_code_stored", booking.subject)
