"""The check-in package loads without Telegram."""

from __future__ import annotations

import subprocess
import sys

ROOMS = [
    "model",
    "forms",
    "contract",
    "repo",
    "messages",
    "reach",
    "planning",
    "ladder",
    "answers",
    "help",
    "wrote",
    "pauses",
    "presses",
    "signs",
    "visits",
    "family",
    "care",
]


def test_importing_the_checkins_package_leaves_telegram_out() -> None:
    """`import bot.domain.checkins` (every room of it) never loads the telegram package."""
    modules = ", ".join(["bot.domain.checkins", *(f"bot.domain.checkins.{r}" for r in ROOMS)])
    code = f"import sys, {modules}; assert 'telegram' not in sys.modules, 'telegram was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
