"""A second fault said while a work order waits for its note (tester t1, item 4): "3栋停电了，
整栋楼都没电" after "2栋的单元门坏了，关不上" is never the door's note; it is a work order of its
own, taken up once the door report is submitted, with what and where read from its words."""

from __future__ import annotations

from tests.booking_steps import crew, press
from tests.harness import Harness


async def test_a_second_fault_at_the_note_step_is_its_own_work_order(bot: Harness) -> None:
    await crew(bot)
    resident = bot.person(6101, "老许")
    note = await bot.ask(resident, "2栋的单元门坏了，关不上", contains="告诉维修人员")
    kept = await bot.ask(resident, "3栋停电了，整栋楼都没电", contains="另一处")
    assert "告诉维修人员" in kept.content  # the door report's note is asked again
    await press(bot, resident, kept, "跳过")
    confirm = await bot.sb.wait_for_message(resident.id, contains="请确认", after=note)
    assert "停电" not in confirm.content and "2栋" in confirm.content
    await press(bot, resident, confirm, "✅ 提交报修")
    second = await bot.sb.wait_for_message(
        resident.id, contains="告诉维修人员", after=confirm.message_id
    )
    await press(bot, resident, second, "跳过")
    again = await bot.sb.wait_for_message(resident.id, contains="请确认", after=second.message_id)
    assert "停电" in again.content and "3栋" in again.content, again.content
    await press(bot, resident, again, "✅ 提交报修")
    await bot.sb.wait_idle(quiet=0.2)
    async with bot.runtime.db.read() as tx:
        rows = await tx.all(
            "SELECT issue, building, note FROM bookings WHERE kind = 'work_order'"
            " AND status <> 'draft' ORDER BY id"
        )
    found = [(r["issue"], r["building"]) for r in rows]
    assert found == [("door", "2"), ("power", "3")], found
    assert "停电" not in (rows[0]["note"] or "")
