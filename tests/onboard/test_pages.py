"""The new-provider pages through the running bot's aiohttp console (HTTP, no browser): a
staff member fills an application, uploads documents (judged by their bytes), approves it and
is shown a one-time invite link that the worker opens in the bot; every form needs the CSRF
token and only staff get in; the contact never reaches the log."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from bot.devtools.sandbox.ptb import SANDBOX_TOKEN
from bot.domain.console.model import sign_init_data
from tests.harness import Harness

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\0" * 32
CONTACT = "钱师傅 13912345678"


@dataclass
class Browser:
    """An HTTP client signed in to the console, reading each page's CSRF token."""

    base: str
    session: aiohttp.ClientSession
    csrf: str = ""

    async def get(self, path: str) -> tuple[int, str]:
        async with self.session.get(self.base + path) as response:
            text = await response.text()
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        self.csrf = found.group(1) if found else self.csrf
        return response.status, text

    async def post(self, path: str, data: Any, *, csrf: bool = True) -> tuple[int, str, str]:
        """POST (following the redirect); (status, text, final path)."""
        if csrf and isinstance(data, dict):
            data = {**data, "csrf": self.csrf}
        elif csrf:
            data.add_field("csrf", self.csrf)
        async with self.session.post(self.base + path, data=data) as response:
            return response.status, await response.text(), response.url.path


async def signed_in(bot: Harness, user: Any) -> Browser:
    """A console session for this Telegram user, from their /console link."""
    answer = await bot.ask(user, "/console", contains="/login/")
    link = next(word for word in answer.content.split() if "/login/" in word)
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    server = bot.runtime.servers[0]
    browser = Browser(server.base_url, session)  # type: ignore[attr-defined]
    async with session.get(link) as response:
        assert response.status == 200
    return browser


async def mini_app(bot: Harness, base: str, user_id: int) -> Browser:
    """A console session from a Mini App's signed data (how a housekeeper signs in)."""
    user = json.dumps({"id": user_id, "first_name": "张"}, ensure_ascii=False)
    now = str(int(bot.clock.now().timestamp()))
    data = sign_init_data({"auth_date": now, "user": user}, SANDBOX_TOKEN)
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.post(base + "/auth/webapp", data={"init_data": data}) as response:
        assert response.status == 200
    browser = Browser(base, session)
    status, _ = await browser.get("/")
    assert status == 200  # signed in (read-only)
    return browser


@pytest.fixture
async def staff(harness: Harness) -> AsyncIterator[tuple[Harness, Browser]]:
    """The running bot and staff signed in to its console."""
    async with harness.running():
        await harness.settle_staff()
        browser = await signed_in(harness, harness.staff)
        try:
            yield harness, browser
        finally:
            await browser.session.close()


def details(**changes: str) -> dict[str, Any]:
    form = {
        "provider_id": "qingjie",
        "name_zh": "清洁快手",
        "name_en": "Quick Clean",
        "contact": CONTACT,
        "building": "3",
        "price_range_hood_cleaning": "150",
        "market_range_hood_cleaning": "240",
    }
    return {**form, **changes}


def upload(kind: str, data: bytes, expires: str, name: str = "scan.pdf") -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("kind", kind)
    form.add_field("expires", expires)
    form.add_field("file", io.BytesIO(data), filename=name, content_type="application/pdf")
    return form


def ahead(bot: Harness, days: int) -> str:
    return (bot.clock.now() + timedelta(days=days)).date().isoformat()


async def _application(bot: Harness, browser: Browser) -> str:
    await browser.get("/providers/applications/new")
    status, _, path = await browser.post("/providers/applications", details())
    assert status == 200 and re.fullmatch(r"/providers/applications/\d+", path)
    await browser.get(path)
    return path


async def _approved(bot: Harness, browser: Browser) -> tuple[str, str]:
    """An application filled, documented, submitted and approved: (its path, the invite)."""
    path = await _application(bot, browser)
    await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
    await browser.post(path + "/documents", upload("insurance", JPEG, ahead(bot, 365)))
    await browser.post(path + "/submit", {})
    _, page, _ = await browser.post(path + "/approve", {})
    link = re.search(
        r'id="invite" readonly style="width:100%;box-sizing:border-box" value="([^"]+)"', page
    )
    assert link is not None
    return path, link.group(1)


async def test_the_invite_welcomes_an_english_speaker_in_english(
    staff: tuple[Harness, Browser],
) -> None:
    bot, browser = staff
    _, link = await _approved(bot, browser)
    worker = bot.person(3103, "Sam", language="en")
    started = await bot.sb.press_start(worker, link.rsplit("start=", 1)[1])
    welcome = await bot.sb.wait_for_message(worker.id, after=started.message_id)
    assert "Welcome to Quick Clean" in welcome.content


