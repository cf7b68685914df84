"""Words said at a draft's note step or under its summary that are not (only) the step's answer
(tester 1, items 1, 3 and 7).

- Another request ("另外马桶也堵了😭 急 现在能来人吗" while a cleaning waits for its note) was
  swallowed into the draft's note. Now the draft is kept as it is: an urgent service asked as
  soon as possible is booked first (as the emergency's ⚡ does; the draft is asked again once it
  is confirmed), anything else waits its turn after the draft; the resident is told which.
- "师傅到哪了" under the summary was answered "您目前没有进行中的预约": the booking is not sent
  yet, and the resident is told so and how to send it.
- "顺便帮我看看热水器" at the note step (session 11) queued a second booking unasked. Said by
  the way, another service is asked of the same visit: kept as the note (the worker reads it)
  and asked about once, with a button to book it apart.
- Other words under the summary ("电话13812345678 到了先打电话", "the dog is friendly, code for
  the gate is 8899") were thrown away with "这个预约还没确认". They go to the note as the note
  step keeps them (a door code sealed in its own field, as at the door-code step, and hidden
  from the note), and the summary is shown again.
"""

from __future__ import annotations

import re

from bot.domain.bookings.contract import Action
from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import Booking, Kind, Step
from bot.domain.bookings.onsite.model import guess_issue, parse_building_in
from bot.domain.bookings.queued import start_or_queue
from bot.domain.bookings.repo import NewDraft
from bot.domain.bookings.stepwords import beside_code
from bot.domain.bookings.urgent import Urgent
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx

NOTE_MAX = 500  # characters of a note, as the note step keeps it
# Another thing asked of the same visit, by the way: "顺便帮我看看热水器", "btw could he also
# check the tap", "while he's here…". Urgent words still book the urgent one first.
_BY_THE_WAY = re.compile(
    r"顺便|顺手|顺带|捎带|\b(?:by the way|btw|while (?:he|she|they|you)(?:'?s| is| are|'?re)"
    r" (?:here|there|at it)|whilst (?:he|she|they)(?:'?s| is| are) (?:here|there))\b",
    re.IGNORECASE,
)


def by_the_way(words: str) -> bool:
    """Whether words ask another thing of the same visit in passing ("顺便…", "btw…")."""
    return bool(_BY_THE_WAY.search(words))


class Aside:
    """Use cases of words at a draft's later steps that answer something else."""

    def __init__(self, deps: BookingDeps, flow: DraftFlow, urgent: Urgent) -> None:
        self.d = deps
        self.flow = flow
        self.urgent = urgent

    async def another_request(
        self, tx: Tx, person: Person, current: Booking, service: str, words: str, *, asap: bool
    ) -> None:
        """Another service asked while `current` is being filled in: never its note. Asked as
        soon as possible of an urgent service someone offers, it is booked first; otherwise it
        waits its turn after `current` (which is asked again)."""
        services = self.d.services
        urgent = asap and services.is_urgent(service)
        if urgent and await self.flow.providers.candidates(tx, service, person.id):
            first, second = services.name(current.service), services.name(service)
            lead = T("bookflow.urgent_first", first=first, second=second)
            key = await self.d.unused_key(tx, f"bk{current.id}:urgent_first:{service}")
            await self.d.send(tx, person.telegram_id, lead, key=key)
            await self.urgent.now(tx, person, service, words=words)
            return
        await start_or_queue(self.flow, tx, person, service, words=words)

    async def in_passing(
        self, tx: Tx, person: Person, current: Booking, service: str, words: str
    ) -> None:
        """Another service said by the way at the note step or under the summary ("顺便帮我看看
        热水器"): the words are the draft's note (the worker may look at it on the same visit),
        and the resident is asked once, with a button, whether to book it apart; nothing is
        booked or queued unasked. The step goes on as after a note."""
        names = self.d.services
        ask = T("bookflow.by_the_way", service=names.name(service))
        label = T("bookflow.button_book_apart", service=names.name(service))
        button = self.d.texts.button(label, Action.NEW, service)
        key = f"bk{current.id}:by_the_way:{service}"
        if not await self.d.outbox.queued(tx, key):  # asked once per draft and service
            await self.d.send(tx, person.telegram_id, ask, key=key, buttons=[[button]])
        if current.step == Step.NOTE:
            await self.flow.give_note(tx, current, person, words.strip())
            return
        text, buttons = await self.to_note(tx, current, person, words)
        again = await self.d.unused_key(tx, f"bk{current.id}:noted")
        await self.d.send(tx, person.telegram_id, text, key=again, buttons=buttons)

    async def another_fault(self, tx: Tx, person: Person, current: Booking, words: str) -> bool:
        """Words at a work order's note step (or under its summary) that report another fault
        ("3栋停电了，整栋楼都没电" after "2栋的单元门坏了"): another issue, or the same one in
        another building. Never its note: the report is kept as it is and asked again, and
        the new fault waits its turn as a work order of its own (tester t1). False when the
        words are about this one (a note)."""
        issue = guess_issue(words)
        if current.kind != Kind.WORK_ORDER or issue is None:
            return False
        buildings = [b for h in self.d.community.housekeepers for b in h.buildings]
        building = parse_building_in(words, buildings)
        here = current.address.building if current.address else None
        if issue == current.issue and (building is None or building == here):
            return False
        draft = NewDraft(person.id, current.service, Kind.WORK_ORDER, Step.QUEUED, None, None)
        queued = await self.d.repo.add_draft(tx, draft, note=words.strip()[:NOTE_MAX])
        subject = f"booking:{queued}"
        await self.d.audit.record(tx, actor(person), "draft_started", subject, queued=True)
        text, buttons = await self.flow.reask(tx, current, person)
        told = T("common.lines", lines=[T("bookflow.another_fault"), text])
        key = f"bk{current.id}:another_fault:{queued}"
        await self.d.send(tx, person.telegram_id, told, key=key, buttons=buttons)
        return True

    async def not_sent(
        self, tx: Tx, booking: Booking, person: Person
    ) -> tuple[Text, Keyboard | None]:
        """'师傅到哪了' while the booking is still a draft: nobody was asked yet; what sends it,
        and the step's question again."""
        name = self.d.services.name(booking.service)
        key = "bookflow.status_unsent" if booking.step == Step.CONFIRM else "bookflow.status_draft"
        text, buttons = await self.flow.reask(tx, booking, person)
        return T("common.lines", lines=[T(key, service=name), text]), buttons

    async def to_note(
        self, tx: Tx, booking: Booking, person: Person, words: str, code: str | None = None
    ) -> tuple[Text, Keyboard | None]:
        """Words under the summary: added to the note as the note step keeps them; a door code
        in them (`code`) is sealed in its own field and hidden from the note (a common area's
        report keeps no code). The summary again, still to be confirmed."""
        lines: list[Text] = []
        if code is not None and booking.kind == Kind.SERVICE:
            await self.flow.seal_code(tx, booking, person, code)
            lines.append(T("bookflow.door_code_kept"))
        added = beside_code(words, code) if code is not None else words.strip()
        if added:
            note = f"{booking.note}；{added}" if booking.note else added
            await self.d.repo.update(tx, booking.id, note=note[:NOTE_MAX])
            await self.d.audit.record(tx, actor(person), "note_added", booking.subject)
            lines.append(T("bookflow.note_added"))
        text, buttons = await self.flow.reask(tx, booking, person)
        return T("common.lines", lines=[*lines, text]), buttons


__all__ = ["Aside"]
