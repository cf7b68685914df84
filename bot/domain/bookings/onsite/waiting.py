"""A resident's "还没来" / "not here yet" while their worker is on the way.

"Not yet" is no verdict: before the promised time (and its grace) it is answered with where the
job stands (the promised arrival time), the job kept; after it, with the late question open, the
worker is reminded and the resident keeps both choices ([✅ 师傅到了] [❌ 没来，换个师傅]). Only a
clear no-show ("没人来", "nobody came", "换个师傅", the ❌ button) takes the job from the worker,
and only once the late question is asked (:mod:`.arrival`). The words are read in
:func:`bot.domain.bookings.stepwords.came_answer`.
"""

from __future__ import annotations

from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.mine import Mine
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.onsite.arrival import Arrival
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.onsite.talk import relayed_on
from bot.domain.bookings.stepwords import NOT_YET, YES, came_answer
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx


class Waiting:
    """Use cases of a resident waiting for the worker who accepted their job."""

    def __init__(self, deps: BookingDeps, arrival: Arrival, site: Jobsite) -> None:
        self.d = deps
        self.arrival = arrival
        self.site = site
        self.mine = Mine(deps)

    async def typed(
        self, tx: Tx, person: Person, text: str
    ) -> tuple[Text, Keyboard | None] | bool:
        """Words about the worker coming: True when they answered the open late question as
        its buttons ("到了", "一个人影都没有"); what to say when they say "not yet" (before the
        question: the promised time; after it: the worker reminded; the job kept either way);
        False when they are about something else, or not about their one job on the way."""
        answer = came_answer(text)
        if answer is None:
            return False
        if answer != NOT_YET and await self.arrival.typed_came(tx, person, text):
            return True
        if answer == YES:
            return False
        booking = await self._on_the_way(tx, person)
        if booking is None or (answer != NOT_YET and booking.late_at is None):
            return False  # "nobody inside" about a lift: no question open, no answer of this
        said, buttons = await self.mine.stands(tx, person, booking.service)
        if booking.late_at is None:  # before the promise and its grace: no verdict yet
            return said, buttons
        hint, buttons = await self._nudge(tx, booking, person)
        return T("common.lines", lines=[said, hint]), buttons

    async def _on_the_way(self, tx: Tx, person: Person) -> Booking | None:
        """The resident's one accepted job, when their words are not an answer to something
        else (a question awaited of them, a message the worker relayed)."""
        accepted = await self.d.repo.of_resident(tx, person.id, (Status.ACCEPTED,))
        found = [b for b in accepted if b.assignee_id is not None]
        if len(found) != 1:
            return None
        if found[0].late_at is None:
            if await self.d.people.expecting(tx, person.id) is not None:
                return None  # the line open, a step waiting: the words are for that
            if relayed_on(await self.d.outbox.last_sent_key(tx, person.telegram_id)):
                return None  # "not yet" answering the worker's "到家了吗？": relayed
        return found[0]

    async def _nudge(self, tx: Tx, booking: Booking, resident: Person) -> tuple[Text, Keyboard]:
        """Still waiting after the late question: the worker reminded again, the resident's
        two choices offered again (the job stays with the worker until ❌ is chosen)."""
        worker = await self.d.people.by_id(tx, booking.assignee_id or 0)
        name = worker.name if worker is not None else "-"
        if worker is not None:
            at = self.site.texts.at(booking.eta_at) if booking.eta_at else "-"
            ping = T("onsite.late_worker_waiting", id=booking.id, at=at)
            key = await self.d.unused_key(tx, f"bk{booking.id}:w:waiting:{booking.attempt}")
            buttons = self.d.texts.job_buttons(booking, Status.ACCEPTED)
            await self.d.send(tx, worker.telegram_id, ping, key=key, buttons=buttons)
        await self.d.record(tx, resident, "still_waiting", booking)
        return T("onsite.late_wait", name=name), self.site.texts.came_buttons(booking)
