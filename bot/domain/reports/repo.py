"""Reports' only SQL: the week's rows from the bookings, offers, ratings, check-ins, loans,
incidents and misses tables, read (never written) in the caller's transaction.

Each method reads one table for one week and returns plain tuples or the model's figures; how
an offer's response window is known (it depends on the service and provider) is the service's
business, so offers come back raw.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import from_db, to_db
from bot.domain.bookings.policy import confirmed_sql
from bot.domain.reports.figures import ElderCare, HelpCall, ServiceDemand, ToolUse, Unmet, Week
from bot.storage import Tx

# A booking that went out: not a draft, one given up, nor one called off before confirming.
_BOOKED = confirmed_sql()
# Statuses of a booking a provider took and nobody cancelled: what the report calls 成交.
_TAKEN = ("accepted", "arrived", "done", "rated")
# Every offer that went out counts, whatever became of it: still open, answered, run out, or
# taken back by staff or the resident (tester t1: "派单 0" while an offer had waited 20
# minutes); only a provider with nobody to send it to ("skipped") was never offered.
_NOT_SENT = "skipped"
# Outcomes that are the provider's own answer: how long it took is their response time.
_ANSWERED = ("accepted", "declined", "withdrawn", "no_show")
# A check-in nobody heard about from the elder herself: the ladder reached her grid worker or
# staff, or her help call carries it, or someone else confirmed she was safe.
_UNHEARD = ("grid", "escalated", "help")


@dataclass(frozen=True)
class OfferRow:
    """One answered (or timed-out) offer: whose, for which job, how it ended, how long."""

    provider: str
    service: str
    kind: str
    priority: str | None
    asap: bool
    outcome: str
    minutes: int | None


def _span(week: Week) -> tuple[str, str]:
    return to_db(week.start), to_db(week.end)


class ReportRepo:
    """Named reads for the weekly report."""

    async def demand(self, tx: Tx, week: Week) -> list[ServiceDemand]:
        """Requests started in the week (every booking begun, work orders too), how many were
        confirmed, taken by a provider (and not cancelled since) and cancelled, by service,
        most asked first."""
        rows = await tx.all(
            "SELECT service, COUNT(*) AS requests,"
            f" SUM(CASE WHEN {_BOOKED} THEN 1 ELSE 0 END) AS booked,"
            f" SUM(CASE WHEN status IN ({_marks(_TAKEN)}) THEN 1 ELSE 0 END) AS taken,"
            " SUM(CASE WHEN status = 'cancelled' AND attempt >= 0 THEN 1 ELSE 0 END) AS cancelled"
            " FROM bookings WHERE created_at >= ? AND created_at < ?"
            " GROUP BY service ORDER BY requests DESC, service",
            (*_TAKEN, *_span(week)),
        )
        return [
            ServiceDemand(r["service"], r["requests"], r["booked"], r["taken"], r["cancelled"])
            for r in rows
        ]

    async def help_calls(self, tx: Tx, week: Week) -> list[HelpCall]:
        """Help calls and emergencies raised in the week, and any raised before its end that
        nobody has closed yet (still needing someone now)."""
        start, end = _span(week)
        rows = await tx.all(
            "SELECT id, subject_name, state, created_at, round FROM incidents"
            " WHERE created_at < ? AND (created_at >= ? OR state <> 'closed') ORDER BY id",
            (end, start),
        )
        return [
            HelpCall(r["id"], r["subject_name"], r["state"], from_db(r["created_at"]), r["round"])
            for r in rows
        ]

    async def offers(self, tx: Tx, week: Week) -> list[OfferRow]:
        """Offers sent in the week (open ones too), with the minutes the provider took to
        answer (None when they have not, ran out, or staff took the job back first)."""
        rows = await tx.all(
            "SELECT o.provider_id, b.service, b.kind, b.priority, b.asap,"
            " COALESCE(o.outcome, 'open') AS outcome,"
            f" CASE WHEN o.answered_at IS NULL OR o.outcome NOT IN ({_marks(_ANSWERED)})"
            " THEN NULL"
            " ELSE MAX(1, CAST((julianday(o.answered_at) - julianday(o.offered_at)) * 1440"
            " + 0.5 AS INTEGER)) END AS minutes"
            " FROM booking_offers o JOIN bookings b ON b.id = o.booking_id"
            " WHERE o.offered_at >= ? AND o.offered_at < ?"
            " AND (o.outcome IS NULL OR o.outcome <> ?)"
            " ORDER BY o.provider_id, o.offered_at",
            (*_ANSWERED, *_span(week), _NOT_SENT),
        )
        return [
            OfferRow(
                r["provider_id"],
                r["service"],
                r["kind"],
                r["priority"],
                bool(r["asap"]),
                r["outcome"],
                r["minutes"],
            )
            for r in rows
        ]

    async def ratings(self, tx: Tx, week: Week) -> list[tuple[str, int]]:
        """(provider, stars) of every rating written in the week."""
        rows = await tx.all(
            "SELECT provider_id, stars FROM ratings WHERE at >= ? AND at < ? ORDER BY at",
            _span(week),
        )
        return [(r["provider_id"], r["stars"]) for r in rows]

    async def care(self, tx: Tx, week: Week) -> list[ElderCare]:
        """Each elder's check-ins due in the week (not paused, past the reminder): answered by
        her, and the ones nobody heard about from her."""
        rows = await tx.all(
            "SELECT c.elder_key, e.name, e.risk,"
            " SUM(CASE WHEN c.state IN ('fine', 'unwell') AND c.closed_by <> 'confirmed'"
            " THEN 1 ELSE 0 END) AS answered,"
            f" SUM(CASE WHEN c.state IN ({_marks(_UNHEARD)}) OR c.closed_by = 'confirmed'"
            " THEN 1 ELSE 0 END) AS missed"
            " FROM checkins c JOIN elders e ON e.key = c.elder_key"
            " WHERE c.due_at >= ? AND c.due_at < ? AND c.state NOT IN ('skipped')"
            " GROUP BY c.elder_key, e.name, e.risk ORDER BY c.elder_key",
            (*_UNHEARD, *_span(week)),
        )
        return [
            ElderCare(
                r["elder_key"],
                r["name"],
                r["answered"] + r["missed"],
                r["answered"],
                r["missed"],
                r["risk"] or "normal",
            )
            for r in rows
        ]

    async def tools(self, tx: Tx, week: Week) -> list[ToolUse]:
        """Per tool: loans handed over in the week, and loans out past their due date at the
        week's end."""
        start, end = _span(week)
        rows = await tx.all(
            "SELECT tool_id,"
            " SUM(CASE WHEN lent_at >= ? AND lent_at < ? THEN 1 ELSE 0 END) AS lent,"
            " SUM(CASE WHEN status = 'lent' AND due_at < ? THEN 1 ELSE 0 END) AS overdue"
            " FROM tool_loans WHERE lent_at IS NOT NULL GROUP BY tool_id ORDER BY tool_id",
            (start, end, end),
        )
        return [
            ToolUse(r["tool_id"], r["lent"], r["overdue"])
            for r in rows
            if r["lent"] or r["overdue"]
        ]

    async def unmet(self, tx: Tx, week: Week, limit: int = 5) -> list[Unmet]:
        """Texts that matched no service, last asked in the week, most asked first (the count
        is since the text was first seen: the misses table keeps one running count)."""
        rows = await tx.all(
            "SELECT text, count FROM misses WHERE last_at >= ? AND last_at < ?"
            " ORDER BY count DESC, last_at DESC LIMIT ?",
            (*_span(week), limit),
        )
        return [Unmet(r["text"], r["count"]) for r in rows]


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)
