"""The cabinet's only SQL: units, loans and the waitlist, read and changed by name.

State changes are compare-and-set: :meth:`ToolRepo.move_unit` and :meth:`ToolRepo.move_loan`
update a row only while it is still in the state the caller read, and say whether they did.
That is what makes two presses for the last unit safe: both run ``UPDATE .. WHERE state =
'free'`` in the single writer, and only the first changes a row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.tools.model import (
    ACTIVE,
    Loan,
    LoanStatus,
    Unit,
    UnitState,
    Waiter,
)
from bot.storage import Tx

_LOAN_SQL = "SELECT l.*, u.seq FROM tool_loans l JOIN tool_units u ON u.id = l.unit_id"
_ACTIVE = "(" + ", ".join(f"'{s}'" for s in ACTIVE) + ")"  # ('reserved', 'lent')


def _unit(row: Any) -> Unit:
    return Unit(
        row["id"],
        row["tool_id"],
        row["seq"],
        row["source"],
        UnitState(row["state"]),
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
        LoanStatus(row["status"]),
        from_db(row["hold_until"]),
        from_db(row["due_at"]) if row["due_at"] else None,
        row["extended"],
        bool(row["overdue"]),
    )


class ToolRepo:
    """Named reads and compare-and-set writes of the cabinet's tables (in the caller's tx)."""

    # -- units -----------------------------------------------------------------------------

    async def unit(self, tx: Tx, unit_id: int) -> Unit | None:
        """A unit by id."""
        row = await tx.one("SELECT * FROM tool_units WHERE id = ?", (unit_id,))
        return _unit(row) if row else None

    async def units(self, tx: Tx, tool_id: str) -> list[Unit]:
        """Every unit of a tool (retired ones too), by number."""
        rows = await tx.all("SELECT * FROM tool_units WHERE tool_id = ? ORDER BY seq", (tool_id,))
        return [_unit(r) for r in rows]

    async def first_free(self, tx: Tx, tool_id: str) -> int | None:
        """The lowest-numbered free unit of a tool."""
        found = await tx.scalar(
            "SELECT id FROM tool_units WHERE tool_id = ? AND state = 'free' ORDER BY seq LIMIT 1",
            (tool_id,),
        )
        return int(found) if found is not None else None

    async def count_from_file(self, tx: Tx, tool_id: str) -> int:
        """How many units of a tool were created from the community file."""
        found = await tx.scalar(
            "SELECT COUNT(*) FROM tool_units WHERE tool_id = ? AND source = 'file'", (tool_id,)
        )
        return int(found or 0)

    async def add_unit(self, tx: Tx, tool_id: str, source: str) -> tuple[int, int]:
        """A new free unit numbered after the last one; returns (unit id, number)."""
        seq = int(
            await tx.scalar(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM tool_units WHERE tool_id = ?", (tool_id,)
            )
        )
        unit_id = await tx.execute(
            "INSERT INTO tool_units (tool_id, seq, source) VALUES (?, ?, ?)",
            (tool_id, seq, source),
        )
        return unit_id, seq

    async def move_unit(
        self,
        tx: Tx,
        unit_id: int,
        from_: UnitState,
        to: UnitState,
        *,
        version: int | None = None,
        note: str | None = None,
    ) -> bool:
        """Compare-and-set: move a unit that is still in from_ (and at version, if given)."""
        sets, params = "state = ?, version = version + 1", [str(to)]
        if note is not None:
            sets += ", note = ?"
            params.append(note)
        where, args = "id = ? AND state = ?", [unit_id, str(from_)]
        if version is not None:
            where += " AND version = ?"
            args.append(version)
        changed = await tx.changes(f"UPDATE tool_units SET {sets} WHERE {where}", (*params, *args))
        return changed > 0

    # -- loans -----------------------------------------------------------------------------

    async def loan(self, tx: Tx, loan_id: int) -> Loan | None:
        """A loan by id."""
        row = await tx.one(f"{_LOAN_SQL} WHERE l.id = ?", (loan_id,))
        return _loan(row) if row else None

    async def loan_by_origin(self, tx: Tx, origin: str) -> Loan | None:
        """The reservation a reserve button (its origin) already made, if any."""
        row = await tx.one(f"{_LOAN_SQL} WHERE l.origin = ?", (origin,))
        return _loan(row) if row else None

    async def active_loan_of_unit(self, tx: Tx, unit_id: int) -> Loan | None:
        """The reservation or loan currently holding a unit."""
        row = await tx.one(
            f"{_LOAN_SQL} WHERE l.unit_id = ? AND l.status IN {_ACTIVE}", (unit_id,)
        )
        return _loan(row) if row else None

    async def loans_of(self, tx: Tx, person_id: int) -> list[Loan]:
        """A person's current reservations and loans."""
        rows = await tx.all(
            f"{_LOAN_SQL} WHERE l.person_id = ? AND l.status IN {_ACTIVE} ORDER BY l.id",
            (person_id,),
        )
        return [_loan(r) for r in rows]

    async def active_loans_of_tool(self, tx: Tx, tool_id: str) -> list[Loan]:
        """A tool's current reservations and loans."""
        rows = await tx.all(
            f"{_LOAN_SQL} WHERE l.tool_id = ? AND l.status IN {_ACTIVE} ORDER BY l.id",
            (tool_id,),
        )
        return [_loan(r) for r in rows]

    async def open_loan(
        self, tx: Tx, unit: Unit, person_id: int, origin: str | None, now: datetime, hold: datetime
    ) -> int:
        """Record a reservation of a unit (the unit was just moved to reserved)."""
        return await tx.execute(
            "INSERT INTO tool_loans (unit_id, tool_id, person_id, origin, reserved_at, hold_until)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (unit.id, unit.tool_id, person_id, origin, to_db(now), to_db(hold)),
        )

    async def move_loan(
        self, tx: Tx, loan_id: int, from_: LoanStatus, to: LoanStatus, **stamps: datetime
    ) -> bool:
        """Compare-and-set: move a loan still in from_, stamping lent_at / due_at / returned_at."""
        allowed = {"lent_at", "due_at", "returned_at"}
        if not set(stamps) <= allowed:
            raise ValueError(f"unknown loan stamps {sorted(set(stamps) - allowed)}")
        sets = "".join(f", {name} = ?" for name in stamps)
        changed = await tx.changes(
            f"UPDATE tool_loans SET status = ?{sets} WHERE id = ? AND status = ?",
            (str(to), *(to_db(v) for v in stamps.values()), loan_id, str(from_)),
        )
        return changed > 0

    async def extend(self, tx: Tx, loan_id: int, due: datetime) -> bool:
        """Move a loan's due moment, once (compare-and-set on ``extended = 0``)."""
        changed = await tx.changes(
            "UPDATE tool_loans SET due_at = ?, extended = 1 WHERE id = ? AND extended = 0",
            (to_db(due), loan_id),
        )
        return changed > 0

    async def mark_overdue(self, tx: Tx, loan_id: int) -> None:
        """Remember that the loan passed its due moment."""
        await tx.execute("UPDATE tool_loans SET overdue = 1 WHERE id = ?", (loan_id,))

    # -- waitlist --------------------------------------------------------------------------

    async def waiters(self, tx: Tx, tool_id: str) -> list[Waiter]:
        """Who waits for a tool (in no promised order: the model orders them)."""
        rows = await tx.all(
            "SELECT id, person_id, joined_at FROM tool_waitlist"
            " WHERE tool_id = ? AND status = 'waiting' ORDER BY id",
            (tool_id,),
        )
        return [Waiter(r["id"], r["person_id"], from_db(r["joined_at"])) for r in rows]

    async def join(self, tx: Tx, tool_id: str, person_id: int, at: datetime) -> bool:
        """Join a tool's waitlist; False if already waiting."""
        added = await tx.changes(
            "INSERT OR IGNORE INTO tool_waitlist (tool_id, person_id, joined_at) VALUES (?, ?, ?)",
            (tool_id, person_id, to_db(at)),
        )
        return added > 0

    async def rejoin_as_of(self, tx: Tx, loan: Loan) -> None:
        """Put a borrower back in line with the place their reservation gave them."""
        await tx.execute(
            "INSERT OR IGNORE INTO tool_waitlist (tool_id, person_id, joined_at)"
            " VALUES (?, ?, (SELECT reserved_at FROM tool_loans WHERE id = ?))",
            (loan.tool_id, loan.person_id, loan.id),
        )

    async def served(self, tx: Tx, tool_id: str, person_id: int) -> None:
        """The person got a unit: they no longer wait for this tool."""
        await tx.execute(
            "UPDATE tool_waitlist SET status = 'served' WHERE tool_id = ? AND person_id = ?"
            " AND status = 'waiting'",
            (tool_id, person_id),
        )
