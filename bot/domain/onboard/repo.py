"""The onboarding's only SQL: applications and their documents (bytes kept in the database so
backups carry them), each state change a compare-and-set on the state it was read in."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from bot.clock import to_db
from bot.domain.onboard.model import (
    Application,
    Details,
    DocKind,
    DocumentInfo,
    OfferLine,
    State,
)
from bot.storage import Tx

_COLUMNS = "id, state, provider_id, name_zh, name_en, contact, buildings, offers"


def _offers(details: Details) -> str:
    lines = [
        {
            "service": o.service,
            "price": o.price,
            "market_price": o.market_price,
            "unit_zh": o.unit_zh,
            "unit_en": o.unit_en,
        }
        for o in details.offers
    ]
    return json.dumps(lines, ensure_ascii=False)


def _fields(details: Details) -> tuple[str, str, str, str, str, str]:
    """The details as the table's columns (provider id … offers)."""
    return (
        details.provider_id,
        details.name_zh,
        details.name_en,
        details.contact,
        json.dumps(list(details.buildings), ensure_ascii=False),
        _offers(details),
    )


def _details(row: Any) -> Details:
    offers = tuple(
        OfferLine(
            o["service"],
            float(o["price"]),
            o.get("market_price"),
            o.get("unit_zh", "次"),
            o.get("unit_en", "visit"),
        )
        for o in json.loads(row["offers"])
    )
    return Details(
        row["provider_id"],
        row["name_zh"],
        row["name_en"],
        row["contact"],
        tuple(json.loads(row["buildings"])),
        offers,
    )


class OnboardRepo:
    """Named reads and writes of ``provider_applications`` and ``provider_documents``."""

    async def add(self, tx: Tx, details: Details, by: int, now: datetime) -> int:
        """A new draft; its id."""
        return await tx.execute(
            "INSERT INTO provider_applications (state, provider_id, name_zh, name_en, contact,"
            " buildings, offers, created_by, created_at, updated_at)"
            " VALUES ('draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*_fields(details), by, to_db(now), to_db(now)),
        )

    async def update(
        self, tx: Tx, app_id: int, state: State, details: Details, now: datetime
    ) -> bool:
        """Replace the details, if the application is still in ``state``."""
        changed = await tx.changes(
            "UPDATE provider_applications SET provider_id = ?, name_zh = ?, name_en = ?,"
            " contact = ?, buildings = ?, offers = ?, updated_at = ? WHERE id = ? AND state = ?",
            (*_fields(details), to_db(now), app_id, state.value),
        )
        return changed == 1

    async def move(
        self, tx: Tx, app_id: int, was: State, to: State, by: int, now: datetime
    ) -> bool:
        """Compare-and-set the state (False when someone moved it first)."""
        decided = to in (State.APPROVED, State.REJECTED)
        changed = await tx.changes(
            "UPDATE provider_applications SET state = ?, updated_at = ?,"
            " decided_by = CASE WHEN ? THEN ? ELSE decided_by END,"
            " decided_at = CASE WHEN ? THEN ? ELSE decided_at END"
            " WHERE id = ? AND state = ?",
            (to.value, to_db(now), decided, by, decided, to_db(now), app_id, was.value),
        )
        return changed == 1

    async def get(self, tx: Tx, app_id: int) -> Application | None:
        """An application with its (current) documents."""
        row = await tx.one(f"SELECT {_COLUMNS} FROM provider_applications WHERE id = ?", (app_id,))
        if row is None:
            return None
        docs = await tx.all(
            "SELECT id, kind, content_type, size, expires_on FROM provider_documents"
            " WHERE application_id = ? AND removed_at IS NULL ORDER BY id",
            (app_id,),
        )
        documents = tuple(
            DocumentInfo(
                d["id"],
                DocKind(d["kind"]),
                d["content_type"],
                d["size"],
                date.fromisoformat(d["expires_on"]),
            )
            for d in docs
        )
        return Application(row["id"], State(row["state"]), _details(row), documents)

    async def recent(self, tx: Tx, limit: int = 50) -> list[tuple[int, State, str, str]]:
        """The newest applications: (id, state, provider id, name in Chinese)."""
        rows = await tx.all(
            "SELECT id, state, provider_id, name_zh FROM provider_applications"
            " ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [(r["id"], State(r["state"]), r["provider_id"], r["name_zh"]) for r in rows]

    async def add_document(
        self,
        tx: Tx,
        app_id: int,
        kind: DocKind,
        content_type: str,
        data: bytes,
        expires: date,
        by: int,
        now: datetime,
    ) -> int:
        """Store a checked document; its id."""
        return await tx.execute(
            "INSERT INTO provider_documents (application_id, kind, content_type, size, sha256,"
            " expires_on, data, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                app_id,
                kind.value,
                content_type,
                len(data),
                hashlib.sha256(data).hexdigest(),
                expires.isoformat(),
                data,
                by,
                to_db(now),
            ),
        )

    async def remove_document(self, tx: Tx, app_id: int, doc_id: int, now: datetime) -> bool:
        """Take a document off its application (its bytes stay for the record)."""
        changed = await tx.changes(
            "UPDATE provider_documents SET removed_at = ?"
            " WHERE id = ? AND application_id = ? AND removed_at IS NULL",
            (to_db(now), doc_id, app_id),
        )
        return changed == 1

    async def document(self, tx: Tx, app_id: int, doc_id: int) -> tuple[str, bytes] | None:
        """A document's content type and bytes."""
        row = await tx.one(
            "SELECT content_type, data FROM provider_documents"
            " WHERE id = ? AND application_id = ?",
            (doc_id, app_id),
        )
        return None if row is None else (row["content_type"], bytes(row["data"]))
