"""What every accepted job gets, and what every end of a job does to the worker's messages.

Dispatch calls :meth:`Jobsite.accepted` when a worker wins an offer (a promised arrival time
with its late check, the question when they will be there, the resident's photos, a work
order's escalation) and :meth:`Jobsite.ended` when the job is over for that worker (withdrawn,
cancelled, reassigned): every message that showed them the job is edited to say so, without
the address and without buttons. Nothing here depends on dispatch, so dispatch can use it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot import deadlines
from bot.clock import to_db
from bot.domain.bookings.contract import (
    SURE,
    Action,
    Awaiting,
    DeadlineKind,
    DeadlineRef,
    Pending,
)
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Kind
from bot.domain.bookings.onsite.labels import issue_label, place_label
from bot.domain.bookings.onsite.line import Line
from bot.domain.bookings.onsite.model import (
    Priority,
    default_promise,
    escalate_after,
    late_check_at,
    work_order_window,
)
from bot.domain.bookings.onsite.repo import OnsiteRepo
from bot.domain.bookings.onsite.texts import OnsiteTexts
from bot.domain.bookings.onsite.unrelay import take_back_line
from bot.domain.bookings.providers import team_reach
from bot.domain.bookings.reminders import remind_key
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx

ASK_SOON = timedelta(hours=2)  # a slot further ahead than this: its time is the promise
URGENT_COPY = "urgent"  # staff copied on an urgent work order's first offer
STAFF, KEEPERS = "staff", "keepers"  # who an alert reached


def arrived_key(booking: Booking) -> str:
    """The key of the worker's "you are there" message: one per attempt and day (without
    them a second day's, or the next worker's, was a copy of the first and dropped)."""
    return f"bk{booking.id}:w:arrived:{booking.attempt}:{booking.days_done}"


def job_keys(booking: Booking, worker_id: int) -> list[str]:
    """Every message that may have shown a worker this job with buttons: the offer turned
    job, the reminders, the arrival question, the late ping, each 'arrived' and each day's
    'done' (a job of days). Only those sent to the worker's own chat are theirs."""
    b, attempt, days = f"bk{booking.id}", booking.attempt, booking.days_done
    return [
        f"{b}:offer:{worker_id}:{attempt}",
        *(remind_key(booking, "w", day) for day in range(max(booking.units, 1))),
        f"{b}:w:eta:{attempt}",
        f"{b}:w:late:{attempt}",
        f"{b}:w:arrived",  # the key before each attempt and day had its own
        *(f"{b}:w:arrived:{attempt}:{day}" for day in range(days + 1)),
        *(f"{b}:w:day{day}" for day in range(1, days + 1)),
        f"{b}:w:early:{attempt}",
        f"{b}:w:withdraw:{attempt}",
    ]


