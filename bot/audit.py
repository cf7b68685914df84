"""The audit trail: every transition with who did it and when, so responsibility is clear."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.clock import Clock, from_db, to_db
from bot.storage import Tx


@dataclass(frozen=True)
class AuditEvent:
    """One recorded transition."""

    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]


class Audit:
    """Writes and reads audit events (inside the caller's transaction)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def record(self, tx: Tx, actor: str, action: str, subject: str, **detail: Any) -> None:
        """Record that actor did action to subject. Never put private data in detail."""
        await tx.execute(
            "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (
                to_db(self._clock.now()),
                actor,
                action,
                subject,
                json.dumps(detail, ensure_ascii=False),
            ),
        )

    async def timeline(self, tx: Tx, subject: str) -> list[AuditEvent]:
        """Everything recorded about a subject, oldest first."""
        rows = await tx.all(
            "SELECT at, actor, action, subject, detail FROM audit WHERE subject = ? ORDER BY id",
            (subject,),
        )
        return [
            AuditEvent(
                from_db(r["at"]), r["actor"], r["action"], r["subject"], json.loads(r["detail"])
            )
            for r in rows
        ]
