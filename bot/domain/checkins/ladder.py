"""The ladder: a ping at each check-in time, then, with no answer, a reminder, the grid worker,
and staff. Each step is a deadline; a step finds its check-in by slot and moves it by the
transition table, so a step that comes after an answer does nothing."""

from __future__ import annotations

import logging

from bot import deadlines
from bot.audit import Audit
from bot.clock import Clock
from bot.config import Community
from bot.deadlines import Deadline
from bot.domain.checkins.contract import SlotDeadline, slot_of
from bot.domain.checkins.early import EarlyWords
from bot.domain.checkins.help import HelpCalls
from bot.domain.checkins.messages import CheckinTexts
from bot.domain.checkins.model import (
    OPEN,
    Checkin,
    CheckinEvent,
    CheckinState,
    Enrolled,
    Step,
    ladder,
    next_state,
    proxy_staff_at,
)
from bot.domain.checkins.reach import Reach
from bot.domain.checkins.repo import CheckinRepo
from bot.domain.checkins.schedule import day_over, ladder_start, superseded
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)


class Ladder:
    """Pings and the steps that follow silence."""

    def __init__(
        self,
        community: Community,
        repo: CheckinRepo,
        reach: Reach,
        texts: CheckinTexts,
        audit: Audit,
        clock: Clock,
        early: EarlyWords,
        calls: HelpCalls,
    ) -> None:
        self._early = early
        self._calls = calls
        self._policy = community.checkins
        self._tz = community.tz
        self._repo = repo
        self._reach = reach
        self._texts = texts
        self._audit = audit
        self._clock = clock

    async def on_ping(self, tx: Tx, deadline: Deadline) -> None:
        """A check-in time came: greet the elder (or ask the grid worker, by proxy), unless
        what she wrote shortly before already answers it (:class:`.early.EarlyWords`)."""
        key, slot = deadline.ref, slot_of(deadline)
        elder = await self._repo.elder(tx, key)
        if elder is None or await self._repo.by_slot(tx, key, slot):
            return
        now, tz = self._clock.now(), self._tz
        skip = "paused" if elder.paused_at(deadline.due_at) else None
        if skip is None and superseded(elder.times, deadline.due_at, now, tz):
            skip = "superseded"  # down past two check-in times: one greeting, the later one
        person = await self._reach.elder_person(tx, key) if elder.has_telegram else None
        late = day_over(deadline.due_at, now, tz, self._policy)
        proxy = skip is None and (person is None or late)
        state = CheckinState.SKIPPED if skip else CheckinState.PINGED
        checkin = await self._repo.add_checkin(tx, key, slot, deadline.due_at, state, proxy, now)
        if skip:
            await self._audit.record(
                tx, "deadline", f"ping_skipped_{skip}", f"elder:{key}", slot=slot
            )
        elif proxy:
            await self._by_proxy(tx, elder, checkin, "late" if late else "proxy")
        elif person is None or not await self._spoke(tx, elder, checkin, person):
            await self._greet(tx, elder, checkin, person.telegram_id if person else 0)

    async def _spoke(self, tx: Tx, elder: Enrolled, checkin: Checkin, person: Person) -> bool:
        """Whether she already spoke before this greeting, so it is not sent: her help call is
        open (it carries the check-in: nobody asks "今天都好吗" while someone is on the way,
        and its closing settles it), or what she wrote answers it (:class:`.early.EarlyWords`)."""
        if await self._calls.open_call(tx, elder.key) is not None:
            await self._calls.hold_ladder(tx, elder.key)
            await self._audit.record(
                tx, "deadline", "ping_held_by_call", f"elder:{elder.key}", slot=checkin.slot
            )
            return True
        return await self._early.answered(tx, elder, checkin, person)

    async def _by_proxy(self, tx: Tx, elder: Enrolled, checkin: Checkin, reason: str) -> None:
        """No elder to greet (or too late to): the grid worker checks; staff if no word."""
        await self._audit.record(
            tx, "deadline", f"ping_{reason}", f"elder:{elder.key}", slot=checkin.slot
        )
        await self.ask_worker(tx, elder, checkin, reason)
        staff = SlotDeadline(elder.key, checkin.slot, Step.STAFF)
        at = proxy_staff_at(self._policy, checkin.due_at, self._clock.now())
        await deadlines.schedule(tx, staff.name, staff.kind, at, elder.key)

    async def _greet(self, tx: Tx, elder: Enrolled, checkin: Checkin, chat_id: int) -> None:
        """Greet the elder with the three answers, and schedule the ladder's steps."""
        greeting = self._texts.greeting(elder, checkin.due_at)
        await self._reach.outbox.send(
            tx,
            chat_id,
            T("checkins.ping", greeting=greeting),
            key=f"ci{checkin.id}:ping",
            buttons=self._texts.answers(checkin.id),
        )
        await self._audit.record(tx, "deadline", "pinged", f"elder:{elder.key}", slot=checkin.slot)
        start = ladder_start(checkin.due_at, self._clock.now())
        for step, after in ladder(self._policy):
            ref = SlotDeadline(elder.key, checkin.slot, step)
            await deadlines.schedule(tx, ref.name, ref.kind, start + after, elder.key)

    async def ask_worker(self, tx: Tx, elder: Enrolled, checkin: Checkin, reason: str) -> None:
        """Ask the grid worker to call or visit; if nobody can be asked, go to staff now."""
        workers = await self._reach.workers(tx, elder)
        text_key = {"proxy": "worker_proxy", "late": "worker_late"}.get(reason, "worker_ask")
        text = T(f"checkins.{text_key}", name=elder.name, address=elder.address)
        moved = await self._repo.move(tx, checkin, CheckinState.GRID)
        checkin = moved or checkin
        for worker in workers:
            tag = f"ci{checkin.id}:worker:{worker.telegram_id}"
            buttons = self._texts.confirm(checkin.id)
            await self._reach.alert(tx, checkin, worker, text, tag, buttons)
        await self._audit.record(
            tx, "deadline", "grid_worker_asked", f"elder:{elder.key}", reason=reason
        )
        if reason != "proxy":
            await self._reach.alert_family(
                tx, checkin, elder, "checkins.family_checking", "fam_grid"
            )
        if not workers:
            revoked = await self._reach.worker_revoked(tx, elder)
            await self.escalate(
                tx, elder, checkin, "revoked_grid_worker" if revoked else "no_grid_worker"
            )

    async def escalate(self, tx: Tx, elder: Enrolled, checkin: Checkin, reason: str) -> None:
        """Alert staff (address in their private chat) and tell family. With no staff chat,
        the housekeepers on duty get the alert instead: a step never ends in a log line."""
        checkin = await self._repo.move(tx, checkin, CheckinState.ESCALATED) or checkin
        tag = f"staff:{reason}"
        reached = await self._reach.alert_staff(
            tx, checkin, elder, f"checkins.staff_{reason}", tag
        )
        family_key = "checkins.family_staff"
        if not reached:
            _LOGGER.warning("No staff chat: escalation of %s goes to housekeepers", elder.key)
            keepers = await self._reach.alert_duty_keepers(tx, checkin, elder, reason)
            family_key = "checkins.family_keepers" if keepers else "checkins.family_nobody"
            if not keepers:
                _LOGGER.error("Escalation of %s reached nobody", elder.key)
        await self._reach.alert_family(tx, checkin, elder, family_key, "fam_staff")
        await self._audit.record(
            tx, "deadline", "staff_alerted", f"elder:{elder.key}", why=reason, staff=reached
        )

    async def _target(
        self, tx: Tx, deadline: Deadline, event: CheckinEvent
    ) -> tuple[Enrolled, Checkin] | None:
        """The elder and check-in a step is for, if the step may still move it."""
        elder = await self._repo.elder(tx, deadline.ref)
        checkin = await self._repo.by_slot(tx, deadline.ref, slot_of(deadline), legacy=True)
        if elder is None or checkin is None or checkin.state not in OPEN:
            return None
        if next_state(CheckinState(checkin.state), event) is None:
            return None
        return elder, checkin

    async def on_remind(self, tx: Tx, deadline: Deadline) -> None:
        """No answer yet: a gentle reminder to the elder."""
        target = await self._target(tx, deadline, CheckinEvent.REMIND)
        if target is None:
            return
        elder, checkin = target
        person = await self._reach.elder_person(tx, elder.key)
        checkin = await self._repo.move(tx, checkin, CheckinState.REMINDED) or checkin
        if person is not None:
            await self._reach.outbox.send(
                tx,
                person.telegram_id,
                T("checkins.reminder", name=elder.name),
                key=f"ci{checkin.id}:remind",
                buttons=self._texts.answers(checkin.id),
            )
        await self._audit.record(tx, "deadline", "reminded", f"elder:{elder.key}")

    async def on_grid(self, tx: Tx, deadline: Deadline) -> None:
        """Still nothing: the grid worker is asked to call or visit; family told."""
        target = await self._target(tx, deadline, CheckinEvent.ASK_GRID)
        if target is not None:
            await self.ask_worker(tx, *target, "silent")

    async def on_staff(self, tx: Tx, deadline: Deadline) -> None:
        """No confirmation from the grid worker: staff alerted, family told."""
        target = await self._target(tx, deadline, CheckinEvent.ESCALATE)
        if target is not None:
            await self.escalate(tx, *target, "unconfirmed")
