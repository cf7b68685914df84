"""Session 14, item 1: one incident per writer. A resident who writes "楼下着火了", then "烟好大",
then "快来人" about one fire makes one incident: staff read the later messages as the
reporter writing again under the same number, not as new emergencies. Another kind of
danger (gas after fire), a cry that names a danger of its own, or anything after the
incident is closed is its own incident."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind, State
from bot.i18n import T
from intents.emergency import detect_emergency
from tests.domain_support import rendered
from tests.incidents.test_service import World, world  # noqa: F401  (the fixture)

GROUP, OTHER = -1001234567890, -1009876543210


async def _write(x: World, words: str, chat: int = GROUP, message: int = 7) -> str:
    """The resident writes `words` (read as the bot reads them) in `chat`; the answer."""
    found = detect_emergency(words)
    assert found is not None, words
    title = "业主群" if chat < 0 else ""
    report = Report(Kind(found.kind), x.resident, chat, title, message, words)
    async with x.w.tx() as tx:
        return rendered(await x.emergencies.report(tx, report))


async def _open(x: World) -> list[Kind]:
    async with x.w.db.read() as tx:
        return [i.kind for i in await x.incidents.repo.open_incidents(tx)]


async def test_a_writers_follow_ups_and_cry_join_the_one_incident(world: World) -> None:  # noqa: F811
    x = world
    await _write(x, "楼下着火了", message=7)
    x.w.clock.advance(timedelta(minutes=1))
    await _write(x, "烟好大", message=8)
    x.w.clock.advance(timedelta(minutes=1))
    answer = await _write(x, "快来人", message=9)
    assert await _open(x) == [Kind.FIRE]
    # joined to the fire: in the group that read its advice, one short line (tester1 M6),
    # never a bare cry's advice
    assert answer == rendered(T("incidents.joined_short"))
    staff = await x.w.queued.texts(x.staff.telegram_id)
    again = [
        rendered(T("incidents.wrote_again", id=1, who="小李", words=w))
        for w in ("烟好大", "快来人")
    ]
    assert all(line in staff for line in again), staff
    assert not any("又有人" in t for t in staff)  # the reporter is not "someone else"
    assert sum("楼下着火了" in t and "#1" in t for t in staff) == 1  # alerted once
    en = rendered(T("incidents.wrote_again", id=1, who="小李", words="快来人"), "en")
    assert "小李 (reporter) wrote again" in en


async def test_a_cry_with_a_danger_of_its_own_or_another_kind_is_its_own(world: World) -> None:  # noqa: F811
    x = world
    await _write(x, "楼下着火了")
    await _write(x, "有人在楼顶要跳下来", message=8)
    await _write(x, "家里煤气味很重", message=9)
    assert await _open(x) == [Kind.FIRE, Kind.HELP, Kind.GAS]


async def test_after_the_incident_is_closed_the_same_words_open_a_new_one(world: World) -> None:  # noqa: F811
    x = world
    await _write(x, "楼下着火了")
    async with x.w.tx() as tx:
        assert await x.responses.confirm_safe(tx, 1, x.staff) == State.CLOSED
    x.w.clock.advance(timedelta(minutes=2))
    await _write(x, "快来人", message=8)
    await _write(x, "又着火了", message=9)
    assert await _open(x) == [Kind.HELP, Kind.FIRE]


async def test_the_same_writer_in_another_chat_joins_within_half_an_hour(world: World) -> None:  # noqa: F811
    """The writer posts the same fire in a second group, and privately: one incident; staff
    read where they wrote again. Past half an hour, another group's report is its own."""
    x = world
    await _write(x, "楼下着火了")
    x.w.clock.advance(timedelta(minutes=3))
    answer = await _write(x, "着火了 烟好大", chat=OTHER, message=3)
    await _write(x, "快来人", chat=x.resident.telegram_id, message=4)
    assert await _open(x) == [Kind.FIRE]
    assert "119" in answer and "已通知" in answer
    staff = await x.w.queued.texts(x.staff.telegram_id)
    where = T("incidents.where_group", chat="业主群")
    line = T("incidents.wrote_again_in", id=1, who="小李", where=where, words="着火了 烟好大")
    assert rendered(line) in staff and "又在群「业主群」写道" in rendered(line)
    private = T("incidents.where_private")
    cry = T("incidents.wrote_again_in", id=1, who="小李", where=private, words="快来人")
    assert rendered(cry) in staff
    x.w.clock.advance(timedelta(minutes=30))
    await _write(x, "着火了", chat=OTHER, message=5)
    assert await _open(x) == [Kind.FIRE, Kind.FIRE]
