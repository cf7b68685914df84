"""The CSV exports' pure core: which columns each kind has (what they mean is
docs/operations.md), and the CSV text of rows.

Times are as stored: ISO 8601 in UTC. What a resident wrote (a rating's comment) is redacted
the way stored words are (:func:`bot.privacy.redact`: phone numbers, addresses, door codes and
long digit runs) and the private line's way (:func:`mask_contacts`: WeChat, QQ, e-mail,
@usernames, numbers spelt in Chinese), each replaced by ``***``: a CSV is mailed around and
opened anywhere. A text cell that a spreadsheet would take for a formula
(``=``, ``+``, ``-``, ``@`` first) is prefixed with ``'``: a resident's comment is data, never
something a spreadsheet runs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from bot.domain.bookings.onsite.contacts import mask_contacts
from bot.privacy import redact

COLUMNS: Mapping[str, tuple[str, ...]] = {
    # One row per booking or work order (drafts left out). Building only: never unit, room,
    # note or door code.
    "bookings": (
        "id",
        "kind",
        "service",
        "status",
        "provider_id",  # the provider the resident chose
        "now_with",  # the provider the job is with now (after a re-dispatch or assignment;
        # empty once nobody took it: provider_id stays the resident's first choice)
        "agreed_price",  # the price the resident confirmed, in yuan
        "building",
        "asap",
        "units",
        "slot_start",
        "slot_end",
        "late_cancel",
        "stars",
        "created_at",
        "updated_at",
    ),
    # One row per rating a resident gave.
    "ratings": ("booking_id", "service", "provider_id", "stars", "comment", "at"),
    # One row per check-in an elder was sent (the elder's key, never name or address).
    "checkins": (
        "id",
        "elder_key",
        "slot",
        "due_at",
        "state",
        "proxy",
        "closed_at",
        "closed_by",
    ),
    # One row per tool loan or reservation (who borrowed is left out).
    "loans": (
        "id",
        "tool_id",
        "unit",
        "status",
        "reserved_at",
        "lent_at",
        "due_at",
        "returned_at",
        "extended",
        "overdue",
    ),
}
KINDS: tuple[str, ...] = tuple(COLUMNS)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns holding someone's own words, redacted before they are written.
FREE_TEXT = frozenset({"comment"})


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _private_out(column: str, value: Any) -> Any:
    if column in FREE_TEXT and isinstance(value, str):
        return mask_contacts(redact(value))
    return value


def _derived(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """Columns computed from stored ones: the agreed price in yuan (stored in fen)."""
    if "agreed_fen" not in row:
        return row
    fen = row["agreed_fen"]
    price = None if fen is None else (f"{fen // 100}" if fen % 100 == 0 else f"{fen / 100:.2f}")
    return {**row, "agreed_price": price}


def to_csv(kind: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """The CSV text (header first) of rows of one kind; only that kind's columns."""
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in map(_derived, rows):
        writer.writerow([_cell(_private_out(name, row[name])) for name in columns])
    return out.getvalue()