class Jobsite:
    """Use cases shared by every accept and every end of a job."""

    def __init__(self, deps: BookingDeps, repo: OnsiteRepo, texts: OnsiteTexts) -> None:
        self.d = deps
        self.repo = repo
        self.texts = texts
        self.line = Line(deps, repo, texts)  # a new worker receives what waited on the line

    def window(self, booking: Booking) -> timedelta | None:
        """A work order's response window (by priority); None: the service's own."""
        if booking.kind != Kind.WORK_ORDER:
            return None
        return work_order_window(booking.priority or "", self.d.community.work_orders)

    async def offered(self, tx: Tx, booking: Booking) -> None:
        """An urgent work order's first offer: staff are copied at once."""
        urgent = booking.kind == Kind.WORK_ORDER and booking.priority == Priority.URGENT
        if urgent and booking.attempt == 0:
            text = T("onsite.staff_urgent", **self.about(booking))
            await self.alert(tx, booking, URGENT_COPY, text)

    def about(self, booking: Booking, late: bool = False) -> dict[str, object]:
        """The parameters every staff alert of a job names. How long it has waited, from the
        first ask; for a worker who is `late`, how long past the arrival they promised (a job
        booked last night for 10:00 has not waited 12 hours at 10:15; its worker is late)."""
        details = self.texts.details(booking)
        if late and booking.eta_at is not None:
            waited = self.texts.waited(self.d.now() - booking.eta_at, late=True)
            details = T("common.lines", lines=[details, waited])
        elif booking.created_at is not None:
            waited = self.texts.waited(self.d.now() - booking.created_at)
            details = T("common.lines", lines=[details, waited])
        return {"id": booking.id, "service": self.d.texts.service(booking), "summary": details}

    async def alert(
        self, tx: Tx, booking: Booking, why: str, text: Text, *, keepers: Text | None = None
    ) -> str:
        """Tell every staff member; when none can be written to, the housekeepers of the
        job's building (or any housekeeper) instead, but not its own worker: an alert always
        reaches a person when anyone can be reached. `keepers`: what those housekeepers are
        told as well when staff were (a work order not done in its window: they can walk over
        and look). Who was told: ``STAFF``, ``KEEPERS``, or '' when nobody could be (the job
        still shows on the console's Today page)."""
        reached = await self.d.people.staff(tx)
        for staff in reached:
            key = f"bk{booking.id}:staff:{why}:{booking.attempt}:{staff.id}"
            await self.d.send(tx, staff.telegram_id, text, key=key)
        if reached and keepers is None:
            return STAFF
        if why == URGENT_COPY:  # the urgent copy's keepers hold the offer itself
            return STAFF if reached else ""
        building = booking.address.building if booking.address else None
        found = await team_reach(tx, self.d.people, self.d.community, building)
        instead = [k for k in found if k.id != booking.assignee_id]
        relayed = (
            keepers if reached and keepers else T("bookings.alert_instead_of_staff", text=text)
        )
        for keeper in instead:
            key = f"bk{booking.id}:keeper:{why}:{booking.attempt}:{keeper.id}"
            await self.d.send(tx, keeper.telegram_id, relayed, key=key)
        if reached:
            return STAFF
        return KEEPERS if instead else ""

    async def accepted(self, tx: Tx, booking: Booking, worker: Person) -> None:
        """The promise held until the worker says one (and its late check), the question when
        they will be there (unless the slot is further ahead), photos, a work order's clock."""
        now = self.d.now()
        promise = default_promise(now, booking.slot_start, booking.slot_end)
        await self.promise(tx, booking, promise)
        if booking.slot_start is None or booking.slot_start - now <= ASK_SOON:
            text, buttons = self.texts.eta_ask(booking)
            key = f"bk{booking.id}:w:eta:{booking.attempt}"
            await self.d.send(tx, worker.telegram_id, text, key=key, buttons=buttons)
            await self.d.people.expect(tx, worker.id, Pending.ETA, **Awaiting(booking.id).data())
        await self._photos(tx, booking, worker)
        await self.line.hand_over(tx, booking, worker)
        if booking.kind == Kind.WORK_ORDER:
            after = escalate_after(booking.priority or "", self.d.community.work_orders)
            due = DeadlineRef(DeadlineKind.ESCALATE, booking.id, booking.attempt)
            await deadlines.schedule(tx, due.name, due.kind, now + after, due.ref)

    async def slot_moved(self, tx: Tx, booking: Booking) -> None:
        """An accepted job's slot moved (the worker agreed to a new time): the promise held is
        the new slot's, so the old slot's late check never asks about a worker not yet due."""
        now = self.d.now()
        await self.promise(tx, booking, default_promise(now, booking.slot_start, booking.slot_end))

    async def promise(self, tx: Tx, booking: Booking, eta: datetime, said: bool = False) -> None:
        """Keep the promised arrival (`said`: by the worker) and (re)schedule its late check.
        Deadline names are used once, so each promise's check is named after it
        (``bk:<id>:late:<attempt>:<eta>``)."""
        if booking.eta_at == eta and booking.late_at is None:
            if said and not booking.eta_said:
                await self.d.repo.update(tx, booking.id, eta_said=1)
            return  # the same promise again: its check is already waiting
        await self.d.repo.update(tx, booking.id, eta_at=eta, eta_said=int(said), late_at=None)
        due = DeadlineRef(DeadlineKind.LATE, booking.id, booking.attempt)
        await deadlines.cancel_prefix(tx, f"{due.name}:")
        grace = self.d.community.policy.arrival_grace
        name, again = f"{due.name}:{to_db(eta)}", 0
        while not await deadlines.schedule(tx, name, due.kind, late_check_at(eta, grace), due.ref):
            again += 1  # this promise was made and replaced before: a fresh name
            name = f"{due.name}:{to_db(eta)}:{again}"

    async def _photos(self, tx: Tx, booking: Booking, worker: Person) -> None:
        """Copy the resident's photos to the worker who accepted (only to them)."""
        photos = await self.repo.photos(tx, booking.id)
        if not photos:
            return
        base = f"bk{booking.id}:w:photos:{booking.attempt}"
        text = T("onsite.photos_for_worker", id=booking.id, count=len(photos))
        await self.d.send(tx, worker.telegram_id, text, key=base)
        for n, photo in enumerate(photos):
            await self.d.outbox.copy(
                tx, worker.telegram_id, photo.chat_id, photo.message_id, key=f"{base}:{n}"
            )

    async def arrived(self, tx: Tx, booking: Booking) -> None:
        """The worker is there: the late check is over."""
        late = DeadlineRef(DeadlineKind.LATE, booking.id, booking.attempt)
        await deadlines.cancel_prefix(tx, f"{late.name}:")

    async def finished(self, tx: Tx, booking: Booking) -> None:
        """The job is done (or over for its worker): no late check, no escalation."""
        await self.arrived(tx, booking)
        escalate = DeadlineRef(DeadlineKind.ESCALATE, booking.id, booking.attempt)
        await deadlines.cancel(tx, escalate.name)

    def work_order_done(self, booking: Booking, worker: Person) -> Text:
        """What the resident who reported a work order is told when it is done."""
        return T(
            "onsite.resident_work_order_done",
            issue=issue_label(booking),
            place=place_label(booking),
            name=worker.name,
        )

    async def ended(
        self,
        tx: Tx,
        booking: Booking,
        worker_id: int | None,
        status: Text,
        removed: bool = False,
    ) -> None:
        """The job is over for this worker: its clocks stop, and every message that showed it
        to them now says what happened, without the address and without buttons; ``removed``
        (taken off a job that goes on): what the line relayed to them too (:mod:`.unrelay`)."""
        await self.finished(tx, booking)
        worker = await self.d.people.by_id(tx, worker_id or 0)
        if worker is None:
            return
        if removed:
            await take_back_line(self.d, tx, booking, worker)
        text = self.texts.closed(booking, status)
        keys = job_keys(booking, worker.id)
        if booking.proposed_start is not None:  # a new time they were asked about: closed too
            keys.append(await self._drop_proposal(tx, booking))
        keys = [again for key in keys for again in await self.d.series(tx, key)]
        for key in keys:
            # only what was sent to them: an earlier worker's message of the job is not theirs
            if await self.d.outbox.queued_to(tx, key, worker.telegram_id):
                # only takes the address and buttons away: reaches a worker revoked since too
                await self.d.outbox.edit(
                    tx,
                    worker.telegram_id,
                    text,
                    key=await self.d.unused_key(tx, f"{key}:ended"),
                    of_key=key,
                    to_revoked=True,
                )
        pending = await self.d.people.expecting(tx, worker.id)
        if pending is None or pending[1].get("booking") == booking.id:
            # Their next words ("我快到了") are about a job no longer theirs: say so.
            gone = Awaiting(booking.id).data()
            await self.d.people.expect(
                tx, worker.id, Pending.GONE, **gone, status=status.key, at=to_db(self.d.now())
            )

    async def ask_sure(self, tx: Tx, booking: Booking, worker: Person, what: str) -> Text:
        """Ask the worker to confirm 📍 已到达 long before the slot ("early") or ↩️ 退单
        ("withdraw") with one button, which goes when the job ends for them (job_keys); the
        toast."""
        action = Action.ARRIVED if what == "early" else Action.WITHDRAW
        label = T(f"bookings.sure_button.{what}")
        buttons = [[self.d.texts.button(label, action, booking.id, SURE)]]
        key = f"bk{booking.id}:w:{what}:{booking.attempt}"
        question = T(f"bookings.sure_ask.{what}", id=booking.id, when=self.d.texts.slot(booking))
        await self.d.send(tx, worker.telegram_id, question, key=key, buttons=buttons)
        return T(f"bookings.sure_toast.{what}")

    async def left(self, tx: Tx, booking: Booking, name: str, why: str) -> None:
        """The worker withdrew or did not come: the resident's '…已接单' message says so and
        loses its buttons (no line to a worker who left, no Cancel under a stale text), and so
        does a "师傅到了吗？" question still open."""
        resident = await self.d.people.by_id(tx, booking.resident_id)
        asked = f"bk{booking.id}:r:accepted:{booking.attempt}"
        if resident is None or not await self.d.outbox.queued(tx, asked):
            return
        text = T(f"onsite.resident_worker_left.{why}", name=name)
        await self.d.outbox.edit(tx, resident.telegram_id, text, key=f"{asked}:left", of_key=asked)
        late = await self.late_question(tx, booking)
        if why == "withdrawn" and await self.d.outbox.queued(tx, late):
            # "师傅到了吗？" asked before they withdrew: answered by the withdrawal, no buttons
            gone = T("onsite.late_answered_withdrawn", name=name)
            await self.d.outbox.edit(
                tx, resident.telegram_id, gone, key=f"{late}:left", of_key=late
            )

    async def late_question(self, tx: Tx, booking: Booking) -> str:
        """The key of the last "师傅到了吗？" the resident was asked on this attempt (each
        promise missed asks anew: `…:2`, `…:3`)."""
        base = f"bk{booking.id}:r:late:{booking.attempt}"
        asked = await self.d.series(tx, base)
        return asked[-1] if asked else base

    async def _drop_proposal(self, tx: Tx, booking: Booking) -> str:
        """The worker asked about a new time is leaving: the proposal is dropped (the booking
        keeps its time) and its window no longer watched; the key of the question sent."""
        await self.d.repo.update(tx, booking.id, proposed_start=None, proposed_end=None)
        due = DeadlineRef(DeadlineKind.MOVE, booking.id, booking.proposal)
        await deadlines.cancel(tx, due.name)
        return f"bk{booking.id}:w:move:{booking.proposal}"
