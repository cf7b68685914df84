"""Moving a booking to another time (issue 13): "能不能改到下午", "make it 3pm instead", 🕑.
Nobody accepted yet: it just moves (an open offer edited). Accepted: the time stays until the
worker says yes (signed buttons, older ones stale; no answer in the response window: it lapses).
Inside the late-cancel window the resident confirms first; until then the worker is neither
asked nor able to accept it (proposals.worker_asked)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot import deadlines
from bot.domain.bookings.contract import Awaiting, DeadlineKind, DeadlineRef, Pending
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import (
    DEFAULT_LENGTH,
    Booking,
    Event,
    Status,
    chosen_slot,
    slot_choices,
)
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.policy import free_to_cancel
from bot.domain.bookings.proposals import worker_asked
from bot.domain.bookings.reminders import Reminders
from bot.domain.bookings.retime import carried
from bot.domain.bookings.slots import Pick, read_typed
from bot.domain.bookings.stepwords import move_reply
from bot.domain.bookings.timing import Said
from bot.domain.bookings.wording import MOVABLE, FlowTexts
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from intents import TimeSpan

_CLEARED: dict[str, Any] = {"proposed_start": None, "proposed_end": None}


class Moving:
    """Use cases of rescheduling."""

    def __init__(self, deps: BookingDeps, site: Jobsite) -> None:
        self.d = deps
        self.site = site  # the arrival promise follows an agreed new time
        self.words = FlowTexts(deps.texts)

    async def movable(self, tx: Tx, person: Person, service: str | None) -> list[Booking]:
        """The resident's bookings that can move (of that service, when one was named)."""
        found = await self.d.repo.of_resident(tx, person.id, MOVABLE)
        return [b for b in found if not b.asap and service in (None, b.service)]

    async def request(
        self,
        tx: Tx,
        person: Person,
        service: str | None,
        new: TimeSpan | None,
        names_day: bool,
        named: int | None = None,
        shift: timedelta | None = None,
    ) -> Said:
        """'能不能改到下午': the one booking it can mean moves there; several: which one?
        A service named that the resident has no movable booking of is no help: "could we
        move it to Sunday morning?" reads "move" as the moving service, and "挪一下" too.
        `named`: a booking number said in the words ("#19 改到周一下午三点"), used when it is
        one of theirs that can move. `shift`: "推迟一个小时", the booked time moved by it."""
        found = await self.movable(tx, person, service)
        if not found and service is not None:
            found = await self.movable(tx, person, None)
        if named is not None:
            every = await self.movable(tx, person, None)
            found = [b for b in every if b.id == named] or found
        if not found:
            return Said(True, T("bookflow.move_none"))
        if len(found) > 1:  # which one? the time asked rides on its buttons, kept
            asked = carried(new, names_day) if new is not None and not new.asap else ""
            rows = [row for b in found for row in self.words.move_buttons(b, asked)]
            return Said(True, T("bookflow.move_pick"), rows)
        start, end = found[0].slot_start, found[0].slot_end
        if new is None and shift is not None and start is not None and end is not None:
            new, names_day = TimeSpan(start + shift, end + shift, "", has_time=True), True
        if new is None or new.asap:
            return await self.ask(tx, found[0], person)
        return await self.to(tx, found[0], person, new, names_day)

    async def ask(self, tx: Tx, booking: Booking, person: Person) -> Said:
        """Which time instead? (typed, or a quick choice)."""
        await self.d.people.expect(tx, person.id, Pending.MOVE, **Awaiting(booking.id).data())
        return Said(True, *self.words.move_ask(booking, slot_choices(self.d.local_now())))

    def quick(self, choice: str) -> TimeSpan | None:
        """A quick choice ("明天上午") as the time words would give it."""
        slot = chosen_slot(choice, self.d.local_now().date(), self.d.community.tz, self.d.now())
        return TimeSpan(slot[0], slot[1], choice) if slot is not None else None

    async def own(self, tx: Tx, booking_id: int, person: Person) -> Booking | Text:
        """The resident's movable booking, or the toast saying why not."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return T("bookings.not_yours")
        if booking.status not in MOVABLE or booking.asap:
            return T("common.stale_button")
        return booking

    def _new_slot(
        self, booking: Booking, new: TimeSpan, names_day: bool
    ) -> tuple[datetime, datetime] | Text:
        """The slot asked for: an hour alone stays on the booking's day, a day alone its hours."""
        tz, now = self.d.community.tz, self.d.now()
        current = booking.slot_start.astimezone(tz) if booking.slot_start else None
        if not new.has_time and current is not None:
            length = (booking.slot_end or current + DEFAULT_LENGTH) - current
            start = datetime.combine(new.day, current.timetz())
            return (start, start + length) if start > now else T("bookflow.slot_past")
        day = current.date() if current is not None else None
        picked = read_typed(new, now, daily=False, wanted_day=day, names_day=names_day)
        if picked.kind is not Pick.SLOT or picked.start is None or picked.end is None:
            return T("bookflow.slot_past")
        if new.end is None and current is not None and booking.slot_end is not None:
            # "改到周一下午三点": a start alone keeps the booking's length (09-12 → 15-18)
            return picked.start, picked.start + (booking.slot_end - current)
        return picked.start, picked.end

    async def to(
        self, tx: Tx, booking: Booking, person: Person, new: TimeSpan, names_day: bool
    ) -> Said:
        """Propose the new time: moved at once when nobody accepted yet, else the worker asked
        (once; the resident confirming first inside the late-cancel window)."""
        slot = self._new_slot(booking, new, names_day)
        if isinstance(slot, Text):
            return Said(True, slot)
        if (slot[0], slot[1]) == (booking.slot_start, booking.slot_end):
            return Said(True, T("bookflow.move_same"))
        again = slot == (booking.proposed_start, booking.proposed_end)
        if again and await worker_asked(tx, booking):  # said again: the worker asked once
            return Said(True, T("bookflow.move_already", when=self.words.proposed(booking)))
        fields = {"proposed_start": slot[0], "proposed_end": slot[1]}
        await self.d.repo.update(tx, booking.id, proposal=booking.proposal + 1, **fields)
        await self.d.people.done_expecting(tx, person.id)
        booking = await self.d.reload(tx, booking.id)
        if booking.status != Status.ACCEPTED:
            return await self._move_now(tx, booking, person)
        if not free_to_cancel(booking, self.d.now(), self.d.community.policy.cancel_free_hours):
            wait = Awaiting(booking.id).data()
            await self.d.people.expect(tx, person.id, Pending.MOVE_LATE, **wait)
            return Said(True, *self.words.move_late(booking))
        return await self._ask_worker(tx, booking, person)

    async def confirm_late(self, tx: Tx, booking_id: int, proposal: int, person: Person) -> Text:
        """The resident confirmed moving inside the late window: now the worker is asked."""
        found = await self.own(tx, booking_id, person)
        if isinstance(found, Text):
            return found
        await self.d.people.done_expecting(tx, person.id)  # a typed yes is no longer awaited
        if found.proposal != proposal or found.proposed_start is None:
            return T("common.stale_button")
        if await worker_asked(tx, found):  # pressed, then typed "好": asked once
            return T("common.stale_button")
        said = await self._ask_worker(tx, found, person)
        if said.text is not None:
            await self.d.send(
                tx, person.telegram_id, said.text, key=f"bk{found.id}:r:mvl:{proposal}"
            )
        return T("bookings.ok_toast")

    async def _move_now(self, tx: Tx, booking: Booking, person: Person) -> Said:
        """Nobody accepted yet: the slot moves; an open offer shows the new time."""
        new: dict[str, Any] = {
            "slot_start": booking.proposed_start,
            "slot_end": booking.proposed_end,
        }
        if not await self.d.move(tx, booking, Event.RESCHEDULE, **new, **_CLEARED):
            return Said(True, T("common.stale_button"))
        booking = await self.d.reload(tx, booking.id)
        await self.d.record(tx, person, "rescheduled", booking, proposal=booking.proposal)
        if booking.status == Status.OFFERED:
            text = self.d.texts.offer_text(booking)
            buttons = self.d.texts.offer_buttons(booking.id, booking.attempt)
            for person_id in await self.d.repo.offer_recipients(tx, booking.id, booking.attempt):
                worker = await self.d.people.by_id(tx, person_id)
                of_key = f"bk{booking.id}:offer:{person_id}:{booking.attempt}"
                if worker is not None:
                    key = f"{of_key}:moved:{booking.proposal}"
                    await self.d.outbox.edit(
                        tx, worker.telegram_id, text, key=key, of_key=of_key, buttons=buttons
                    )
        args = {"id": booking.id, "service": self.d.texts.service(booking)}
        return Said(True, T("bookflow.move_moved", when=self.d.texts.slot(booking), **args))

    async def _ask_worker(self, tx: Tx, booking: Booking, person: Person) -> Said:
        """The assigned worker is asked; the proposal lapses after the response window."""
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        if worker is None:
            return Said(True, T("common.stale_button"))
        text, buttons = self.words.move_offer(booking, self.d.texts.slot(booking))
        key = f"bk{booking.id}:w:move:{booking.proposal}"
        await self.d.send(tx, worker.telegram_id, text, key=key, buttons=buttons)
        offer = self.d.texts.offer(booking.current_provider, booking.service)
        window = self.d.services.response_window(booking.service, offer)
        due = DeadlineRef(DeadlineKind.MOVE, booking.id, booking.proposal)
        await deadlines.schedule(tx, due.name, due.kind, self.d.now() + window, due.ref)
        await self.d.record(tx, person, "move_asked", booking, proposal=booking.proposal)
        when = self.words.proposed(booking)
        return Said(True, T("bookflow.move_asked", when=when, name=worker.name))

    async def _open_proposal(
        self, tx: Tx, booking_id: int, proposal: int, person: Person | None
    ) -> Booking | Text:
        """The proposal still open; for its worker (`person`), only one really put to them."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.status != Status.ACCEPTED:
            return T("common.stale_button")
        if person is not None and booking.assignee_id != person.id:
            return T("bookings.not_yours")
        if booking.proposal != proposal or booking.proposed_start is None:
            return T("common.stale_button")
        if person is not None and not await worker_asked(tx, booking):
            return T("common.stale_button")
        return booking

    async def decide(
        self, tx: Tx, booking_id: int, proposal: int, person: Person, yes: bool
    ) -> Text:
        """The worker agrees to the new time or not; the resident is told either way."""
        found = await self._open_proposal(tx, booking_id, proposal, person)
        if isinstance(found, Text):
            return found
        await deadlines.cancel(tx, DeadlineRef(DeadlineKind.MOVE, found.id, proposal).name)
        if not yes:
            await self._ends(tx, found, "refused", person)
            return T("bookflow.move_no_toast")
        new: dict[str, Any] = {"slot_start": found.proposed_start, "slot_end": found.proposed_end}
        moved = await self.d.move(
            tx, found, Event.RESCHEDULE, at_attempt=found.attempt, **new, **_CLEARED
        )
        if not moved:
            return T("common.stale_button")
        booking = await self.d.reload(tx, found.id)
        await Reminders(self.d).reschedule(tx, booking)  # each day's, for days of care
        await self.site.slot_moved(tx, booking)
        await self._ends(tx, booking, "agreed", person)
        job = f"bk{booking.id}:offer:{person.id}:{booking.attempt}"
        await self.d.outbox.edit(
            tx,
            person.telegram_id,
            self.d.texts.job_text(booking),
            key=f"{job}:moved:{proposal}",
            of_key=job,
            buttons=self.d.texts.job_buttons(booking, Status.ACCEPTED),
        )
        return T("bookflow.move_yes_toast")

    async def typed_reply(self, tx: Tx, worker: Person, text: str) -> Text | None:
        """A worker's typed answer ("周日下午我休息 去不了", "可以") to the one new time they are
        asked about, on their own accepted job (never a closed one); None when no question of
        theirs is open or the words do not answer it."""
        yes = move_reply(text)
        if yes is None:
            return None
        mine = await self.d.repo.with_party(tx, worker.id, (Status.ACCEPTED,))
        asked = [b for b in mine if b.assignee_id == worker.id and await worker_asked(tx, b)]
        if len(asked) != 1:
            return None
        answer = await self.decide(tx, asked[0].id, asked[0].proposal, worker, yes)
        if answer == T("common.stale_button"):
            return None
        return T("bookflow.move_typed_yes" if yes else "bookflow.move_typed_no", id=asked[0].id)

    async def expired(self, tx: Tx, booking_id: int, proposal: int) -> None:
        """Deadline: the worker did not answer the new time; it lapses, the old one stands."""
        found = await self._open_proposal(tx, booking_id, proposal, None)
        if not isinstance(found, Text):
            await self._ends(tx, found, "expired", None)

    async def _ends(self, tx: Tx, booking: Booking, how: str, worker: Person | None) -> None:
        """A proposal ended: cleared when refused or lapsed; both sides told how."""
        proposal, old = booking.proposal, self.d.texts.slot(booking)
        when = self.words.proposed(booking) if how != "agreed" else old
        if how != "agreed":
            await self.d.repo.update(tx, booking.id, **_CLEARED)
        await self.d.record(tx, worker, f"move_{how}", booking, proposal=proposal)
        someone = worker or await self.d.people.by_id(tx, booking.assignee_id or 0)
        args = {"id": booking.id, "service": self.d.texts.service(booking), "old": old}
        told = T(f"bookflow.move_{how}", name=someone.name if someone else "-", when=when, **args)
        buttons = self.words.open_buttons(booking) if how != "agreed" else None
        key = f"bk{booking.id}:r:move:{proposal}"
        await self.d.tell(tx, booking.resident_id, told, key=key, buttons=buttons)
        if someone is not None:
            of_key = f"bk{booking.id}:w:move:{proposal}"
            text = T(f"bookflow.move_worker_{how}", id=booking.id, when=when, old=old)
            await self.d.outbox.edit(
                tx, someone.telegram_id, text, key=f"{of_key}:{how}", of_key=of_key
            )

    async def deadline_due(self, tx: Tx, kind: str, ref: str) -> None:
        """A new time's window closed."""
        due = DeadlineRef.parse(kind, ref)
        if due is not None and due.kind is DeadlineKind.MOVE:
            await self.expired(tx, due.booking_id, due.attempt)
