"""The resident's own bookings (issue 13): "我的预约" / /mybookings, "师傅几点到", and changing
the saved address in plain words or with /address.

Everything here answers from the stored state; the address is only ever shown back to its
owner in private (the handlers reply in the private chat it was written in).
"""

from __future__ import annotations

from dataclasses import replace

from bot.domain.bookings.contract import Action
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import OPEN, Booking, Status, Step
from bot.domain.bookings.onsite.texts import clock
from bot.domain.bookings.proposals import worker_asked
from bot.domain.bookings.stepwords import kept_words
from bot.domain.bookings.wording import FlowTexts
from bot.domain.people import Address, Person
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx

FINISHED = (Status.DONE, Status.RATED, Status.CANCELLED)
RECENT = 3  # finished bookings listed after the open ones


class Mine:
    """Use cases of a resident's own bookings and address."""

    def __init__(self, deps: BookingDeps) -> None:
        self.d = deps
        self.words = FlowTexts(deps.texts)

    async def _worker(self, tx: Tx, booking: Booking) -> str | None:
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        return worker.name if worker is not None else None

    async def listing(self, tx: Tx, person: Person) -> tuple[Text, Keyboard]:
        """Open bookings first (soonest first), then the last few finished ones."""
        found = await self.d.repo.of_resident(tx, person.id, OPEN)
        found.sort(key=lambda b: (b.slot_start is not None, b.slot_start or self.d.now()))
        done = [
            b
            for b in await self.d.repo.of_resident(tx, person.id, FINISHED)
            if b.plan or b.status != Status.CANCELLED  # a draft called off was never booked
        ]
        shown = [*found, *reversed(done[-RECENT:])]
        asked = {b.id for b in shown if await worker_asked(tx, b)}
        return self.words.mine([(b, await self._worker(tx, b)) for b in shown], asked)

    async def booked_from(
        self, tx: Tx, person: Person, service: str, words: str | None
    ) -> Booking | None:
        """The open booking a group request became (that service, the request's own words its
        note): the group's link pressed again shows it rather than starting a second draft of
        it (session 15, duplicate bookings were easy to make)."""
        said = kept_words(words or "")
        if not said:
            return None
        found = await self.d.repo.of_resident(tx, person.id, OPEN)
        return next((b for b in found if b.service == service and said in (b.note or "")), None)

    async def stands(
        self, tx: Tx, person: Person, service: str | None
    ) -> tuple[Text, Keyboard | None]:
        """'师傅几点到': the open booking it means (of that service, else the soonest), from its
        state; none open: say so, and offer to book a named service. A service named loosely
        ("the plumber" for a drain booking) means the open ones there are: no second booking
        is offered while one is open. A draft still being filled in is said to be unsent."""
        opened = await self.d.repo.of_resident(tx, person.id, OPEN)
        found = [b for b in opened if service in (None, b.service)] or opened
        if not found:
            drafts = await self.d.repo.drafts_of(tx, person.id)
            drafts = [b for b in drafts if b.step != Step.QUEUED]
            if drafts:  # still being filled in: nobody was asked yet (tester1)
                name = self.d.services.name(drafts[-1].service)
                return T("bookflow.status_draft", service=name), None
            if service is None or not self.d.services.is_service(service):
                return T("bookflow.status_none"), None
            name = self.d.services.name(service)
            book = self.d.texts.button(T("bookings.button_book"), Action.NEW, service)
            return T("bookflow.status_none_service", service=name), [[book]]
        found.sort(key=lambda b: (b.slot_start is not None, b.slot_start or self.d.now()))
        lines: list[Text] = []
        for booking in found:
            worker = await self._worker(tx, booking)
            line = self.words.stands(booking, worker)
            late = await self._late(tx, booking, worker)
            if late is not None:
                line = T("common.lines", lines=[line, late])
            if booking.proposed_start is not None:
                moving = self.words.moving(booking, await worker_asked(tx, booking))
                line = T("common.lines", lines=[line, moving])
            lines.append(line)
        buttons = [row for b in found for row in self.words.open_buttons(b)]
        return T("common.lines", lines=lines), buttons

    async def _late(self, tx: Tx, booking: Booking, worker: str | None) -> Text | None:
        """Asked after the worker's promised time passed with no arrival: staff are told (once;
        already, when the late check ran) and the resident hears it; None when not late."""
        eta = booking.eta_at
        if booking.status != Status.ACCEPTED or eta is None or self.d.now() <= eta:
            return None
        at = clock(eta, self.d.community.tz)
        reached = booking.late_at is not None
        if not reached:
            building = booking.address.building if booking.address else "-"
            asked = {"name": worker or "-", "at": at, "building": building}
            reached = await self.d.alert_staff(tx, booking, "asked_late", **asked) > 0
        return T("bookflow.status_late" if reached else "bookflow.status_late_alone", at=at)

    async def tell_stands(self, tx: Tx, person: Person, service: str | None, key: str) -> None:
        """'师傅几点到' asked in a group: the answer goes to the writer's private chat (the
        group only heard where to look), with its buttons; nothing when they have no open
        booking (the group's link still offers to talk)."""
        if not await self.d.repo.of_resident(tx, person.id, OPEN):
            return
        text, buttons = await self.stands(tx, person, service)
        await self.d.send(tx, person.telegram_id, text, key=key, buttons=buttons or None)

    async def contact(self, tx: Tx, person: Person) -> tuple[Text, Keyboard | None]:
        """'师傅电话多少': numbers are never shared either way; the private line to the worker
        of each open booking a worker has accepted is offered instead."""
        found = await self.d.repo.of_resident(tx, person.id, (Status.ACCEPTED, Status.ARRIVED))
        found = [b for b in found if b.assignee_id is not None]
        if not found:
            return T("bookflow.contact_none"), None
        buttons = [
            [self.d.texts.button(T("bookflow.button_contact", id=b.id), Action.LINE, b.id)]
            for b in found
        ]
        return T("bookflow.contact_private"), buttons

    async def fixed_address(
        self, tx: Tx, person: Person, fix: dict[str, str] | None
    ) -> Address | None:
        """Their saved address with the part(s) they corrected on their own ("是502不是501":
        the room), for the community's check and :meth:`change_address`; None when nothing
        is corrected or no address is saved (there is nothing to correct a part of)."""
        known = await self.d.people.address(tx, person.id) if fix else None
        return replace(known, **fix) if fix and known is not None else None

    async def change_address(
        self, tx: Tx, person: Person, address: Address, *, corrected: bool = False
    ) -> tuple[Text, Keyboard | None]:
        """Keep the resident's new address; an unfinished draft takes it. `corrected` (the old
        one was written wrong: "门牌号写错了，应该是502"): open bookings take it too, their
        worker told privately (:meth:`readdress`). Otherwise (they moved) open bookings keep
        their door, a button each offering to send it to the new one."""
        await self.d.people.set_address(tx, person.id, address)
        await self.d.people.done_expecting(tx, person.id)
        await self.d.audit.record(tx, f"person:{person.id}", "address_set", f"person:{person.id}")
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        for draft in await self.d.repo.of_resident(tx, person.id, (Status.DRAFT,)):
            await self.d.repo.update(tx, draft.id, **where)
        sent = [
            b
            for b in await self.d.repo.of_resident(tx, person.id, OPEN)
            if b.address is not None and b.address != address and not b.for_other
        ]
        if not sent:
            return T("bookflow.address_changed", address=address.label()), None
        ids = " ".join(f"#{b.id}" for b in sent)
        if corrected:
            for booking in sent:
                await self.readdress(tx, booking, person, address)
            return T("bookflow.address_fixed_open", address=address.label(), ids=ids), None
        use = "bookflow.button_use_address"
        buttons = [[self.d.texts.button(T(use, id=b.id), Action.USE_ADDRESS, b.id)] for b in sent]
        return T("bookflow.address_changed_open", address=address.label(), ids=ids), buttons

    async def readdress(self, tx: Tx, booking: Booking, person: Person, address: Address) -> None:
        """An open booking goes to `address`: its record changes, and a worker who already
        took it hears the new address in their private chat (never a group); one not taken
        yet simply carries it to whoever accepts."""
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        await self.d.repo.update(tx, booking.id, **where)
        by = f"person:{person.id}"
        await self.d.audit.record(tx, by, "booking_readdressed", booking.subject)
        if booking.assignee_id is None or booking.status not in (Status.ACCEPTED, Status.ARRIVED):
            return
        when = self.d.texts.slot(booking)
        label = address.label()
        text = T("bookflow.worker_address_changed", id=booking.id, address=label, when=when)
        key = await self.d.unused_key(tx, f"bk{booking.id}:w:address")
        await self.d.tell(tx, booking.assignee_id, text, key=key)

    async def use_address(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """📍 pressed under "address changed": this open booking goes to the saved address."""
        booking = await self.d.repo.get(tx, booking_id)
        address = await self.d.people.address(tx, person.id)
        if booking is None or booking.resident_id != person.id or address is None:
            return T("common.stale_button")
        if booking.status not in OPEN or booking.address == address:
            return T("common.stale_button")
        await self.readdress(tx, booking, person, address)
        return T("bookflow.address_used", id=booking.id, address=address.label())
