"""The `concierge` command: run, demo, shell, classify, train.

Settings are validated once; anything wrong is one line on stderr and exit status 2. ``run``
also exits with one line when the Bot API cannot be reached (3) or storage fails (4): see
:mod:`bot.startup_errors`.

Only the standard library is imported here: ``run`` catches SIGTERM and SIGINT before the
heavy imports (python-telegram-bot, pydantic: about half a second), so a stop signal during
them ends the command with status 0 like one during start, instead of killing it.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Settings

_LOGGER = logging.getLogger(__name__)


class EarlyStop:
    """Remembers a SIGTERM or SIGINT that comes before the event loop handles them."""

    def __init__(self) -> None:
        self.requested = False

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr with private data redacted; keep chatty libraries quiet."""
    from bot.privacy import RedactingFilter, UnreadableAnswerFilter

    handler = logging.StreamHandler()
    handler.addFilter(UnreadableAnswerFilter())  # first: it drops a body the other would scan
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _run(args: argparse.Namespace) -> int:
    early: EarlyStop = args.early  # installed by main(), before any heavy import
    import asyncio
    import os

    from bot.app import build_application
    from bot.clock import dev_clock_from_env
    from bot.config import ConfigError, settings_from_env
    from bot.lifecycle import serve
    from bot.webhook.start import webhook_problem

    settings = settings_from_env(webhook=bool(getattr(args, "webhook", False)))
    if problem := webhook_problem(settings):
        raise ConfigError(problem)
    try:
        clock = dev_clock_from_env(os.environ)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    setup_logging()
    _LOGGER.info("Concierge starting for %s", starting_for(settings))
    if clock is not None:
        _LOGGER.warning("Development clock: %s x faster than the wall clock", clock.speed)
    if early.requested:
        return 0
    build = lambda: build_application(settings, clock=clock)  # noqa: E731
    return asyncio.run(serve(build, stopped_early=lambda: early.requested))


def starting_for(settings: Settings) -> str:
    """Whom this run serves, for the first log line: the community, or in a district every
    community (its English name and its file's name, as the console's log lines say it)."""
    if not settings.district:
        return settings.community.community.name_en
    named = ", ".join(f"{s.community.community.name_en} ({s.name})" for s in settings.district)
    return f"the district of {named}"


def _classify(args: argparse.Namespace) -> int:
    from bot.config import settings_from_env
    from intents import Catalogue, Understander
    from intents.classify import run_classify

    settings = settings_from_env(require_token=False)
    community = settings.community
    extra = {sid: o.aliases for sid, o in community.services.items() if o.aliases}
    understander = Understander(Catalogue.default().with_aliases(extra), community.tz)
    run_classify(sys.stdin, sys.stdout, understander)
    return 0


def _train(args: argparse.Namespace) -> int:
    """Train the request model: the shipped corpus, the community's confirmed examples (read
    from ``CONCIERGE_DB`` unless ``--no-community``: dismissed replies and labels staff
    confirmed in /misses) and any ``--extra`` files, written where the bot will load it
    (``--out``, by default ``CONCIERGE_MODEL`` or ``community-model.json`` beside the database)."""
    import asyncio
    import os
    import tempfile
    from pathlib import Path  # not at the top: run must catch signals before slow imports

    from bot.config import ConfigError, load_community, model_path
    from bot.domain.corrections.files import export_confirmed, key_of
    from bot.ops.community_choice import choose_community
    from bot.storage.dialect import is_postgres
    from intents.train import main as train_main

    choose_community(args.community, os.environ)
    given_db = os.environ.get("CONCIERGE_DB", "concierge.db")
    # A PostgreSQL store has no folder: the model goes where CONCIERGE_MODEL or --out says,
    # else into the working folder (as beside a concierge.db there).
    db: Path | str = given_db if is_postgres(given_db) else Path(given_db)
    out = args.out or model_path(os.environ, Path("concierge.db") if isinstance(db, str) else db)
    extra = [str(path) for path in args.extra]
    with tempfile.TemporaryDirectory() as folder:
        if not args.no_community and (isinstance(db, str) or db.exists()):
            given = os.environ.get("CONCIERGE_COMMUNITY")
            try:
                community = load_community(Path(given) if given else None)
            except ConfigError as exc:
                print(f"concierge: {exc}", file=sys.stderr)
                return 2
            ours = Path(folder) / "community.jsonl"
            count = asyncio.run(export_confirmed(db, key_of(community), ours))
            print(f"{count} confirmed examples of this community from {db}")
            if count:
                extra.append(str(ours))
        return train_main([f"--extra={path}" for path in extra] + [f"--out={out}"])


def _demo(args: argparse.Namespace) -> int:
    import asyncio

    from bot.devtools.demo import run_demo

    setup_logging(logging.WARNING)
    return asyncio.run(run_demo(fast=args.fast, report=args.report))


