"""People and Notices edited in the console, through its real aiohttp app against the running
bot: each change audited with the staff member and in place for the next request, no restart."""

from __future__ import annotations

from datetime import time, timedelta

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def audited(bot: Harness, action: str) -> int:
    async with bot.runtime.db.read() as tx:
        found = await tx.scalar(
            "SELECT COUNT(*) FROM audit WHERE action = ? AND actor LIKE 'person:%'", (action,)
        )
    return int(found or 0)


async def test_add_staff_housekeeper_and_edit_an_elder(bot: Harness) -> None:
    async with staff_client(bot) as web:
        status, page = await web.post("/setup/staff", telegram_id="1002", name="周主任")
        assert status == 200 and "周主任" in page.split('id="staff"')[1]
        assert 1002 in bot.runtime.community.staff_ids()
        await web.post("/setup/housekeepers", key="hk_xu", name="许管家", buildings="3栋 4")
        _, page = await web.get("/setup/housekeepers/hk_xu")
        assert 'value="3 4"' in page
        await web.post("/setup/housekeepers", key="hk_xu", name="许管家", buildings="3 4 5")
        keeper = next(h for h in bot.runtime.community.housekeepers if h.key == "hk_xu")
        assert keeper.buildings == ["3", "4", "5"]
        _, page = await web.get("/setup/elders/elder_wang")
        assert "3栋2单元501" in page and "王小明 女儿" in page
        # the grid worker is picked by name (the key stays internal), the title names her
        assert '<select name="grid_worker">' in page and ">张管家 · 1 2 3</option>" in page
        assert "修改 · 王阿姨" in page and '<option value="high"' in page
        status, _ = await web.post(
            "/setup/elders",
            key="elder_wang",
            name="王阿姨",
            address="3栋2单元501",
            checkin_times="08:30",
            grid_worker="张管家",  # the name People shows works as well as the key
        )
        assert status == 200
        elder = bot.runtime.community.elder("elder_wang")
        assert elder is not None and elder.grid_worker == "hk_zhang"
        status, _ = await web.post(
            "/setup/elders",
            key="elder_wang",
            name="王阿姨",
            address="3栋2单元501",
            checkin_times="10:00",
            grid_worker="hk_xu",
            risk="high",
            family="王小明 女儿\n王小红 孙女",
        )
        assert status == 200
        elder = bot.runtime.community.elder("elder_wang")
        assert elder is not None and elder.checkin_times == [time(10, 0)]
        assert elder.grid_worker == "hk_xu" and [f.name for f in elder.family] == [
            "王小明",
            "王小红",
        ]
        status, page = await web.post(
            "/setup/elders",
            key="elder_wang",
            name="王阿姨",
            checkin_times="ten",
            grid_worker="hk_xu",
        )
        assert status == 400 and "08:30" in page
        status, page = await web.post(
            "/setup/housekeepers", key="hk_zhang", name="张管家", buildings="99"
        )
        assert status == 400 and "本小区没有 99 栋" in page  # at the field, in words
    assert await audited(bot, "setup_staff_put") == 1
    assert await audited(bot, "setup_housekeepers_put") >= 2
    async with bot.runtime.db.read() as tx:
        detail = await tx.scalar("SELECT detail FROM audit WHERE action = 'setup_elders_put'")
    assert "501" not in str(detail)  # the audit never keeps an address


async def test_notices_recurring_listed_edited_removed_and_one_off_scheduled(
    bot: Harness,
) -> None:
    async with staff_client(bot) as web:
        _, page = await web.get("/notices")
        recurring = page.split('id="recurring"')[1]
        assert "veg_stall" in recurring and "周三 周六 07:30" in recurring
        assert "wed sat" not in recurring  # days in words, not codes
        await web.post(
            "/setup/notices", id="water", text_zh="周六上午停水检修", days="sat", post_at="8:00"
        )
        _, page = await web.get("/notices")
        assert "周六 08:00" in page.split('id="recurring"')[1]
        await web.post(
            "/setup/notices", id="water", text_zh="周日上午停水检修", days="sun", post_at="8:00"
        )
        assert [n.days for n in bot.runtime.community.notices if n.id == "water"] == [["sun"]]
        await web.post("/notices/recurring/water/remove", sure="on")
        assert all(n.id != "water" for n in bot.runtime.community.notices)
        status, page = await web.post("/notices/new", when="明天 18:00", text="明晚消防演练")
        assert status == 200 and "明晚消防演练" in page.split('id="notices"')[1]
        status, _ = await web.post("/notices/new", when="sometime", text="x")
        assert status == 400
    assert await audited(bot, "setup_notices_put") == 2
    assert await audited(bot, "setup_notices_removed") == 1


