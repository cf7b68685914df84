"""What went wrong when the bot could not start, as one line and an exit status.

Exit statuses, for supervisors (systemd, Docker, Kubernetes) and operators:

- 1: anything unforeseen (a bug: the log has the traceback);
- 2: configuration (environment, community file, a token the Bot API refuses, a wrong API URL);
- 3: the Bot API cannot be reached or keeps failing (after a few retries);
- 4: storage (the database folder is missing, the file is not a database, the disk is full or
  read-only).

A transient failure (a network error, a 5xx, ``RetryAfter``, a locked database) is retried a few
times before it becomes final.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.config import Settings
from bot.domain.setup.model import SetupError
from bot.storage.dialect import shown

EXIT_INTERNAL = 1
EXIT_CONFIG = 2
EXIT_BOT_API = 3
EXIT_STORAGE = 4


@dataclass
class StartupError(Exception):
    """A start-up failure: ``str()`` is the one line to show, ``code`` the exit status."""

    code: int
    message: str
    transient: bool = False
    retry_after: float = 0.0

    def __str__(self) -> str:
        return self.message


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def storage_error(exc: BaseException, settings: Settings) -> StartupError:
    """A database failure, naming the file (and CONCIERGE_DB) and what is wrong."""
    if settings.db_url:  # PostgreSQL: a server not answering (yet) is worth another try
        where, reason = f"database {shown(settings.db_url)}", _one_line(exc)
        return StartupError(EXIT_STORAGE, f"{where}: {reason}", transient=isinstance(exc, OSError))
    where = f"database {settings.db_path}"
    if not settings.db_path.parent.is_dir():
        problem = f"folder {settings.db_path.parent} does not exist (set CONCIERGE_DB)"
        return StartupError(EXIT_STORAGE, f"{where}: {problem}")
    reason = _one_line(exc)
    transient = isinstance(exc, sqlite3.OperationalError) and "locked" in reason
    return StartupError(EXIT_STORAGE, f"{where}: {reason}", transient=transient)


def _bot_api_error(exc: TelegramError, settings: Settings) -> StartupError:
    api = settings.api_url
    if isinstance(exc, InvalidToken):
        return StartupError(
            EXIT_CONFIG,
            f"the Bot API at {api} refused TELEGRAM_BOT_TOKEN (check it at @BotFather)",
        )
    if isinstance(exc, EndPointNotFound):
        return StartupError(EXIT_CONFIG, f"no Bot API at {api} (check TELEGRAM_API_URL)")
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
        message = f"the Bot API at {api} asks to wait {seconds:.0f} s"
        return StartupError(EXIT_BOT_API, message, transient=True, retry_after=min(seconds, 30))
    if isinstance(exc, BadRequest | Forbidden):
        return StartupError(EXIT_BOT_API, f"the Bot API at {api} refused a call: {_one_line(exc)}")
    if isinstance(exc, Conflict):
        message = f"the Bot API at {api}: {_one_line(exc)} (is another instance running?)"
        return StartupError(EXIT_BOT_API, message, transient=True)
    # A bare TelegramError is an answer python-telegram-bot could not read (a 200 whose body is
    # not JSON, an unexpected status): like a network error, worth another try.
    transient = isinstance(exc, NetworkError) or type(exc) is TelegramError
    message = f"cannot reach the Bot API at {api}: {_one_line(exc)}"
    return StartupError(EXIT_BOT_API, message, transient=transient)


def classify(exc: BaseException, settings: Settings) -> StartupError:
    """Turn an exception raised while starting into a StartupError."""
    if isinstance(exc, StartupError):
        return exc
    if isinstance(exc, TelegramError):
        return _bot_api_error(exc, settings)
    if isinstance(exc, SetupError):
        where = f"the setup stored in database {settings.db_path}"
        return StartupError(EXIT_CONFIG, f"{where} no longer fits the community file: {exc}")
    if isinstance(exc, sqlite3.Error | OSError) or type(exc).__module__.startswith("asyncpg"):
        return storage_error(exc, settings)
    message = f"could not start: {type(exc).__name__}: {_one_line(exc)} (a bug; see the log)"
    return StartupError(EXIT_INTERNAL, message)