async def test_a_document_is_shown_as_what_its_bytes_are(staff: tuple[Harness, Browser]) -> None:
    """Served with the sniffed type, never cached or run as a page; another application's
    id does not reach it."""
    bot, browser = staff
    path, _ = await _approved(bot, browser)
    async with browser.session.get(browser.base + path + "/documents/2") as response:
        body = await response.read()
        headers = response.headers
    assert (response.status, body, headers["Content-Type"]) == (200, JPEG, "image/jpeg")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "sandbox"
    assert headers["Cache-Control"] == "no-store"
    status, _ = await browser.get("/providers/applications/99/documents/2")
    assert status == 404


async def test_apply_upload_approve_and_the_worker_joins(
    staff: tuple[Harness, Browser], caplog: pytest.LogCaptureFixture
) -> None:
    bot, browser = staff
    caplog.set_level(logging.DEBUG)
    path = await _application(bot, browser)
    _, page = await browser.get(path)
    assert "营业执照" in page and "保险" in page  # still missing
    await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
    await browser.post(path + "/documents", upload("insurance", JPEG, ahead(bot, 20), "x.pdf"))
    _, page = await browser.get(path)
    assert "PDF 文件" in page and "JPEG 图片" in page  # by the bytes, not the name
    assert "application/pdf" not in page  # in words, not a media type
    await browser.post(path + "/submit", {})
    status, page, _ = await browser.post(path + "/approve", {})
    assert status == 200 and "清洁快手" in page
    link = re.search(
        r'id="invite" readonly style="width:100%;box-sizing:border-box" value="([^"]+)"', page
    )
    assert link is not None and link.group(1).startswith("https://t.me/")
    token = link.group(1).rsplit("start=", 1)[1]
    worker = bot.person(3100, "钱师傅")
    started = await bot.sb.press_start(worker, token)
    welcome = await bot.sb.wait_for_message(worker.id, after=started.message_id)
    assert "欢迎加入「清洁快手」" in welcome.content
    thief = bot.person(3101, "冒用者")
    again = await bot.sb.press_start(thief, token)
    refused = await bot.sb.wait_for_message(thief.id, after=again.message_id)
    assert "已经被使用过" in refused.content
    _, providers = await browser.get("/providers")
    assert "清洁快手" in providers and "⚠" in providers  # the insurance runs out in 20 days
    _, listing = await browser.get("/providers/applications")
    assert "清洁快手" in listing and "保险" in listing  # by name
    assert "qingjie" not in listing
    ours = [r for r in caplog.records if r.name.split(".")[0] in ("bot", "handlers")]
    logged = "\n".join(r.getMessage() for r in ours)
    assert "1391234" not in logged and token not in logged


async def test_a_forged_invite_is_refused_politely(staff: tuple[Harness, Browser]) -> None:
    bot, _ = staff
    stranger = bot.person(3102, "路人")
    started = await bot.sb.press_start(stranger, "inv_AAAAforgedAAAAA")
    refused = await bot.sb.wait_for_message(
        stranger.id, contains="邀请链接", after=started.message_id
    )
    assert "邀请链接无效" in refused.content


@pytest.mark.parametrize(
    ("data", "expires", "shown"),
    [
        (b"GIF89a" + b"\0" * 40, 365, "只接受 PDF、PNG 或 JPEG"),
        (b"%PDF-" + b"\0" * (2 * 1024 * 1024), 365, "文件超过 2 MB"),
        (PDF, -1, "有效期已过"),
    ],
)
async def test_a_refused_document_is_explained(
    staff: tuple[Harness, Browser], data: bytes, expires: int, shown: str
) -> None:
    bot, browser = staff
    path = await _application(bot, browser)
    status, page, _ = await browser.post(
        path + "/documents", upload("licence", data, ahead(bot, expires))
    )
    assert status == 200 and shown in page
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM provider_documents") == 0


async def test_an_incomplete_application_shows_what_is_missing(
    staff: tuple[Harness, Browser],
) -> None:
    _, browser = staff
    await browser.get("/providers/applications/new")
    _, _, path = await browser.post(
        "/providers/applications", details(provider_id="jiejia", price_range_hood_cleaning="")
    )
    await browser.get(path)
    _, page, _ = await browser.post(path + "/submit", {})
    assert "这个编号已经有服务商在用" in page and "至少填写一项服务的价格" in page
    assert "草稿" in page


