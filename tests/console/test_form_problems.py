"""A People form with problems (tester finding, session 13) comes back with what was typed
kept and each problem next to its field, in the viewer's language: staff, housekeepers,
elders and recurring notices; several mistakes at once are all shown."""

from __future__ import annotations

import re

from tests.console.pages_support import staff_client
from tests.harness import Harness


def _problems(page: str) -> set[str]:
    return set(re.findall(r'id="problem-([a-z_]+)"', page))


async def test_an_elder_with_four_mistakes_shows_all_four_and_keeps_the_rest(
    bot: Harness,
) -> None:
    """A key with spaces, no name, a time 25:99, a grid worker nobody is: 400, the four
    problems by their fields, the address, times and family typed kept; nothing saved."""
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/setup/elders",
            key="Bad Key!",
            name="",
            address="5-1-302",
            checkin_times="25:99",
            grid_worker="nobody",
            family="周小红 女儿",
        )
        assert status == 400 and "请按标出的地方修改" in page
        assert _problems(page) == {"key", "name", "checkin_times", "grid_worker"}
        assert 'value="Bad Key!"' in page and 'value="25:99"' in page
        assert 'value="5-1-302"' in page and "周小红 女儿" in page
        assert "时间格式不对" in page.split('id="problem-checkin_times"')[1][:80]
    assert all(x.key != "Bad Key!" for x in bot.runtime.community.elders)


async def test_staff_housekeeper_and_notice_forms_keep_what_was_typed(bot: Harness) -> None:
    """A Telegram id that is no number (a name of emoji kept), a housekeeper without name or
    buildings, a recurring notice without text, days or a time: each problem by its field."""
    async with staff_client(bot) as web:
        status, page = await web.post("/setup/staff", telegram_id="abc", name="🙂🙂")
        assert status == 400 and _problems(page) == {"telegram_id"}
        assert 'value="🙂🙂"' in page and 'value="abc"' in page
        status, page = await web.post("/setup/staff", telegram_id="9" * 40, name="")
        assert status == 400 and _problems(page) == {"telegram_id", "name"}
        status, page = await web.post("/setup/housekeepers", key="hk_new", name="", buildings="")
        assert status == 400 and _problems(page) == {"name", "buildings"}
        assert 'value="hk_new"' in page
        status, page = await web.post(
            "/setup/notices", id="water", text_zh="", text_en="Water off", post_at="8点"
        )
        assert status == 400 and _problems(page) == {"text_zh", "days", "post_at"}
        assert "Water off" in page and 'value="8点"' in page
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/setup/housekeepers", key="hk_new", name="王", buildings="")
        assert status == 400 and "fix what is marked" in page and _problems(page) == {"buildings"}
        assert 'value="王"' in page


async def test_an_offer_with_a_bad_price_comes_back_with_it_and_why(bot: Harness) -> None:
    """Adding an offer: a price that is no number and a market price of emoji are both shown
    by their fields with what was typed (not "the state changed", 409); a price above the
    market too; an unknown provider is not found; nothing changed."""
    async with staff_client(bot) as web:
        offer = {"service": "range_hood_cleaning", "price": "abc", "market": "🙂"}
        status, page = await web.post("/providers/kuaixiu/offers", **offer)
        assert status == 400 and _problems(page) == {"price", "market"}
        assert 'value="abc"' in page and 'value="🙂"' in page
        assert '<option value="range_hood_cleaning" selected>' in page
        status, page = await web.post(
            "/providers/kuaixiu/offers", service="range_hood_cleaning", price="300", market="240"
        )
        assert status == 400 and _problems(page) == {"price"} and "市场价" in page
        status, page = await web.post("/providers/kuaixiu/offers", service="nothing", price="9")
        assert status == 400 and _problems(page) == {"service"}
        assert (await web.post("/providers/nobody/offers", price="9"))[0] == 404
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post("/providers/kuaixiu/offers", service="x", price="-5")
        assert status == 400 and "fix what is marked" in page
    kuaixiu = bot.runtime.community.provider("kuaixiu")
    assert kuaixiu is not None  # its range-hood offer as the file has it
    assert [o.price for o in kuaixiu.offers if o.service == "range_hood_cleaning"] == [200]


async def test_a_new_provider_form_shows_each_problem_by_its_field(bot: Harness) -> None:
    """A new provider's id with a space, no Chinese name, a forged building and a price that
    is no number: the form comes back (nothing saved: the price is refused at its field)
    keeping what was typed and saying each problem next to its field (not only in a list
    above the form)."""
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/providers/applications",
            provider_id="Bad id",
            name_zh="",
            name_en="🧹 Clean",
            contact="王 13800000000",
            building="99",
            price_range_hood_cleaning="abc",
        )
        assert status == 400 and 'value="Bad id"' in page and 'value="🧹 Clean"' in page
        assert 'value="abc"' in page
        wanted = {"provider_id", "name_zh", "buildings", "price_range_hood_cleaning"}
        assert wanted <= _problems(page)


async def test_a_new_providers_price_in_words_is_refused_at_its_field_and_kept(
    bot: Harness,
) -> None:
    """面议 as a new provider's price: refused (400, nothing saved), the form still says "面议"
    (never "-1") with the reason next to that price, in Chinese; "abc" in English likewise."""
    fields = {"provider_id": "clean_co", "name_zh": "洁净", "contact": "王 13800000000"}
    async with staff_client(bot) as web:
        status, page = await web.post(
            "/providers/applications", **fields, price_range_hood_cleaning="面议"
        )
        assert status == 400 and 'value="面议"' in page and 'value="-1"' not in page
        assert "price_range_hood_cleaning" in _problems(page)
        assert "价格要填数字" in page.split('id="problem-price_range_hood_cleaning"')[1]
        assert 'value="clean_co"' in page
        await bot.ask(bot.staff, "/language en")
        status, page = await web.post(
            "/providers/applications", **fields, price_range_hood_cleaning="abc"
        )
        assert status == 400 and 'value="abc"' in page and 'value="-1"' not in page
        assert "must be a number" in page.split('id="problem-price_range_hood_cleaning"')[1]
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM provider_applications") == 0
