"""The `concierge` command: run, demo, shell, classify.

Settings are validated once; anything wrong is one line on stderr and exit status 2. ``run``
also exits with one line when the Bot API cannot be reached (3) or storage fails (4): see
:mod:`bot.startup_errors`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence

from bot.clock import dev_clock_from_env
from bot.config import ConfigError, settings_from_env
from bot.privacy import RedactingFilter, UnreadableAnswerFilter
from bot.startup_errors import StartupError

_LOGGER = logging.getLogger(__name__)


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr with private data redacted; keep chatty libraries quiet."""
    handler = logging.StreamHandler()
    handler.addFilter(UnreadableAnswerFilter())  # first: it drops a body the other would scan
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _run(args: argparse.Namespace) -> int:
    from bot.app import build_application
    from bot.lifecycle import serve

    settings = settings_from_env()
    try:
        clock = dev_clock_from_env(os.environ)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    setup_logging()
    _LOGGER.info("Concierge starting for %s", settings.community.community.name_en)
    if clock is not None:
        _LOGGER.warning("Development clock: %s x faster than the wall clock", clock.speed)
    return asyncio.run(serve(lambda: build_application(settings, clock=clock)))


def _classify(args: argparse.Namespace) -> int:
    from intents import Catalogue, Understander
    from intents.classify import run_classify

    settings = settings_from_env(require_token=False)
    community = settings.community
    extra = {sid: o.aliases for sid, o in community.services.items() if o.aliases}
    understander = Understander(Catalogue.default().with_aliases(extra), community.tz)
    run_classify(sys.stdin, sys.stdout, understander)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.devtools.demo import run_demo

    setup_logging(logging.WARNING)
    return asyncio.run(run_demo(fast=args.fast))


def _shell(args: argparse.Namespace) -> int:
    from bot.devtools.shell import run_shell

    setup_logging(logging.WARNING)
    return asyncio.run(run_shell())


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(prog="concierge", description="Community front desk bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling) against TELEGRAM_API_URL").set_defaults(
        func=_run
    )
    demo = sub.add_parser("demo", help="play a scripted morning offline against the sandbox")
    demo.add_argument("--fast", action="store_true", help="no pauses between scenes")
    demo.set_defaults(func=_demo)
    sub.add_parser("shell", help="talk to the bot as a chosen person, offline").set_defaults(
        func=_shell
    )
    sub.add_parser(
        "classify", help="JSON lines {text, chat} on stdin -> understood intent per line"
    ).set_defaults(func=_classify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
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