async def test_a_one_off_notice_goes_to_the_chosen_groups_and_an_edit_moves_it(
    bot: Harness,
) -> None:
    """Ticked groups only; an edited notice goes out with its new text at its new time."""
    first = await bot.group(-1001, "香溪美地业主群")
    second = await bot.group(-1002, "3栋邻里群")
    async with staff_client(bot) as web:
        _, page = await web.get("/notices")
        assert "3栋邻里群" in page
        status, page = await web.post(
            "/notices/new", when="今天 10:00", text="3栋电梯检修", chat=str(second.id)
        )
        assert status == 200 and "1 个群" in page.split('id="notices"')[1]
        await web.post("/notices/new", when="今天 11:00", text="全体停电通知")
        _, page = await web.get("/notices/2/edit")
        assert "全体停电通知" in page
        status, _ = await web.post("/notices/2/edit", when="今天 12:00", text="全体停电通知（改）")
        assert status == 200
    await bot.advance(timedelta(hours=3))  # 11:00: the 10:00 one is out, not the moved one
    await bot.sb.wait_idle(quiet=0.2)
    assert not any("全体停电通知" in m.content for m in bot.sb.sent(first.id))
    await bot.advance(timedelta(hours=1, minutes=5))
    await bot.sb.wait_idle(quiet=0.2)
    said = {chat: [m.content for m in bot.sb.sent(chat)] for chat in (first.id, second.id)}
    assert any("3栋电梯检修" in t for t in said[second.id])
    assert not any("3栋电梯检修" in t for t in said[first.id])
    for chat in (first.id, second.id):
        assert any("全体停电通知（改）" in t for t in said[chat])
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM audit WHERE action = 'notice_edited'") == 1


async def test_a_recurring_notices_days_are_ticked_boxes_named_in_words(bot: Harness) -> None:
    """The form asks for days with boxes 周一…周日 (Mon…Sun in English), not codes; the ticked
    ones are saved in week order; the edit form has them ticked; "sat wed" typed in one field
    (the older form, a script) is still taken; none ticked is refused, saying what to do."""
    async with staff_client(bot) as web:
        _, page = await web.get("/notices")
        boxes = page.split('id="days"')[1].split("</fieldset>")[0]
        assert "mon tue" not in page and "周一" in boxes and "周日" in boxes
        assert boxes.count('type="checkbox" name="days"') == 7
        fields = [("id", "water"), ("text_zh", "停水检修"), ("post_at", "8:00")]
        status, _ = await web.post_pairs(
            "/setup/notices", [*fields, ("days", "sat"), ("days", "wed")]
        )
        assert status == 200
        assert [n.days for n in bot.runtime.community.notices if n.id == "water"] == [
            ["wed", "sat"]
        ]
        _, page = await web.get("/setup/notices/water")
        boxes = page.split('id="days"')[1].split("</fieldset>")[0]
        assert 'value="wed" checked' in boxes and 'value="sat" checked' in boxes
        assert 'value="mon" checked' not in boxes
        await web.post(
            "/setup/notices", id="water", text_zh="停水", days="sun mon", post_at="9:00"
        )
        assert [n.days for n in bot.runtime.community.notices if n.id == "water"] == [
            ["mon", "sun"]
        ]
        status, page = await web.post_pairs("/setup/notices", fields)
        assert status == 400 and "请至少勾选一天" in page
    await bot.ask(bot.staff, "/language en")
    async with staff_client(bot) as web:
        _, page = await web.get("/notices")
        boxes = page.split('id="days"')[1].split("</fieldset>")[0]
        assert "Mon" in boxes and "Sun" in boxes and "Days it is posted" in boxes
