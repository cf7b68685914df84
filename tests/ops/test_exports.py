"""CSV exports: the pure writer (columns, formula cells), and a story over the sandbox where
data made through the bot's own flows comes out without anything private."""

from __future__ import annotations

import csv
import io

import pytest

from bot.domain.exports import COLUMNS, export_csv, to_csv
from tests.booking_steps import book, crew
from tests.harness import Harness
from tests.tools_support import borrow, resident


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_comment_a_spreadsheet_would_run_is_written_as_text() -> None:
    """'=HYPERLINK(...)' in a resident's comment is data: it is prefixed, other cells kept."""
    row = {"booking_id": 1, "service": "ac_cleaning", "provider_id": "jiejia", "stars": 2}
    text = to_csv("ratings", [{**row, "comment": "=HYPERLINK(1)", "at": None}])
    assert _rows(text) == [
        {
            "booking_id": "1",
            "service": "ac_cleaning",
            "provider_id": "jiejia",
            "stars": "2",
            "comment": "'=HYPERLINK(1)",
            "at": "",
        }
    ]


async def test_unknown_kind_is_refused(bot: Harness) -> None:
    """Only the four kinds exist."""
    async with bot.runtime.db.read() as tx:
        with pytest.raises(ValueError, match="one of: bookings, ratings, checkins, loans"):
            await export_csv(tx, "people")


async def test_bookings_and_loans_made_through_the_bot_export_without_private_data(
    bot: Harness,
) -> None:
    """A resident books (address 3-2-501, a note) and borrows the ladder: the bookings CSV has
    the booking with building 3 and no room, unit or note; the loans CSV has the loan."""
    people = await crew(bot)
    li = await resident(bot, 6001, "小李", "3-2-501")
    await book(bot, li, note="门口有只狗，密码 123456")
    await borrow(bot, li, people.zhang, "谁有梯子借我用一下")
    async with bot.runtime.db.read() as tx:
        bookings = await export_csv(tx, "bookings")
        loans = await export_csv(tx, "loans")
        ratings = await export_csv(tx, "ratings")
    (booking,) = _rows(bookings)
    assert (booking["service"], booking["building"], booking["status"]) == (
        "range_hood_cleaning",
        "3",
        "offered",
    )
    assert list(booking) == list(COLUMNS["bookings"])
    assert "501" not in bookings and "123456" not in bookings and "狗" not in bookings
    (loan,) = _rows(loans)
    assert (loan["tool_id"], loan["status"], loan["unit"]) == ("ladder", "lent", "1")
    assert _rows(ratings) == []
