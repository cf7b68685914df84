"""The setup's only SQL: one JSON row per section, and a version that grows with each change."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.setup.model import Sections
from bot.storage import Tx


class SetupRepo:
    """Named reads and writes of the ``setup`` table (in the caller's transaction)."""

    async def sections(self, tx: Tx) -> Sections:
        """Every stored section (empty on a new database)."""
        rows = await tx.all("SELECT section, body FROM setup")
        return {r["section"]: json.loads(r["body"]) for r in rows}

    async def version(self, tx: Tx) -> int:
        """The version of the last change (0 on a new database)."""
        return int(await tx.scalar("SELECT coalesce(max(version), 0) FROM setup") or 0)

    async def save(self, tx: Tx, section: str, entries: list[dict[str, Any]]) -> None:
        """Store a section's entries as the newest version."""
        await tx.execute(
            "INSERT INTO setup (section, body, version)"
            " VALUES (?, ?, (SELECT coalesce(max(version), 0) + 1 FROM setup))"
            " ON CONFLICT(section) DO UPDATE SET body = excluded.body, version = excluded.version",
            (section, json.dumps(entries, ensure_ascii=False, sort_keys=True)),
        )
