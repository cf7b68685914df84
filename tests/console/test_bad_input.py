"""No input makes the console fail (tester finding, session 13): every POST route of the
console, filled with what a careless hand or a crafted request sends (not numbers, huge
numbers, emoji, very long text, fields missing, ids forged), answers a page of its own: never
a 500."""

from __future__ import annotations

import re

from bot.web.routes import routes
from tests.booking_steps import book, crew
from tests.console.pages_support import staff_client
from tests.harness import Harness

FIELDS = (
    "note", "worker", "price", "market", "service", "key", "name", "telegram_id", "language",
    "buildings", "address", "checkin_times", "grid_worker", "risk", "family", "id", "text_zh",
    "text_en", "days", "post_at", "when", "text", "chat", "seen", "provider_id", "name_zh",
    "name_en", "contact", "building", "kind", "expires", "on",
    "price_range_hood_cleaning", "market_range_hood_cleaning", "unit_zh_range_hood_cleaning",
)  # fmt: skip
BAD = (
    "abc",
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "🚰🔥" * 3,
    "长" * 3_000,
    "",
    "jiejia:99999999999999999999",
    "\x00",
)


def _fill(found: re.Match[str]) -> str:
    pattern = found.group(0)[1:-1].partition(":")[2]
    if "\\d" in pattern:
        return "9" * 18  # a forged, huge id (a longer one is no route: 404)
    if "|" in pattern:
        return pattern.strip("()").split("|")[0]
    return "no_such_provider"


async def test_no_bad_input_makes_a_500(bot: Harness) -> None:
    """Each POST route, each bad value in every field, and with no field at all: < 500;
    then the same routes with real ids (booking 1, application 1, provider jiejia)."""
    await crew(bot)
    await book(bot, bot.person(5101, "小李"))
    server = bot.runtime.servers[0]  # type: ignore[attr-defined]
    posts = [r.path for r in routes(server) if getattr(r, "method", "") == "POST"]
    posts = [p for p in posts if p not in ("/logout", "/auth/webapp")]
    async with staff_client(bot) as web:
        await web.post("/providers/applications", provider_id="qingjie", name_zh="清洁")
        for path in posts:
            for filled in {re.sub(r"\{[^/]+\}(?=/|$)", _fill, path), _real(path)}:
                status, _ = await web.post(filled)
                assert status < 500, (filled, "no fields")
                for bad in BAD:
                    status, _ = await web.post(filled, **dict.fromkeys(FIELDS, bad), sure="on")
                    assert status < 500, (filled, bad[:20])
        big = "9" * 18
        for page in (
            f"/bookings/{big}", f"/bookings/{big}/cancel", f"/people/{big}/revoke",
            f"/tools/{big}", f"/incidents/{big}", f"/notices/{big}/edit",
            f"/providers/applications/{big}", f"/providers/applications/1/documents/{big}",
            "/setup/elders/" + "长" * 500, "/setup/nothing/x", "/export/nothing.csv",
        ):  # fmt: skip
            assert (await web.get(page))[0] < 500, page
        for page in ("/bookings", "/care", "/demand", "/providers", "/tools", "/people"):
            for bad in (*BAD[:6], "9" * 18):
                query = f"?page={bad}&status={bad}&service={bad}&q={bad}&problem={bad}"
                assert (await web.get(page + query))[0] < 500, (page, bad)


def _real(path: str) -> str:
    return (
        path.replace("{id:\\d{1,18}}", "1")
        .replace("{doc:\\d{1,18}}", "1")
        .replace("{provider}", "jiejia")
        .replace("{section:[a-z]+}", "elders")
        .replace("{id}", "veg_stall")
        .replace("{move:(submit|approve|reject|reopen)}", "submit")
    )
