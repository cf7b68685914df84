"""The SQL of the console's Tool cabinet, Demand, Care and scorecard pages (reads only).

Names of holders are read for staff (never phones or addresses); each query is bounded by an
index or a small table, so the pages stay fast with 10,000 bookings (bench/console_bench.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from bot.clock import from_db, to_db
from bot.domain.console.insight.days import DayCheckin
from bot.domain.console.insight.model import (
    ACCEPTED,
    LOW_STARS,
    REFUSED,
    CareRow,
    Demand,
    LoanHistory,
    Scorecard,
    UnitRow,
)
from bot.domain.console.model import Page
from bot.domain.corrections.grouping import Asked
from bot.domain.corrections.repo import CorrectionsRepo
from bot.storage import Tx

CARE_STEPS = {"reminded": "reminded", "grid_worker_asked": "grid", "staff_alerted": "staff"}


def _when(raw: str | None) -> datetime | None:
    return from_db(raw) if raw else None


def at(raw: str) -> datetime:
    """A stored time, read fast (the fixed-width UTC form ``to_db`` writes; fromisoformat is
    several times quicker than ``from_db``'s strptime, which matters for a thousand rows)."""
    return datetime.fromisoformat(raw)


# Minutes from arrival to done (the audit's 'arrived' and 'done' of a booking) of each job
# kept to the end, by the provider whose accepted offer it was: {provider, minutes, jobs}.
_ON_THE_JOB = (
    "SELECT o.provider_id, MAX(1, CAST((julianday(d.at) - julianday(a.at)) * 1440 + 0.5"
    " AS INTEGER)) AS minutes, COUNT(*) FROM booking_offers o"
    " JOIN audit a ON a.subject = 'booking:' || CAST(o.booking_id AS TEXT)"
    " AND a.action = 'arrived'"
    " JOIN audit d ON d.subject = a.subject AND d.action = 'done'"
    " WHERE o.outcome = 'accepted' GROUP BY o.provider_id, minutes"
)

# Each elder's help calls since a moment (or still open): raised for them (elder_key) or
# written by them (reporter holding the elder role), each incident once.
_HELP_CALLS = (
    "SELECT k, COUNT(DISTINCT id) FROM ("
    " SELECT i.id, COALESCE(i.elder_key, r.ref) AS k FROM incidents i"
    " LEFT JOIN roles r ON i.elder_key IS NULL AND r.person_id = i.reporter_id"
    " AND r.role = 'elder'"
    " WHERE (i.created_at >= ? OR i.state <> 'closed')) AS raised"
    " WHERE k IS NOT NULL GROUP BY k"
)

# Each elder's check-ins between two local slots (due, answered, paused, help calls), the
# elders ordered least compliant first (answered / due-and-not-paused; none due last; ties by
# key) and one page of them taken, so only that page's rows are built (a thousand elders'
# figures are counted in SQL, never as a thousand Python objects). The division is in double
# precision on both stores, as Python's is, so the order is the one CareRow.compliance gives.
_CHECKINS = (
    "SELECT e.key, e.name, COALESCE(c.due, 0), COALESCE(c.answered, 0),"
    " COALESCE(c.skipped, 0), COALESCE(c.helped, 0) FROM elders e LEFT JOIN ("
    " SELECT elder_key, COUNT(*) AS due,"
    " SUM(CASE WHEN state IN ('fine', 'unwell') THEN 1 ELSE 0 END) AS answered,"
    " SUM(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END) AS skipped,"
    " SUM(CASE WHEN state = 'help' THEN 1 ELSE 0 END) AS helped"
    " FROM checkins WHERE slot >= ? AND slot <= ? GROUP BY elder_key) c ON c.elder_key = e.key"
    " ORDER BY CASE WHEN COALESCE(c.due - c.skipped, 0) = 0 THEN 2.0"
    " ELSE CAST(c.answered AS DOUBLE PRECISION) / (c.due - c.skipped) END, e.key"
    " LIMIT ? OFFSET ?"
)


class InsightRepo:
    """Named reads for the console's figures (in the caller's transaction)."""

    async def misses_since(self, tx: Tx, since: datetime) -> list[Asked]:
        """Unmet requests (what residents asked that nobody offers) last seen since ``since``,
        read as the corrections feature reads them for its grouping."""
        return await CorrectionsRepo().misses_since(tx, since)

    async def units(self, tx: Tx) -> list[UnitRow]:
        """Every cabinet unit with its open loan (lent or reserved), by tool and number."""
        rows = await tx.all(
            "SELECT u.id, u.tool_id, u.seq, u.state, u.note, p.name, l.due_at FROM tool_units u"
            " LEFT JOIN tool_loans l ON l.unit_id = u.id AND l.status IN ('lent', 'reserved')"
            " LEFT JOIN people p ON p.id = l.person_id ORDER BY u.tool_id, u.seq"
        )
        return [UnitRow(r[0], r[1], r[2], r[3], r[4], r[5], _when(r[6])) for r in rows]

    async def unit_history(self, tx: Tx, unit_id: int, limit: int = 50) -> list[LoanHistory]:
        """A unit's loans, latest first."""
        rows = await tx.all(
            "SELECT l.id, p.name, l.status, l.reserved_at, l.due_at, l.returned_at, l.overdue"
            " FROM tool_loans l JOIN people p ON p.id = l.person_id WHERE l.unit_id = ?"
            " ORDER BY l.id DESC LIMIT ?",
            (unit_id, limit),
        )
        return [
            LoanHistory(r[0], r[1], r[2], from_db(r[3]), _when(r[4]), _when(r[5]), bool(r[6]))
            for r in rows
        ]

    async def demand(self, tx: Tx, since: datetime) -> Demand:
        """Bookings started since ``since`` (drafts and abandoned ones too: they were asked),
        counted in one pass by service, building and week."""
        services: Counter[str] = Counter()
        buildings: Counter[str] = Counter()
        weeks: Counter[str] = Counter()
        # Counted by (UTC) day in SQL, named by week here: the same on both stores. Grouped
        # day first, so SQLite reads the weeks through bookings_by_created rather than every
        # booking through bookings_by_service (about half the time at 10,000 bookings); the
        # groups then counted in (service, building, day) order, so equal counts keep their
        # order (by service) on both stores.
        found = await tx.all(
            "SELECT service, COALESCE(building, '-'), substr(created_at, 1, 10), COUNT(*)"
            " FROM bookings WHERE created_at >= ? GROUP BY 3, 1, 2",
            (to_db(since),),
        )
        for service, building, day, n in sorted(found, key=lambda r: (r[0], r[1], r[2])):
            services[service] += n
            buildings[building] += n
            weeks[date.fromisoformat(day).strftime("%Y-W%W")] += n
        return Demand(
            services.most_common(),
            buildings.most_common(),
            sorted(weeks.items(), reverse=True),
        )

    async def care(
        self, tx: Tx, since: datetime, now: datetime, tz: tzinfo, wanted: Page
    ) -> tuple[int, list[CareRow]]:
        """How many elders there are, and one page of them, least compliant first: each with
        her check-ins (by their local slot, which is indexed), ladder steps and visits since
        ``since``."""
        total = int(await tx.scalar("SELECT COUNT(*) FROM elders") or 0)
        window = (to_db(since), to_db(now))
        slots = tuple(t.astimezone(tz).strftime("%Y-%m-%dT%H:%M") for t in (since, now))
        rows: dict[str, CareRow] = {}
        for key, name, due, answered, skipped, helped in await tx.all(
            _CHECKINS, (*slots, wanted.size, wanted.offset)
        ):
            rows[key] = CareRow(key, name, due, answered, skipped, helped)
        # Help calls raised by the elder's own words ("我摔倒了") are incidents, not a check-in
        # state: counted too (a pressed 🆘 is both, so the larger count), with any still open.
        # An emergency the elder wrote (in the group or in private) has no elder key: it is
        # theirs through its reporter, who holds the elder role.
        for key, n in await tx.all(_HELP_CALLS, (window[0],)):
            if key in rows:
                rows[key].help = max(rows[key].help, n)
        for subject, action, n in await tx.all(
            "SELECT subject, action, COUNT(*) FROM audit WHERE action IN"
            " ('reminded', 'grid_worker_asked', 'staff_alerted') AND at >= ?"
            " GROUP BY subject, action",
            (window[0],),
        ):
            row = rows.get(subject.removeprefix("elder:"))
            if row is not None:
                setattr(row, CARE_STEPS[action], n)
        for key, state, n in await tx.all(
            "SELECT elder_key, state, COUNT(*) FROM visits WHERE due_at >= ? AND due_at <= ?"
            " GROUP BY elder_key, state",
            window,
        ):
            if key in rows:
                rows[key].visits[state] = n
        return total, list(rows.values())

    async def care_days(
        self, tx: Tx, since: datetime, now: datetime, tz: tzinfo, elders: Sequence[str]
    ) -> dict[str, list[DayCheckin]]:
        """The check-ins of the given elders (one page of them) on the local days from
        ``since`` to ``now``, read through the (elder_key, slot) key: 30 rows an elder."""
        if not elders:
            return {}
        start = since.astimezone(tz).strftime("%Y-%m-%dT00:00")
        end = now.astimezone(tz).strftime("%Y-%m-%dT23:59")
        marks = ", ".join("?" for _ in elders)
        found: dict[str, list[DayCheckin]] = {}
        for r in await tx.all(
            "SELECT elder_key, slot, state, closed_by, due_at, closed_at FROM checkins"
            f" WHERE elder_key IN ({marks}) AND slot >= ? AND slot <= ?"
            " ORDER BY elder_key, slot",
            (*elders, start, end),
        ):
            day = date.fromisoformat(r[1][:10])
            checkin = DayCheckin(day, r[2], r[3], at(r[4]), at(r[5]) if r[5] else None)
            found.setdefault(r[0], []).append(checkin)
        return found

    async def scorecards(self, tx: Tx, low_limit: int = 5) -> dict[str, Scorecard]:
        """Every provider's jobs, offers taken and let go, no-shows, response minutes, minutes
        on the job, stars, low-rating comments and suspension."""
        cards: dict[str, Scorecard] = {}

        def card(provider_id: str) -> Scorecard:
            return cards.setdefault(provider_id, Scorecard(provider_id))

        for pid, outcome, n in await tx.all(
            "SELECT provider_id, outcome, COUNT(*) FROM booking_offers"
            " WHERE outcome IS NOT NULL GROUP BY provider_id, outcome"
        ):
            c = card(pid)
            c.accepted += n if outcome in ACCEPTED else 0
            c.jobs += n if outcome == "accepted" else 0  # kept to the end (not withdrawn)
            c.refused += n if outcome in REFUSED else 0
            c.no_shows += n if outcome == "no_show" else 0
        # Response minutes as the ranking keeps them (provider_stats, a histogram updated
        # with each accept), so the scorecard does not read every offer again.
        for pid, raw in await tx.all("SELECT provider_id, response_minutes FROM provider_stats"):
            card(pid).response_minutes = {int(m): int(n) for m, n in json.loads(raw).items()}
        for pid, minutes, n in await tx.all(_ON_THE_JOB):
            card(pid).job_minutes[int(minutes)] = n
        for pid, stars, n in await tx.all(
            "SELECT provider_id, stars, COUNT(*) FROM ratings GROUP BY provider_id, stars"
        ):
            card(pid).stars[int(stars)] = n
        for pid in list(cards):
            for stars, comment in await tx.all(
                "SELECT stars, comment FROM ratings WHERE provider_id = ? AND stars <= ?"
                " AND comment IS NOT NULL AND comment != '' ORDER BY at DESC LIMIT ?",
                (pid, LOW_STARS, low_limit),
            ):
                card(pid).low.append((int(stars), str(comment)))
        for (pid,) in await tx.all("SELECT provider_id FROM provider_suspensions"):
            card(pid).suspended = True
        return cards
