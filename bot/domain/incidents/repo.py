"""The incident feature's SQL, and only it: named reads and compare-and-set transitions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import from_db, to_db
from bot.domain.incidents.model import OPEN_STATES, Incident, Kind, State
from bot.storage import Tx


@dataclass(frozen=True)
class OnCall:
    """Someone on an incident: who they are to it, and whether they said they are going."""

    chat_id: int
    role: str
    ref: str
    acked: bool


@dataclass(frozen=True)
class Draft:
    """What a new incident is made of."""

    kind: Kind
    subject_name: str
    elder_key: str | None
    reporter_id: int | None
    chat_id: int
    chat_title: str
    message_id: int | None
    cause: str
    words: str
    address: str


def _incident(row: Any) -> Incident:
    return Incident(
        id=row["id"],
        kind=Kind(row["kind"]),
        state=State(row["state"]),
        subject_name=row["subject_name"],
        elder_key=row["elder_key"],
        reporter_id=row["reporter_id"],
        chat_id=row["chat_id"],
        chat_title=row["chat_title"],
        message_id=row["message_id"],
        cause=row["cause"],
        words=row["words"],
        address=row["address"],
        round=row["round"],
        created_at=from_db(row["created_at"]),
        closed_at=from_db(row["closed_at"]) if row["closed_at"] else None,
    )


_OPEN = tuple(str(s) for s in OPEN_STATES)
_OPEN_MARKS = ",".join("?" * len(_OPEN))


class IncidentRepo:
    """Reads and writes incidents and the people on them."""

    async def create(self, tx: Tx, draft: Draft, now: datetime) -> Incident:
        """Insert a new open incident."""
        incident_id = await tx.execute(
            "INSERT INTO incidents (kind, state, subject_name, elder_key, reporter_id, chat_id,"
            " chat_title, message_id, cause, words, address, created_at)"
            " VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                draft.kind,
                draft.subject_name,
                draft.elder_key,
                draft.reporter_id,
                draft.chat_id,
                draft.chat_title,
                draft.message_id,
                draft.cause,
                draft.words,
                draft.address,
                to_db(now),
            ),
        )
        created = await self.get(tx, incident_id)
        assert created is not None
        return created

    async def get(self, tx: Tx, incident_id: int) -> Incident | None:
        """An incident by id."""
        row = await tx.one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
        return _incident(row) if row else None

    async def open_for_elder(self, tx: Tx, elder_key: str) -> Incident | None:
        """The elder's open help call, if any (the newest)."""
        row = await tx.one(
            f"SELECT * FROM incidents WHERE elder_key = ? AND state IN ({_OPEN_MARKS})"
            " ORDER BY id DESC LIMIT 1",
            (elder_key, *_OPEN),
        )
        return _incident(row) if row else None

    async def closed_for_elder(self, tx: Tx, elder_key: str, since: datetime) -> Incident | None:
        """The elder's newest help call confirmed safe since a moment, if any."""
        row = await tx.one(
            "SELECT * FROM incidents WHERE elder_key = ? AND state = 'closed'"
            " AND closed_at >= ? ORDER BY id DESC LIMIT 1",
            (elder_key, to_db(since)),
        )
        return _incident(row) if row else None

    async def open_by_writer(
        self, tx: Tx, chat_id: int, telegram_id: int, since: datetime
    ) -> Incident | None:
        """The newest open incident this Telegram user raised in this chat since a moment."""
        row = await tx.one(
            "SELECT i.* FROM incidents i JOIN people p ON p.id = i.reporter_id"
            f" WHERE i.chat_id = ? AND p.telegram_id = ? AND i.state IN ({_OPEN_MARKS})"
            " AND i.created_at >= ? ORDER BY i.id DESC LIMIT 1",
            (chat_id, telegram_id, *_OPEN, to_db(since)),
        )
        return _incident(row) if row else None

    async def raised_since(self, tx: Tx, since: datetime) -> dict[int, datetime]:
        """Per chat, when the newest incident raised there since a moment was raised."""
        rows = await tx.all(
            "SELECT chat_id, MAX(created_at) AS newest FROM incidents"
            " WHERE created_at >= ? GROUP BY chat_id",
            (to_db(since),),
        )
        return {int(r["chat_id"]): from_db(r["newest"]) for r in rows}

    async def open_incidents(self, tx: Tx) -> list[Incident]:
        """Every incident still open, oldest first."""
        rows = await tx.all(
            f"SELECT * FROM incidents WHERE state IN ({_OPEN_MARKS}) ORDER BY id", _OPEN
        )
        return [_incident(r) for r in rows]

    async def transition(
        self, tx: Tx, incident_id: int, from_: State, to: State, **fields: Any
    ) -> bool:
        """Move an incident from one state to another; False if it was no longer in from_."""
        sets = "".join(f", {name} = ?" for name in fields)
        changed = await tx.changes(
            f"UPDATE incidents SET state = ?{sets} WHERE id = ? AND state = ?",
            (to, *fields.values(), incident_id, from_),
        )
        return changed > 0

    async def next_round(self, tx: Tx, incident_id: int, round_: int) -> bool:
        """Count one more escalation round, if the incident is still at round_."""
        changed = await tx.changes(
            "UPDATE incidents SET round = round + 1 WHERE id = ? AND round = ?",
            (incident_id, round_),
        )
        return changed > 0

    async def set_place(self, tx: Tx, incident_id: int, place: str) -> bool:
        """Keep the place the reporter said later, when none was known: reminders then carry
        it instead of "not said" (they go to responders in private, never to a group)."""
        changed = await tx.changes(
            "UPDATE incidents SET address = ? WHERE id = ? AND address = ''",
            (place, incident_id),
        )
        return changed > 0

    async def set_note(self, tx: Tx, incident_id: int, note: str) -> None:
        """Keep the closing note."""
        await tx.execute("UPDATE incidents SET note = ? WHERE id = ?", (note, incident_id))

    async def add_person(
        self, tx: Tx, incident_id: int, chat_id: int, role: str, ref: str = ""
    ) -> bool:
        """Put someone on the incident; False if they were on it already."""
        changed = await tx.changes(
            "INSERT OR IGNORE INTO incident_people (incident_id, chat_id, role, ref, seq)"
            " SELECT ?, ?, ?, ?, COALESCE(MAX(seq), 0) + 1 FROM incident_people"
            " WHERE incident_id = ?",
            (incident_id, chat_id, role, ref, incident_id),
        )
        return changed > 0

    async def on_call(self, tx: Tx, incident_id: int) -> list[OnCall]:
        """Everyone on the incident, in the order they were told."""
        rows = await tx.all(
            "SELECT chat_id, role, ref, acked_at FROM incident_people WHERE incident_id = ?"
            " ORDER BY seq",
            (incident_id,),
        )
        return [
            OnCall(int(r["chat_id"]), r["role"], r["ref"], r["acked_at"] is not None) for r in rows
        ]

    async def responded_by(self, tx: Tx, chat_id: int) -> list[Incident]:
        """Every incident this chat was alerted to as a housekeeper (grid worker or responder)."""
        rows = await tx.all(
            "SELECT i.* FROM incidents i JOIN incident_people p ON p.incident_id = i.id"
            " WHERE p.chat_id = ? AND p.role IN ('grid_worker', 'responder') ORDER BY i.id",
            (chat_id,),
        )
        return [_incident(r) for r in rows]

    async def acked(self, tx: Tx, incident_id: int) -> list[tuple[int, datetime]]:
        """Who said they are going, and when, first first."""
        rows = await tx.all(
            "SELECT chat_id, acked_at FROM incident_people WHERE incident_id = ?"
            " AND acked_at IS NOT NULL ORDER BY acked_at",
            (incident_id,),
        )
        return [(int(r["chat_id"]), from_db(r["acked_at"])) for r in rows]

    async def mark_acked(self, tx: Tx, incident_id: int, chat_id: int, now: datetime) -> bool:
        """Record that this person said they are going; False if they had already."""
        changed = await tx.changes(
            "UPDATE incident_people SET acked_at = ? WHERE incident_id = ? AND chat_id = ?"
            " AND acked_at IS NULL",
            (to_db(now), incident_id, chat_id),
        )
        return changed > 0
