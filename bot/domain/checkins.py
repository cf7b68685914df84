"""Welfare check-ins for older residents living alone: pings, the ladder, pauses and visits.

Every elder gets a ping at each check-in time (community timezone, never in quiet hours). No
answer walks a ladder of deadlines named ``ci:{elder}:{slot}:{step}``: a reminder to the elder,
then the grid worker is asked to call or visit (family told someone is checking), then staff
(family told). Any answer stops the ladder and everyone who was alerted hears that all is well.
"Help" skips the ladder. Each step is a deadline row, so a restart neither skips nor repeats
one, and steps that fell due while the bot was down run at start, in order.

No Telegram here: messages go into the outbox in the caller's transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from bot import deadlines
from bot.audit import Audit
from bot.callbacks import CallbackSigner
from bot.clock import Clock, from_db, to_db
from bot.config import Community, Elder
from bot.deadlines import Deadline
from bot.domain.incidents import messages as incident_messages
from bot.domain.incidents.model import Cause, Incident, Kind
from bot.domain.incidents.repo import Draft
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Circle, Incidents, Told
from bot.domain.people import Address, People, Person, parse_address
from bot.i18n import T, Text
from bot.i18n.fmt import when_both
from bot.outbox import Button, Outbox
from bot.storage import Tx
from intents.welfare import WelfareLevel

_LOGGER = logging.getLogger(__name__)

OPEN = ("pinged", "reminded", "grid", "escalated", "help")
# Answered or settled: fine, unwell (answered, grid worker to call today), skipped (paused).
MOODS = ("good", "fair", "poor")
# A sign of life and how it came; media ones are forwarded to whoever was alerted.
MEDIA_SIGNS = ("voice", "photo", "video_note", "video", "location")
Step = Literal["remind", "grid", "staff"]
# /care: most urgent first.
URGENCY = {
    "help": 0,
    "escalated": 1,
    "grid": 2,
    "reminded": 3,
    "pinged": 4,
    "unwell": 5,
    "paused": 6,
    "none": 7,
    "fine": 8,
}


@dataclass(frozen=True)
class Enrolled:
    """An elder enrolled for check-ins (from the file or by staff)."""

    key: str
    name: str
    address: str
    times: tuple[time, ...]
    grid_worker: str
    risk: str
    has_telegram: bool
    paused_from: datetime | None
    paused_until: datetime | None
    created_at: datetime

    def paused_at(self, moment: datetime) -> bool:
        """Whether check-ins are paused at this moment."""
        if self.paused_until is None:
            return False
        start = self.paused_from or self.created_at
        return start <= moment < self.paused_until


@dataclass(frozen=True)
class Checkin:
    """One check-in of one elder at one time of day."""

    id: int
    elder_key: str
    slot: str
    due_at: datetime
    state: str
    proxy: bool
    closed_by: str | None


@dataclass(frozen=True)
class Visit:
    """A scheduled non-task visit by the grid worker."""

    id: int
    elder_key: str
    due_at: datetime
    state: str
    mood: str | None
    note: str | None


@dataclass(frozen=True)
class CareLine:
    """One elder's state today, for the staff view."""

    elder: Enrolled
    state: str
    since: datetime | None


def _elder(row: Any) -> Enrolled:
    return Enrolled(
        key=row["key"],
        name=row["name"],
        address=row["address"],
        times=tuple(time.fromisoformat(t) for t in row["times"].split(",") if t),
        grid_worker=row["grid_worker"],
        risk=row["risk"],
        has_telegram=bool(row["has_telegram"]),
        paused_from=from_db(row["paused_from"]) if row["paused_from"] else None,
        paused_until=from_db(row["paused_until"]) if row["paused_until"] else None,
        created_at=from_db(row["created_at"]),
    )


def _checkin(row: Any) -> Checkin:
    return Checkin(
        row["id"],
        row["elder_key"],
        row["slot"],
        from_db(row["due_at"]),
        row["state"],
        bool(row["proxy"]),
        row["closed_by"],
    )


