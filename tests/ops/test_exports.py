"""CSV exports: the pure writer (columns, formula cells), and a story over the sandbox where
data made through the bot's own flows comes out without anything private."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.domain.exports import COLUMNS, export_csv, to_csv
from bot.storage import Database
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


def _comment(comment: str) -> str:
    row = {"booking_id": 1, "service": "ac_cleaning", "provider_id": "jiejia", "stars": 5}
    return _rows(to_csv("ratings", [{**row, "comment": comment, "at": None}]))[0]["comment"]


@pytest.mark.parametrize(
    ("comment", "exported"),
    [
        (
            "很好，有事打我电话13800001111，住5栋1单元1202，门禁密码#8866",
            "很好，有事打我电话***，住***，门禁密码***",
        ),
        ("师傅人不错，住3-2-501，下次还找他", "师傅人不错，住***，下次还找他"),
        ("加我微信 sun-shifu_2024 以后直接约", "加我微信 *** 以后直接约"),
        ("电话一三九一二三四五六七八", "电话***"),
        ("call +86 139-1234-5679, door code 908172", "call ***, door code ***"),
        # Ordinary words come through as written.
        ("准时，15:00到的，收费120元，很干净", "准时，15:00到的，收费120元，很干净"),
        ("on time, 5 stars, cleaned 2 rooms", "on time, 5 stars, cleaned 2 rooms"),
    ],
)
def test_a_comment_is_exported_without_phone_address_code_or_contact(
    comment: str, exported: str
) -> None:
    """What a resident wrote goes into a file that is mailed around: phone numbers,
    addresses, door codes and contact ids are replaced by ***; the rest is kept."""
    assert _comment(comment) == exported


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
    # who has it now and the price the resident confirmed (the retest of issue 15, minor 13)
    assert (booking["now_with"], booking["agreed_price"]) == ("jiejia", "180")
    assert "501" not in bookings and "123456" not in bookings and "狗" not in bookings
    (loan,) = _rows(loans)
    assert (loan["tool_id"], loan["status"], loan["unit"]) == ("ladder", "lent", "1")
    assert _rows(ratings) == []


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrated database CONCIERGE_DB points at (the commands run their own loop)."""
    path = tmp_path / "live.db"
    asyncio.run(_make(path))
    monkeypatch.setenv("CONCIERGE_DB", str(path))
    monkeypatch.delenv("CONCIERGE_COMMUNITY", raising=False)
    return path


async def _make(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()


@pytest.mark.parametrize("command", [["export"], ["export-csv", "bookings"]])
def test_the_database_or_any_database_is_never_written_over(
    live: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The database itself (however written, even with --force), its WAL, or another SQLite
    file: refused with one line, status 2, the file untouched."""
    before = live.read_bytes()
    other = tmp_path / "other.db"
    other.write_bytes(before)
    for target in (str(live), f"{tmp_path}/./live.db", f"{live}-wal", str(other)):
        assert main([*command, target, "--force"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "is the database itself" in err or "is an SQLite database" in err
    assert live.read_bytes() == before and other.read_bytes() == before
    assert (
        not (tmp_path / "live.db-wal").exists() or (tmp_path / "live.db-wal").stat().st_size == 0
    )


@pytest.mark.parametrize("command", [["export"], ["export-csv", "ratings"]])
def test_an_existing_file_is_replaced_only_with_force(
    live: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An unrelated file stays as it was unless --force says to replace it."""
    mine = tmp_path / "notes.txt"
    mine.write_text("mine", "utf-8")
    assert main([*command, str(mine)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    assert mine.read_text("utf-8") == "mine"
    assert main([*command, str(mine), "--force"]) == 0
    assert mine.read_text("utf-8") != "mine"
    assert list(tmp_path.glob(".*partial")) == []


@pytest.mark.parametrize("command", [["export"], ["export-csv", "bookings"]])
def test_a_missing_folder_or_a_folder_is_one_line(
    live: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback: one line naming what is wrong, status 2."""
    assert main([*command, str(tmp_path / "nonexistent" / "x.out")]) == 2
    assert (
        capsys.readouterr().err == f"concierge: folder {tmp_path / 'nonexistent'} does not exist\n"
    )
    assert main([*command, str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"concierge: {tmp_path} is a folder; give a file name\n"
