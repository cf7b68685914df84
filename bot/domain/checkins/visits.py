"""Visits: the grid worker's regular non-task visit. Reminded the day before with the mood
buttons, staff told when a visit is a day late, and a recorded visit reported to family (and to
staff when she was found 不太好); then the next one is planned."""

from __future__ import annotations

from enum import StrEnum

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock
from bot.deadlines import Deadline
from bot.domain.checkins.contract import NoteRequest, Pending, visit_of, visit_prefix
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import Enrolled, Mood, Visit, VisitState
from bot.domain.checkins.planning import Planning
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx


class MoodOutcome(StrEnum):
    """What a mood press led to."""

    ASKED = "asked"  # the note is asked for next
    STALE = "stale"
    NOT_YOURS = "not_yours"
    DONE = "done"  # already recorded


class Visits:
    """Remind, miss and record visits."""

    def __init__(
        self,
        repo: CheckinRepo,
        reach: Reach,
        planning: Planning,
        texts: CheckinTexts,
        audit: Audit,
        clock: Clock,
    ) -> None:
        self._repo = repo
        self._reach = reach
        self._planning = planning
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def _target(self, tx: Tx, deadline: Deadline) -> tuple[Visit, Enrolled] | None:
        visit_id = visit_of(deadline)
        visit = await self._repo.visit(tx, visit_id) if visit_id is not None else None
        elder = await self._repo.elder(tx, deadline.ref)
        return (visit, elder) if visit is not None and elder is not None else None

    async def on_remind(self, tx: Tx, deadline: Deadline) -> None:
        """A visit is due soon: remind the grid worker, with the mood buttons to report."""
        target = await self._target(tx, deadline)
        if target is None or target[0].state == VisitState.DONE:
            return
        visit, elder = target
        text = T(
            "checkins.visit_due",
            name=elder.name,
            address=elder.address,
            due=self._texts.when(visit.due_at),
        )
        for worker in await self._reach.workers(tx, elder):
            await self._reach.outbox.send(
                tx,
                worker.telegram_id,
                text,
                key=f"visit{visit.id}:remind:{worker.telegram_id}",
                buttons=self._texts.moods(visit.id),
            )
        await self._audit.record(tx, "deadline", "visit_reminded", f"elder:{elder.key}")

    async def on_missed(self, tx: Tx, deadline: Deadline) -> None:
        """A visit was not recorded a day after it was due: staff told."""
        target = await self._target(tx, deadline)
        if target is None or not await self._repo.miss_visit(tx, target[0].id):
            return
        visit, elder = target
        text = T(
            "checkins.visit_missed",
            name=elder.name,
            worker=self._reach.worker_name(elder),
            due=self._texts.when(visit.due_at),
        )
        for staff in await self._reach.people.staff(tx):
            key = f"visit{visit.id}:missed:{staff.telegram_id}"
            await self._reach.outbox.send(tx, staff.telegram_id, text, key=key)
        await self._audit.record(tx, "deadline", "visit_missed", f"elder:{elder.key}")

    async def mood_pressed(
        self, tx: Tx, visit_id: int, mood: Mood | None, person: Person
    ) -> tuple[MoodOutcome, Text | None]:
        """The grid worker picked the elder's mood: the one-line note is asked for next."""
        visit = await self._repo.visit(tx, visit_id)
        if visit is None or mood is None:
            return MoodOutcome.STALE, None
        elder = await self._repo.elder(tx, visit.elder_key)
        if elder is None or not await self._reach.can_confirm(tx, person, elder):
            return MoodOutcome.NOT_YOURS, None
        if visit.state == VisitState.DONE:
            return MoodOutcome.DONE, None
        await self._reach.people.expect(
            tx, person.id, Pending.VISIT_NOTE, **NoteRequest(visit.id, mood).data()
        )
        return MoodOutcome.ASKED, T(
            "checkins.ask_note", name=elder.name, mood=self._texts.mood(mood)
        )

    async def note_given(self, tx: Tx, person: Person, request: NoteRequest, note: str) -> bool:
        """The note after a mood press: the visit is recorded (False if it already was)."""
        await self._reach.people.done_expecting(tx, person.id)
        visit = await self._repo.visit(tx, request.visit_id)
        if visit is None or visit.state == VisitState.DONE:
            return False
        await self.record(tx, visit, person, request.mood, note)
        return True

    async def record(self, tx: Tx, visit: Visit, person: Person, mood: str, note: str) -> None:
        """The grid worker recorded a visit: family get the report; the next one is planned."""
        elder = await self._repo.elder(tx, visit.elder_key)
        assert elder is not None
        if not await self._repo.record_visit(
            tx, visit.id, mood, note, person.id, self._clock.now()
        ):
            return
        await deadlines.cancel_prefix(tx, visit_prefix(elder.key, visit.id))
        await self._audit.record(
            tx, f"person:{person.id}", "visit_recorded", f"elder:{elder.key}", mood=mood
        )
        report = T(
            "checkins.visit_report",
            name=elder.name,
            worker=person.name,
            mood=self._texts.mood(mood),
            note=self._texts.note(note),
        )
        for member in await self._reach.family(tx, elder.key):
            key = f"visit{visit.id}:report:{member.telegram_id}"
            await self._reach.outbox.send(tx, member.telegram_id, report, key=key)
        if mood == Mood.POOR:
            await self._to_staff(tx, visit, elder, person, note)
        await self._planning.plan_visit(tx, elder)

    async def _to_staff(
        self, tx: Tx, visit: Visit, elder: Enrolled, worker: Person, note: str
    ) -> None:
        """A visit that found the elder 不太好 reaches staff too, not only family."""
        text = T(
            "checkins.visit_poor_staff",
            name=elder.name,
            worker=worker.name,
            note=self._texts.note(note),
            address=elder.address,
        )
        for staff in await self._reach.people.staff(tx):
            key = f"visit{visit.id}:poor:{staff.telegram_id}"
            await self._reach.outbox.send(tx, staff.telegram_id, text, key=key)
