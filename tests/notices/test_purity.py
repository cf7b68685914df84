"""Notices' domain package loads without Telegram."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_tools_package_leaves_telegram_out() -> None:
    """`import bot.domain.notices` (every room of it) never loads the telegram package."""
    code = (
        "import sys, bot.domain.notices, bot.domain.notices.model, bot.domain.notices.repo,"
        " bot.domain.notices.service, bot.domain.notices.messages, bot.domain.notices.contract;"
        " assert 'telegram' not in sys.modules, 'telegram was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
