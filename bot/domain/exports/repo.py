"""The exports' only SQL: one read per kind, only the exported columns (nothing private is
even selected)."""

from __future__ import annotations

from typing import Any

from bot.storage import Tx

_QUERIES = {
    "bookings": (
        # now_with: nobody once nobody took it (retest 15), whichever offer ran out last
        "SELECT b.id, b.kind, b.service, b.status, b.provider_id,"
        " CASE WHEN b.status = 'unassigned' THEN NULL ELSE o.provider_id END AS now_with,"
        " b.agreed_fen, b.building, b.asap, b.units,"
        " b.slot_start, b.slot_end, b.late_cancel, r.stars, b.created_at, b.updated_at"
        " FROM bookings b LEFT JOIN ratings r ON r.booking_id = b.id"
        " LEFT JOIN booking_offers o ON o.booking_id = b.id AND o.attempt = b.attempt"
        " WHERE b.status NOT IN ('draft', 'abandoned')"
        " AND NOT (b.status = 'cancelled' AND b.attempt = -1)"  # a draft called off: no job
        " ORDER BY b.id"
    ),
    "ratings": (
        "SELECT r.booking_id, b.service, r.provider_id, r.stars, r.comment, r.at"
        " FROM ratings r JOIN bookings b ON b.id = r.booking_id ORDER BY r.at, r.booking_id"
    ),
    "checkins": (
        "SELECT id, elder_key, slot, due_at, state, proxy, closed_at, closed_by"
        " FROM checkins ORDER BY due_at, id"
    ),
    "loans": (
        "SELECT l.id, l.tool_id, u.seq AS unit, l.status, l.reserved_at, l.lent_at, l.due_at,"
        " l.returned_at, l.extended, l.overdue"
        " FROM tool_loans l JOIN tool_units u ON u.id = l.unit_id ORDER BY l.id"
    ),
}


class ExportRepo:
    """Reads the rows of one export kind (in the caller's transaction or read)."""

    async def rows(self, tx: Tx, kind: str) -> list[dict[str, Any]]:
        """Every row of that kind, oldest first, as column -> value."""
        return [dict(row) for row in await tx.all(_QUERIES[kind])]
