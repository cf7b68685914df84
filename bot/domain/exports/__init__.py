"""CSV exports of bookings, ratings, check-ins and tool loans, for staff decisions (the console
serves them as downloads; ``concierge export-csv KIND PATH`` writes them). Columns are listed
in :data:`bot.domain.exports.model.COLUMNS`; no door code, address beyond the building, name
or phone number is ever in them."""

from __future__ import annotations

from bot.domain.exports.model import COLUMNS, KINDS, to_csv
from bot.domain.exports.service import export_csv

__all__ = ["COLUMNS", "KINDS", "export_csv", "to_csv"]
