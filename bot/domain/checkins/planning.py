"""Enrolment and planning: the file's elders and staff's /enroll, the pings of yesterday to
tomorrow, and each elder's next visit. Every plan is idempotent (deterministic deadline names)."""

from __future__ import annotations

from datetime import datetime

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock, to_db
from bot.config import Community
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


class Planning:
    """Enrol elders and plan their pings and visits."""

    def __init__(
        self, community: Community, repo: CheckinRepo, audit: Audit, clock: Clock
    ) -> None:
        self._community = community
        self._repo = repo
        self._audit = audit
        self._clock = clock

    async def sync_file(self, tx: Tx) -> int:
        """Enrol the community file's elders (file values win); return how many are new."""
        added = 0
        for elder in self._community.elders:
            known = await self._repo.elder(tx, elder.key) is not None
            if await self._repo.upsert_file_elder(tx, elder, self._clock.now()):
                added += 0 if known else 1
                action = "enrolment_updated" if known else "enrolled"
                await self._audit.record(tx, "file", action, f"elder:{elder.key}")
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
        await self.plan(tx, self._clock.now())
        return elder

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Schedule pings for yesterday..tomorrow and the next visit of every elder.

        Pings already scheduled stay (so those that fell due while the bot was down still run);
        new ones are planned only from the elder's enrolment on and never in quiet hours or a
        pause.
        """
        for elder in await self._repo.elders(tx):
            for slot, moment in pings_to_plan(
                elder, now, self._community.tz, self._community.checkins
            ):
                ping = SlotDeadline(elder.key, slot, "ping")
                await deadlines.schedule(tx, ping.name, ping.kind, moment, elder.key)
            await self.plan_visit(tx, elder)

    async def plan_visit(self, tx: Tx, elder: Enrolled) -> None:
        """Schedule the elder's next visit unless one is open: a reminder and a missed check."""
        if await self._repo.has_open_visit(tx, elder.key):
            return
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
