"""Final actions need their "I am sure" box on the server too: a POST without it (a script, an
old browser ignoring ``required``) gets a polite page and changes nothing; ticked, it is done."""

from __future__ import annotations

from tests.booking_steps import book, crew
from tests.console.pages_support import Client, staff_client
from tests.harness import Harness
from tests.onboard.test_pages import PDF, ahead, details, signed_in, upload


async def _refused(web: Client, path: str, **fields: str) -> None:
    """The action without its box: a polite page with a way back, nothing done."""
    status, page = await web.post(path, **fields)
    assert status == 400, (path, status)
    assert "请先勾选「我确定」" in page and "什么都没有改变" in page, path
    assert "<a href=" in page.split('id="unconfirmed"')[1], path


async def test_final_actions_without_the_box_change_nothing(bot: Harness) -> None:
    """Cancel a notice, stop a recurring one, suspend a provider, remove an offer: refused
    without the box (each still as it was), done with it; lifting a suspension needs none."""
    async with staff_client(bot) as web:
        await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        await web.post(
            "/setup/notices", id="water", text_zh="周六停水", days="sat", post_at="8:00"
        )
        await _refused(web, "/notices/1/cancel")
        _, page = await web.get("/notices")
        assert 'action="/notices/1/cancel"' in page  # still scheduled
        await _refused(web, "/notices/recurring/water/remove")
        _, page = await web.get("/notices")
        assert "water" in page.split('id="recurring"')[1]
        await _refused(web, "/providers/kuaixiu/suspend", on="1")
        _, page = await web.get("/providers")
        assert "已暂停" not in page.split('id="card-kuaixiu"')[1].split("</div>")[0]
        offers = {o.service for p in bot.runtime.community.providers for o in p.offers}
        await _refused(web, "/providers/jiejia/offers/remove", service="range_hood_cleaning")
        after = {o.service for p in bot.runtime.community.providers for o in p.offers}
        assert after == offers

        status, page = await web.post("/notices/1/cancel", sure="on")
        assert status == 200 and 'action="/notices/1/cancel"' not in page
        _, page = await web.post("/notices/recurring/water/remove", sure="on")
        assert "water" not in page.split('id="recurring"')[1]
        status, page = await web.post("/providers/kuaixiu/suspend", on="1", sure="on")
        assert status == 200 and "已暂停" in page.split('id="card-kuaixiu"')[1]
        status, page = await web.post("/providers/kuaixiu/suspend", on="0")  # not final
        assert status == 200 and "已暂停" not in page.split('id="card-kuaixiu"')[1]


async def test_rejecting_an_application_needs_the_box(bot: Harness) -> None:
    """Rejecting (final) is refused without the box and the draft stays a draft."""
    async with staff_client(bot) as web:
        fields = {"provider_id": "qingjie", "name_zh": "清洁小队", "name_en": "Clean Team"}
        await web.post("/providers/applications", **fields)
        await _refused(web, "/providers/applications/1/reject")
        _, page = await web.get("/providers/applications/1")
        assert 'action="/providers/applications/1/reject"' in page  # still open
        await web.post("/providers/applications/1/reject", sure="on")
        _, page = await web.get("/providers/applications/1")
        assert 'action="/providers/applications/1/reject"' not in page


async def test_a_recurring_notice_a_question_names_is_refused_with_a_reason(bot: Harness) -> None:
    """The vegetable stall's notice answers a community question: stopping it is refused with
    a page saying why (it went back to Notices in silence), and it is still posted."""
    async with staff_client(bot) as web:
        status, page = await web.post("/notices/recurring/veg_stall/remove", sure="on")
        assert status == 409 and "没有停止" in page and "什么都没有改变" in page
        _, page = await web.get("/notices")
        recurring = page.split('id="recurring"')[1]
        assert "veg_stall" in recurring
        # Its row has no stop button (it could only be refused), but says why.
        assert 'action="/notices/recurring/veg_stall/remove"' not in recurring
        assert "社区问答的回答引用了这个通知" in recurring


async def test_cancelling_a_booking_needs_the_box(bot: Harness) -> None:
    """`curl -d csrf=… /bookings/1/cancel` (no box) is refused: the booking is still open and
    the resident told nothing; the question page has the box; ticked, it is cancelled."""
    await crew(bot)
    resident = bot.person(5010, "小李")
    await book(bot, resident)
    async with staff_client(bot) as web:
        _, asked = await web.get("/bookings/1/cancel")
        assert 'name="sure"' in asked.split('action="/bookings/1/cancel"')[1]
        await _refused(web, "/bookings/1/cancel")
        _, page = await web.get("/bookings/1")
        assert 'id="cancel"' in page and "已取消" not in page.split('id="summary"')[1][:80]
        async with bot.runtime.db.read() as tx:
            status = await tx.scalar("SELECT status FROM bookings WHERE id = 1")
        assert status != "cancelled"
        status, page = await web.post("/bookings/1/cancel", sure="on")
        assert status == 200 and "已取消" in page.split('id="summary"')[1][:80]


async def test_revoking_a_person_needs_the_box(bot: Harness) -> None:
    """Revoking without the box is refused (still a housekeeper); ticked, it is done."""
    people = await crew(bot)
    async with bot.runtime.db.read() as tx:
        found = await bot.runtime.people.get(tx, people.zhang.id)
    assert found is not None
    async with staff_client(bot) as web:
        _, asked = await web.get(f"/people/{found.id}/revoke")
        assert 'name="sure"' in asked.split(f'action="/people/{found.id}/revoke"')[1]
        await _refused(web, f"/people/{found.id}/revoke")
        async with bot.runtime.db.read() as tx:
            assert await bot.runtime.people.has_role(tx, found.id, "housekeeper")
        status, _ = await web.post(f"/people/{found.id}/revoke", sure="on")
        assert status == 200
        async with bot.runtime.db.read() as tx:
            assert not await bot.runtime.people.has_role(tx, found.id, "housekeeper")


async def test_removing_a_document_needs_the_box(bot: Harness) -> None:
    """A document of an open application: its remove button has the box; posted without it
    (or with a crafted ``sure=off``) it is refused and the document stays; ticked, it goes.
    Its size reads in bytes (the retest saw a 50-byte file as "0 KB")."""
    await bot.settle_staff()
    browser = await signed_in(bot, bot.staff)
    try:
        path = "/providers/applications"
        await browser.get(path + "/new")
        _, _, path = await browser.post(path, details())
        await browser.post(path + "/documents", upload("licence", PDF, ahead(bot, 365)))
        _, page = await browser.get(path)
        documents = page.split('id="documents"')[1].split("</table>")[0]
        assert f"{len(PDF)} 字节" in documents and "0 KB" not in documents
        remove = f'action="{path}/documents/1/remove"'
        assert 'name="sure"' in documents.split(remove)[1].split("</form>")[0]
        for fields in ({}, {"sure": "off"}):
            status, page, _ = await browser.post(path + "/documents/1/remove", fields)
            assert status == 400 and "请先勾选「我确定」" in page
            assert f'<a href="{path}"' in page  # back to the application
        _, page = await browser.get(path)
        assert remove in page  # still there
        await browser.post(path + "/documents/1/remove", {"sure": "on"})
        _, page = await browser.get(path)
        assert remove not in page
    finally:
        await browser.session.close()
