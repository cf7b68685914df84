"""The system Chromium driven by Playwright, for the console's browser tests.

Debian's ``chromium`` (never a downloaded browser: ``playwright install`` is not used). When it
or Playwright is missing, the tests skip with one line saying what to install.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SKIP = "console browser tests skipped: no system Chromium (apt-get install chromium) or Playwright"


def available() -> bool:
    """Whether the system browser and Playwright are both present."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return False
    return shutil.which("chromium") is not None


needs_browser = pytest.mark.skipif(not available(), reason=SKIP)


@asynccontextmanager
async def browser_page(phone: bool = False) -> AsyncIterator[Any]:
    """A fresh page in a fresh headless Chromium (its own cookies); ``phone``: a 360 px wide
    touch screen."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            size = {"width": 360, "height": 740}
            context = await (
                browser.new_context(viewport=size, is_mobile=True, has_touch=True)
                if phone
                else browser.new_context()
            )
            page = await context.new_page()
            page.set_default_timeout(10_000)
            yield page
        finally:
            await browser.close()
