"""A second service booked before the first is confirmed (retest of issue 13, F10).

"明天上午想洗油烟机，顺便空调也洗一下" offers **➕ 接着约空调清洗** under the range hood's draft.
Pressed before the range hood is confirmed, it used to start a new draft and silently abandon
the first. Now the first is kept and asked again, and the AC cleaning waits as a draft at the
``queued`` step; it starts at its first step once no draft is being filled in (the first
confirmed, or called off).
"""

from __future__ import annotations

from bot.domain.bookings.deps import actor
from bot.domain.bookings.flow import DraftFlow
from bot.domain.bookings.model import Booking, Kind, Step, first_step, kind_of
from bot.domain.bookings.repo import NewDraft
from bot.domain.bookings.stepwords import kept_words
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx


async def start_or_queue(
    flow: DraftFlow, tx: Tx, resident: Person, service: str, *, words: str = ""
) -> Booking | None:
    """'Book' pressed (➕ the second service of a message, a price card's button), or another
    request said at a draft's note step or under its summary: with a draft of another
    service still open, that draft is kept and asked again, and the new one waits its turn
    (started once the first is confirmed or called off; `words`, the request as written, are
    its note); the same service's open draft is simply asked again. Otherwise a draft starts
    as usual."""
    drafts = await flow.d.repo.drafts_of(tx, resident.id)
    current = [b for b in drafts if b.step != Step.QUEUED]
    found = await flow.providers.candidates(tx, service, resident.id)
    if not current or not found:  # nothing open, or nobody offers it: said by start()
        return await flow.start(tx, resident, service)
    first = current[-1]
    if first.service != service and not any(
        b.service == service for b in drafts if b.step == Step.QUEUED
    ):
        draft = NewDraft(resident.id, service, kind_of(service), Step.QUEUED, None, None)
        queued = await flow.d.repo.add_draft(tx, draft, note=kept_words(words) or None)
        subject = f"booking:{queued}"
        who = actor(resident)
        await flow.d.audit.record(tx, who, "draft_started", subject, service=service, queued=True)
    name, other = flow.d.services.name(first.service), flow.d.services.name(service)
    lead = T("bookflow.queued_next", first=name, second=other)
    if first.service == service:
        lead = T("bookflow.resume", service=name)
    told, buttons = lead, None
    if first.step not in (Step.ISSUE, Step.PLACE):  # a report's own steps: asked above already
        text, buttons = await flow.reask(tx, first, resident)
        told = T("common.lines", lines=[lead, text])
    # each ask answered: keyed by the draft and the service asked, then counted (a clock
    # reading standing still made a second ask's answer a duplicate, dropped)
    key = await flow.d.unused_key(tx, f"bk{first.id}:queue:{service}")
    await flow.d.send(tx, resident.telegram_id, told, key=key, buttons=buttons)
    return first


async def next_in_line(flow: DraftFlow, tx: Tx, resident: Person) -> bool:
    """Once no draft is being filled in, the draft waiting its turn starts (its first step
    asked); False when there is none or another draft is still open."""
    drafts = await flow.d.repo.drafts_of(tx, resident.id)
    if any(b.step != Step.QUEUED for b in drafts):
        return False
    waiting = [b for b in drafts if b.step == Step.QUEUED]
    if not waiting:
        return False
    booking = waiting[0]
    lead = T("bookflow.queued_go", service=flow.d.services.name(booking.service))
    await flow.d.send(tx, resident.telegram_id, lead, key=f"bk{booking.id}:go")
    if booking.kind == Kind.WORK_ORDER and flow.take_up_report is not None:
        await flow.take_up_report(tx, booking, resident)  # a report's own steps: what, where
        return True
    await flow.enter(tx, booking, resident, first_step(kind_of(booking.service)))
    return True


async def resume(flow: DraftFlow, tx: Tx, person: Person, done: int) -> None:
    """After booking `done`, a draft the resident left for it is asked again; with none,
    the draft waiting its turn (➕ the next service) starts. `done` may also be a draft
    just dropped (a report called off in words, tester t3)."""
    kept = [
        b
        for b in await flow.d.repo.drafts_of(tx, person.id)
        if b.id != done and b.step != Step.QUEUED
    ]
    if not kept:
        await next_in_line(flow, tx, person)
        return
    booking = kept[-1]
    lead = T("bookflow.resume", service=flow.d.services.name(booking.service))
    key = f"bk{booking.id}:resume:{done}"
    if booking.step == Step.ADDRESS and await flow.d.people.address(tx, person.id):
        # the address was given meanwhile: on to the step after it
        await flow.d.send(tx, person.telegram_id, lead, key=key)
        await flow.enter(tx, booking, person, Step.ADDRESS)
        return
    told, buttons = lead, None
    if booking.step not in (Step.ISSUE, Step.PLACE):  # a report's own steps: its buttons
        text, buttons = await flow.reask(tx, booking, person)  # are still on screen
        told = T("common.lines", lines=[lead, text])
    await flow.d.send(tx, person.telegram_id, told, key=key, buttons=buttons)


__all__ = ["next_in_line", "resume", "start_or_queue"]
