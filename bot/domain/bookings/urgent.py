"""An urgent service booked from an emergency's ⚡ button, and a draft the emergency interrupted.

"水管爆了" answers with safety advice and **⚡ 尽快派水管师傅**. That button books the plumber as
soon as possible for real: the best-ranked provider someone of which joined is taken (the plan
still falls back to the others and the property's team), the time is 尽快, and the note and
door code are skipped, so the resident gives the address (if not known) and confirms; the job
goes out at once with the service's short response window. A booking the resident was in the
middle of ("明天上午洗油烟机", at the address step) is kept, not abandoned, and asked again once
the urgent one is confirmed.
"""

from __future__ import annotations

from bot.domain.bookings.deps import BookingDeps, actor
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import Booking, Kind, Step, kind_of
from bot.domain.bookings.queued import resume
from bot.domain.bookings.repo import NewDraft
from bot.domain.bookings.stepwords import kept_words
from bot.domain.bookings.timing import Timing
from bot.domain.people import Person
from bot.storage import Tx


class Urgent:
    """Use cases of the ⚡ button and of resuming an interrupted draft."""

    def __init__(self, deps: BookingDeps, flow: DraftFlow, timing: Timing) -> None:
        self.d = deps
        self.flow = flow
        self.timing = timing

    async def now(
        self, tx: Tx, person: Person, service: str, *, words: str = ""
    ) -> Booking | None:
        """⚡: a draft for as soon as possible with the best-ranked provider, earlier drafts
        kept; a service that is not urgent (or nobody offers) starts the usual way. `words`:
        the request as written, its note (as a request's own words are kept)."""
        urgent = kind_of(service) is Kind.SERVICE and self.d.services.is_urgent(service)
        found = await self.flow.providers.candidates(tx, service, person.id) if urgent else []
        if not found:
            return await self.flow.start(tx, person, service)
        reachable = [
            c.provider.id
            for c in found
            if c.provider.kind == "property"
            or await self.d.people.holders(tx, "provider", c.provider.id)
        ]  # a provider nobody of which joined could not receive the offer
        draft = NewDraft(person.id, service, Kind.SERVICE, Step.SLOT, None, None)
        booking_id = await self.d.repo.add_draft(tx, draft, note=kept_words(words) or None)
        chosen = reachable[0] if reachable else found[0].provider.id
        await self.d.repo.update(tx, booking_id, provider_id=chosen)
        subject = f"booking:{booking_id}"
        await self.d.audit.record(tx, actor(person), "draft_started", subject, service=service)
        await self.timing.asap(tx, await self.d.reload(tx, booking_id), person)
        return await self.d.reload(tx, booking_id)

    async def resume(self, tx: Tx, person: Person, done: int) -> None:
        """After booking `done`, the draft it interrupted is asked again
        (:func:`.queued.resume`)."""
        await resume(self.flow, tx, person, done)
