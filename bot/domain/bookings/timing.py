"""The time step as people answer it, and the draft's other typed answers (issue 13).

A typed time replaces the buttons ("今天下午4点", "周六上午", "尽快", "now"); a day without an
hour asks for the hour (never a midnight visit); days of a per-day service become one booking
of N units. "As soon as possible" skips the note and door code: the address, then confirm, and
dispatch goes out at once with the service's (short, for urgent ones) response window. Cancel
words at any typed step end the draft; at the summary another address can be given for this
booking only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from bot.domain.bookings.cancelling import Cancelling
from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import KEEP, Booking, Status, Step, chosen_slot
from bot.domain.bookings.queued import resume
from bot.domain.bookings.slots import (
    ASAP,
    Pick,
    SlotPick,
    day_slot,
    fitted_end,
    per_day,
    read_typed,
    shifted,
)
from bot.domain.bookings.stepwords import kept_words
from bot.domain.people import Address, Person
from bot.i18n import T, Text, both
from bot.i18n.fmt import day as day_words
from bot.outbox import Keyboard
from bot.storage import Tx
from intents.amounts import count_asked
from intents.times import days_asked, parse_when, says_day, shift_asked


@dataclass(frozen=True)
class Said:
    """How a typed answer was taken: whether it was one, and what to answer in the chat it
    came from (None: the next step was already asked)."""

    consumed: bool
    text: Text | None = None
    buttons: Keyboard | None = None


class Timing:
    """Use cases of the time step and the draft's typed answers."""

    def __init__(self, deps: BookingDeps, flow: DraftFlow, cancelling: Cancelling) -> None:
        self.d = deps
        self.flow = flow
        self.cancelling = cancelling

    def _units(self, booking: Booking, units: int) -> int:
        """The units a new time leaves: the items counted of a service priced per item
        ("两台空调") stay whatever the time; else `units` (the hours or days it says)."""
        return booking.units if self.d.services.counted_measures(booking.service) else units

    async def choose(self, tx: Tx, booking: Booking, person: Person, choice: str) -> bool:
        """A time button: as soon as possible, a part of a day, a quick choice or the time the
        request said; False when it is stale (already begun, malformed)."""
        now, tz = self.d.now(), self.d.community.tz
        if choice == ASAP:
            await self._asap(tx, booking, person)
            return True
        if choice.startswith("d2"):
            slot = day_slot(choice, tz, now)
            if slot is None:
                return False
            await self._slot(tx, booking, person, slot[0], slot[1], booking.units, choice)
            return True
        if choice != KEEP and chosen_slot(choice, self.d.local_now().date(), tz, now) is None:
            return False
        if choice == KEEP and booking.asap:
            await self._asap(tx, booking, person)
            return True
        await self.d.repo.update(tx, booking.id, asap=0, wanted_day=None)
        await self.d.people.done_expecting(tx, person.id)
        return await self.flow.choose_slot(tx, booking, person, choice)

    def _read(self, booking: Booking, text: str, daily: bool) -> SlotPick:
        now, tz = self.d.now(), self.d.community.tz
        moved = shifted(booking, shift_asked(text), now)  # "提前半小时": the time offered
        return moved or read_typed(
            parse_when(text, now, tz),
            now,
            daily=daily,
            wanted_day=booking.wanted_day,
            names_day=says_day(text, now, tz),
            units=booking.units,
        )

    async def retime(self, tx: Tx, booking: Booking, person: Person, text: str) -> Said:
        """A time typed at a step other than the time step ("7pm" at the provider step, "改到
        明天下午3点" at the address or note step, or under the summary): kept on the draft, and
        the step's question asked again with the time noted (before the time step, that step
        then offers it first). A day still needing its hour goes back to the time step. Not
        consumed when the words hold no time."""
        picked = self._read(booking, text, self._daily(booking))
        if picked.kind is Pick.NONE:
            return Said(False)
        noted: Text | None
        if picked.kind is Pick.DAY:
            noted = T("bookflow.which_day")
        elif picked.kind is Pick.PAST or (
            picked.kind is Pick.SLOT and (picked.start is None or picked.end is None)
        ):
            noted = T("bookflow.slot_past")
        else:
            noted = await self._keep_time(tx, booking, person, picked)
        if noted is None:  # a day without its hour, after the time step: asked there again
            await self.flow.enter(tx, await self.d.reload(tx, booking.id), person, Step.SLOT)
            return Said(True)
        ask, buttons = await self.flow.reask(tx, booking, person)
        return Said(True, T("common.lines", lines=[noted, ask]), buttons)

    def _daily(self, booking: Booking) -> bool:
        """Whether the draft's days are its units (its provider, else any, prices per day)."""
        if booking.provider_id:
            return per_day(self.d.texts.offer(booking.provider_id, booking.service))
        return self.d.services.is_per_day(booking.service)

    def units_said(self, booking: Booking, text: str) -> int | None:
        """A count typed at a draft's step, in the service's own terms: the items of one
        priced per item ("三台", "two ACs"), the days of one priced per day ("for 3 days",
        "三天"); None when the words say none, or the count the draft already has."""
        measures = self.d.services.counted_measures(booking.service)
        said = count_asked(text, measures) if measures else None
        said = days_asked(text) if not measures and self._daily(booking) else said
        return None if said == booking.units else said

    async def recount(self, tx: Tx, booking: Booking, person: Person, units: int) -> Said:
        """A count typed at a draft's step ("三台" while choosing a provider, "for 3 days"):
        kept as its items or days, and the step's question asked again with the count noted."""
        days = not self.d.services.counted_measures(booking.service)
        await self.d.repo.update(tx, booking.id, units=units)
        ask, buttons = await self.flow.reask(tx, booking, person)
        noted = T("bookflow.days_noted" if days else "bookflow.count_noted", count=units)
        return Said(True, T("common.lines", lines=[noted, ask]), buttons)

    async def count_in_note(self, tx: Tx, booking: Booking, note: str) -> Booking:
        """A note that gives a count ("3 units, one is leaking"): the count is kept too."""
        count = self.units_said(booking, note)
        if count is not None:
            await self.d.repo.update(tx, booking.id, units=count)
        return await self.d.reload(tx, booking.id)

    async def _keep_time(
        self, tx: Tx, booking: Booking, person: Person, picked: SlotPick
    ) -> Text | None:
        """Keep a typed time on the draft (a slot, as soon as possible, or a day still needing
        its hour); what to say, or None when the hour must be asked at the time step now."""
        before = booking.step == Step.PROVIDER  # the time step is still to come
        empty = {"slot_start": None, "slot_end": None, "wanted_day": None}
        day: date | None = picked.day
        if picked.kind is Pick.ASAP:
            day = self.d.night_morning(booking.service)  # quiet hours: the first daytime
            if day is None:
                units = self._units(booking, 1)
                await self.d.repo.update(tx, booking.id, asap=1, units=units, **empty)
                return T("bookflow.time_noted", when=T("bookings.asap"))
        if picked.kind in (Pick.ASAP, Pick.HOUR) and day is not None:
            units = self._units(
                booking, picked.units if picked.kind is Pick.HOUR else booking.units
            )
            fields = {**empty, "wanted_day": day, "units": units}
            await self.d.repo.update(tx, booking.id, asap=0, **fields)
            return T("bookflow.time_noted", when=_day(day)) if before else None
        assert picked.start is not None and picked.end is not None
        units = booking.units if self.d.services.is_per_hour(booking.service) else picked.units
        units = self._units(booking, units)
        per_hour = self.d.services.is_per_hour(booking.service)
        end = fitted_end(booking, picked.start, picked.end, per_hour)
        slot = {"slot_start": picked.start, "slot_end": end, "wanted_day": None}
        await self.d.repo.update(tx, booking.id, asap=0, units=units, **slot)
        await self.d.record(tx, person, "slot_chosen", booking, choice="typed")
        when = self.d.texts.slot(await self.d.reload(tx, booking.id))
        return T("bookflow.time_noted", when=when)

    async def typed(self, tx: Tx, booking: Booking, person: Person, text: str) -> Said:
        """A time typed at the time step; not consumed when the words hold no time."""
        daily = per_day(self.d.texts.offer(booking.provider_id, booking.service))
        picked = self._read(booking, text, daily)
        if picked.kind is Pick.NONE:
            return Said(False)
        if picked.kind is Pick.ASAP:
            await self._asap(tx, booking, person)
        elif picked.kind is Pick.HOUR:
            units = self._units(booking, picked.units)
            await self.d.repo.update(tx, booking.id, wanted_day=picked.day, units=units)
            prompt = self.flow.slot_prompt(await self.d.reload(tx, booking.id))
            return Said(True, *prompt)
        elif picked.kind is Pick.DAY:
            return Said(True, T("bookflow.which_day"))
        elif picked.kind is Pick.PAST or picked.start is None or picked.end is None:
            return Said(True, T("bookflow.slot_past"))
        else:
            await self._slot(tx, booking, person, picked.start, picked.end, picked.units, "typed")
        return Said(True)

    async def _slot(
        self,
        tx: Tx,
        booking: Booking,
        person: Person,
        start: datetime,
        end: datetime,
        units: int,
        choice: str,
    ) -> None:
        if self.d.services.is_per_hour(booking.service):  # hours asked are kept
            units = booking.units
        units = self._units(booking, units)
        per_hour = self.d.services.is_per_hour(booking.service)  # and a visit's length asked
        end = fitted_end(booking, start, end, per_hour)
        fields = {"slot_start": start, "slot_end": end, "units": units}
        await self.d.repo.update(tx, booking.id, asap=0, wanted_day=None, **fields)
        await self.d.people.done_expecting(tx, person.id)
        await self.d.record(tx, person, "slot_chosen", booking, choice=choice)
        await self.flow.enter(tx, await self.d.reload(tx, booking.id), person, Step.ADDRESS)

    async def asap(self, tx: Tx, booking: Booking, person: Person) -> None:
        """As soon as possible, chosen for the resident (the emergency's ⚡ button)."""
        await self._asap(tx, booking, person)

    async def _asap(self, tx: Tx, booking: Booking, person: Person) -> None:
        """As soon as possible: no slot; the address (if not known yet), then confirm. In the
        quiet hours a service that is not urgent asks the hour of the first daytime instead."""
        morning = self.d.night_morning(booking.service)
        if morning is not None:
            await self.d.repo.update(tx, booking.id, asap=0, slot_start=None, wanted_day=morning)
            text, buttons = self.flow.slot_prompt(await self.d.reload(tx, booking.id))
            key = await self.d.unused_key(tx, f"bk{booking.id}:step:night")
            told = T("bookflow.asap_night", prompt=text)
            await self.d.send(tx, person.telegram_id, told, key=key, buttons=buttons)
            return
        empty = {"slot_start": None, "slot_end": None, "wanted_day": None}
        await self.d.repo.update(tx, booking.id, asap=1, units=self._units(booking, 1), **empty)
        await self.d.people.done_expecting(tx, person.id)
        await self.d.record(tx, person, "slot_chosen", booking, choice=ASAP)
        await self.flow.enter(tx, await self.d.reload(tx, booking.id), person, Step.ADDRESS)

    async def keep_words(self, tx: Tx, booking: Booking, words: str) -> None:
        """The request as the resident wrote it, in the group or in private ("马桶堵了，水漫出
        来了，下午在家") is the booking's note (a note typed later adds to them), for the worker
        who accepts; a door code or contact details in it are hidden (the code has its step)."""
        await self.d.repo.update(tx, booking.id, note=kept_words(words))

    # -- the draft's other typed answers ------------------------------------------------------

    async def drop(self, tx: Tx, booking: Booking, person: Person) -> None:
        """Cancel words at a typed step ("算了，不约了"): the draft ends, nothing is booked; a
        draft waiting its turn (➕ the next service) starts."""
        await self.cancelling.cancel(tx, booking, person)
        await resume(self.flow, tx, person, booking.id)

    async def draft(self, tx: Tx, person: Person) -> Booking | None:
        """The resident's unfinished draft being filled in (else one waiting its turn), if any."""
        found = await self.d.repo.of_resident(tx, person.id, (Status.DRAFT,))
        filling = [b for b in found if b.step != Step.QUEUED]
        last = filling or found
        return last[-1] if last else None

    async def other_address(self, tx: Tx, booking: Booking, person: Person) -> Text:
        """At the summary: this booking goes to another address (the saved one stays)."""
        await self.d.repo.update(tx, booking.id, step=Step.ADDRESS)
        data = Awaiting(booking.id).data()
        await self.d.people.expect(tx, person.id, Pending.ADDRESS_ONCE, **data)
        return T("bookflow.ask_address_once")

    async def address_once(
        self, tx: Tx, booking: Booking, person: Person, address: Address
    ) -> tuple[Text, Keyboard] | None:
        """The address for this booking only; back to the summary, which is returned. A
        booking for someone else whose address was asked on the way (it had none yet) goes
        on to its next step instead, which is asked at once (None)."""
        await self.d.people.done_expecting(tx, person.id)
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        await self.d.record(tx, person, "address_once", booking)
        if booking.for_other and booking.address is None:
            await self.d.repo.update(tx, booking.id, **where)
            await self.flow.after(tx, await self.d.reload(tx, booking.id), person, Step.ADDRESS)
            return None
        await self.d.repo.update(tx, booking.id, step=Step.CONFIRM, **where)
        # the summary again, awaited: "confirm" typed under it confirms (retest: it was lost)
        text, buttons = await self.flow.reask(tx, booking, person)
        return text, buttons or []


def _day(when: date) -> dict[str, str]:
    """A day in both languages ("12月4日 周五" / "Fri 4 Dec")."""
    moment = datetime.combine(when, time())
    return both(day_words(moment, "zh"), day_words(moment, "en"))
