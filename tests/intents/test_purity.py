"""``intents`` stays pure: no Telegram, no database, nothing from the bot's packages."""

from __future__ import annotations

import subprocess
import sys

# numpy, scipy and scikit-learn train the model; the bot reads it in pure Python.
FORBIDDEN = ("telegram", "aiosqlite", "sqlite3", "bot", "handlers", "httpx", "apscheduler")
FORBIDDEN += ("numpy", "scipy", "sklearn")


def test_importing_intents_pulls_in_nothing_forbidden() -> None:
    code = (
        "import sys, intents, intents.classify, intents.evaluate;"
        "from intents import Catalogue, Understander;"
        "from zoneinfo import ZoneInfo;"
        "Understander(Catalogue.default(), ZoneInfo('Asia/Shanghai')).understand('借个梯子');"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "intents" in loaded
    assert not loaded & set(FORBIDDEN)
