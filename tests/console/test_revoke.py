"""Revoking someone from the console, through its real aiohttp app against the running bot: a
page saying what will happen first; never oneself; a leaving grid worker's elders handed to
another grid worker of their building (or staff told); the person left out of the export."""

from __future__ import annotations

from bot.ops.setup_file import export_setup
from tests.booking_steps import book, crew, offer_to, press
from tests.console.pages_support import staff_client
from tests.harness import Harness


async def person_id(bot: Harness, telegram_id: int) -> int:
    async with bot.runtime.db.read() as tx:
        found = await bot.runtime.people.get(tx, telegram_id)
    assert found is not None
    return found.id


async def exported(bot: Harness) -> str:
    return await export_setup(bot.runtime.db, bot.runtime.community, bot.clock.now())


async def test_revoking_a_lone_grid_worker_shows_what_happens_then_tells_staff(
    bot: Harness,
) -> None:
    """张管家 is the only grid worker of building 3: the page says 王阿姨 will have nobody and
    staff will be told; nothing changes until confirmed; then staff are told by name."""
    people = await crew(bot)
    zhang = await person_id(bot, people.zhang.id)
    async with staff_client(bot) as web:
        status, page = await web.get(f"/people/{zhang}/revoke")
        assert status == 200 and "管家 · 张管家" in page and "hk_zhang" not in page
        assert "王阿姨" in page and "同楼栋没有其他网格员" in page and "确认撤销" in page
        async with bot.runtime.db.read() as tx:  # only a page: nothing changed yet
            assert await bot.runtime.people.has_role(tx, zhang, "housekeeper")
        status, page = await web.post(f"/people/{zhang}/revoke", sure="on")
        assert status == 200 and "✓ 已撤销，立即生效" in page.split('id="saved"')[1]
        assert people.zhang.first_name not in page.split('id="people"')[1].split("</table>")[0]
        # 王阿姨's grid worker is named and marked revoked, not listed as if still there
        _, page = await web.get("/people")
        elders = page.split('id="elders"')[1].split("</table>")[0]
        assert "张管家" in elders and "已撤销权限" in elders and "hk_zhang" not in elders
    told = await bot.sb.wait_for_message(bot.staff.id, contains="没有网格员")
    assert "王阿姨" in told.content and "张管家" in told.content and "501" not in told.content
    # /care's gaps say he was revoked, not that he "has not joined the bot"
    care = await bot.ask(bot.staff, "/care", contains="张管家")
    assert "已被撤销权限" in care.content and "还没有加入" not in care.content


async def test_a_revoked_grid_workers_elders_go_to_another_of_their_building(
    bot: Harness,
) -> None:
    """许管家 looks after 王阿姨 (building 3), which 张管家 covers too: revoked, 王阿姨 goes to
    张管家, and 许管家's entry leaves the setup, so `concierge export` no longer names her."""
    people = await crew(bot)
    async with bot.runtime.db.tx() as tx:
        setup = bot.runtime.setup
        await setup.put(
            tx, "test", "housekeepers", {"key": "hk_xu", "name": "许管家", "buildings": ["3"]}
        )
        wang = next(e for e in (await setup.sections(tx))["elders"] if e["key"] == "elder_wang")
        await setup.put(tx, "test", "elders", {**wang, "grid_worker": "hk_xu"})
    xu = bot.person(2003, "许管家")
    await bot.join(xu, "housekeeper", "hk_xu")
    xu_id = await person_id(bot, xu.id)
    assert "hk_xu" in await exported(bot)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{xu_id}/revoke")
        assert "王阿姨 → 张管家" in page
        await web.post(f"/people/{xu_id}/revoke", sure="on")
    text = await exported(bot)
    assert "hk_xu" not in text and "许管家" not in text
    elder = bot.runtime.community.elder("elder_wang")
    assert elder is not None and elder.grid_worker == "hk_zhang"
    assert people.zhang.id  # 张管家 keeps his roles
    async with bot.runtime.db.read() as tx:
        action = await tx.scalar(
            "SELECT COUNT(*) FROM audit WHERE action = 'setup_elders_put'"
            " AND actor LIKE 'person:%'"
        )
    assert action == 1  # the hand-over is audited with the staff member


async def test_staff_cannot_revoke_themselves(bot: Harness) -> None:
    """The page says why and has no button; a forged POST is refused the same way."""
    await bot.settle_staff()
    me = await person_id(bot, bot.staff.id)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{me}/revoke")
        assert "不能撤销你自己" in page and "确认撤销" not in page
        roles = page.split("id='roles'>")[1].split("</ul>")[0]
        assert roles.count("工作人员") == 1, roles  # in the file and granted: one role
        status, page = await web.post(f"/people/{me}/revoke", sure="on")
        assert status == 409 and "不能撤销你自己" in page
        _, page = await web.get("/people")
        assert "刘主任" in page  # still staff, still signed in


