"""Plain private messages that belong to the private line although nobody pressed 💬: the
answer to a relayed message, and a worker's words about a job taken from them.

The rule is pure, in :mod:`bot.domain.bookings.onsite.talk`; this module gathers its facts (the
last message the writer received, the jobs they are on, whether the other side has the line
open) and acts on its answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import from_db
from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.onsite.contacts import hide_contacts
from bot.domain.bookings.onsite.jobsite import Jobsite
from bot.domain.bookings.onsite.line import LIVE, WAITING, Line, Relayed
from bot.domain.bookings.onsite.model import said_arrival
from bot.domain.bookings.onsite.talk import (
    Heard,
    Route,
    adds_to_visit,
    relayed_on,
    route,
    starts_request,
    still_gone,
)
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx


@dataclass(frozen=True)
class AskFirst:
    """The resident's words may be for the worker of this job or a new request: ask."""

    booking: Booking
    also: bool = False  # "顺便帮我看看…": something more for this visit, perhaps


# What starts something else with the bot, never kept for a worker.
_REQUESTS = frozenset({"service_request", "price_query", "borrow_tool", "faq"})


class Plain:
    """Use cases of plain messages about the line."""

    def __init__(self, deps: BookingDeps, line: Line, site: Jobsite) -> None:
        self.d = deps
        self.line = line
        self.site = site

    def _says_eta(self, text: str) -> bool:
        """Whether the words say when the worker will be there ("20分钟到", "四点到")."""
        return said_arrival(text, self.d.now(), self.d.community.tz) is not None

    async def heard(
        self,
        tx: Tx,
        person: Person,
        message: Relayed,
        intent: str,
        may_ask: bool = False,
        target: str | None = None,
    ) -> bool | AskFirst:
        """A private message while no answer is awaited: relayed when it answers the line
        ("好的，马上到" after a relayed message), "结束对话" ends the conversation; False when
        it is for the bot; :class:`AskFirst` when a resident's words may be for their worker
        or a new request (`may_ask`: the bot has no other answer for them; `target`: the
        service named, where another than the job's is a new request, not asked about)."""
        pending = await self.d.people.expecting(tx, person.id)
        if pending is not None and (pending[0] != Pending.ETA or self._says_eta(message.text)):
            # An awaited answer (the line itself included) has its own handler; only the
            # question when a worker will be there stays open while they talk ("好的，马上到").
            return False
        booking, answering, writing = await self._conversation(tx, person)
        if booking is None:
            return await self._held(tx, person, message, intent)
        resident = person.id == booking.resident_id
        own = not resident and not answering and not writing
        theirs = resident and not answering and not writing
        heard = Heard(resident, answering, writing, intent, message.text, own, theirs)
        decided = route(heard)
        also = adds_to_visit(message.text)  # "顺便帮我看看水龙头": this visit, or a new one?
        other_service = intent == "service_request" and target not in (None, booking.service)
        asked = decided is Route.ASK and may_ask and message.kind == "text"
        if asked and (also or not other_service or _gives_contacts(message.text)):
            return AskFirst(booking, also)
        if decided in (Route.BOT, Route.ASK):
            return await self._held(tx, person, message, intent) if theirs else False
        if decided is Route.WITHDRAW:
            if booking.status != Status.ACCEPTED:  # arrived: nothing to withdraw, say it on
                decided = Route.RELAY
            else:
                await self.site.ask_sure(tx, booking, person, "withdraw")
                return True
        if decided is Route.END:
            key = f"bk{booking.id}:lineend:{message.chat_id}:{message.message_id}"
            await self.d.send(tx, person.telegram_id, T("onsite.line_ended"), key=key)
            return True
        other_id = booking.assignee_id if resident else booking.resident_id
        other = await self.d.people.by_id(tx, other_id or 0)
        if other is None:
            return False
        await self.line.pass_on(tx, booking, person, other, message)
        return True

    async def _held(self, tx: Tx, person: Person, message: Relayed, intent: str) -> bool:
        """A resident's plain words while their only job in the works is offered again after
        its worker left ("我家狗很凶，进门先敲门"): kept for the next worker, never a menu.
        Questions to the bot, new requests and "结束对话" are not (False)."""
        waiting = await self.d.repo.with_party(tx, person.id, WAITING)
        mine = [b for b in waiting if b.resident_id == person.id]
        if len(mine) != 1 or not await self.d.repo.had_worker(tx, mine[0].id):
            return False
        heard = Heard(True, True, False, intent, message.text)
        if intent in _REQUESTS or route(heard) is not Route.RELAY:
            return False
        return await self.line.hold(tx, mine[0], person, message)

    async def _conversation(self, tx: Tx, person: Person) -> tuple[Booking | None, bool, bool]:
        """The job the writer is talking about, whether they answer a relayed message, and
        whether the other side has the line open (on the writer's only live job)."""
        last = await self.d.outbox.last_sent_key(tx, person.telegram_id)
        relayed = relayed_on(last)
        if relayed is not None:
            booking = await self.d.repo.get(tx, relayed)
            if booking is not None and booking.status in LIVE and _party(booking, person):
                return booking, True, False
        live = [b for b in await self.d.repo.with_party(tx, person.id, LIVE)]
        if len(live) != 1:
            return None, False, False
        booking = live[0]
        if booking.assignee_id == person.id:  # the worker of their only live job
            return booking, False, False
        other = booking.assignee_id if person.id == booking.resident_id else booking.resident_id
        pending = await self.d.people.expecting(tx, other or 0)
        writing = pending is not None and pending[0] == Pending.LINE
        if writing and pending is not None and Awaiting.parse(pending[1]).booking_id == booking.id:
            return booking, False, True
        if person.id == booking.resident_id and booking.assignee_id is not None:
            return booking, False, False  # their job in progress: words may be for the worker
        return None, False, False

    async def gone(
        self, tx: Tx, worker: Person, data: dict[str, object], text: str, intent: str
    ) -> bool:
        """A worker whose job was taken away writes ("我快到了"): told, politely, that it is no
        longer theirs; a new request, another question or words long after are not about it
        (False: understood as usual)."""
        at = data.get("at")
        if not isinstance(at, str) or not still_gone(from_db(at), self.d.now()):
            await self.d.people.done_expecting(tx, worker.id)
            return False
        if intent != "none" or starts_request(text, intent):
            return False
        booking_id = Awaiting.parse(data).booking_id
        status = str(data.get("status") or "onsite.status_withdrawn")
        text_ = T("onsite.job_gone_why", id=booking_id, status=T(status))
        key = await self.d.unused_key(tx, f"bk{booking_id}:w:gone:{worker.id}")
        await self.d.send(tx, worker.telegram_id, text_, key=key)
        return True


def _party(booking: Booking, person: Person) -> bool:
    return person.id in (booking.resident_id, booking.assignee_id)


def _gives_contacts(text: str) -> bool:
    """Contact details given ("WeChat: tomsh2020, mobile +86 …") are for a person, never a
    request for phone and computer help (tester 2 #12): asked about, not booked."""
    return hide_contacts(text).hidden
