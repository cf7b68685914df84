"""Enrolment and planning: the file's elders and staff's /enroll, the pings of yesterday to
tomorrow, and each elder's next visit. Every plan is idempotent (deterministic deadline names)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.config import Community, Elder
from bot.domain.checkins.contract import (
    DeadlineKind,
    SlotDeadline,
    VisitStep,
    visit_deadline,
)
from bot.domain.checkins.forms import Enrolment
from bot.domain.checkins.model import Enrolled
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.schedule import pings_to_plan, visit_every, visit_plan
from bot.domain.people import Person
from bot.storage import Tx
from bot.storage.marks import mark, set_mark

PLAN_BATCH = 50  # elders a planner round plans (about 20 ms at 100k residents)
FILE_MARK = "checkins:file_elders"


def elders_fingerprint(elders: Sequence[Elder]) -> str:
    """What the community file says about its elders, as a short digest."""
    text = "\n".join(elder.model_dump_json() for elder in elders)
    return hashlib.sha256(text.encode()).hexdigest()


class Planning:
    """Enrol elders and plan their pings and visits."""

    def __init__(
        self, community: Community, repo: CheckinRepo, audit: Audit, clock: Clock
    ) -> None:
        self._community = community
        self._repo = repo
        self._audit = audit
        self._clock = clock
        self._synced: str | None = None  # the fingerprint of the file's elders last synced

    async def sync_file(self, tx: Tx) -> int:
        """Enrol the community file's elders (file values win); return how many are new. Done
        only when the file's elders differ from those last synced (a fingerprint is kept)."""
        fingerprint = elders_fingerprint(self._community.elders)
        if self._synced == fingerprint or await mark(tx, FILE_MARK) == fingerprint:
            self._synced = fingerprint
            return 0
        added = 0
        for elder in self._community.elders:
            known = await self._repo.elder(tx, elder.key) is not None
            if await self._repo.upsert_file_elder(tx, elder, self._clock.now()):
                added += 0 if known else 1
                action = "enrolment_updated" if known else "enrolled"
                await self._audit.record(tx, "file", action, f"elder:{elder.key}")
        await set_mark(tx, FILE_MARK, fingerprint)
        self._synced = fingerprint
        return added

    async def enroll(self, tx: Tx, actor: Person, form: Enrolment) -> Enrolled:
        """Enrol an elder on staff's word (key e1, e2, ...) and plan her pings at once."""
        key = await self._repo.add_staff_elder(tx, form, self._clock.now())
        await self._audit.record(
            tx,
            f"person:{actor.id}",
            "enrolled",
            f"elder:{key}",
            risk=form.risk,
            times=len(form.times),
        )
        elder = await self._repo.elder(tx, key)
        assert elder is not None
        await self.plan_elder(tx, key, self._clock.now())
        return elder

    async def plan(self, tx: Tx, now: datetime) -> int:
        """Schedule pings for yesterday..tomorrow and the next visit of the elders not planned
        for today yet (new, changed, resumed, or a new day), at most PLAN_BATCH of them.

        The runtime calls a planner again, each time in a new transaction, while it changes
        something (:meth:`bot.runtime.Runtime.plan`): the lock is held for one short batch at a
        time, and a round with nothing to plan reads one index. Pings already scheduled stay
        (so those that fell due while the bot was down still run); new ones are planned only
        from the elder's enrolment on and never in quiet hours or a pause. Returns how many
        elders it planned (0: everyone is planned for today).
        """
        day = now.astimezone(self._community.tz).date().isoformat()
        elders = await self._repo.to_plan(tx, day, PLAN_BATCH)
        await self._plan(tx, elders, now)
        return len(elders)

    async def plan_elder(
        self, tx: Tx, key: str, now: datetime, since: datetime | None = None
    ) -> None:
        """Plan one elder at once (just enrolled or resumed), whatever the batch holds; with
        `since`, no ping due before it (a pause's slots are not owed afterwards)."""
        elder = await self._repo.elder(tx, key)
        if elder is not None:
            await self._plan(tx, [elder], now, since)

    async def _plan(
        self, tx: Tx, elders: list[Enrolled], now: datetime, since: datetime | None = None
    ) -> None:
        """Schedule these elders' pings in one statement, their next visits, and mark them
        planned for today."""
        if not elders:
            return
        tz, policy = self._community.tz, self._community.checkins
        pings = [
            (ping.name, ping.kind, moment, elder.key)
            for elder in elders
            for slot, moment in pings_to_plan(elder, now, tz, policy, since)
            for ping in (SlotDeadline(elder.key, slot, "ping"),)
        ]
        await deadlines.schedule_many(tx, pings)
        keys = [elder.key for elder in elders]
        visited = await self._repo.with_open_visit(tx, keys)
        for elder in elders:
            if elder.key not in visited:
                await self._add_visit(tx, elder)
        await self._repo.planned(tx, keys, now.astimezone(tz).date().isoformat())

    async def plan_visit(self, tx: Tx, elder: Enrolled) -> None:
        """Schedule the elder's next visit unless one is open: a reminder and a missed check."""
        if not await self._repo.with_open_visit(tx, [elder.key]):
            await self._add_visit(tx, elder)

    async def _add_visit(self, tx: Tx, elder: Enrolled) -> None:
        """Schedule the elder's next visit: a reminder and a missed check."""
        base = await self._repo.last_visit_done(tx, elder.key) or elder.created_at
        due, remind_at, missed_at = visit_plan(
            base, visit_every(elder.risk, self._community.checkins)
        )
        visit_id = await self._repo.add_visit(tx, elder.key, due, self._clock.now())
        for step, kind, at in (
            (VisitStep.REMIND, DeadlineKind.VISIT_REMIND, remind_at),
            (VisitStep.MISSED, DeadlineKind.VISIT_MISSED, missed_at),
        ):
            await deadlines.schedule(
                tx, visit_deadline(elder.key, visit_id, step), kind, at, elder.key
            )
        await self._audit.record(
            tx, "planner", "visit_planned", f"elder:{elder.key}", visit=visit_id, due=to_db(due)
        )