async def test_a_revoked_person_who_sends_start_is_told_politely(bot: Harness) -> None:
    """Revoked, 陈管家 hears nothing more from the bot, but /start is answered (zh), saying he
    was revoked and whom to ask; a new invite redeemed still works."""
    people = await crew(bot)
    chen = await person_id(bot, people.chen.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{chen}/revoke", sure="on")
    told = await bot.ask(people.chen, "/start", contains="撤销")
    assert "物业服务中心" in told.content and "/console" not in told.content
    again = await bot.ask(people.chen, "/console", contains="撤销")  # no link, told why
    assert "/login/" not in again.content


async def test_revoking_a_worker_takes_his_accepted_job_back_and_moves_it_on(
    bot: Harness,
) -> None:
    """赵阿姨 accepted #1 (door code in it): the revoke page names #1; revoked, her job
    message loses the address and door code, the resident is told she no longer works here and
    who is asked now, the job leaves her, and no reminder about her is left."""
    people = await crew(bot)
    resident = bot.person(5030, "小李")
    await book(bot, resident, door="8866#")
    job = await offer_to(bot, people.zhao)
    await press(bot, people.zhao, job, "✅ 接单")
    await bot.sb.wait_for(lambda: any("3-2-501" in m.content for m in bot.sb.sent(people.zhao.id)))
    zhao = await person_id(bot, people.zhao.id)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{zhao}/revoke")
        jobs = page.split("id='jobs'")[1].split("</ul>")[0]
        assert 'href="/bookings/1"' in jobs and "已接单" in jobs
        await web.post(f"/people/{zhao}/revoke", sure="on")
        told = await bot.sb.wait_for_message(resident.id, contains="不再为本小区服务")
        assert "赵阿姨" in told.content
        await bot.sb.wait_idle(quiet=0.2)
        for message in bot.sb.messages(people.zhao.id):
            assert "3-2-501" not in message.content and "8866" not in message.content
            assert not [b for b in message.button_texts if "到达" in b or "完成" in b]
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, assignee_id FROM bookings WHERE id = 1")
        reminders = await tx.scalar(
            "SELECT COUNT(*) FROM deadlines WHERE name LIKE 'bk:1:remind:%' AND status = 'pending'"
        )
    assert row is not None and row["assignee_id"] != zhao
    assert row["status"] in ("offered", "unassigned")
    assert reminders == 0
    # her words no longer reach the resident (the line is closed); she is told why, politely
    heard = len(bot.sb.sent(resident.id))
    told = await bot.ask(
        people.zhao, "明天下午我自己过来，3-2-501对吧", contains="撤销", timeout=15
    )
    assert "物业服务中心" in told.content
    await bot.ask(people.zhao, "/console", contains="撤销", timeout=15)
    await bot.sb.wait_idle(quiet=0.2)
    assert len(bot.sb.sent(resident.id)) == heard


async def test_an_offer_only_a_revoked_worker_got_moves_on_at_once(bot: Harness) -> None:
    """#1 is offered to 洁家家政, whose only member is 赵阿姨: revoked before she answers, her
    offer loses its buttons and the job goes to the next provider now, not at the end of the
    response window; the resident is told."""
    people = await crew(bot)
    resident = bot.person(5031, "小陈")
    await book(bot, resident)
    await offer_to(bot, people.zhao)
    zhao = await person_id(bot, people.zhao.id)
    async with staff_client(bot) as web:
        _, page = await web.get(f"/people/{zhao}/revoke")
        assert 'href="/bookings/1"' in page.split("id='jobs'")[1]
        await web.post(f"/people/{zhao}/revoke", sure="on")
    await bot.sb.wait_for_message(resident.id, contains="改派")
    async with bot.runtime.db.read() as tx:
        row = await tx.one("SELECT status, attempt FROM bookings WHERE id = 1")
    assert row is not None and (row["status"], row["attempt"]) != ("offered", 0)
    await bot.sb.wait_idle(quiet=0.2)
    offers = [m for m in bot.sb.messages(people.zhao.id) if "✅ 接单" in m.button_texts]
    assert not offers


async def test_a_provider_whose_members_are_all_revoked_is_no_longer_quoted(
    bot: Harness,
) -> None:
    """快修师傅's only member 孙师傅 is revoked: a resident asking the range-hood price is
    quoted 洁家家政 alone, not a provider nobody could come from."""
    people = await crew(bot)
    before = await bot.ask(bot.person(5032, "小王"), "洗油烟机多少钱")
    assert "快修师傅" in before.content
    sun = await person_id(bot, people.sun.id)
    async with staff_client(bot) as web:
        await web.post(f"/people/{sun}/revoke", sure="on")
    after = await bot.ask(bot.person(5033, "小赵"), "洗油烟机多少钱")
    assert "洁家家政" in after.content and "快修师傅" not in after.content
