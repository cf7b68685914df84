"""Onboarding a provider in a real headless Chromium against the running bot and the sandbox:
staff fill the application, upload a PDF licence and a PNG insurance, submit and approve it;
the worker opens the invite link in the bot, is welcomed as a member of the new provider, and
receives the next resident's booking — without a restart."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.booking_steps import book, offer_to
from tests.console.browser import browser_page, needs_browser
from tests.harness import Harness

pytestmark = needs_browser

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
async def bot(harness: Harness) -> Any:
    """The bot with its console on a free port."""
    harness.with_settings(web_port=0)
    async with harness.running():
        yield harness


def base(bot: Harness) -> str:
    return bot.runtime.servers[0].base_url  # type: ignore[attr-defined, no-any-return]


async def signed_in(page: Any, bot: Harness) -> None:
    await bot.settle_staff()
    answer = await bot.ask(bot.staff, "/console", contains="/login/")
    await page.goto(next(word for word in answer.content.split() if "/login/" in word))
    await page.wait_for_url(base(bot) + "/")


async def attach(page: Any, kind: str, name: str, data: bytes, expires: str) -> None:
    await page.select_option("#upload select[name=kind]", kind)
    await page.fill("#upload input[name=expires]", expires)
    await page.set_input_files(
        "#upload input[type=file]", files=[{"name": name, "mimeType": "", "buffer": data}]
    )
    await page.click("#upload button")
    await page.wait_for_load_state()


async def test_onboard_approve_invite_and_the_worker_gets_the_next_offer(bot: Harness) -> None:
    later = (bot.clock.now() + timedelta(days=365)).date().isoformat()
    async with browser_page() as page:
        await signed_in(page, bot)
        await page.goto(base(bot) + "/providers")
        await page.click("#onboard")
        await page.click("#new-provider")
        await page.fill("input[name=provider_id]", "qingjie")
        await page.fill("input[name=name_zh]", "清洁快手")
        await page.fill("input[name=name_en]", "Quick Clean")
        await page.fill("input[name=contact]", "钱师傅 13912345678")
        await page.check("input[name=building][value='3']")
        await page.fill("input[name=price_range_hood_cleaning]", "150")
        await page.click("text=保存")
        assert "草稿" in await page.inner_text("#state")
        await attach(page, "licence", "licence.pdf", PDF, later)
        await attach(page, "insurance", "policy.png", PNG, later)
        documents = await page.inner_text("#documents")
        assert "PDF 文件" in documents and "PNG 图片" in documents
        await page.click("text=提交审批")
        assert "待审批" in await page.inner_text("#state")
        await page.click("#moves >> text=批准")
        assert "清洁快手" in await page.inner_text("#approved")
        link = await page.input_value("#invite")
    assert link.startswith("https://t.me/") and "start=" in link
    worker = bot.person(3100, "钱师傅")
    started = await bot.sb.press_start(worker, link.rsplit("start=", 1)[1])
    welcome = await bot.sb.wait_for_message(worker.id, after=started.message_id)
    assert "欢迎加入「清洁快手」" in welcome.content
    await book(bot, bot.person(5010, "小林"), provider="清洁快手")
    offer = await offer_to(bot, worker)
    assert "油烟机" in offer.content
