"""The shared tool cabinet: units, reservations, loans, the waitlist and their deadlines.

Every physical item is a unit row with its own state (free, reserved, lent, broken, retired).
Taking a unit is one conditional ``UPDATE .. WHERE state = 'free'`` inside the single writer
transaction, so two residents pressing for the last unit at once cannot both get it. Each
transition is audited (subject ``tool:<unit id>``) and writes its messages into the outbox in
the same transaction. Deadlines (hold expiry, the day-before reminder, the due moment) have
deterministic names ``tool:loan<id>:<what>[:<extension>]``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from bot import deadlines
from bot.clock import from_db, to_db
from bot.config import Tool
from bot.deadlines import Deadline
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.i18n.fmt import duration, when_both
from bot.outbox import Button, Keyboard
from bot.runtime import Runtime
from bot.storage import Tx

_LOGGER = logging.getLogger(__name__)

UnitState = Literal["free", "reserved", "lent", "broken", "retired"]
Refusal = Literal["overdue", "limit"]
ReserveOutcome = Literal["ok", "not_in_cabinet", "duplicate", "none_free", "overdue", "limit"]
KIND_HOLD, KIND_REMIND, KIND_DUE = "tool_hold", "tool_remind", "tool_due"


@dataclass(frozen=True)
class Unit:
    """One physical item in the cabinet."""

    id: int
    tool_id: str
    seq: int
    source: str
    state: UnitState
    version: int
    note: str


@dataclass(frozen=True)
class Loan:
    """A reservation, and once handed over, a loan."""

    id: int
    unit_id: int
    tool_id: str
    seq: int
    person_id: int
    status: str
    hold_until: datetime
    due_at: datetime | None
    extended: int
    overdue: bool


@dataclass(frozen=True)
class Availability:
    """How many units of a tool can be borrowed now, and when the next one is due back."""

    free: int
    usable: int
    next_due: datetime | None


def _unit(row: Any) -> Unit:
    return Unit(
        row["id"],
        row["tool_id"],
        row["seq"],
        row["source"],
        row["state"],
        row["version"],
        row["note"],
    )


def _loan(row: Any) -> Loan:
    return Loan(
        row["id"],
        row["unit_id"],
        row["tool_id"],
        row["seq"],
        row["person_id"],
        row["status"],
        from_db(row["hold_until"]),
        from_db(row["due_at"]) if row["due_at"] else None,
        row["extended"],
        bool(row["overdue"]),
    )


_LOAN_SQL = "SELECT l.*, u.seq FROM tool_loans l JOIN tool_units u ON u.id = l.unit_id"


class Tools:
    """Named operations on the cabinet; messages go through the outbox, never Telegram."""

    def __init__(self, rt: Runtime) -> None:
        self._rt = rt

    # -- names and lookups -----------------------------------------------------------------

    def tool(self, tool_id: str) -> Tool | None:
        """The cabinet's tool with this id, if the community has it."""
        return self._rt.community.tool(tool_id)

    def name(self, tool_id: str) -> dict[str, str]:
        """The tool's name in both languages."""
        if tool_id in self._rt.catalogue.vocabulary:
            return self._rt.catalogue.name(tool_id)
        return {"zh": tool_id, "en": tool_id}

    def label(self, tool_id: str, seq: int) -> Text:
        """'梯子 #1'."""
        return T("tools.unit", tool=self.name(tool_id), seq=seq)

    def _when(self, moment: datetime) -> dict[str, str]:
        return when_both(moment, None, self._rt.community.tz)

    def _location(self, tool: Tool) -> dict[str, str]:
        return {"zh": tool.location_zh, "en": tool.location_en}

    def _now(self) -> datetime:
        return self._rt.clock.now()

    async def unit(self, tx: Tx, unit_id: int) -> Unit | None:
        """A unit by id."""
        row = await tx.one("SELECT * FROM tool_units WHERE id = ?", (unit_id,))
        return _unit(row) if row else None

    async def units(self, tx: Tx, tool_id: str) -> list[Unit]:
        """Every unit of a tool (retired ones too), by number."""
        rows = await tx.all("SELECT * FROM tool_units WHERE tool_id = ? ORDER BY seq", (tool_id,))
        return [_unit(r) for r in rows]

    async def loan(self, tx: Tx, loan_id: int) -> Loan | None:
        """A loan by id."""
        row = await tx.one(f"{_LOAN_SQL} WHERE l.id = ?", (loan_id,))
        return _loan(row) if row else None

    async def active_loan_of_unit(self, tx: Tx, unit_id: int) -> Loan | None:
        """The reservation or loan currently holding a unit."""
        row = await tx.one(
            f"{_LOAN_SQL} WHERE l.unit_id = ? AND l.status IN ('reserved', 'lent')", (unit_id,)
        )
        return _loan(row) if row else None

    async def loans_of(self, tx: Tx, person_id: int) -> list[Loan]:
        """A person's current reservations and loans."""
        rows = await tx.all(
            f"{_LOAN_SQL} WHERE l.person_id = ? AND l.status IN ('reserved', 'lent')"
            " ORDER BY l.id",
            (person_id,),
        )
        return [_loan(r) for r in rows]

    async def availability(self, tx: Tx, tool_id: str) -> Availability:
        """Free units, usable units (not broken or retired) and the soonest due date."""
        row = await tx.one(
            "SELECT SUM(state = 'free') AS free,"
            " SUM(state IN ('free', 'reserved', 'lent')) AS usable"
            " FROM tool_units WHERE tool_id = ?",
            (tool_id,),
        )
        due = await tx.scalar(
            "SELECT MIN(due_at) FROM tool_loans WHERE tool_id = ? AND status = 'lent'", (tool_id,)
        )
        return Availability(
            int(row["free"] or 0) if row else 0,
            int(row["usable"] or 0) if row else 0,
            from_db(due) if due else None,
        )

    async def waiting(self, tx: Tx, tool_id: str) -> int:
        """How many people are waiting for a tool."""
        count = await tx.scalar(
            "SELECT COUNT(*) FROM tool_waitlist WHERE tool_id = ? AND status = 'waiting'",
            (tool_id,),
        )
        return int(count or 0)

    async def keepers_for(self, tx: Tx, person_id: int) -> list[Person]:
        """Who confirms hand-overs for this resident: the housekeeper covering their building.

        Without a known building (or nobody joined for it): every housekeeper, else staff.
        """
        people = self._rt.people
        address = await people.address(tx, person_id)
        if address is not None:
            covering = [
                h.key for h in self._rt.community.housekeepers if address.building in h.buildings
            ]
            found = [p for key in covering for p in await people.holders(tx, "housekeeper", key)]
            if found:
                return found
        everyone = [
            p
            for h in self._rt.community.housekeepers
            for p in await people.holders(tx, "housekeeper", h.key)
        ]
        return everyone or await people.staff(tx)

    async def may_confirm(self, tx: Tx, person: Person) -> bool:
        """Whether this person may confirm hand-overs and returns (housekeeper or staff)."""
        return await self._rt.people.has_role(
            tx, person.id, "housekeeper"
        ) or await self._rt.people.is_staff(tx, person.telegram_id)

    # -- inventory -------------------------------------------------------------------------

    async def sync(self, tx: Tx, now: datetime) -> None:
        """Planner: make sure every tool in the community file has its units (idempotent).

        Units are only ever added from the file; taking units away is staff's /tools retire,
        so a loan is never orphaned by an edited file.
        """
        for tool in self._rt.community.tools:
            have = int(
                await tx.scalar(
                    "SELECT COUNT(*) FROM tool_units WHERE tool_id = ? AND source = 'file'",
                    (tool.id,),
                )
                or 0
            )
            for _ in range(tool.units - have):
                await self._insert_unit(tx, tool.id, "file", "community_file")

    async def _insert_unit(self, tx: Tx, tool_id: str, source: str, actor: str) -> int:
        seq = int(
            await tx.scalar(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM tool_units WHERE tool_id = ?", (tool_id,)
            )
        )
        unit_id = await tx.execute(
            "INSERT INTO tool_units (tool_id, seq, source) VALUES (?, ?, ?)",
            (tool_id, seq, source),
        )
        await self._rt.audit.record(
            tx, actor, "unit_added", f"tool:{unit_id}", tool=tool_id, seq=seq
        )
        return unit_id

    async def add_unit(self, tx: Tx, tool_id: str, actor: Person) -> Unit | None:
        """Staff: one more unit of a tool; a waiting resident gets it at once."""
        if self.tool(tool_id) is None:
            return None
        unit_id = await self._insert_unit(tx, tool_id, "staff", f"person:{actor.id}")
        await self.release(tx, unit_id)
        return await self.unit(tx, unit_id)

    async def _set_state(
        self, tx: Tx, unit: Unit, allowed: tuple[UnitState, ...], state: UnitState, note: str
    ) -> bool:
        marks = ",".join("?" * len(allowed))
        changed = await tx.changes(
            f"UPDATE tool_units SET state = ?, note = ?, version = version + 1"
            f" WHERE id = ? AND version = ? AND state IN ({marks})",
            (state, note, unit.id, unit.version, *allowed),
        )
        return changed > 0

    async def mark_broken(self, tx: Tx, unit: Unit, actor: Person, note: str) -> bool:
        """Staff: a free or reserved unit is broken; a reservation on it moves to another unit.

        A lent unit cannot be marked broken: its return is confirmed "with damage" instead.
        """
        held = await self.active_loan_of_unit(tx, unit.id) if unit.state == "reserved" else None
        if not await self._set_state(tx, unit, ("free", "reserved"), "broken", note):
            return False
        await self._rt.audit.record(
            tx, f"person:{actor.id}", "broken", f"tool:{unit.id}", note=note
        )
        if held is not None:
            await self._end_reservation(tx, held, "cancelled", f"person:{actor.id}")
            await self._tell_person(
                tx,
                held.person_id,
                T("tools.reservation_broken", unit=self.label(held.tool_id, held.seq)),
                key=f"tl{held.id}:broken",
            )
            await self._rehome(tx, held)
        return True

    async def _rehome(self, tx: Tx, held: Loan) -> None:
        """Give someone whose reserved unit broke another unit, or their place in the queue."""
        other = await tx.scalar(
            "SELECT id FROM tool_units WHERE tool_id = ? AND state = 'free' ORDER BY seq LIMIT 1",
            (held.tool_id,),
        )
        if other is not None and await self._take(tx, int(other), held.person_id, None):
            return
        await tx.execute(
            "INSERT OR IGNORE INTO tool_waitlist (tool_id, person_id, joined_at)"
            " VALUES (?, ?, (SELECT reserved_at FROM tool_loans WHERE id = ?))",
            (held.tool_id, held.person_id, held.id),
        )
        await self._tell_person(
            tx,
            held.person_id,
            T("tools.waitlist_kept", tool=self.name(held.tool_id)),
            key=f"tl{held.id}:requeued",
        )

    async def mark_repaired(self, tx: Tx, unit: Unit, actor: Person, note: str) -> bool:
        """Staff: a broken unit is back in service (and goes to whoever waits first)."""
        if not await self._set_state(tx, unit, ("broken",), "free", note):
            return False
        await self._rt.audit.record(
            tx, f"person:{actor.id}", "repaired", f"tool:{unit.id}", note=note
        )
        await self.release(tx, unit.id)
        return True

    async def retire(self, tx: Tx, unit: Unit, actor: Person, note: str = "") -> bool:
        """Staff: take a free or broken unit out of the cabinet for good."""
        if not await self._set_state(tx, unit, ("free", "broken"), "retired", note):
            return False
        await self._rt.audit.record(
            tx, f"person:{actor.id}", "retired", f"tool:{unit.id}", note=note
        )
        return True

    # -- borrowing -------------------------------------------------------------------------

    async def refusal(self, tx: Tx, person_id: int) -> Refusal | None:
        """Why this person may not reserve now: something overdue, or the limit reached."""
        overdue = await tx.one(
            "SELECT 1 FROM tool_loans WHERE person_id = ? AND status = 'lent' AND due_at <= ?",
            (person_id, to_db(self._now())),
        )
        if overdue is not None:
            return "overdue"
        held = await tx.scalar(
            "SELECT COUNT(*) FROM tool_loans WHERE person_id = ?"
            " AND status IN ('reserved', 'lent')",
            (person_id,),
        )
        if int(held or 0) >= self._rt.community.policy.max_tools_at_once:
            return "limit"
        return None

    async def reserve(
        self, tx: Tx, person: Person, tool_id: str, origin: str | None
    ) -> tuple[ReserveOutcome, Loan | None]:
        """Reserve a free unit of a tool for the person (one reservation per origin)."""
        if self.tool(tool_id) is None:
            return "not_in_cabinet", None
        if origin is not None:
            existing = await tx.scalar("SELECT id FROM tool_loans WHERE origin = ?", (origin,))
            if existing is not None:
                return "duplicate", await self.loan(tx, int(existing))
        refusal = await self.refusal(tx, person.id)
        if refusal is not None:
            return refusal, None
        unit_id = await tx.scalar(
            "SELECT id FROM tool_units WHERE tool_id = ? AND state = 'free' ORDER BY seq LIMIT 1",
            (tool_id,),
        )
        if unit_id is None:
            return "none_free", None
        loan = await self._take(tx, int(unit_id), person.id, origin)
        if loan is None:
            return "none_free", None
        return "ok", loan

    async def _take(
        self, tx: Tx, unit_id: int, person_id: int, origin: str | None, *, waited: bool = False
    ) -> Loan | None:
        """Reserve this unit if it is still free: the conditional UPDATE is the guarantee."""
        taken = await tx.changes(
            "UPDATE tool_units SET state = 'reserved', version = version + 1"
            " WHERE id = ? AND state = 'free'",
            (unit_id,),
        )
        if not taken:
            return None
        unit = await self.unit(tx, unit_id)
        tool = self.tool(unit.tool_id) if unit else None
        assert unit is not None and tool is not None
        now = self._now()
        hold_until = now + tool.hold
        loan_id = await tx.execute(
            "INSERT INTO tool_loans (unit_id, tool_id, person_id, origin, reserved_at, hold_until)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (unit_id, unit.tool_id, person_id, origin, to_db(now), to_db(hold_until)),
        )
        await tx.execute(
            "UPDATE tool_waitlist SET status = 'served' WHERE tool_id = ? AND person_id = ?"
            " AND status = 'waiting'",
            (unit.tool_id, person_id),
        )
        await deadlines.schedule(
            tx, f"tool:loan{loan_id}:hold", KIND_HOLD, hold_until, str(loan_id)
        )
        await self._rt.audit.record(
            tx,
            f"person:{person_id}",
            "reserved",
            f"tool:{unit_id}",
            loan=loan_id,
            waitlist=waited,
        )
        loan = await self.loan(tx, loan_id)
        assert loan is not None
        await self._announce_reservation(tx, loan, tool, waited=waited)
        return loan

    async def _announce_reservation(self, tx: Tx, loan: Loan, tool: Tool, *, waited: bool) -> None:
        rt = self._rt
        label = self.label(loan.tool_id, loan.seq)
        lines: list[Text] = [
            T("tools.waitlist_ready" if waited else "tools.reserved", unit=label),
            T("tools.pickup", location=self._location(tool), until=self._when(loan.hold_until)),
        ]
        if tool.cabinet_code:
            lines.append(T("tools.code", code=tool.cabinet_code))
        lines.append(T("tools.loan_length", length=_both(duration, tool.loan)))
        buttons: list[list[Button]] = []
        if tool.self_service:
            lines.append(T("tools.handover_self"))
            buttons.append([Button(T("tools.btn_picked_up"), rt.signer.make("tpick", loan.id))])
        else:
            lines.append(T("tools.handover_keeper"))
        buttons.append([Button(T("tools.btn_cancel"), rt.signer.make("tcan", loan.id))])
        await self._tell_person(
            tx,
            loan.person_id,
            T("common.lines", lines=lines),
            key=f"tl{loan.id}:reserved",
            buttons=buttons,
        )
        if tool.self_service:
            return
        who = await self._who(tx, loan.person_id)
        handover = [[Button(T("tools.btn_handover"), rt.signer.make("thand", loan.id))]]
        for keeper in await self.keepers_for(tx, loan.person_id):
            await rt.outbox.send(
                tx,
                keeper.telegram_id,
                T("tools.keeper_reserved", who=who, unit=label, until=self._when(loan.hold_until)),
                key=f"tl{loan.id}:keeper:{keeper.id}",
                buttons=handover,
            )

    async def _who(self, tx: Tx, person_id: int) -> Text:
        """'小李（3-2-501）' for a housekeeper's private chat."""
        person = await self._rt.people.by_id(tx, person_id)
        name = person.name if person else "?"
        address = await self._rt.people.address(tx, person_id)
        if address is None:
            return T("tools.who", name=name)
        return T("tools.who_at", name=name, address=address.label())

    async def _tell_person(
        self, tx: Tx, person_id: int, text: Text, *, key: str, buttons: Keyboard | None = None
    ) -> None:
        person = await self._rt.people.by_id(tx, person_id)
        if person is not None:
            await self._rt.outbox.send(tx, person.telegram_id, text, key=key, buttons=buttons)

    async def _edit_keepers(
        self, tx: Tx, loan: Loan, text: Text, step: str, buttons: Keyboard | None = None
    ) -> None:
        """Replace the housekeepers' hand-over message (and its button) with what happened."""
        tool = self.tool(loan.tool_id)
        if tool is None or tool.self_service:
            return
        for keeper in await self.keepers_for(tx, loan.person_id):
            await self._rt.outbox.edit(
                tx,
                keeper.telegram_id,
                text,
                key=f"tl{loan.id}:keeper:{keeper.id}:{step}",
                of_key=f"tl{loan.id}:keeper:{keeper.id}",
                buttons=buttons,
            )

    async def join_waitlist(
        self, tx: Tx, person: Person, tool_id: str
    ) -> Literal["ok", "already", "free_now", "not_in_cabinet", "overdue", "limit"]:
        """Wait for a tool; the first unit that comes back is reserved for the first in line."""
        if self.tool(tool_id) is None:
            return "not_in_cabinet"
        refusal = await self.refusal(tx, person.id)
        if refusal is not None:
            return refusal
        if (await self.availability(tx, tool_id)).free > 0:
            return "free_now"
        added = await tx.changes(
            "INSERT OR IGNORE INTO tool_waitlist (tool_id, person_id, joined_at) VALUES (?, ?, ?)",
            (tool_id, person.id, to_db(self._now())),
        )
        if not added:
            return "already"
        await self._rt.audit.record(
            tx, f"person:{person.id}", "waitlist_joined", f"tool:{tool_id}"
        )
        return "ok"

    async def release(self, tx: Tx, unit_id: int) -> None:
        """A unit became free: reserve it for the first eligible person waiting, and tell them."""
        unit = await self.unit(tx, unit_id)
        if unit is None or unit.state != "free":
            return
        rows = await tx.all(
            "SELECT person_id FROM tool_waitlist WHERE tool_id = ? AND status = 'waiting'"
            " ORDER BY joined_at, id",
            (unit.tool_id,),
        )
        for row in rows:
            if await self.refusal(tx, row["person_id"]) is not None:
                continue  # stays in line until their overdue item is back
            if await self._take(tx, unit_id, row["person_id"], None, waited=True) is not None:
                return

    async def cancel(self, tx: Tx, loan_id: int, person: Person) -> bool:
        """The borrower cancels a reservation not yet picked up."""
        loan = await self.loan(tx, loan_id)
        if loan is None or loan.person_id != person.id or loan.status != "reserved":
            return False
        await self._end_reservation(tx, loan, "cancelled", f"person:{person.id}")
        await self._tell_person(
            tx,
            loan.person_id,
            T("tools.cancelled", unit=self.label(loan.tool_id, loan.seq)),
            key=f"tl{loan.id}:cancelled",
        )
        await self.release(tx, loan.unit_id)
        return True

    async def _end_reservation(self, tx: Tx, loan: Loan, status: str, actor: str) -> None:
        """Close a reservation (cancelled / expired) and free its unit unless it broke."""
        await tx.execute(
            "UPDATE tool_loans SET status = ? WHERE id = ? AND status = 'reserved'",
            (status, loan.id),
        )
        await tx.execute(
            "UPDATE tool_units SET state = 'free', version = version + 1"
            " WHERE id = ? AND state = 'reserved'",
            (loan.unit_id,),
        )
        await deadlines.cancel_prefix(tx, f"tool:loan{loan.id}:")
        await self._rt.audit.record(tx, actor, status, f"tool:{loan.unit_id}", loan=loan.id)
        await self._edit_keepers(
            tx, loan, T(f"tools.keeper_{status}", unit=self.label(loan.tool_id, loan.seq)), status
        )

    async def hold_expired(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: a reservation not picked up in time passes to the next person waiting."""
        loan = await self.loan(tx, int(deadline.ref))
        if loan is None or loan.status != "reserved":
            return
        await self._end_reservation(tx, loan, "expired", "deadline")
        await self._tell_person(
            tx,
            loan.person_id,
            T("tools.hold_expired", unit=self.label(loan.tool_id, loan.seq)),
            key=f"tl{loan.id}:expired",
        )
        await self.release(tx, loan.unit_id)

    async def hand_over(self, tx: Tx, loan_id: int, actor: Person) -> bool:
        """The housekeeper (or, self-service, the borrower) confirms the tool left the cabinet."""
        loan = await self.loan(tx, loan_id)
        tool = self.tool(loan.tool_id) if loan else None
        if loan is None or tool is None or loan.status != "reserved":
            return False
        now = self._now()
        due = now + tool.loan
        changed = await tx.changes(
            "UPDATE tool_loans SET status = 'lent', lent_at = ?, due_at = ?"
            " WHERE id = ? AND status = 'reserved'",
            (to_db(now), to_db(due), loan.id),
        )
        if not changed:
            return False
        await tx.execute(
            "UPDATE tool_units SET state = 'lent', version = version + 1 WHERE id = ?",
            (loan.unit_id,),
        )
        await deadlines.cancel(tx, f"tool:loan{loan.id}:hold")
        await self._schedule_due(tx, loan.id, now, due, 0)
        await self._rt.audit.record(
            tx, f"person:{actor.id}", "lent", f"tool:{loan.unit_id}", loan=loan.id, due=to_db(due)
        )
        label = self.label(loan.tool_id, loan.seq)
        await self._tell_person(
            tx,
            loan.person_id,
            T("tools.lent", unit=label, due=self._when(due)),
            key=f"tl{loan.id}:lent",
            buttons=[[Button(T("tools.btn_extend"), self._rt.signer.make("tlong", loan.id))]],
        )
        who = await self._who(tx, loan.person_id)
        text = T("tools.keeper_lent", who=who, unit=label, due=self._when(due))
        if tool.self_service:
            for keeper in await self.keepers_for(tx, loan.person_id):
                await self._rt.outbox.send(
                    tx,
                    keeper.telegram_id,
                    text,
                    key=f"tl{loan.id}:keeper_self:{keeper.id}",
                    buttons=self.return_buttons(loan.id),
                )
        else:
            await self._edit_keepers(tx, loan, text, "lent", self.return_buttons(loan.id))
        return True

    def return_buttons(self, loan_id: int) -> Keyboard:
        """[确认归还] [归还但有损坏] for the housekeeper."""
        signer = self._rt.signer
        return [
            [
                Button(T("tools.btn_returned"), signer.make("tret", loan_id, "ok")),
                Button(T("tools.btn_returned_broken"), signer.make("tret", loan_id, "broken")),
            ]
        ]

    async def _schedule_due(
        self, tx: Tx, loan_id: int, lent_at: datetime, due: datetime, n: int
    ) -> None:
        """The reminder the day before (half-way for loans of a day or less) and the due time."""
        remind_at = max(due - timedelta(days=1), lent_at + (due - lent_at) / 2)
        ref = str(loan_id)
        await deadlines.schedule(tx, f"tool:loan{loan_id}:remind:{n}", KIND_REMIND, remind_at, ref)
        await deadlines.schedule(tx, f"tool:loan{loan_id}:due:{n}", KIND_DUE, due, ref)

    async def remind(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: the day before a loan is due, remind the borrower (and offer to extend)."""
        loan = await self.loan(tx, int(deadline.ref))
        if loan is None or loan.status != "lent" or loan.due_at is None:
            return
        buttons = None
        if not loan.extended:
            buttons = [[Button(T("tools.btn_extend"), self._rt.signer.make("tlong", loan.id))]]
        await self._tell_person(
            tx,
            loan.person_id,
            T(
                "tools.remind",
                unit=self.label(loan.tool_id, loan.seq),
                due=self._when(loan.due_at),
            ),
            key=f"tl{loan.id}:remind:{loan.extended}",
            buttons=buttons,
        )
        await self._rt.audit.record(
            tx, "deadline", "reminded", f"tool:{loan.unit_id}", loan=loan.id
        )

    async def came_due(self, tx: Tx, deadline: Deadline) -> None:
        """Deadline: a loan not returned by its due time is overdue: borrower and keeper told."""
        loan = await self.loan(tx, int(deadline.ref))
        if loan is None or loan.status != "lent" or loan.due_at is None:
            return
        await tx.execute("UPDATE tool_loans SET overdue = 1 WHERE id = ?", (loan.id,))
        await self._rt.audit.record(
            tx, "deadline", "overdue", f"tool:{loan.unit_id}", loan=loan.id
        )
        label = self.label(loan.tool_id, loan.seq)
        due = self._when(loan.due_at)
        await self._tell_person(
            tx,
            loan.person_id,
            T("tools.overdue", unit=label, due=due),
            key=f"tl{loan.id}:overdue:{loan.extended}",
        )
        who = await self._who(tx, loan.person_id)
        for keeper in await self.keepers_for(tx, loan.person_id):
            await self._rt.outbox.send(
                tx,
                keeper.telegram_id,
                T("tools.keeper_overdue", who=who, unit=label, due=due),
                key=f"tl{loan.id}:keeper_overdue:{loan.extended}:{keeper.id}",
                buttons=self.return_buttons(loan.id),
            )

    async def extend(
        self, tx: Tx, loan_id: int, person: Person
    ) -> tuple[Literal["ok", "stale", "already", "waiting", "overdue"], Loan | None]:
        """The borrower extends a loan once by its usual length, if nobody is waiting."""
        loan = await self.loan(tx, loan_id)
        tool = self.tool(loan.tool_id) if loan else None
        if loan is None or tool is None or loan.person_id != person.id or loan.status != "lent":
            return "stale", None
        assert loan.due_at is not None
        if loan.extended:
            return "already", loan
        if loan.due_at <= self._now():
            return "overdue", loan
        if await self.waiting(tx, loan.tool_id):
            return "waiting", loan
        due = loan.due_at + tool.loan
        await tx.execute(
            "UPDATE tool_loans SET due_at = ?, extended = 1 WHERE id = ? AND extended = 0",
            (to_db(due), loan.id),
        )
        await deadlines.cancel_prefix(tx, f"tool:loan{loan.id}:remind:0")
        await deadlines.cancel_prefix(tx, f"tool:loan{loan.id}:due:0")
        await self._schedule_due(tx, loan.id, loan.due_at, due, 1)
        await self._rt.audit.record(
            tx,
            f"person:{person.id}",
            "extended",
            f"tool:{loan.unit_id}",
            loan=loan.id,
            due=to_db(due),
        )
        return "ok", await self.loan(tx, loan.id)

    async def returned(self, tx: Tx, loan_id: int, actor: Person, *, broken: bool) -> Loan | None:
        """The housekeeper confirms a return (optionally damaged); the unit goes to the next."""
        loan = await self.loan(tx, loan_id)
        if loan is None or loan.status != "lent":
            return None
        await tx.execute(
            "UPDATE tool_loans SET status = 'returned', returned_at = ? WHERE id = ?",
            (to_db(self._now()), loan.id),
        )
        await tx.execute(
            "UPDATE tool_units SET state = ?, version = version + 1 WHERE id = ?",
            ("broken" if broken else "free", loan.unit_id),
        )
        await deadlines.cancel_prefix(tx, f"tool:loan{loan.id}:")
        await self._rt.audit.record(
            tx,
            f"person:{actor.id}",
            "returned",
            f"tool:{loan.unit_id}",
            loan=loan.id,
            damaged=broken,
        )
        await self._tell_person(
            tx,
            loan.person_id,
            T("tools.returned", unit=self.label(loan.tool_id, loan.seq)),
            key=f"tl{loan.id}:returned",
        )
        if not broken:
            await self.release(tx, loan.unit_id)
        return loan


def _both(fn: Any, value: Any) -> dict[str, str]:
    """A language-aware formatter's output in both languages, for a Text parameter."""
    return {"zh": fn(value, "zh"), "en": fn(value, "en")}
