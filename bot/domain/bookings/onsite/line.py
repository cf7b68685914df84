"""The private line: resident and assigned worker write to each other through the bot.

[💬 联系师傅] / [💬 联系业主] opens it for the one who pressed (an awaited answer, so their next
messages are relayed until they leave it or the job ends); text is relayed with phone numbers,
usernames and contact ids masked, photos and voice notes are copied (captions masked), and
neither side ever sees the other's number or Telegram username. Every relayed message is kept,
masked, for staff's /booking. The relayed text is never logged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.onsite.contacts import hide_contacts, mask_contacts
from bot.domain.bookings.onsite.repo import LineMessage, OnsiteRepo, Photo
from bot.domain.bookings.onsite.talk import FOR_THE_BOT, ends_line
from bot.domain.bookings.onsite.texts import OnsiteTexts
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx

LIVE = (Status.ACCEPTED, Status.ARRIVED)  # the line is open for the life of the job
WAITING = (Status.OFFERED, Status.UNASSIGNED)  # offered again: messages wait for the next worker


@dataclass(frozen=True)
class Relayed:
    """A message someone wrote on the line: text, or media (photo, voice, media) to copy."""

    kind: str
    chat_id: int
    message_id: int
    text: str = ""  # the text, or a media message's caption


class Line:
    """Use cases of the private line."""

    def __init__(self, deps: BookingDeps, repo: OnsiteRepo, texts: OnsiteTexts) -> None:
        self.d = deps
        self.repo = repo
        self.texts = texts
        # Set once the arrival use cases exist (:func:`.service.build_onsite`): the assigned
        # worker's words on the line ("我这边20分钟到") may be their arrival promise.
        self.promised: Callable[[Tx, Booking, Person, str], Awaitable[None]] | None = None

    async def _party(self, tx: Tx, booking_id: int, person: Person) -> Booking | Text:
        """The booking when its line is open and this person is on it; else the toast."""
        booking = await self.d.repo.get(tx, booking_id)
        if booking is None or person.id not in (booking.resident_id, booking.assignee_id):
            return T("bookings.not_yours")
        if booking.status in (Status.OFFERED, Status.UNASSIGNED):
            return T("onsite.line_no_worker_toast")  # still live, but nobody assigned now
        if booking.status not in LIVE:
            return T("onsite.line_closed_toast")
        return booking

    async def open(self, tx: Tx, booking_id: int, person: Person) -> Text | None:
        """Open the line for the one who pressed; the toast (None: it opened)."""
        found = await self._party(tx, booking_id, person)
        if isinstance(found, Text):
            return found
        await self.d.people.expect(tx, person.id, Pending.LINE, **Awaiting(found.id).data())
        other = await self._other(tx, found, person)
        if person.id == found.resident_id:
            text = T("onsite.line_open_resident", id=found.id, name=other.name if other else "-")
        else:
            text = T("onsite.line_open_worker", id=found.id)
        key = await self.d.unused_key(tx, f"bk{found.id}:line:open:{person.id}")
        buttons = self.texts.line_end_button(found.id)
        await self.d.send(tx, person.telegram_id, text, key=key, buttons=buttons)
        await self.d.record(tx, person, "line_opened", found)
        return None

    async def send_asked(
        self, tx: Tx, booking_id: int, person: Person, words: str, asked: tuple[int, int]
    ) -> Text | None:
        """[💬 发给师傅] under "发给师傅还是新的预约？": the words go to the worker and the line
        stays open for what follows (`asked`: the question's chat and message, one relay per
        question); the toast when it cannot be (None: sent)."""
        refused = await self.open(tx, booking_id, person)
        if refused is not None:
            return refused
        await self.relay(tx, person, Awaiting(booking_id), Relayed("text", *asked, words))
        return None

    async def for_the_bot(self, tx: Tx, person: Person, awaiting: Awaiting, request: str) -> bool:
        """Whether the resident on this line asked the bot itself (my bookings, where it
        stands, another time, cancel): answered by the bot, not relayed; the line stays open.
        A worker's words always go to the resident."""
        if request not in FOR_THE_BOT:
            return False
        booking = await self.d.repo.get(tx, awaiting.booking_id)
        return booking is not None and booking.resident_id == person.id

    async def stop(self, tx: Tx, booking_id: int, person: Person) -> Text:
        """Leave the line (the next messages are read as usual again)."""
        pending = await self.d.people.expecting(tx, person.id)
        if pending is None or pending[0] != Pending.LINE:
            return T("common.stale_button")
        if Awaiting.parse(pending[1]).booking_id != booking_id:
            return T("common.stale_button")
        await self.d.people.done_expecting(tx, person.id)
        return T("onsite.line_left_toast")

    async def _other(self, tx: Tx, booking: Booking, person: Person) -> Person | None:
        """The other side of the line."""
        other = booking.assignee_id if person.id == booking.resident_id else booking.resident_id
        return await self.d.people.by_id(tx, other or 0)

    async def relay(self, tx: Tx, person: Person, awaiting: Awaiting, message: Relayed) -> bool:
        """Pass a message on to the other side. "结束对话" ends the line instead; while the job
        is offered again the resident's message is kept for the next worker; once the job is
        over (or no longer this worker's) they are told, and nothing is passed on. Always
        consumes the message (True)."""
        if message.kind == "text" and ends_line(message.text):
            await self.d.people.done_expecting(tx, person.id)
            key = f"bk{awaiting.booking_id}:lineend:{message.chat_id}:{message.message_id}"
            await self.d.send(tx, person.telegram_id, T("onsite.line_ended"), key=key)
            return True
        booking = await self.d.repo.get(tx, awaiting.booking_id)
        if booking is not None and await self._hold(tx, booking, person, message):
            return True
        found = await self._party(tx, awaiting.booking_id, person)
        other = await self._other(tx, found, person) if isinstance(found, Booking) else None
        if isinstance(found, Text) or other is None:
            await self.d.people.done_expecting(tx, person.id)
            await self._not_passed(tx, awaiting.booking_id, person, message)
            return True
        if await self.d.people.is_revoked(tx, other.telegram_id):
            # Staff revoked them: the line is closed both ways; the writer is told so politely
            await self.d.people.done_expecting(tx, person.id)
            key = f"bkline:revoked:{message.chat_id}:{message.message_id}"
            text = T("onsite.line_other_revoked", id=found.id, name=other.name)
            await self.d.send(tx, person.telegram_id, text, key=key)
            return True
        await self.pass_on(tx, found, person, other, message)
        return True

    async def pass_on(
        self, tx: Tx, booking: Booking, person: Person, other: Person, message: Relayed
    ) -> None:
        """Keep the message (contacts hidden) and relay it; the writer is told, politely, the
        first time contact details were hidden."""
        hidden = hide_contacts(message.text)
        kept = LineMessage(person.id, other.id, message.kind, hidden.text, self.d.now())
        source = Photo(message.chat_id, message.message_id)
        if not await self.repo.add_line_message(tx, booking.id, kept, source):
            return  # relayed before (a redelivered update)
        await self._pass_on(tx, booking, person, other, message, hidden.text)
        if self.promised is not None and person.id == booking.assignee_id:
            await self.promised(tx, booking, person, message.text)  # "20分钟到": tracked
        if hidden.hidden:  # said once per job and writer (the key), not under every message
            key = f"bk{booking.id}:linehidden:{person.id}"
            await self.d.send(tx, person.telegram_id, T("onsite.line_hidden"), key=key)

    async def _not_passed(self, tx: Tx, booking_id: int, person: Person, message: Relayed) -> None:
        """Tell the writer why nothing was passed on: the job is no longer theirs (a worker
        it was taken from), or it is over."""
        booking = await self.d.repo.get(tx, booking_id)
        key = f"bkline:closed:{message.chat_id}:{message.message_id}"
        gone = booking is not None and person.id not in (booking.resident_id, booking.assignee_id)
        text = (
            T("onsite.job_gone", id=booking_id) if gone else T("onsite.line_closed", id=booking_id)
        )
        await self.d.send(tx, person.telegram_id, text, key=key)

    async def hold(self, tx: Tx, booking: Booking, person: Person, message: Relayed) -> bool:
        """Keep a resident's plain message (no line opened) while the job is offered again."""
        return await self._hold(tx, booking, person, message)

    async def _hold(self, tx: Tx, booking: Booking, person: Person, message: Relayed) -> bool:
        """The job is being offered again (the worker withdrew or did not come): the resident's
        message is kept for the next worker (and staff), and the resident is told so; the line
        stays open. False when that is not the case."""
        if booking.status not in WAITING or person.id != booking.resident_id:
            return False
        hidden = hide_contacts(message.text)
        kept = LineMessage(person.id, None, message.kind, hidden.text, self.d.now())
        source = Photo(message.chat_id, message.message_id)
        if await self.repo.add_line_message(tx, booking.id, kept, source):
            key = f"bk{booking.id}:linewait:{message.chat_id}:{message.message_id}"
            await self.d.send(
                tx, person.telegram_id, T("onsite.line_held", id=booking.id), key=key
            )
        return True

    async def hand_over(self, tx: Tx, booking: Booking, worker: Person) -> None:
        """A worker accepted a job whose line held messages: they receive them now, and the
        resident's 💬 reaches them from here on."""
        held = await self.repo.held(tx, booking.id)
        resident = await self.d.people.by_id(tx, booking.resident_id)
        if not held or resident is None:
            return
        await self.repo.hand_over(tx, booking.id, worker.id)
        head = T("onsite.line_held_for_worker", id=booking.id, count=len(held))
        base = f"bk{booking.id}:line:held:{booking.attempt}"
        await self.d.send(tx, worker.telegram_id, head, key=base)
        for n, (kept, source) in enumerate(held):
            message = Relayed(kept.kind, source.chat_id, source.message_id, kept.text)
            await self._pass_on(tx, booking, resident, worker, message, kept.text, f"{base}:{n}")

    async def _pass_on(
        self,
        tx: Tx,
        booking: Booking,
        sender: Person,
        other: Person,
        message: Relayed,
        masked: str,
        key: str = "",
    ) -> None:
        """Write the masked text, or a header and a copy of the media, to the other side."""
        name = mask_contacts(sender.name)
        who = "resident" if sender.id == booking.resident_id else "worker"
        if who == "worker" and "师傅" in name:  # "💬 孙师傅", never "💬 师傅孙师傅"
            who = "titled"
        key = key or f"bk{booking.id}:line:{message.chat_id}:{message.message_id}"
        buttons = self.texts.reply_button(booking.id)
        if message.kind == "text":
            text = T(f"onsite.line_from_{who}", id=booking.id, name=name, text=masked)
            await self.d.send(tx, other.telegram_id, text, key=key, buttons=buttons)
            return
        what = T(f"onsite.line_kind.{message.kind}")
        header = T(f"onsite.line_media_from_{who}", id=booking.id, name=name, what=what)
        await self.d.send(tx, other.telegram_id, header, key=f"{key}:h", buttons=buttons)
        caption = masked if message.text else None
        await self.d.outbox.copy(
            tx,
            other.telegram_id,
            message.chat_id,
            message.message_id,
            key=f"{key}:c",
            caption=caption,
        )

    async def staff_lines(self, tx: Tx, booking: Booking) -> list[Text]:
        """The line as staff read it in /booking: who wrote to whom, when, what (masked); a
        message kept while nobody was assigned reads "to the next worker"."""
        names: dict[int, str] = {}
        lines: list[Text] = []
        for m in await self.repo.line(tx, booking.id):
            for who in (m.from_person, m.to_person):
                if who is not None and who not in names:
                    person = await self.d.people.by_id(tx, who)
                    names[who] = mask_contacts(person.name) if person else "-"
            what: Text | str = m.text if m.kind == "text" else T(f"onsite.line_kind.{m.kind}")
            to: Text | str = (
                T("onsite.line_to_next") if m.to_person is None else names[m.to_person]
            )
            lines.append(
                T(
                    "onsite.line_staff",
                    at=m.at.astimezone(self.d.community.tz).strftime("%m-%d %H:%M"),
                    sender=names[m.from_person],
                    to=to,
                    what=what,
                )
            )
        return lines
