"""Why the bot could not start, as an exit status: a table of what can go wrong at start."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.config import Settings, load_community
from bot.startup_errors import StartupError, classify

API = "http://127.0.0.1:8081"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("db")
    return Settings("1:A", API, folder / "c.db", load_community(), None, "k" * 20)


@pytest.mark.parametrize(
    ("error", "code", "transient", "says"),
    [
        (InvalidToken(), 2, False, "refused TELEGRAM_BOT_TOKEN"),
        (EndPointNotFound("Not Found"), 2, False, "check TELEGRAM_API_URL"),
        (
            NetworkError("httpx.ConnectError: refused"),
            3,
            True,
            f"cannot reach the Bot API at {API}",
        ),
        (NetworkError("Internal Server Error (500)"), 3, True, "Internal Server Error"),
        (TimedOut(), 3, True, "cannot reach the Bot API"),
        (RetryAfter(7), 3, True, "asks to wait 7 s"),
        # An unreadable answer (a 200 whose body is not JSON): one garbled getUpdates at start
        # ended the bot with status 3 at once, without a retry (found by the fault campaign).
        (TelegramError("Invalid server response"), 3, True, "Invalid server response"),
        (Conflict("terminated by other getUpdates"), 3, True, "another instance"),
        (BadRequest("chat not found"), 3, False, "refused a call: chat not found"),
        (Forbidden("bot was blocked"), 3, False, "refused a call"),
        (
            sqlite3.DatabaseError("file is not a database"),
            4,
            False,
            "c.db: file is not a database",
        ),
        (sqlite3.OperationalError("database is locked"), 4, True, "database is locked"),
        (sqlite3.OperationalError("database or disk is full"), 4, False, "disk is full"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            4,
            False,
            "readonly database",
        ),
        (OSError(28, "No space left on device"), 4, False, "No space left"),
        (ValueError("surprise"), 1, False, "a bug; see the log"),
    ],
)
def test_each_start_failure_has_its_exit_status(
    settings: Settings, error: Exception, code: int, transient: bool, says: str
) -> None:
    """Configuration 2, Bot API 3, storage 4, a bug 1; transient ones are retried first."""
    found = classify(error, settings)
    assert (found.code, found.transient) == (code, transient)
    assert says in str(found) and "\n" not in str(found)


def test_a_missing_database_folder_says_so(settings: Settings, tmp_path: Path) -> None:
    """The operator is told which folder is missing and which variable to set."""
    missing = Settings("1:A", API, tmp_path / "no" / "c.db", settings.community, None, "k" * 20)
    found = classify(sqlite3.OperationalError("unable to open database file"), missing)
    assert found.code == 4
    assert str(found) == (
        f"database {tmp_path / 'no' / 'c.db'}: folder {tmp_path / 'no'} does not exist"
        " (set CONCIERGE_DB)"
    )


def test_a_postgresql_store_is_named_without_its_password(settings: Settings) -> None:
    """A PostgreSQL server that does not answer is a storage error worth retrying (it may be
    starting), named by its URL with the password hidden; a refusal by the server is not."""
    import asyncpg

    pg = replace(settings, db_url="postgresql://bot:s3cret@db.internal:5432/concierge")
    down = classify(ConnectionRefusedError(111, "Connect call failed"), pg)
    assert (down.code, down.transient) == (4, True)
    assert str(down).startswith("database postgresql://bot:***@db.internal:5432/concierge: ")
    refused = classify(asyncpg.InvalidPasswordError("password authentication failed"), pg)
    assert (refused.code, refused.transient) == (4, False)
    assert "s3cret" not in str(refused) and "password authentication failed" in str(refused)


def test_a_startup_error_passes_through(settings: Settings) -> None:
    """Already classified: kept as it is."""
    error = StartupError(4, "database x: broken")
    assert classify(error, settings) is error
