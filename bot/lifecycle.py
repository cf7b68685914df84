"""Starting and stopping the bot so that both always finish.

Start: initialise (``getMe``), open storage, read what Telegram queued while the bot was down,
set the command menus, then poll. Stop: stop polling, let in-flight work finish (bounded), and
always close the database, even when the start failed half-way (closing checkpoints the
write-ahead log and ends the checkpointer's connection); a process that neither polls nor exits
is the worst outcome, because no supervisor restarts it.

:func:`running` does this inside an event loop someone else owns (demo, shell, tests);
:func:`serve` is ``concierge run``: signals, retries of transient failures, and one line with an
exit status when starting is hopeless (see :class:`StartupError`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from telegram import Update
from telegram.error import TelegramError

from bot.runtime import Runtime
from bot.startup_errors import EXIT_INTERNAL, StartupError, classify
from handlers.context import ConciergeApp

_LOGGER = logging.getLogger(__name__)

QUEUED_BATCH = 100
MAX_QUEUED_BATCHES = 50  # then polling takes over: a flood must not keep the bot from polling


async def read_queued_updates(app: ConciergeApp) -> int:
    """Handle, oldest first, the updates Telegram queued while the bot was down.

    Runs before overdue deadlines, so an answer given while the bot was down stops the step it
    answers. The updates are confirmed only after they were handled; a crash in between makes
    polling fetch them again, and the processed-update table makes the second time a no-op.
    """
    bot = app.bot
    offset: int | None = None
    handled = 0
    for _ in range(MAX_QUEUED_BATCHES):
        updates = await bot.get_updates(
            offset=offset, timeout=0, limit=QUEUED_BATCH, allowed_updates=Update.ALL_TYPES
        )
        if not updates:
            break
        for update in updates:
            await app.process_update(update)
        handled += len(updates)
        offset = updates[-1].update_id + 1
    if offset is not None:  # confirm what was handled
        await bot.get_updates(offset=offset, timeout=0, limit=1, allowed_updates=Update.ALL_TYPES)
    if handled:
        _LOGGER.info("Handled %d updates queued while the bot was down", handled)
    return handled


class _LibraryNoise(logging.Filter):
    """python-telegram-bot's own logs of failures we already report in one line.

    - A failed start-up call of its Updater (``deleteWebhook`` before polling) is logged with
      a traceback and then raised; :func:`serve` retries it and says so in one line, so the
      library's record is dropped.
    - The last ``getUpdates`` at stop (confirming what was fetched) can fail, e.g. when the
      cancelled long poll still holds the connection: routine (the updates come again at the
      next start and the processed-update table skips them), so one warning line instead of
      three chained tracebacks.
    - APScheduler cancels a job still pending at stop; one cancelled before its first step never
      reaches :func:`bot.app._until_stopped` and is logged by APScheduler as the job's *error*,
      with a traceback. Nothing is lost (what it would have done is still due in the database),
      so one info line instead.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Network Retry Loop (Bootstrap"):
            return False
        if message.startswith("Error while calling `get_updates` one more time"):
            error = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = (
                "Could not confirm the last updates at stop (%s: %s); "
                "they are read again, and skipped, at the next start"
            )
            record.args = (type(error).__name__, " ".join(str(error).split())[:200])
            record.exc_info, record.exc_text = None, None
        elif message.startswith("Error running job") and _cancelled(record):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg = "A job was stopped with the bot; what it had not done is still due"
            record.args = ()
            record.exc_info, record.exc_text = None, None
        return True


def _cancelled(record: logging.LogRecord) -> bool:
    return record.exc_info is not None and isinstance(record.exc_info[1], asyncio.CancelledError)


_NOISE = _LibraryNoise()


def _quiet_library_logs() -> None:
    """Install :class:`_LibraryNoise` on the two loggers it concerns (once)."""
    for name in ("telegram.ext", "telegram.ext.Updater", "apscheduler.executors.default"):
        logger = logging.getLogger(name)
        if _NOISE not in logger.filters:
            logger.addFilter(_NOISE)


async def start(app: ConciergeApp, *, poll_timeout: int) -> None:
    """Initialise, run ``post_init`` and start polling; on any failure undo what was started."""
    _quiet_library_logs()
    try:
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        runtime: Runtime = app.bot_data.runtime
        if not runtime.settings.webhook:  # webhook mode: Telegram posts (bot/webhook)
            await app.updater.start_polling(
                poll_interval=0,
                timeout=poll_timeout,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
                error_callback=_polling_failed,
            )
        await app.start()
        runtime.ready = True
    except BaseException:
        await stop(app)
        raise


def _polling_failed(exc: TelegramError) -> None:
    """A failed getUpdates is routine (python-telegram-bot tries again, with back-off): one
    line, instead of its default traceback."""
    _LOGGER.warning("Polling failed (%s: %s); trying again", type(exc).__name__, exc)


async def stop(app: ConciergeApp) -> None:
    """Stop whatever runs, in reverse order; storage is closed whatever fails on the way."""
    app.bot_data.runtime.ready = False  # /readyz says so at once
    try:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
    except Exception:
        _LOGGER.exception("Error while stopping polling")
    finally:
        try:
            runtime: Runtime = app.bot_data.runtime
            await runtime.stop()
        finally:
            with contextlib.suppress(Exception):
                await app.shutdown()


@asynccontextmanager
async def running(app: ConciergeApp, *, poll_timeout: int = 1) -> AsyncIterator[ConciergeApp]:
    """Run the app (same hooks, same order as :func:`serve`) for the block's duration."""
    await start(app, poll_timeout=poll_timeout)
    try:
        yield app
    finally:
        await stop(app)


def settle_heap() -> None:
    """Collect once, then exempt everything start-up built from garbage collection.

    Start-up leaves a large, long-lived heap (the catalogue and vocabularies, the community,
    python-telegram-bot, caches of elders and groups). A full collection walks all of it: at
    100k residents one took about 45 ms, run on the event loop, now and then inside a planner
    batch; frozen, those objects are no longer walked (``gc.freeze``).
    """
    gc.collect()
    gc.freeze()


async def check_storage(app: ConciergeApp) -> None:
    """Open and migrate the database once and close it: a storage problem is reported (exit 4)
    before any network call, and never leaves a connection (and its thread) open."""
    runtime: Runtime = app.bot_data.runtime
    try:
        await runtime.db.open()
    finally:
        await runtime.db.close()


class _Stop:
    """Set by SIGTERM or SIGINT, any number of times; only the first one counts."""

    def __init__(self) -> None:
        self.event = asyncio.Event()

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.event.set)

    async def sleep(self, seconds: float) -> bool:
        """Sleep unless asked to stop; True if asked to stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.event.wait(), seconds)
        return self.event.is_set()


async def _start_or_stop(app: ConciergeApp, stopping: _Stop, poll_timeout: int) -> bool:
    """Start the app unless a stop signal comes first; True if it is running."""

    async def check_then_start() -> None:
        await check_storage(app)
        await start(app, poll_timeout=poll_timeout)

    starting = asyncio.create_task(check_then_start())
    waiting = asyncio.create_task(stopping.event.wait())
    await asyncio.wait({starting, waiting}, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if starting.done():
        starting.result()  # raises what start raised
        return True
    starting.cancel()  # start() undoes itself when cancelled
    with contextlib.suppress(BaseException):
        await starting
    return False


async def serve(
    build: Callable[[], ConciergeApp],
    *,
    attempts: int = 4,
    first_delay: float = 0.5,
    poll_timeout: int = 10,
    stopped_early: Callable[[], bool] = lambda: False,
) -> int:
    """Run until SIGTERM or SIGINT; retry transient start failures; return the exit status.

    ``build`` makes a fresh Application for each attempt (an Application is not restarted).
    ``stopped_early`` says whether a stop signal came before this loop handled them (during
    the imports: see :mod:`bot.cli`). Raises :class:`StartupError` when starting is hopeless.
    """
    stopping = _Stop()
    stopping.install()
    if stopped_early():  # asked after installing, so no signal falls between the two
        return 0
    delay = first_delay
    for attempt in range(1, attempts + 1):
        app: ConciergeApp = build()
        try:
            started = await _start_or_stop(app, stopping, poll_timeout)
        except Exception as exc:  # every start failure is classified
            error = classify(exc, app.bot_data.runtime.settings)
            if error.code == EXIT_INTERNAL:
                _LOGGER.exception("Start failed")
            if not error.transient or attempt == attempts:
                raise error from None
            _LOGGER.warning("Start failed (%s); retrying in %.1f s", error, delay)
            if await stopping.sleep(max(delay, error.retry_after)):
                return 0
            delay *= 2
            continue
        if not started:
            return 0
        settle_heap()
        _LOGGER.info("Concierge is running; stop it with Ctrl-C or SIGTERM")
        await stopping.event.wait()
        _LOGGER.info("Stopping")
        await stop(app)
        return 0
    return 0


__all__ = [
    "StartupError",
    "read_queued_updates",
    "running",
    "serve",
    "settle_heap",
    "start",
    "stop",
]
