"""Common-area work orders, and photos attached to any request.

A work order asks what is broken (a broken entrance door, no water or power for a building and
a lift fault with nobody inside are urgent) and where (a building and a place, never the
resident's own room), takes an optional note and photos, and goes to the property team at once
with the priority's response window; staff are copied on urgent ones. Accepted but not done
within the community file's window (``[work_orders] escalate_after``): staff and the
building's housekeepers are alerted. The resident who reported it is told when it is done.
There is no price anywhere.
"""

from __future__ import annotations

import re

from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import Booking, Kind, Status, Step
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.onsite.labels import issue_label
from bot.domain.bookings.onsite.model import (
    Issue,
    guess_issue,
    parse_building,
    parse_building_in,
    priority_of,
    same_fault,
)
from bot.domain.bookings.onsite.repo import Photo
from bot.domain.bookings.repo import NewDraft
from bot.domain.people import Person
from bot.i18n import T, Text, both
from bot.i18n.fmt import duration
from bot.outbox import Keyboard
from bot.storage import Tx
from intents.places import said_place

SERVICE = "common_area_repair"
# A work order someone is (or should be) on: a second report of its fault points to it.
HANDLING = (Status.OFFERED, Status.ACCEPTED, Status.ARRIVED, Status.UNASSIGNED)
# Named places that say more than the building: a unit or a spot ("4号楼2单元", "3栋大门").
UNIT_OR_SPOT = re.compile(r"单元|电梯|门|楼道|楼梯|楼下|门厅|大堂|车库|地下室|天台|楼顶|走廊")


