"""People's domain package loads without Telegram."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_people_package_leaves_telegram_out() -> None:
    """`import bot.domain.people` (every room of it) never loads the telegram package."""
    code = (
        "import sys, bot.domain.people, bot.domain.people.model, bot.domain.people.repo,"
        " bot.domain.people.service, bot.domain.people.contract,"
        " bot.domain.people.messages, bot.domain.people.onboarding;"
        " assert 'telegram' not in sys.modules, 'telegram was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