def _visit(row: Any) -> Visit:
    return Visit(
        row["id"], row["elder_key"], from_db(row["due_at"]), row["state"], row["mood"], row["note"]
    )


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    """Whether a time of day falls in quiet hours (which may wrap past midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def ping_name(key: str, slot: str) -> str:
    """The deterministic deadline name of a ping."""
    return f"ci:{key}:{slot}:ping"


def slot_of(deadline: Deadline) -> str:
    """The check-in slot a ping or ladder deadline is for.

    Names are ``ci:{elder key}:{slot}:{step}`` and the slot itself holds a colon (``08:30``),
    so it is what lies between the key and the last colon, never ``split(":")[2]`` (which kept
    only the hour, so two check-in times in one hour collided).
    """
    head = f"ci:{deadline.ref}:"
    return deadline.name[len(head) : deadline.name.rindex(":")]


class Checkins:
    """Enrolment, pings, the ladder, answers, pauses, visits and the staff view."""

    def __init__(
        self,
        community: Community,
        clock: Clock,
        people: People,
        outbox: Outbox,
        audit: Audit,
        signer: CallbackSigner,
        incidents: Incidents,
    ) -> None:
        self._incidents = incidents
        self._responses = Responses(incidents)
        incidents.closed_listeners.append(self._help_call_closed)
        self._community = community
        self._policy = community.checkins
        self._tz = community.tz
        self._clock = clock
        self._people = people
        self._outbox = outbox
        self._audit = audit
        self._signer = signer

    # -- enrolment -------------------------------------------------------------------------

    async def sync_file(self, tx: Tx) -> int:
        """Enrol the community file's elders (file values win); return how many are new."""
        added = 0
        now = to_db(self._clock.now())
        for elder in self._community.elders:
            times = ",".join(t.strftime("%H:%M") for t in elder.checkin_times)
            known = await tx.one("SELECT 1 FROM elders WHERE key = ?", (elder.key,))
            changed = await tx.changes(
                "INSERT INTO elders (key, name, address, times, grid_worker, risk, has_telegram,"
                " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'file', ?)"
                " ON CONFLICT(key) DO UPDATE SET name = excluded.name,"
                " address = excluded.address, times = excluded.times,"
                " grid_worker = excluded.grid_worker, risk = excluded.risk,"
                " has_telegram = excluded.has_telegram"
                " WHERE elders.name IS NOT excluded.name OR elders.address IS NOT"
                " excluded.address OR elders.times IS NOT excluded.times OR"
                " elders.grid_worker IS NOT excluded.grid_worker OR elders.risk IS NOT"
                " excluded.risk OR elders.has_telegram IS NOT excluded.has_telegram",
                (
                    elder.key,
                    elder.name,
                    elder.address,
                    times,
                    elder.grid_worker,
                    elder.risk,
                    int(elder.has_telegram),
                    now,
                ),
            )
            if changed:
                added += 0 if known else 1
                action = "enrolment_updated" if known else "enrolled"
                await self._audit.record(tx, "file", action, f"elder:{elder.key}")
        return added

    async def enroll(
        self,
        tx: Tx,
        actor: Person,
        name: str,
        address: str,
        times: list[time],
        grid_worker: str,
        risk: str,
        has_telegram: bool,
    ) -> Enrolled:
        """Enrol an elder on staff's word; the key is generated (e1, e2, ...)."""
        count = await tx.scalar("SELECT COUNT(*) FROM elders WHERE source = 'staff'")
        number = int(count) + 1
        while await tx.one("SELECT 1 FROM elders WHERE key = ?", (f"e{number}",)):
            number += 1
        key = f"e{number}"
        await tx.execute(
            "INSERT INTO elders (key, name, address, times, grid_worker, risk, has_telegram,"
            " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'staff', ?)",
            (
                key,
                name,
                address,
                ",".join(t.strftime("%H:%M") for t in times),
                grid_worker,
                risk,
                int(has_telegram),
                to_db(self._clock.now()),
            ),
        )
        await self._audit.record(
            tx, f"person:{actor.id}", "enrolled", f"elder:{key}", risk=risk, times=len(times)
        )
        elder = await self.elder(tx, key)
        assert elder is not None
        return elder

    async def elder(self, tx: Tx, key: str) -> Enrolled | None:
        """An enrolled elder by key."""
        row = await tx.one("SELECT * FROM elders WHERE key = ?", (key,))
        return _elder(row) if row else None

    async def elders(self, tx: Tx) -> list[Enrolled]:
        """Every enrolled elder."""
        return [_elder(r) for r in await tx.all("SELECT * FROM elders ORDER BY key")]

    def file_elder(self, key: str) -> Elder | None:
        """The community file's entry for an elder, if any."""
        return self._community.elder(key)

    async def keys_of(self, tx: Tx, person: Person, role: Literal["elder", "family"]) -> list[str]:
        """The elders a person is (role=elder) or is family of (role=family)."""
        return sorted(ref for r, ref in await self._people.roles(tx, person.id) if r == role)

    # -- who to tell -----------------------------------------------------------------------

    async def _elder_person(self, tx: Tx, key: str) -> Person | None:
        holders = await self._people.holders(tx, "elder", key)
        return holders[0] if holders else None

    async def _workers(self, tx: Tx, elder: Enrolled) -> list[Person]:
        return await self._people.holders(tx, "housekeeper", elder.grid_worker)

    async def _family(self, tx: Tx, key: str) -> list[Person]:
        return await self._people.holders(tx, "family", key)

    def _wants_all_clear(self, key: str, person: Person) -> bool:
        entry = self._community.elder(key)
        if entry is None:
            return False
        return any(
            f.daily_all_clear and (f.telegram_id == person.telegram_id or f.name == person.name)
            for f in entry.family
        )

    async def can_confirm(self, tx: Tx, person: Person, elder: Enrolled) -> bool:
        """Only the elder's grid worker or staff may confirm or ask for support."""
        if await self._people.is_staff(tx, person.telegram_id):
            return True
        return await self._people.has_role(tx, person.id, "housekeeper", elder.grid_worker)

    async def _alert(
        self,
        tx: Tx,
        checkin: Checkin,
        person: Person,
        text: Text,
        key: str,
        buttons: list[list[Button]] | None = None,
    ) -> None:
        await self._outbox.send(tx, person.telegram_id, text, key=key, buttons=buttons)
        await tx.execute(
            "INSERT OR IGNORE INTO checkin_alerted (checkin_id, chat_id) VALUES (?, ?)",
            (checkin.id, person.telegram_id),
        )

    async def _alert_staff(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, text_key: str, tag: str
    ) -> int:
        """Alert every staff member (address included: staff chats are private) with a
        平安 button; return how many were reached."""
        staff_members = await self._people.staff(tx)
        text = T(text_key, name=elder.name, address=elder.address, worker=self._worker_name(elder))
        button = [[Button(T("checkins.btn_safe"), self._signer.make("ci_ok", checkin.id))]]
        for staff in staff_members:
            key = f"ci{checkin.id}:{tag}:{staff.telegram_id}"
            await self._alert(tx, checkin, staff, text, key, button)
        return len(staff_members)

    async def _alert_family(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, text_key: str, tag: str
    ) -> None:
        """Tell the elder's family (never the address)."""
        for member in await self._family(tx, elder.key):
            key = f"ci{checkin.id}:{tag}:{member.telegram_id}"
            await self._alert(tx, checkin, member, T(text_key, name=elder.name), key)

    def _confirm_buttons(self, checkin: Checkin) -> list[list[Button]]:
        return [
            [Button(T("checkins.btn_safe"), self._signer.make("ci_ok", checkin.id))],
            [Button(T("checkins.btn_support"), self._signer.make("ci_sup", checkin.id))],
        ]

    # -- planning --------------------------------------------------------------------------

    def _slot_moment(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self._tz)

    async def plan(self, tx: Tx, now: datetime) -> None:
        """Schedule pings for yesterday..tomorrow and the next visit of every elder (idempotent).

        Pings already scheduled stay (so those that fell due while the bot was down still run);
        new ones are planned only from the elder's enrolment on and never in quiet hours or a
        pause.
        """
        today = now.astimezone(self._tz).date()
        for elder in await self.elders(tx):
            for offset in (-1, 0, 1):
                day = today + timedelta(days=offset)
                for at in elder.times:
                    moment = self._slot_moment(day, at)
                    if moment < elder.created_at or moment < now - timedelta(days=1):
                        continue
                    if in_quiet_hours(at, self._policy.quiet_start, self._policy.quiet_end):
                        continue
                    if elder.paused_at(moment):
                        continue
                    slot = f"{day.isoformat()}T{at.strftime('%H:%M')}"
                    await deadlines.schedule(
                        tx, ping_name(elder.key, slot), "ci_ping", moment, elder.key
                    )
            await self._plan_visit(tx, elder)

    def _visit_every(self, elder: Enrolled) -> timedelta:
        if elder.risk == "high":
            return self._policy.visit_every_high
        return self._policy.visit_every_normal

    async def _plan_visit(self, tx: Tx, elder: Enrolled) -> None:
        open_visit = await tx.one(
            "SELECT 1 FROM visits WHERE elder_key = ? AND state IN ('scheduled', 'missed')",
            (elder.key,),
        )
        if open_visit:
            return
        last = await tx.scalar(
            "SELECT MAX(done_at) FROM visits WHERE elder_key = ? AND state = 'done'", (elder.key,)
        )
        base = from_db(last) if last else elder.created_at
        every = self._visit_every(elder)
        due = base + every
        now = to_db(self._clock.now())
        await tx.execute(
            "INSERT INTO visits (elder_key, due_at, created_at) VALUES (?, ?, ?)",
            (elder.key, to_db(due), now),
        )
        visit_id = int(await tx.scalar("SELECT last_insert_rowid()"))
        lead = min(timedelta(days=1), every / 2)
        prefix = f"ci:{elder.key}:visit{visit_id}"
        await deadlines.schedule(tx, f"{prefix}:remind", "ci_visit_remind", due - lead, elder.key)
        await deadlines.schedule(
            tx, f"{prefix}:missed", "ci_visit_missed", due + timedelta(days=1), elder.key
        )
        await self._audit.record(
            tx, "planner", "visit_planned", f"elder:{elder.key}", visit=visit_id, due=to_db(due)
        )

    # -- the ladder ------------------------------------------------------------------------

    async def _checkin_by_slot(
        self, tx: Tx, key: str, slot: str, *, legacy: bool = False
    ) -> Checkin | None:
        row = await tx.one("SELECT * FROM checkins WHERE elder_key = ? AND slot = ?", (key, slot))
        if row is None and legacy and len(slot) == 16:
            # Check-ins pinged before the slot fix were stored by the hour ("…T08"): their
            # ladder steps must still find them.
            row = await tx.one(
                "SELECT * FROM checkins WHERE elder_key = ? AND slot = ?", (key, slot[:13])
            )
        return _checkin(row) if row else None

    async def checkin(self, tx: Tx, checkin_id: int) -> Checkin | None:
        """A check-in by id."""
        row = await tx.one("SELECT * FROM checkins WHERE id = ?", (checkin_id,))
        return _checkin(row) if row else None

    async def _set_state(self, tx: Tx, checkin: Checkin, state: str) -> Checkin:
        await tx.execute("UPDATE checkins SET state = ? WHERE id = ?", (state, checkin.id))
        updated = await self.checkin(tx, checkin.id)
        assert updated is not None
        return updated

    def _greeting(self, due: datetime) -> str:
        hour = due.astimezone(self._tz).hour
        return "morning" if hour < 11 else "afternoon" if hour < 18 else "evening"

    async def on_ping(self, tx: Tx, deadline: Deadline) -> None:
        """A check-in time came: greet the elder (or ask the grid worker, by proxy)."""
        key = deadline.ref
        slot = slot_of(deadline)
        elder = await self.elder(tx, key)
        if elder is None or await self._checkin_by_slot(tx, key, slot):
            return
        now = self._clock.now()
        state = "skipped" if elder.paused_at(deadline.due_at) else "pinged"
        person = await self._elder_person(tx, key) if elder.has_telegram else None
        late = now - deadline.due_at > self._policy.late_ping_limit
        proxy = state == "pinged" and (person is None or late)
        await tx.execute(
            "INSERT INTO checkins (elder_key, slot, due_at, state, proxy, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, slot, to_db(deadline.due_at), state, int(proxy), to_db(now)),
        )
        checkin = await self._checkin_by_slot(tx, key, slot)
        assert checkin is not None
        subject = f"elder:{key}"
        if state == "skipped":
            await self._audit.record(tx, "deadline", "ping_skipped_paused", subject, slot=slot)
            return
        if proxy:
            reason = "late" if late else "proxy"
            await self._audit.record(tx, "deadline", f"ping_{reason}", subject, slot=slot)
            await self._ask_worker(tx, elder, checkin, reason)
            await deadlines.schedule(
                tx,
                f"ci:{key}:{slot}:staff",
                "ci_staff",
                max(now, deadline.due_at)
                + self._policy.staff_after
                - self._policy.grid_worker_after,
                key,
            )
            return
        assert person is not None
        greeting = T(f"checkins.greet_{self._greeting(deadline.due_at)}", name=elder.name)
        await self._outbox.send(
            tx,
            person.telegram_id,
            T("checkins.ping", greeting=greeting),
            key=f"ci{checkin.id}:ping",
            buttons=self._answer_buttons(checkin),
        )
        await self._audit.record(tx, "deadline", "pinged", subject, slot=slot)
        for step, after in (
            ("remind", self._policy.reminder_after),
            ("grid", self._policy.grid_worker_after),
            ("staff", self._policy.staff_after),
        ):
            await deadlines.schedule(
                tx, f"ci:{key}:{slot}:{step}", f"ci_{step}", deadline.due_at + after, key
            )

    def _answer_buttons(self, checkin: Checkin) -> list[list[Button]]:
        return [
            [Button(T("checkins.btn_fine"), self._signer.make("ci_fine", checkin.id))],
            [Button(T("checkins.btn_unwell"), self._signer.make("ci_unwell", checkin.id))],
            [Button(T("checkins.btn_help"), self._signer.make("ci_help", checkin.id))],
        ]

    async def _ask_worker(self, tx: Tx, elder: Enrolled, checkin: Checkin, reason: str) -> None:
        """Ask the grid worker to call or visit; if nobody can be asked, go to staff now."""
        workers = await self._workers(tx, elder)
        if reason == "proxy":
            text = T("checkins.worker_proxy", name=elder.name, address=elder.address)
        elif reason == "late":
            text = T("checkins.worker_late", name=elder.name, address=elder.address)
        else:
            text = T("checkins.worker_ask", name=elder.name, address=elder.address)
        checkin = await self._set_state(tx, checkin, "grid")
        for worker in workers:
            await self._alert(
                tx,
                checkin,
                worker,
                text,
                f"ci{checkin.id}:worker:{worker.telegram_id}",
                self._confirm_buttons(checkin),
            )
        await self._audit.record(
            tx, "deadline", "grid_worker_asked", f"elder:{elder.key}", reason=reason
        )
        if reason != "proxy":
            await self._alert_family(tx, checkin, elder, "checkins.family_checking", "fam_grid")
        if not workers:
            await self._escalate(tx, elder, checkin, "no_grid_worker")

    async def _escalate(self, tx: Tx, elder: Enrolled, checkin: Checkin, reason: str) -> None:
        """Alert staff (address in their private chat) and tell family. With no staff chat,
        the housekeepers on duty get the alert instead: a step never ends in a log line."""
        checkin = await self._set_state(tx, checkin, "escalated")
        reached = await self._alert_staff(
            tx, checkin, elder, f"checkins.staff_{reason}", f"staff:{reason}"
        )
        family_key = "checkins.family_staff"
        if not reached:
            _LOGGER.warning("No staff chat: escalation of %s goes to housekeepers", elder.key)
            keepers = await self._alert_duty_keepers(tx, checkin, elder, reason)
            family_key = "checkins.family_keepers" if keepers else "checkins.family_nobody"
            if not keepers:
                _LOGGER.error("Escalation of %s reached nobody", elder.key)
        await self._alert_family(tx, checkin, elder, family_key, "fam_staff")
        await self._audit.record(
            tx, "deadline", "staff_alerted", f"elder:{elder.key}", why=reason, staff=reached
        )

    async def _alert_duty_keepers(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, reason: str
    ) -> int:
        """Every housekeeper who can be told, duty list first; return how many were."""
        keys = [*self._community.emergency.on_duty, *(h.key for h in self._community.housekeepers)]
        text = T(
            f"checkins.staff_{reason}",
            name=elder.name,
            address=elder.address,
            worker=self._worker_name(elder),
        )
        reached = 0
        for key in dict.fromkeys(keys):
            for person in await self._people.holders(tx, "housekeeper", key):
                tag = f"ci{checkin.id}:duty:{person.telegram_id}"
                await self._alert(tx, checkin, person, text, tag, self._confirm_buttons(checkin))
                reached += 1
        return reached

    def _worker_name(self, elder: Enrolled) -> str:
        keeper = self._community.housekeeper(elder.grid_worker)
        return keeper.name if keeper else elder.grid_worker

    async def _step_target(self, tx: Tx, deadline: Deadline) -> tuple[Enrolled, Checkin] | None:
        slot = slot_of(deadline)
        elder = await self.elder(tx, deadline.ref)
        checkin = await self._checkin_by_slot(tx, deadline.ref, slot, legacy=True)
        if elder is None or checkin is None or checkin.state not in OPEN:
            return None
        return elder, checkin

    async def on_remind(self, tx: Tx, deadline: Deadline) -> None:
        """No answer yet: a gentle reminder to the elder."""
        target = await self._step_target(tx, deadline)
        if target is None or target[1].state != "pinged":
            return
        elder, checkin = target
        person = await self._elder_person(tx, elder.key)
        checkin = await self._set_state(tx, checkin, "reminded")
        if person is not None:
            await self._outbox.send(
                tx,
                person.telegram_id,
                T("checkins.reminder", name=elder.name),
                key=f"ci{checkin.id}:remind",
                buttons=self._answer_buttons(checkin),
            )
        await self._audit.record(tx, "deadline", "reminded", f"elder:{elder.key}")

    async def on_grid(self, tx: Tx, deadline: Deadline) -> None:
        """Still nothing: the grid worker is asked to call or visit; family told."""
        target = await self._step_target(tx, deadline)
        if target is None or target[1].state not in ("pinged", "reminded"):
            return
        await self._ask_worker(tx, target[0], target[1], "silent")

    async def on_staff(self, tx: Tx, deadline: Deadline) -> None:
        """No confirmation from the grid worker: staff alerted, family told."""
        target = await self._step_target(tx, deadline)
        if target is None or target[1].state not in ("pinged", "reminded", "grid"):
            return
        await self._escalate(tx, target[0], target[1], "unconfirmed")

    # -- answers ---------------------------------------------------------------------------

    async def latest_open(self, tx: Tx, key: str) -> Checkin | None:
        """The elder's most recent check-in still waiting for an answer."""
        marks = ",".join("?" * len(OPEN))
        row = await tx.one(
            f"SELECT * FROM checkins WHERE elder_key = ? AND state IN ({marks})"
            " ORDER BY due_at DESC LIMIT 1",
            (key, *OPEN),
        )
        return _checkin(row) if row else None

    async def sign_of_life(
        self,
        tx: Tx,
        key: str,
        via: str,
        words: str = "",
        source: tuple[int, int] | None = None,
    ) -> Checkin | None:
        """The elder wrote, sent or pressed something: close every open check-in but a help
        call, telling those alerted what she actually did (her words, or her voice note
        forwarded). Returns the latest one closed, if any."""
        rows = await tx.all(
            "SELECT * FROM checkins WHERE elder_key = ? AND state IN"
            " ('pinged', 'reminded', 'grid', 'escalated') ORDER BY due_at",
            (key,),
        )
        closed: Checkin | None = None
        for row in rows:
            closed = _checkin(row)
            await self._close(tx, closed, f"elder:{key}", via, words=words, source=source)
        return closed

    async def unwell(self, tx: Tx, key: str, person: Person, words: str = "") -> None:
        """The elder said she is not feeling well: answered (no alarm), but the grid worker is
        asked to call today and family see it."""
        elder = await self.elder(tx, key)
        assert elder is not None
        closed = await self.sign_of_life(tx, key, "unwell", words=words)
        tag = f"ci{closed.id}" if closed else f"ci:{key}:{to_db(self._clock.now())}"
        if closed is not None:
            await tx.execute("UPDATE checkins SET state = 'unwell' WHERE id = ?", (closed.id,))
        await self._audit.record(tx, f"person:{person.id}", "unwell", f"elder:{key}")
        workers = await self._workers(tx, elder)
        text = T("checkins.worker_unwell", name=elder.name, address=elder.address, words=words)
        targets = workers or await self._people.staff(tx)
        for target in targets:
            await self._outbox.send(
                tx, target.telegram_id, text, key=f"{tag}:unwell:{target.telegram_id}"
            )
        for member in await self._family(tx, key):
            await self._outbox.send(
                tx,
                member.telegram_id,
                T("checkins.family_unwell", name=elder.name, worker=self._worker_name(elder)),
                key=f"{tag}:unwell_fam:{member.telegram_id}",
            )
        help_button = [[Button(T("checkins.btn_help"), self._signer.make("ci_helpnow", key))]]
        await self._outbox.send(
            tx,
            person.telegram_id,
            T(
                "checkins.unwell_ack",
                worker=self._worker_name(elder) if workers else T("incidents.told_staff"),
            ),
            key=f"{tag}:unwell_ack",
            buttons=help_button,
        )

    async def close_by_worker(self, tx: Tx, checkin: Checkin, person: Person) -> None:
        """The grid worker (or staff) confirmed the elder is safe (and her help call, if any)."""
        incident = await self._incidents.repo.open_for_elder(tx, checkin.elder_key)
        if checkin.state == "help" and incident is not None:
            await self._responses.confirm_safe(tx, incident.id, person)
            return
        await self._close(tx, checkin, f"person:{person.id}", "confirmed", closer=person)

    async def _close(
        self,
        tx: Tx,
        checkin: Checkin,
        actor: str,
        via: str,
        closer: Person | None = None,
        words: str = "",
        source: tuple[int, int] | None = None,
    ) -> None:
        elder = await self.elder(tx, checkin.elder_key)
        assert elder is not None
        await deadlines.cancel_prefix(tx, f"ci:{elder.key}:{checkin.slot}:")
        await tx.execute(
            "UPDATE checkins SET state = 'fine', closed_at = ?, closed_by = ? WHERE id = ?",
            (to_db(self._clock.now()), via, checkin.id),
        )
        await self._audit.record(
            tx, actor, "fine", f"elder:{elder.key}", via=via, was=checkin.state
        )
        rows = await tx.all(
            "SELECT chat_id FROM checkin_alerted WHERE checkin_id = ? ORDER BY rowid",
            (checkin.id,),
        )
        told: set[int] = set()
        how = T(f"checkins.how_{via}", worker=closer.name if closer else "", words=words[:200])
        for row in rows:
            chat_id = int(row["chat_id"])
            told.add(chat_id)
            if closer is not None and chat_id == closer.telegram_id:
                continue
            await self._outbox.send(
                tx,
                chat_id,
                T("checkins.all_clear", name=elder.name, how=how),
                key=f"ci{checkin.id}:clear:{chat_id}",
            )
            if source is not None and via in MEDIA_SIGNS:
                await self._outbox.copy(
                    tx, chat_id, source[0], source[1], key=f"ci{checkin.id}:copy:{chat_id}"
                )
        person = await self._elder_person(tx, elder.key)
        if person is not None:
            await self._retire_buttons(tx, checkin, elder, person)
        if person is not None and closer is None and via != "unwell":
            await self._outbox.send(
                tx,
                person.telegram_id,
                T("checkins.thanks", name=elder.name),
                key=f"ci{checkin.id}:thanks",
            )
        day = checkin.slot[:10]
        for member in await self._family(tx, elder.key):
            if member.telegram_id in told or not self._wants_all_clear(elder.key, member):
                continue
            await self._outbox.send(
                tx,
                member.telegram_id,
                T("checkins.daily_all_clear", name=elder.name, how=how),
                key=f"ci:{elder.key}:{day}:allclear:{member.telegram_id}",
            )

    async def _retire_buttons(
        self, tx: Tx, checkin: Checkin, elder: Enrolled, person: Person
    ) -> None:
        """Take the buttons off the ping and the reminder once the check-in is settled."""
        greeting = T(f"checkins.greet_{self._greeting(checkin.due_at)}", name=elder.name)
        for step, text in (
            ("ping", T("checkins.ping_done", greeting=greeting)),
            ("remind", T("checkins.reminder_done", name=elder.name)),
        ):
            of_key = f"ci{checkin.id}:{step}"
            if await tx.one("SELECT 1 FROM outbox WHERE dedupe_key = ?", (of_key,)):
                await self._outbox.edit(
                    tx, person.telegram_id, text, key=f"{of_key}:done", of_key=of_key
                )

    # -- what the elder sends --------------------------------------------------------------

    async def elder_wrote(
        self,
        tx: Tx,
        key: str,
        person: Person,
        text: str,
        media: str | None,
        source: tuple[int, int],
        level: WelfareLevel,
        n: int = 0,
    ) -> tuple[str, Text | None]:
        """Act on one message from the elder; return what it was and what to answer her.

        An open help call takes her words (or voice note) to everyone on it and is never closed
        by them. Otherwise distress opens a help call, "not so well" asks the grid worker to call,
        and anything else is a sign of life that settles her open check-ins.
        """
        incident = await self.open_help_call(tx, key)
        if incident is not None:
            if media is not None:
                answer = await self._responses.subject_sent(tx, incident, media, *source)
            else:
                answer = await self._responses.subject_wrote(tx, incident, text, source[1])
            return "passed_on", answer
        if level == WelfareLevel.URGENT:
            await self.help_now(tx, key, person, Cause.WROTE, text, source[1])
            return "help", None
        if level == WelfareLevel.UNWELL:
            await self.unwell(tx, key, person, text)
            return "unwell", None
        via = media or "message"
        if await self.sign_of_life(tx, key, via, words=text, source=source):
            return "answered", None
        if media in MEDIA_SIGNS:
            return "relayed", await self._relay(tx, key, media, source)
        return "nothing", None

    async def _relay(self, tx: Tx, key: str, media: str, source: tuple[int, int]) -> Text:
        """A voice note or photo with nothing open: the bot cannot read it, the grid worker can."""
        elder = await self.elder(tx, key)
        assert elder is not None
        workers = await self._workers(tx, elder)
        tag = f"ci:{key}:relay:{source[0]}:{source[1]}"
        intro = T("checkins.relayed", name=elder.name, media=incident_messages.media(media))
        for worker in workers:
            await self._outbox.send(
                tx, worker.telegram_id, intro, key=f"{tag}:{worker.telegram_id}"
            )
            await self._outbox.copy(
                tx, worker.telegram_id, *source, key=f"{tag}:copy:{worker.telegram_id}"
            )
        if not workers:
            return T("checkins.relay_nobody")
        return T("checkins.relayed_ack", worker=self._worker_name(elder))

    # -- help calls ------------------------------------------------------------------------

    async def open_help_call(self, tx: Tx, key: str) -> Incident | None:
        """The elder's open help call, if any."""
        return await self._incidents.repo.open_for_elder(tx, key)

    async def raise_help(
        self,
        tx: Tx,
        key: str,
        person: Person,
        cause: Cause,
        words: str = "",
        message_id: int | None = None,
    ) -> tuple[Incident, Told | None]:
        """Open the elder's help call (or return the one already open, with no Told).

        Her open check-ins stop walking the ladder: the help call now carries them.
        """
        elder = await self.elder(tx, key)
        assert elder is not None
        existing = await self._incidents.repo.open_for_elder(tx, key)
        if existing is not None:
            return existing, None
        await self._hold_ladder(tx, key)
        subject = await self._elder_person(tx, key)
        family = tuple(await self._family(tx, key))
        if cause == Cause.SUPPORT:  # the grid worker is there and asks for more hands
            circle = Circle(subject, family, busy=(elder.grid_worker,))
        else:
            circle = Circle(subject, family, (elder.grid_worker,))
        draft = Draft(
            Kind.HELP_CALL,
            elder.name,
            key,
            person.id,
            person.telegram_id,
            "",
            message_id,
            cause,
            words[:500],
            elder.address,
        )
        return await self._incidents.raise_(tx, draft, circle, f"person:{person.id}")

    async def _hold_ladder(self, tx: Tx, key: str) -> None:
        """Open check-ins of the elder become part of her help call: no more ladder steps."""
        for row in await tx.all(
            "SELECT * FROM checkins WHERE elder_key = ? AND state IN"
            " ('pinged', 'reminded', 'grid', 'escalated')",
            (key,),
        ):
            checkin = _checkin(row)
            await deadlines.cancel_prefix(tx, f"ci:{key}:{checkin.slot}:")
            await self._set_state(tx, checkin, "help")

    async def help(self, tx: Tx, checkin: Checkin, person: Person) -> Told | None:
        """The elder pressed 需要帮助: her help call opens; she hears who was told."""
        incident, told = await self.raise_help(tx, checkin.elder_key, person, Cause.PRESSED)
        await self._set_state(tx, checkin, "help")
        if told is not None:
            await self._tell_subject(tx, incident, person, told)
        return told

    async def _tell_subject(self, tx: Tx, incident: Incident, person: Person, told: Told) -> None:
        """Tell the elder who was actually told (or to call 120 herself if nobody was)."""
        if told.anyone:
            text = T("incidents.subject_told", told=incident_messages.joined(told.parts()))
        else:
            text = T("incidents.subject_nobody")
        await self._outbox.send(tx, person.telegram_id, text, key=f"inc{incident.id}:subject_told")

    async def help_now(
        self, tx: Tx, key: str, person: Person, cause: Cause, words: str, message_id: int | None
    ) -> Incident:
        """Help asked in words or media outside a button: open the call, or pass it on."""
        incident, told = await self.raise_help(tx, key, person, cause, words, message_id)
        if told is not None:
            await self._tell_subject(tx, incident, person, told)
        return incident

    async def support(self, tx: Tx, checkin: Checkin, person: Person) -> None:
        """The grid worker needs support on a check-in: it becomes a help call, staff alerted."""
        incident, told = await self.raise_help(tx, checkin.elder_key, person, Cause.SUPPORT)
        await self._set_state(tx, checkin, "help")
        if told is None:  # her help call was already open: this is a support request on it
            await self._responses.ask_support(tx, incident.id, person)
        else:
            await self._responses.support_raised(tx, incident, person)

    async def _help_call_closed(self, tx: Tx, incident: Incident, closer: Person) -> None:
        """A help call was confirmed safe: the check-ins it carried are settled too."""
        if incident.elder_key is None:
            return
        for row in await tx.all(
            "SELECT * FROM checkins WHERE elder_key = ? AND state = 'help'", (incident.elder_key,)
        ):
            checkin = _checkin(row)
            await tx.execute(
                "UPDATE checkins SET state = 'fine', closed_at = ?, closed_by = 'confirmed'"
                " WHERE id = ?",
                (to_db(self._clock.now()), checkin.id),
            )
            elder = await self.elder(tx, incident.elder_key)
            person = await self._elder_person(tx, incident.elder_key)
            if elder is not None and person is not None:
                await self._retire_buttons(tx, checkin, elder, person)

    # -- pause -----------------------------------------------------------------------------

    async def pause(
        self, tx: Tx, key: str, person: Person, start: datetime, until: datetime
    ) -> tuple[datetime, datetime]:
        """Pause an elder's check-ins (capped); returns the actual span."""
        now = self._clock.now()
        start = max(start, now)
        until = min(until, start + self._policy.max_pause)
        await tx.execute(
            "UPDATE elders SET paused_from = ?, paused_until = ? WHERE key = ?",
            (to_db(start), to_db(until), key),
        )
        for pending in await deadlines.pending(tx, f"ci:{key}:"):
            if pending.kind == "ci_ping" and start <= pending.due_at < until:
                await deadlines.cancel(tx, pending.name)
        await deadlines.cancel_prefix(tx, f"ci:{key}:resume")
        await deadlines.schedule(tx, f"ci:{key}:resume:{to_db(until)}", "ci_resume", until, key)
        await self._audit.record(
            tx,
            f"person:{person.id}",
            "paused",
            f"elder:{key}",
            start=to_db(start),
            until=to_db(until),
        )
        elder = await self.elder(tx, key)
        assert elder is not None
        span = when_both(start, until, self._tz)
        for other in await self._circle(tx, key):
            if other.id == person.id:
                continue
            await self._outbox.send(
                tx,
                other.telegram_id,
                T("checkins.paused_notice", name=elder.name, span=span, by=person.name),
                key=f"ci:{key}:pause:{to_db(until)}:{other.telegram_id}",
            )
        return start, until

    async def _circle(self, tx: Tx, key: str) -> list[Person]:
        elder = await self.elder(tx, key)
        people = list(await self._family(tx, key))
        person = await self._elder_person(tx, key)
        if person is not None:
            people.insert(0, person)
        if elder is not None:
            people += await self._workers(tx, elder)
        return people

    async def resume(self, tx: Tx, key: str, actor: str, *, automatic: bool) -> bool:
        """End a pause now; return whether there was one."""
        elder = await self.elder(tx, key)
        if elder is None or elder.paused_until is None:
            return False
        await tx.execute(
            "UPDATE elders SET paused_from = NULL, paused_until = NULL WHERE key = ?", (key,)
        )
        await deadlines.cancel_prefix(tx, f"ci:{key}:resume")
        await self._audit.record(tx, actor, "resumed", f"elder:{key}", automatic=automatic)
        if automatic:
            for other in await self._circle(tx, key):
                await self._outbox.send(
                    tx,
                    other.telegram_id,
                    T("checkins.resumed_notice", name=elder.name),
                    key=f"ci:{key}:resumed:{to_db(elder.paused_until)}:{other.telegram_id}",
                )
        await self.plan(tx, self._clock.now())
        return True

    async def on_resume(self, tx: Tx, deadline: Deadline) -> None:
        """A pause ended: check-ins start again."""
        await self.resume(tx, deadline.ref, "deadline", automatic=True)

    # -- visits ----------------------------------------------------------------------------

    async def visit(self, tx: Tx, visit_id: int) -> Visit | None:
        """A visit by id."""
        row = await tx.one("SELECT * FROM visits WHERE id = ?", (visit_id,))
        return _visit(row) if row else None

    def _mood_buttons(self, visit_id: int) -> list[list[Button]]:
        return [
            [
                Button(T(f"checkins.mood_{mood}"), self._signer.make("ci_mood", visit_id, mood))
                for mood in MOODS
            ]
        ]

    async def on_visit_remind(self, tx: Tx, deadline: Deadline) -> None:
        """A visit is due soon: remind the grid worker, with the mood buttons to report."""
        visit_id = int(deadline.name.split(":")[2].removeprefix("visit"))
        visit = await self.visit(tx, visit_id)
        elder = await self.elder(tx, deadline.ref)
        if visit is None or elder is None or visit.state == "done":
            return
        for worker in await self._workers(tx, elder):
            await self._outbox.send(
                tx,
                worker.telegram_id,
                T(
                    "checkins.visit_due",
                    name=elder.name,
                    address=elder.address,
                    due=when_both(visit.due_at, None, self._tz),
                ),
                key=f"visit{visit.id}:remind:{worker.telegram_id}",
                buttons=self._mood_buttons(visit.id),
            )
        await self._audit.record(tx, "deadline", "visit_reminded", f"elder:{elder.key}")

    async def on_visit_missed(self, tx: Tx, deadline: Deadline) -> None:
        """A visit was not recorded a day after it was due: staff told."""
        visit_id = int(deadline.name.split(":")[2].removeprefix("visit"))
        visit = await self.visit(tx, visit_id)
        elder = await self.elder(tx, deadline.ref)
        if visit is None or elder is None or visit.state != "scheduled":
            return
        await tx.execute("UPDATE visits SET state = 'missed' WHERE id = ?", (visit.id,))
        for staff in await self._people.staff(tx):
            await self._outbox.send(
                tx,
                staff.telegram_id,
                T(
                    "checkins.visit_missed",
                    name=elder.name,
                    worker=self._worker_name(elder),
                    due=when_both(visit.due_at, None, self._tz),
                ),
                key=f"visit{visit.id}:missed:{staff.telegram_id}",
            )
        await self._audit.record(tx, "deadline", "visit_missed", f"elder:{elder.key}")

    async def record_visit(
        self, tx: Tx, visit: Visit, person: Person, mood: str, note: str
    ) -> None:
        """The grid worker recorded a visit: family get the report; the next one is planned."""
        elder = await self.elder(tx, visit.elder_key)
        assert elder is not None
        now = self._clock.now()
        await tx.execute(
            "UPDATE visits SET state = 'done', mood = ?, note = ?, done_by = ?, done_at = ?"
            " WHERE id = ?",
            (mood, note, person.id, to_db(now), visit.id),
        )
        await deadlines.cancel_prefix(tx, f"ci:{elder.key}:visit{visit.id}:")
        await self._audit.record(
            tx, f"person:{person.id}", "visit_recorded", f"elder:{elder.key}", mood=mood
        )
        for member in await self._family(tx, elder.key):
            await self._outbox.send(
                tx,
                member.telegram_id,
                T(
                    "checkins.visit_report",
                    name=elder.name,
                    worker=person.name,
                    mood=T(f"checkins.mood_{mood}"),
                    note=note or T("checkins.no_note"),
                ),
                key=f"visit{visit.id}:report:{member.telegram_id}",
            )
        if mood == "poor":
            await self._visit_to_staff(tx, visit, elder, person, note)
        await self._plan_visit(tx, elder)

    async def _visit_to_staff(
        self, tx: Tx, visit: Visit, elder: Enrolled, worker: Person, note: str
    ) -> None:
        """A visit that found the elder 不太好 reaches staff too, not only family."""
        text = T(
            "checkins.visit_poor_staff",
            name=elder.name,
            worker=worker.name,
            note=note or T("checkins.no_note"),
            address=elder.address,
        )
        for staff in await self._people.staff(tx):
            await self._outbox.send(
                tx, staff.telegram_id, text, key=f"visit{visit.id}:poor:{staff.telegram_id}"
            )

    async def invite_for_enrolled(self, tx: Tx, token: str) -> Enrolled | None:
        """The staff-enrolled elder an elder/family invite is about (None for file elders)."""
        row = await tx.one(
            "SELECT e.* FROM invites i JOIN elders e ON e.key = i.ref"
            " WHERE i.token = ? AND i.role IN ('elder', 'family') AND e.source = 'staff'",
            (token,),
        )
        return _elder(row) if row else None

    # -- family requests -------------------------------------------------------------------

    async def find_elder(self, tx: Tx, name: str, address: Address) -> Enrolled | None:
        """The enrolled elder with exactly this name and address, if any."""
        for elder in await self.elders(tx):
            if elder.name == name and parse_address(elder.address) == address:
                return elder
        return None

    async def request_family(self, tx: Tx, elder: Enrolled, person: Person) -> None:
        """Someone asks to follow an elder as family: the elder (or staff) decides."""
        if await self._people.has_role(tx, person.id, "family", elder.key):
            return
        await tx.execute(
            "INSERT OR IGNORE INTO family_requests (elder_key, person_id, created_at)"
            " VALUES (?, ?, ?)",
            (elder.key, person.id, to_db(self._clock.now())),
        )
        request_id = await tx.scalar(
            "SELECT id FROM family_requests WHERE elder_key = ? AND person_id = ?"
            " AND state = 'pending'",
            (elder.key, person.id),
        )
        if request_id is None:
            return
        await self._audit.record(
            tx, f"person:{person.id}", "family_requested", f"elder:{elder.key}"
        )
        buttons = [
            [
                Button(T("checkins.btn_agree"), self._signer.make("ci_fam", request_id, "yes")),
                Button(T("checkins.btn_refuse"), self._signer.make("ci_fam", request_id, "no")),
            ]
        ]
        deciders = [await self._elder_person(tx, elder.key)] if elder.has_telegram else []
        if not any(deciders):
            deciders = list(await self._people.staff(tx))
        for decider in deciders:
            if decider is None:
                continue
            await self._outbox.send(
                tx,
                decider.telegram_id,
                T("checkins.family_request", who=person.name, name=elder.name),
                key=f"famreq{request_id}:{decider.telegram_id}",
                buttons=buttons,
            )

    async def decide_family(
        self, tx: Tx, request_id: int, decider: Person, approve: bool
    ) -> Literal["ok", "stale", "not_yours"]:
        """The elder (or staff) approves or refuses a family request."""
        row = await tx.one("SELECT * FROM family_requests WHERE id = ?", (request_id,))
        if row is None or row["state"] != "pending":
            return "stale"
        key = row["elder_key"]
        allowed = await self._people.has_role(
            tx, decider.id, "elder", key
        ) or await self._people.is_staff(tx, decider.telegram_id)
        if not allowed:
            return "not_yours"
        state = "approved" if approve else "refused"
        await tx.execute(
            "UPDATE family_requests SET state = ?, decided_by = ? WHERE id = ?",
            (state, decider.id, request_id),
        )
        requester = await self._people.by_id(tx, int(row["person_id"]))
        elder = await self.elder(tx, key)
        assert requester is not None and elder is not None
        if approve:
            await self._people.grant(tx, requester.id, "family", key)
        await self._audit.record(
            tx, f"person:{decider.id}", f"family_{state}", f"elder:{key}", person=requester.id
        )
        await self._outbox.send(
            tx,
            requester.telegram_id,
            T("onboarding.joined_family", what=elder.name)
            if approve
            else T("checkins.family_refused", name=elder.name),
            key=f"famreq{request_id}:decided",
        )
        return "ok"

    # -- who cannot be told ----------------------------------------------------------------

    async def alert_gaps(self, tx: Tx) -> list[Text]:
        """Escalation targets that cannot be told: no staff chat, grid workers never joined."""
        gaps: list[Text] = []
        if not await self._people.staff(tx):
            gaps.append(T("incidents.gap_no_staff"))
        silent: dict[str, list[str]] = {}
        for elder in await self.elders(tx):
            if not await self._workers(tx, elder):
                silent.setdefault(elder.grid_worker, []).append(elder.name)
        for key, names in sorted(silent.items()):
            worker = self._community.housekeeper(key)
            gaps.append(
                T(
                    "incidents.gap_worker",
                    worker=worker.name if worker else key,
                    elders="、".join(names),
                )
            )
        return gaps

    async def warn_gaps(self, tx: Tx, now: datetime) -> None:
        """Say what cannot be told: in the log (no names), and to every staff chat once a day."""
        gaps = await self.alert_gaps(tx)
        if not gaps:
            return
        _LOGGER.warning("%d escalation gap(s): some alerts can reach no person", len(gaps))
        day = now.astimezone(self._tz).date().isoformat()
        for staff in await self._people.staff(tx):
            await self._outbox.send(
                tx,
                staff.telegram_id,
                T("incidents.gaps", lines=gaps),
                key=f"gaps:{day}:{len(gaps)}:{staff.telegram_id}",
            )

    # -- staff view ------------------------------------------------------------------------

    async def care(self, tx: Tx) -> tuple[list[CareLine], list[tuple[Enrolled, Visit]]]:
        """Today's state per elder, most urgent first, and overdue visits."""
        now = self._clock.now()
        today = now.astimezone(self._tz).date().isoformat()
        lines: list[CareLine] = []
        elders = await self.elders(tx)
        calls = {
            i.elder_key: i for i in await self._incidents.repo.open_incidents(tx) if i.elder_key
        }
        for elder in elders:
            if elder.key in calls:  # an open help call outranks whatever today's check-in says
                lines.append(CareLine(elder, "help", calls[elder.key].created_at))
                continue
            row = await tx.one(
                "SELECT * FROM checkins WHERE elder_key = ? AND slot >= ? AND state != 'skipped'"
                " ORDER BY CASE WHEN state IN ('pinged','reminded','grid','escalated','help')"
                " THEN 0 ELSE 1 END, due_at DESC LIMIT 1",
                (elder.key, today),
            )
            if elder.paused_at(now) and (row is None or row["state"] not in OPEN):
                lines.append(CareLine(elder, "paused", elder.paused_until))
            elif row is None:
                lines.append(CareLine(elder, "none", None))
            else:
                checkin = _checkin(row)
                lines.append(CareLine(elder, checkin.state, checkin.due_at))
        lines.sort(key=lambda line: (URGENCY.get(line.state, 5), line.elder.key))
        overdue: list[tuple[Enrolled, Visit]] = []
        by_key = {e.key: e for e in elders}
        for row in await tx.all(
            "SELECT * FROM visits WHERE state IN ('scheduled', 'missed') AND due_at < ?"
            " ORDER BY due_at",
            (to_db(now),),
        ):
            visit = _visit(row)
            if visit.elder_key in by_key:
                overdue.append((by_key[visit.elder_key], visit))
        return lines, overdue

    # -- wiring ----------------------------------------------------------------------------

    def handlers(self) -> dict[str, Any]:
        """Deadline kinds and their handlers."""
        return {
            "ci_ping": self.on_ping,
            "ci_remind": self.on_remind,
            "ci_grid": self.on_grid,
            "ci_staff": self.on_staff,
            "ci_resume": self.on_resume,
            "ci_visit_remind": self.on_visit_remind,
            "ci_visit_missed": self.on_visit_missed,
        }
