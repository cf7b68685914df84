"""After an emergency written in a group, the group hears that someone is going and that it is
over, once each, without any address or name; a question there ("有人去看了吗？？") is answered
from the incident's state; a reporter who never opened a private chat is not written to
privately (the group line is theirs); the all-clear speaks of the incident, not of the reporter
as if they had been the person in danger (tester 1, session 15, S3). Real SQLite, the recording
outbox."""

from __future__ import annotations

from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind, State
from bot.domain.people import People
from tests.domain_support import rendered
from tests.incidents.test_service import World, _report, world  # noqa: F401  (the fixture)

GROUP = -1001234567890


async def _group_texts(x: World) -> list[str]:
    return await x.w.queued.texts(GROUP)


async def test_the_group_hears_going_once_and_safe_once(world: World) -> None:  # noqa: F811
    x = world
    await _report(x, "2栋楼道里冒黑烟了 好像是哪家着火了")
    async with x.w.tx() as tx:
        assert await x.responses.acknowledge(tx, 1, x.zhang) == State.ACKNOWLEDGED
        await x.responses.acknowledge(tx, 1, x.chen)  # a second responder: no second line
    going = await _group_texts(x)
    assert going == ["🏃 有管家正在赶过去，处理完会在群里告诉大家。"]
    async with x.w.tx() as tx:
        assert await x.responses.confirm_safe(tx, 1, x.zhang) == State.CLOSED
        await x.responses.add_note(tx, 1, x.zhang, "是3楼烧糊了锅，已经开窗通风")
    texts = await _group_texts(x)
    assert texts[1:] == ["✅ 已处理，工作人员确认现场安全。谢谢大家关心。"]
    for text in texts:  # no responder's name, no address, no note
        assert "张管家" not in text and "3-2-501" not in text and "烧糊" not in text
    keys = [m.key for m in await x.w.queued.all(GROUP)]
    assert keys == ["inc1:group:going", "inc1:group:safe"]


async def test_staff_going_is_named_by_role_and_english_reports_hear_english(
    world: World,  # noqa: F811
) -> None:
    x = world
    report = Report(Kind.FIRE, x.resident, GROUP, "业主群", 7, "there is smoke in the stairwell")
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, report)
        await x.responses.acknowledge(tx, 1, x.staff)
    assert (await _group_texts(x))[-1].startswith("🏃 Property staff are on the way")


async def test_a_private_report_tells_no_group(world: World) -> None:  # noqa: F811
    x = world
    report = Report(Kind.GAS, x.resident, x.resident.telegram_id, "", 7, "家里煤气味很重")
    async with x.w.tx() as tx:
        await x.emergencies.report(tx, report)
        await x.responses.acknowledge(tx, 1, x.zhang)
        await x.responses.confirm_safe(tx, 1, x.zhang)
    assert all(m.chat_id > 0 for m in await x.w.queued.all())


async def test_the_reporter_hears_the_incident_is_safe_not_that_they_are(world: World) -> None:  # noqa: F811
    x = world
    await _report(x)
    async with x.w.tx() as tx:
        await x.responses.acknowledge(tx, 1, x.zhang)
        await x.responses.confirm_safe(tx, 1, x.zhang)
    mine = await x.w.queued.texts(x.resident.telegram_id)
    assert "张管家 正在赶过去处理您报告的烟雾/火情，请注意安全。" in mine
    assert mine[-1] == "✅ 张管家 确认：您报告的烟雾/火情已处理，现场安全。谢谢您及时报告。"
    staff = "\n".join(await x.w.queued.texts(x.staff.telegram_id))
    assert "小李 平安" not in staff
    assert "✅ 张管家 确认：#1 烟雾/火情（小李 报告）已处理，现场安全。" in staff
    assert "🏃 张管家 正在赶过去（#1 烟雾/火情 · 小李 报告）。" in staff


async def test_a_reporter_without_a_private_chat_is_not_written_to(world: World) -> None:  # noqa: F811
    """小芳 wrote only in the group: Telegram would answer "Chat not found" for good, so no
    private message is queued for her at all (no failure, no alarm); the group line is hers."""
    x = world
    people = People(x.w.community, x.w.clock)
    async with x.w.tx() as tx:
        xiaofang, _ = await people.ensure(tx, 6010, "小芳", private=False)
        report = Report(Kind.FIRE, xiaofang, GROUP, "业主群", 9, "2栋楼道里冒黑烟了")
        await x.emergencies.report(tx, report)
        await x.responses.acknowledge(tx, 1, x.zhang)
        await x.responses.confirm_safe(tx, 1, x.zhang)
    assert await x.w.queued.texts(6010) == []
    assert len(await _group_texts(x)) == 2


async def test_a_question_in_the_group_is_answered_from_the_state(world: World) -> None:  # noqa: F811
    x = world
    await _report(x, "2栋楼道里冒黑烟了")
    news = x.emergencies.news
    async with x.w.tx() as tx:
        nobody = await news.asked(tx, GROUP, x.staff, 20, "有人去看了吗？？")
    assert nobody is not None
    assert rendered(nobody).startswith("⏳ 还没有人确认出发，已再次提醒物业值班人员和管家")
    passed = (await x.w.queued.texts(x.zhang.telegram_id))[-1]
    assert "有人去看了吗？？" in passed
    async with x.w.tx() as tx:
        assert await news.asked(tx, GROUP, x.staff, 21, "今天天气不错") is None
        await x.responses.acknowledge(tx, 1, x.zhang)
        going = await news.asked(tx, GROUP, x.staff, 22, "anyone coming?")
    assert going is not None
    assert rendered(going, "en").startswith("🏃 A housekeeper is on the way")
    async with x.w.tx() as tx:
        await x.responses.confirm_safe(tx, 1, x.zhang)
        assert await news.asked(tx, GROUP, x.staff, 23, "有人去看了吗") is None  # over
