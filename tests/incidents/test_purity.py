"""Incidents' domain package loads without Telegram."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import bot.domain.incidents


def test_importing_the_incidents_package_leaves_telegram_out() -> None:
    """`import bot.domain.incidents` and every room of it never loads the telegram package."""
    rooms = [m.name for m in pkgutil.iter_modules(bot.domain.incidents.__path__)]
    assert {"model", "repo", "service", "messages", "contract", "timeline"} <= set(rooms)
    names = ", ".join(["bot.domain.incidents", *(f"bot.domain.incidents.{r}" for r in rooms)])
    code = f"import sys, {names}; assert 'telegram' not in sys.modules, 'telegram was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