async def test_forms_need_the_csrf_token(staff: tuple[Harness, Browser]) -> None:
    bot, browser = staff
    path = await _application(bot, browser)
    status, _, _ = await browser.post("/providers/applications", details(), csrf=False)
    assert status == 403
    status, _, _ = await browser.post(path + "/submit", {"csrf": "forged"}, csrf=False)
    assert status == 403
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM provider_applications") == 1
        assert await tx.scalar("SELECT state FROM provider_applications") == "draft"


async def test_only_staff_get_in(staff: tuple[Harness, Browser]) -> None:
    """A housekeeper (read-only console) and someone signed out are refused every page."""
    bot, browser = staff
    path = await _application(bot, browser)
    keeper = bot.person(2001, "张管家")
    await bot.join(keeper, "housekeeper", "hk_zhang")
    theirs = await mini_app(bot, browser.base, keeper.id)
    outsider = aiohttp.ClientSession()
    try:
        for client in (theirs, Browser(browser.base, outsider)):
            for page in ("/providers/applications", path, path + "/documents/1"):
                status, text = await client.get(page)
                assert status == 403 and CONTACT not in text
    finally:
        await theirs.session.close()
        await outsider.close()


async def test_offers_are_added_repriced_and_removed_for_the_next_resident(
    staff: tuple[Harness, Browser],
) -> None:
    """快修师傅 takes on range-hood cleaning at ¥130 (cheaper than 洁家家政's ¥180): the next
    resident asking the price is quoted from ¥130; a price above the market is refused
    politely; removed again, the quote is back to ¥180."""
    bot, browser = staff
    # someone to come from each provider: a provider nobody works for is not quoted
    await bot.join(bot.person(3001, "赵阿姨"), "provider", "jiejia")
    await bot.join(bot.person(3002, "孙师傅"), "provider", "kuaixiu")
    _, page = await browser.get("/providers")
    assert 'id="add-offer-kuaixiu"' in page
    offer = {"service": "range_hood_cleaning", "price": "130", "market": "240"}
    status, page, path = await browser.post("/providers/kuaixiu/offers", offer)
    assert (status, path) == (200, "/providers")
    asker = bot.person(5020, "小陈")
    assert "130" in (await bot.ask(asker, "洗油烟机多少钱")).content
    too_dear = {"service": "range_hood_cleaning", "price": "300"}
    status, page, _ = await browser.post("/providers/kuaixiu/offers", too_dear)
    assert status == 400  # the form again, the price kept, why next to it
    assert 'value="300"' in page and "市场价" in page.split('id="problem-price"')[1][:80]
    status, _, _ = await browser.post(
        "/providers/kuaixiu/offers/remove", {"service": "range_hood_cleaning", "sure": "on"}
    )
    assert status == 200
    answer = (await bot.ask(bot.person(5021, "小杨"), "洗油烟机多少钱")).content
    assert "180" in answer and "130" not in answer
    async with bot.runtime.db.read() as tx:
        trail = await bot.runtime.audit.timeline(tx, "setup:provider:kuaixiu:range_hood_cleaning")
    assert [e.action for e in trail] == ["setup_price", "setup_offer_removed"]


async def test_a_new_providers_offers_keep_their_unit(staff: tuple[Harness, Browser]) -> None:
    """The form prefills each service's unit from what others quote (range hood: 台 / unit);
    the unit staff leave or type is the approved provider's, so a resident reads ¥150/台, not
    ¥150/次 (the retest of issue 15, finding 9)."""
    bot, browser = staff
    _, form = await browser.get("/providers/applications/new")
    assert 'name="unit_zh_range_hood_cleaning" value="台"' in form
    assert 'name="unit_en_range_hood_cleaning" value="unit"' in form
    units = {"unit_zh_range_hood_cleaning": "台", "unit_en_range_hood_cleaning": "unit"}
    _, _, path = await browser.post("/providers/applications", details(**units))
    _, page = await browser.get(path)
    assert 'name="unit_zh_range_hood_cleaning" value="台"' in page  # kept on the draft
    await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
    await browser.post(path + "/documents", upload("insurance", JPEG, ahead(bot, 365)))
    await browser.post(path + "/submit", {})
    await browser.post(path + "/approve", {})
    await browser.get("/providers")  # the next request puts the edited setup in place
    provider = bot.runtime.community.provider("qingjie")
    assert provider is not None
    offer = provider.offers[0]
    assert (offer.price, offer.unit_zh, offer.unit_en) == (150, "台", "unit")
