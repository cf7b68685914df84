"""The export use case: the CSV text of one kind, read in one consistent read."""

from __future__ import annotations

from bot.domain.exports.model import COLUMNS, to_csv
from bot.domain.exports.repo import ExportRepo
from bot.storage import Tx


async def export_csv(tx: Tx, kind: str, repo: ExportRepo | None = None) -> str:
    """The CSV of ``kind`` (bookings, ratings, checkins, loans); ValueError for another."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown export {kind!r}; one of: {', '.join(COLUMNS)}")
    return to_csv(kind, await (repo or ExportRepo()).rows(tx, kind))