class WorkOrders:
    """Use cases of common-area work orders and of photos attached to a draft."""

    def __init__(self, deps: BookingDeps, flow: DraftFlow, jobsite: Jobsite) -> None:
        self.d = deps
        self.flow = flow
        self.site = jobsite
        flow.take_up_report = self.take_up

    def buildings(self) -> list[str]:
        """The buildings the community's housekeepers cover, in order."""
        seen: dict[str, None] = {}
        for keeper in self.d.community.housekeepers:
            seen.update(dict.fromkeys(keeper.buildings))
        return list(seen)

    async def already_open(self, tx: Tx, words: str) -> Booking | None:
        """The open work order these words report again ("2号楼停水了" while #2 for building 2's
        water is being handled), if any (:func:`.model.same_fault`)."""
        issue = guess_issue(words)
        building = parse_building_in(words, self.buildings()) if issue is not None else None
        if building is None:
            return None
        for booking in await self.d.repo.open_bookings(tx):
            if booking.kind != Kind.WORK_ORDER or booking.status not in HANDLING:
                continue
            where = booking.address.building if booking.address else None
            if same_fault(issue, building, booking.issue, where):
                return booking
        return None

    def handling(self, booking: Booking) -> Text:
        """'已在处理：#2 🔴 紧急：停水（2栋）· 已接单': what a second report is pointed to (no
        room, no words of the first reporter: it may be read in a group)."""
        building = booking.address.building if booking.address else "-"
        return T(
            "onsite.already_handling",
            id=booking.id,
            issue=issue_label(booking),
            place=T("onsite.place_building", building=building),
            status=T(f"bookings.status.{booking.status}"),
        )

    async def report(self, tx: Tx, resident: Person, said: str | None = None) -> Booking | None:
        """A resident reports a common-area fault: a fault already being handled is not opened
        twice (the resident is pointed to its work order; None), anything else starts a new
        work order (:meth:`start`)."""
        known = await self.already_open(tx, said) if said else None
        if known is None:
            return await self.start(tx, resident, said)
        await self.d.audit.record(tx, actor(resident), "reported_again", f"booking:{known.id}")
        key = await self.d.unused_key(tx, f"bk{known.id}:again:{resident.id}")
        await self.d.send(tx, resident.telegram_id, self.handling(known), key=key)
        return None

    async def start(self, tx: Tx, resident: Person, said: str | None = None) -> Booking:
        """A new work order draft: what is broken (skipped when the words said it), then where
        (skipped when the words name one of our buildings: "3号楼没水了"). The resident's own
        words are kept on the work order (its note), so staff and the worker read the problem
        as it was told, not only its kind."""
        await self._set_aside(tx, resident)
        draft = NewDraft(resident.id, SERVICE, Kind.WORK_ORDER, Step.ISSUE, None, None)
        booking_id = await self.d.repo.add_draft(tx, draft)
        subject = f"booking:{booking_id}"
        await self.d.audit.record(tx, actor(resident), "draft_started", subject, service=SERVICE)
        return await self._from_words(tx, booking_id, resident, said)

    async def _set_aside(self, tx: Tx, resident: Person) -> None:
        """A fault reported while a home-service booking is being filled in ("对了，我们2栋楼道
        的灯全不亮了" at a drain booking's time step, tester t3): the booking used to be
        abandoned without a word. It is kept as it was (its buttons still work), the resident
        is told the report comes first, and it is asked again once the report is submitted or
        called off. An unfinished report is replaced, as a new draft replaces one."""
        drafts = await self.d.repo.drafts_of(tx, resident.id)
        for old in (b for b in drafts if b.kind == Kind.WORK_ORDER):
            await self.d.repo.transition(tx, old.id, Status.DRAFT, Status.ABANDONED)
        filling = [b for b in drafts if b.kind == Kind.SERVICE and b.step != Step.QUEUED]
        if filling:
            name = self.d.services.name(filling[-1].service)
            key = await self.d.unused_key(tx, f"bk{filling[-1].id}:fault_first")
            told = T("onsite.fault_first", first=name)
            await self.d.send(tx, resident.telegram_id, told, key=key)

    async def take_up(self, tx: Tx, booking: Booking, resident: Person) -> None:
        """A report that waited its turn behind another draft (a second fault said at its
        note step): what and where read from its words, as a new report's are."""
        await self.d.repo.update(tx, booking.id, step=Step.ISSUE)
        await self._from_words(tx, booking.id, resident, booking.note)

    async def _from_words(
        self, tx: Tx, booking_id: int, resident: Person, said: str | None
    ) -> Booking:
        backstop = self.flow.providers.backstop
        await self.d.repo.update(tx, booking_id, provider_id=backstop)
        words = said.strip()[:500] if said else ""
        issue = guess_issue(words) if words else None
        if words:
            await self.d.repo.update(tx, booking_id, note=words)
        if issue is not None:
            await self._set_issue(tx, booking_id, issue)
        booking = await self.d.reload(tx, booking_id)
        building = parse_building_in(words, self.buildings()) if issue is not None else None
        if building is not None:  # what and where were both said: straight to the note
            await self._placed(tx, booking, resident, building, self._spot(words, building))
            return await self.d.reload(tx, booking_id)
        await self.show(tx, booking, resident)
        return booking

    def _spot(self, words: str, building: str) -> str | None:
        """The place as the words name it when they say more than the building ("4号楼2单元",
        "3栋1单元大门"): the unit or spot is kept for the worker; None for a bare building."""
        place = said_place(words, self.buildings())
        if place is None or place.building != building or not UNIT_OR_SPOT.search(place.words):
            return None
        return place.words

    async def _set_issue(self, tx: Tx, booking_id: int, issue: Issue) -> None:
        fields = {"issue": issue, "priority": priority_of(issue), "step": Step.PLACE}
        await self.d.repo.update(tx, booking_id, **fields)

    async def show(self, tx: Tx, booking: Booking, resident: Person) -> None:
        """Ask what the work order's step needs: the issue, or the place."""
        texts = self.site.texts
        buttons: Keyboard | None
        if booking.step == Step.ISSUE:
            text, buttons = texts.issue_choices(booking)
        else:
            own = await self.d.people.address(tx, resident.id)
            building = own.building if own and own.building in self.buildings() else None
            text, buttons = texts.place_ask(booking, building)
            await self.d.people.expect(
                tx, resident.id, Pending.PLACE, **Awaiting(booking.id).data()
            )
        key = f"bk{booking.id}:step:{booking.step}"
        await self.d.send(tx, resident.telegram_id, text, key=key, buttons=buttons)

    async def choose_issue(self, tx: Tx, booking: Booking, person: Person, issue: str) -> bool:
        """The resident said what is broken; False for an unknown choice."""
        if issue not in Issue.__members__.values():
            return False
        await self._set_issue(tx, booking.id, Issue(issue))
        await self.d.record(tx, person, "issue_chosen", booking, issue=issue)
        await self.show(tx, await self.d.reload(tx, booking.id), person)
        return True

    async def choose_building(
        self, tx: Tx, booking: Booking, person: Person, building: str
    ) -> bool:
        """The resident tapped their own building; False when it is not one of ours."""
        if building not in self.buildings():
            return False
        await self._placed(tx, booking, person, building, None)
        return True

    async def typed_place(
        self, tx: Tx, person: Person, awaiting: Awaiting, text: str
    ) -> bool | Text:
        """'3栋1单元大门': the building is read from it and the words kept as the place.
        False: that draft moved on (read the text as usual); a Text: the place was unclear,
        answer with it (still awaited)."""
        booking = await self.flow.awaited_draft(tx, person, awaiting, Step.PLACE)
        if booking is None:
            return False
        building = parse_building(text, self.buildings())
        if building is None:
            return T("onsite.place_unclear", buildings="、".join(self.buildings()))
        await self._placed(tx, booking, person, building, text.strip()[:100])
        return True

    async def _placed(
        self, tx: Tx, booking: Booking, person: Person, building: str, place: str | None
    ) -> None:
        """Keep where it is (a common area: the building and the words, no room) and go on."""
        await self.d.people.done_expecting(tx, person.id)
        await self.d.repo.update(tx, booking.id, building=building, unit="", room="", place=place)
        await self.d.record(tx, person, "place_given", booking)
        await self.flow.enter(tx, await self.d.reload(tx, booking.id), person, Step.NOTE)

    async def attach_photo(self, tx: Tx, person: Person, awaiting: Awaiting, photo: Photo) -> bool:
        """A photo sent while the note is asked (any request): attached for the worker who
        accepts; False when that draft moved on (the photo is then read as usual)."""
        booking = await self.flow.awaited_draft(tx, person, awaiting, Step.NOTE)
        if booking is None:
            return False
        if await self.site.repo.add_photo(tx, booking.id, photo):
            count = len(await self.site.repo.photos(tx, booking.id))
            await self.d.record(tx, person, "photo_attached", booking)
            text = T("onsite.photo_added", count=count)
            key = f"bk{booking.id}:photo:{photo.chat_id}:{photo.message_id}"
            buttons = self.site.texts.photos_done(booking.id)
            await self.d.send(tx, person.telegram_id, text, key=key, buttons=buttons)
        return True

    async def escalate_due(self, tx: Tx, booking_id: int, attempt: int) -> None:
        """An accepted work order is still not done after its window: staff and the
        housekeepers of its building alerted, the worker reminded."""
        booking = await self.d.repo.get(tx, booking_id)
        open_ = (Status.ACCEPTED, Status.ARRIVED)
        if booking is None or booking.attempt != attempt or booking.status not in open_:
            return
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        name = worker.name if worker else "-"
        after = self.d.community.work_orders.escalate_after
        window = after.urgent if booking.priority == "urgent" else after.normal
        since = both(duration(window, "zh"), duration(window, "en"))
        await self.d.record(tx, None, "escalated", booking)
        about = {"name": name, "after": since, **self.site.about(booking)}
        keepers = T("onsite.keeper_escalated", **about)
        alert = T("onsite.staff_escalated", **about)
        await self.site.alert(tx, booking, "escalated", alert, keepers=keepers)
        if worker is not None:
            text = T("onsite.worker_escalated", id=booking.id, after=since)
            key = f"bk{booking.id}:w:escalated:{attempt}"
            await self.d.send(tx, worker.telegram_id, text, key=key)
