"""The cabinet's domain package loads without Telegram."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_tools_package_leaves_telegram_out() -> None:
    """`import bot.domain.tools` (every room of it) never loads the telegram package."""
    code = (
        "import sys, bot.domain.tools, bot.domain.tools.model, bot.domain.tools.repo,"
        " bot.domain.tools.service, bot.domain.tools.lending, bot.domain.tools.staff,"
        " bot.domain.tools.messages, bot.domain.tools.contract, bot.domain.tools.notify;"
        " assert 'telegram' not in sys.modules, 'telegram was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