def _shell(args: argparse.Namespace) -> int:
    import asyncio

    from bot.devtools.shell import run_shell

    setup_logging(logging.WARNING)
    return asyncio.run(run_shell())


def _ops(
    name: str, module: str = "commands", one: bool = True
) -> Callable[[argparse.Namespace], int]:
    """An operator command of :mod:`bot.ops.commands` (or another bot.ops module), imported
    when it runs; ``one``: it acts on one community (``--community`` in a folder of several)."""

    def command(args: argparse.Namespace) -> int:
        import importlib
        import os

        if one:
            from bot.ops.community_choice import choose_community

            choose_community(getattr(args, "community", None), os.environ)
        commands = importlib.import_module(f"bot.ops.{module}")
        function: Callable[[argparse.Namespace], int] = getattr(commands, name)
        return function(args)

    return command


def _community_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--community",
        metavar="NAME",
        help="with a folder of several communities: the one to act on (its file's name)",
    )


def _add_ops(sub: Any) -> None:
    """import, export, backup, restore, export-csv (docs/operations.md); migrate and copy-db
    (docs/deploy.md)."""
    imp = sub.add_parser("import", help="show how FILE's setup differs from the database, apply")
    imp.add_argument("file")
    imp.add_argument("--yes", action="store_true", help="apply without asking")
    imp.set_defaults(func=_ops("import_command"))
    exp = sub.add_parser("export", help="write the current setup as a community file")
    exp.add_argument("path", nargs="?", help="where to write it (default: stdout)")
    exp.add_argument("--force", action="store_true", help="replace PATH if it exists")
    exp.set_defaults(func=_ops("export_command"))
    back = sub.add_parser("backup", help="copy the live database to PATH (safe while running)")
    back.add_argument("path", help="a new file, or a folder (a time-stamped file inside it)")
    back.add_argument("--force", action="store_true", help="replace PATH if it exists")
    back.set_defaults(func=_ops("backup_command"))
    rest = sub.add_parser("restore", help="replace the database with a backup (bot stopped)")
    rest.add_argument("path")
    rest.add_argument("--force", action="store_true", help="even if the bot seems to run")
    rest.set_defaults(func=_ops("restore_command"))
    csv = sub.add_parser("export-csv", help="bookings, ratings, checkins or loans as CSV")
    csv.add_argument("kind", choices=["bookings", "ratings", "checkins", "loans"])
    csv.add_argument("path", nargs="?", help="where to write it (default: stdout)")
    csv.add_argument("--force", action="store_true", help="replace PATH if it exists")
    csv.set_defaults(func=_ops("export_csv_command"))
    mig = sub.add_parser("migrate", help="apply pending migrations to CONCIERGE_DB and say which")
    mig.set_defaults(func=_ops("migrate_command", "store_commands", one=False))
    for parser in (imp, exp, back, rest, csv, mig):
        _community_option(parser)
    copy = sub.add_parser("copy-db", help="copy a SQLite file into an empty PostgreSQL database")
    copy.add_argument("src", help="the SQLite file (the bot stopped)")
    copy.add_argument("dst", help="postgresql://user@host:port/database (empty)")
    copy.set_defaults(func=_ops("copy_db_command", "store_commands"))


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(prog="concierge", description="Community front desk bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (long polling, or --webhook)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates by webhook at CONCIERGE_PUBLIC_URL (docs/deploy.md)",
    )
    run.set_defaults(func=_run)
    demo = sub.add_parser("demo", help="play a scripted morning offline against the sandbox")
    demo.add_argument("--fast", action="store_true", help="no pauses between scenes")
    demo.add_argument(
        "--report", type=Path, metavar="PNG", help="write the weekly report's chart there"
    )
    demo.set_defaults(func=_demo)
    sub.add_parser("shell", help="talk to the bot as a chosen person, offline").set_defaults(
        func=_shell
    )
    sub.add_parser(
        "classify", help="JSON lines {text, chat} on stdin -> understood intent per line"
    ).set_defaults(func=_classify)
    _add_ops(sub)
    train = sub.add_parser(
        "train", help="train the request model (needs the [train] extra: scikit-learn)"
    )
    train.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="FILE.jsonl",
        help="more labelled examples (a community's confirmed ones), in the corpus's format",
    )
    train.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help="model file to write (default: CONCIERGE_MODEL, or community-model.json beside "
        "CONCIERGE_DB), which the bot then loads instead of the shipped model",
    )
    train.add_argument(
        "--no-community",
        action="store_true",
        help="leave out the confirmed examples kept in CONCIERGE_DB",
    )
    _community_option(train)
    train.set_defaults(func=_train)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    args.early = EarlyStop()
    if args.command == "run":
        args.early.install()  # first: a stop signal during the imports ends with status 0
    from bot.config import ConfigError
    from bot.startup_errors import StartupError

    try:
        code: int = args.func(args)
    except ConfigError as exc:
        print(f"concierge: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        logging.shutdown()  # flush the log before the one line that explains the exit
        print(f"concierge: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
