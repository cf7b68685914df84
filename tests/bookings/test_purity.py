"""The bookings package stays free of Telegram: importing it must not load the Bot API."""

from __future__ import annotations

import subprocess
import sys


def test_importing_bookings_leaves_telegram_out() -> None:
    """Every module of the package imports without pulling in `telegram`."""
    code = (
        "import sys, pkgutil, importlib, bot.domain.bookings as p;"
        "[importlib.import_module(f'bot.domain.bookings.{m.name}')"
        " for m in pkgutil.iter_modules(p.__path__)];"
        "assert 'telegram' not in sys.modules, 'telegram was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import bot.domain.bookings, sys; assert 'telegram' not in sys.modules",
        ],
        check=True,
    )
