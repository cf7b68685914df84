"""Session 15, tester 1 (S2, M4, M6): what the writer reads and how responders name it.

A missing child or a lost child found reads 走失 for responders, not 呼救; the found child's
advice is to stay with them, call 110 and tell the gate; gas left on by someone away asks
someone who can get there to shut it; a dog attacking gets advice for a dog; a beating heard
through the wall gets the police advice. In a group, a follow-up to an open emergency, from
its writer or from someone else, gets one short line, not the whole advice again; the words
still reach the responders.
"""

from __future__ import annotations

from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind
from bot.i18n import T
from intents.emergency import detect_emergency
from tests.domain_support import rendered
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)

GROUP = -1001234567890
_MESSAGES = iter(range(7, 1000))


async def _write(x: World, words: str, chat: int | None = None, writer: object = None) -> str:
    """`words` as the bot reads them, from the resident (or `writer`), privately by default."""
    found = detect_emergency(words)
    assert found is not None, words
    person = writer or x.resident
    where = chat if chat is not None else person.telegram_id  # type: ignore[attr-defined]
    title = "业主群" if where < 0 else ""
    report = Report(Kind(found.kind), person, where, title, next(_MESSAGES), words)  # type: ignore[arg-type]
    async with x.w.tx() as tx:
        return rendered(await x.emergencies.report(tx, report))


async def _staff(x: World) -> str:
    return "\n".join(await x.w.queued.texts(x.staff.telegram_id))


async def test_a_lost_child_found_is_stay_with_them_and_reads_missing(world: World) -> None:  # noqa: F811
    answer = await _write(world, "西门口有个小孩一个人在哭 说找不到妈妈了")
    assert "陪着孩子" in answer and "110" in answer and "门岗" in answer
    staff = await _staff(world)
    assert "走失" in staff and "呼救" not in staff


async def test_a_missing_child_reads_missing_for_responders(world: World) -> None:  # noqa: F811
    answer = await _write(world, "我家孩子不见了 刚才还在4栋楼下")
    assert "110" in answer
    staff = await _staff(world)
    assert "走失" in staff and "呼救" not in staff


async def test_gas_left_on_while_away_asks_someone_who_can_get_there(world: World) -> None:  # noqa: F811
    answer = await _write(world, "家里煤气好像没关 我现在在外地 怎么办")
    assert "物业" in answer and "邻居" in answer and "不要点火" in answer
    assert "请马上离开房间" not in answer  # the writer is not in the room


async def test_a_dog_attacking_gets_advice_for_a_dog(world: World) -> None:  # noqa: F811
    answer = await _write(world, "有只大狗在小区里追着孩子咬")
    assert "狂犬" in answer and "110" in answer and "持刀" not in answer
    assert "120" in answer  # a bite that bleeds a lot


async def test_a_beating_heard_through_the_wall_gets_the_police_advice(world: World) -> None:  # noqa: F811
    answer = await _write(world, "楼上在吵架 听到女的在喊救命 还有砸东西的声音")
    assert "110" in answer and "不要上前阻拦" in answer
    assert "暴力" in await _staff(world)


async def test_a_follow_up_in_the_group_gets_one_short_line(world: World) -> None:  # noqa: F811
    x = world
    first = await _write(x, "2栋楼道里冒黑烟了 好像是哪家着火了", chat=GROUP)
    assert "119" in first
    short = rendered(T("incidents.joined_short"))
    again = await _write(x, "烟越来越大了 我们已经下楼了", chat=GROUP)
    assert again == short
    neighbour = await _write(x, "是2栋吧 烟很大", chat=GROUP, writer=x.zhang)
    assert neighbour == short
    staff = await _staff(x)
    assert "烟越来越大了 我们已经下楼了" in staff and "是2栋吧 烟很大" in staff


async def test_the_same_fire_written_privately_still_gets_the_advice(world: World) -> None:  # noqa: F811
    x = world
    await _write(x, "2栋楼道里冒黑烟了 好像是哪家着火了", chat=GROUP)
    assert "119" in await _write(x, "烟越来越大了 我们已经下楼了")
