"""The arrival promise, lateness and no-shows.

The worker says when they will be there (a button, or typed: "30分钟内到"); the resident is
told. When that time and the grace period pass without 已到达, the late check (a deadline row,
so it fires even after a restart) asks the resident whether the worker came, pings the worker
and alerts staff. "Nobody came" takes the job from that worker and offers it to the next
provider in the plan; "they are here" records the arrival ("not yet" is no verdict:
:mod:`.waiting`). Every step is a compare-and-set.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import deadlines
from bot.clock import to_db
from bot.domain.bookings.contract import Awaiting, DeadlineKind, DeadlineRef, reminders_of
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.dispatch import Dispatch
from bot.domain.bookings.model import Booking, Event, Kind, OfferOutcome, Status, offer_outcome
from bot.domain.bookings.onsite.jobsite import Jobsite, arrived_key
from bot.domain.bookings.onsite.model import comes_words, late_check_at, promised_by, said_arrival
from bot.domain.bookings.stepwords import came_answer
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx

UNANSWERED = timedelta(minutes=30)  # the late question unanswered this long: staff again


class Arrival:
    """Use cases of the arrival promise and of a worker who does not come."""

    def __init__(self, deps: BookingDeps, jobsite: Jobsite, dispatch: Dispatch) -> None:
        self.d = deps
        self.site = jobsite
        self.dispatch = dispatch

    async def promise_pressed(self, tx: Tx, booking_id: int, worker: Person, choice: str) -> Text:
        """The worker pressed 30 min / 1 h / 2 h / the slot."""
        found = await self.d.assigned(tx, booking_id, worker, Status.ACCEPTED)
        if isinstance(found, Text):
            return found
        eta = promised_by(choice, self.d.now(), found.slot_start, found.slot_end)
        if eta is None:
            return T("common.stale_button")
        await self._promised(tx, found, worker, eta)
        return T("onsite.wo_eta_toast" if _report(found) else "onsite.eta_toast")

    async def typed(self, tx: Tx, worker: Person, awaiting: Awaiting, text: str) -> bool:
        """'30分钟内到' typed after accepting; False (nothing awaited any more) when the text
        says no time or the job is no longer theirs to promise."""
        await self.d.people.done_expecting(tx, worker.id)
        eta = said_arrival(text, self.d.now(), self.d.community.tz)
        found = await self.d.assigned(tx, awaiting.booking_id, worker, Status.ACCEPTED)
        if eta is None or isinstance(found, Text):
            return False
        await self._promised(tx, found, worker, eta)
        return True

    async def said_on_line(self, tx: Tx, booking: Booking, worker: Person, text: str) -> None:
        """The assigned worker wrote to the resident ("阿姨您好，我这边20分钟到", "be there in
        20 min") on a job not yet arrived: kept as their promise, as the arrival buttons keep
        one, so lateness is tracked (tester 3: it was only relayed, and 40 minutes later
        nothing was checked; tester 2: so was "大概四点到"). Words without a length or a clock
        time, or no arrival in them, change nothing."""
        now = self.d.now()
        eta = said_arrival(text, now, self.d.community.tz) if text and comes_words(text) else None
        if eta is None or booking.status != Status.ACCEPTED:
            return
        if booking.assignee_id != worker.id:
            return
        await self._promised(tx, booking, worker, eta)

    async def _promised(self, tx: Tx, booking: Booking, worker: Person, eta: datetime) -> None:
        """Keep the promise, tell the resident, and close the worker's question. The same
        promise said again is nothing new; a changed one is told each time, also when it goes
        back to an earlier time (keyed by that time alone, it was dropped as a copy)."""
        same = booking.eta_at == eta and booking.eta_said
        await self.site.promise(tx, booking, eta, said=True)
        await self.d.people.done_expecting(tx, worker.id)
        if same:
            return
        at = self.site.texts.at(eta)
        await self.d.record(tx, worker, "eta_set", booking, at=at)
        stamp = to_db(eta)
        report = _report(booking)
        told = T(
            "onsite.wo_resident_eta" if report else "onsite.resident_eta", name=worker.name, at=at
        )
        buttons = self.site.texts.resident_buttons(booking)
        key = await self.d.unused_key(tx, f"bk{booking.id}:r:eta:{booking.attempt}:{stamp}")
        await self.d.tell(tx, booking.resident_id, told, key=key, buttons=buttons)
        asked = f"bk{booking.id}:w:eta:{booking.attempt}"
        text = T("onsite.wo_eta_set" if report else "onsite.eta_set", id=booking.id, at=at)
        done = await self.d.unused_key(tx, f"{asked}:set:{stamp}")
        if await self.d.outbox.queued(tx, asked):
            await self.d.outbox.edit(tx, worker.telegram_id, text, key=done, of_key=asked)
        else:
            await self.d.send(tx, worker.telegram_id, text, key=done)

    async def late_due(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """The promise and its grace passed: is anyone there? Resident asked, worker pinged,
        staff alerted (once per promise: a new promise reschedules the check)."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.attempt != attempt or booking.status != Status.ACCEPTED:
            return
        grace, now = self.d.community.policy.arrival_grace, self.d.now()
        if booking.eta_at is None:
            return
        if booking.late_at is not None:
            await self._unanswered(tx, booking, now)
            return
        if late_check_at(booking.eta_at, grace) > now:
            return
        await self.d.repo.update(tx, booking.id, late_at=now)
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        name = worker.name if worker else "-"
        at = self.site.texts.at(booking.eta_at)
        await self.d.record(tx, None, "late", booking, at=at)
        late = await self._round(tx, booking) + 1  # a new promise missed: asked anew
        if _report(booking):
            await self._late_work_order(tx, booking, worker, (name, at), late)
            return
        due = DeadlineRef(DeadlineKind.LATE, booking.id, attempt)
        again = f"{due.name}:unanswered" + (f":{late}" if late > 1 else "")
        await deadlines.schedule(tx, again, due.kind, now + UNANSWERED, due.ref)
        key = await self.d.unused_key(tx, f"bk{booking.id}:r:late:{attempt}")
        asked = T("onsite.late_resident", name=name, at=at)
        buttons = self.site.texts.came_buttons(booking)
        await self.d.tell(tx, booking.resident_id, asked, key=key, buttons=buttons)
        if worker is not None:
            ping = T("onsite.late_worker", id=booking.id, at=at)
            buttons = self.d.texts.job_buttons(booking, Status.ACCEPTED)
            key = await self.d.unused_key(tx, f"bk{booking.id}:w:late:{attempt}")
            await self.d.send(tx, worker.telegram_id, ping, key=key, buttons=buttons)
        alert = T("onsite.staff_late", name=name, at=at, **self.site.about(booking, late=True))
        await self.site.alert(tx, booking, _nth("late", late), alert)

    async def _round(self, tx: Tx, booking: Booking) -> int:
        """How many late checks of this attempt pinged its worker already (each promise
        missed is a round of its own: asked, pinged and alerted anew, never a copy)."""
        return len(await self.d.series(tx, f"bk{booking.id}:w:late:{booking.attempt}"))

    async def _late_work_order(
        self, tx: Tx, booking: Booking, worker: Person | None, said: tuple[str, str], late: int
    ) -> None:
        """A work order not on site by its estimate: the worker is pinged and staff alerted;
        the reporter is not asked "is the worker there?" (a common area, a building without
        water, has no door of theirs to wait at; nobody-came is not theirs to judge)."""
        name, at = said
        if worker is not None:
            ping = T("onsite.wo_late_worker", id=booking.id, at=at)
            buttons = self.d.texts.job_buttons(booking, Status.ACCEPTED)
            key = await self.d.unused_key(tx, f"bk{booking.id}:w:late:{booking.attempt}")
            await self.d.send(tx, worker.telegram_id, ping, key=key, buttons=buttons)
        alert = T("onsite.wo_staff_late", name=name, at=at, **self.site.about(booking, late=True))
        await self.site.alert(tx, booking, _nth("late", late), alert)

    async def _unanswered(self, tx: Tx, booking: Booking, now: datetime) -> None:
        """Asked whether the worker came, the resident has not answered for UNANSWERED: a
        silent resident is no all-clear, so staff are alerted again (once; the alert's key)."""
        if booking.late_at is None or booking.late_at + UNANSWERED > now:
            return
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        at = self.site.texts.at(booking.eta_at or booking.late_at)
        head = T("onsite.staff_unanswered_head", id=booking.id)
        alert = T(
            "onsite.staff_unanswered",
            head=head,
            name=worker.name if worker else "-",
            at=at,
            **self.site.about(booking, late=True),
        )
        await self.d.record(tx, None, "late_unanswered", booking, at=at)
        late = await self._round(tx, booking)
        await self.site.alert(tx, booking, _nth("unanswered", late), alert)

    async def came(self, tx: Tx, booking_id: int, person: Person, answer: str) -> Text:
        """The resident answers the late question: here after all, or nobody came."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or booking.resident_id != person.id:
            return T("bookings.not_yours")
        if booking.status != Status.ACCEPTED or booking.late_at is None:
            return T("common.stale_button")
        if answer == "yes":
            return await self._came(tx, booking, person)
        if answer == "no":
            return await self._no_show(tx, booking, person)
        return T("common.stale_button")

    async def typed_came(self, tx: Tx, person: Person, text: str) -> bool:
        """Words typed while "师傅到了吗？" is open ("一个人影都没有", "换个师傅", "到了"): taken
        like its buttons (an elder types or speaks, rarely presses). The question itself is
        edited to say what was recorded, as after a press; nothing is sent again (the text is
        sent only when the question cannot be edited). False when no late question of theirs
        is open or the words do not answer it."""
        answer = came_answer(text)
        if answer is None:
            return False
        accepted = await self.d.repo.of_resident(tx, person.id, (Status.ACCEPTED,))
        asked = [b for b in accepted if b.late_at is not None]
        if len(asked) != 1:
            return False
        booking = asked[0]
        question = await self.site.late_question(tx, booking)
        edited = await self.d.outbox.queued(tx, question)
        toast = await self.came(tx, booking.id, person, answer)
        if toast == T("common.stale_button"):
            return False
        if not edited:
            said = (
                "onsite.late_answered_came" if answer == "yes" else "onsite.late_answered_no_show"
            )
            await self.d.send(tx, person.telegram_id, T(said), key=f"{question}:typed")
        return True

    async def _came(self, tx: Tx, booking: Booking, resident: Person) -> Text:
        """The worker is there after all: the arrival is recorded for them."""
        if not await self.d.move(tx, booking, Event.ARRIVE):
            return T("common.stale_button")
        await deadlines.cancel_prefix(tx, reminders_of(booking.id))
        await self.site.arrived(tx, booking)
        await self.d.record(tx, resident, "arrival_confirmed", booking)
        await self._answered(tx, booking, T("onsite.late_answered_came"))
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        if worker is not None:
            await self.d.send(
                tx,
                worker.telegram_id,
                T("onsite.worker_arrival_confirmed", id=booking.id),
                key=arrived_key(booking),
                buttons=self.d.texts.job_buttons(booking, Status.ARRIVED),
            )
        return T("onsite.thanks_toast")

    async def _no_show(self, tx: Tx, booking: Booking, resident: Person) -> Text:
        """Nobody came: the job is taken from that worker and offered to the next provider."""
        fields = {"assignee_id": None, "eta_at": None, "eta_said": 0, "late_at": None}
        if not await self.d.move(tx, booking, Event.NO_SHOW, **fields):
            return T("common.stale_button")
        ended = offer_outcome(OfferOutcome.ACCEPTED, Event.NO_SHOW)
        assert ended is not None
        await self.d.repo.end_offer(tx, booking.id, booking.attempt, OfferOutcome.ACCEPTED, ended)
        await deadlines.cancel_prefix(tx, reminders_of(booking.id))
        await self.d.record(tx, resident, "no_show", booking, provider=booking.current_provider)
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        no_show = T("onsite.status_no_show")
        await self.site.ended(tx, booking, booking.assignee_id, no_show, removed=True)
        await self._answered(tx, booking, T("onsite.late_answered_no_show"))
        name = worker.name if worker else "-"
        await self.site.left(tx, booking, name, "no_show")
        alert = T("onsite.staff_no_show", name=name, **self.site.about(booking, late=True))
        await self.site.alert(tx, booking, "no_show", alert)
        lead = T("bookings.redispatch_lead.no_show", previous=name)
        await self.dispatch.redispatch(
            tx, await self.d.reload(tx, booking.id), booking.current_provider, lead
        )
        return T("onsite.reassigned_toast")

    async def _answered(self, tx: Tx, booking: Booking, text: Text) -> None:
        """The late question, once answered, says what was answered (and loses its buttons)."""
        asked = await self.site.late_question(tx, booking)
        resident = await self.d.people.by_id(tx, booking.resident_id)
        if resident is not None and await self.d.outbox.queued(tx, asked):
            await self.d.outbox.edit(
                tx, resident.telegram_id, text, key=f"{asked}:answered", of_key=asked
            )


def _nth(why: str, late: int) -> str:
    """The alert's name for this round of lateness: the first as it always was."""
    return why if late <= 1 else f"{why}{late}"


def _report(booking: Booking) -> bool:
    """A common-area work order: worded as a report to the property, not a home visit."""
    return booking.kind == Kind.WORK_ORDER
