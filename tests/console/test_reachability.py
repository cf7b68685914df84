"""Who the bot cannot reach (tester finding, session 13): the pure core's tables on the sample
community (staff 刘主任 1001; 张管家 grid worker of 王阿姨, high risk; 陈管家 of 李大爷; both on
the emergency duty list; one member in each of three providers), then the Today and Care pages
through the running console."""

from __future__ import annotations

import pytest

from bot.config import Community, Housekeeper, Member, load_community
from bot.domain.checkins.gaps import Gap
from bot.domain.console.reachability import file_gaps, silent_people
from tests.booking_steps import crew
from tests.console.pages_support import staff_client
from tests.harness import Harness

SAMPLE = load_community()


def _with(**changes: object) -> Community:
    return SAMPLE.model_copy(update=changes)


def test_nobody_joined_yet_staff_first_then_the_high_risk_elders_grid_worker() -> None:
    """Nothing reached: staff, 张管家 (王阿姨, high risk), 陈管家 (李大爷), then members."""
    found = silent_people(SAMPLE, set(), set(), set())
    assert [(s.name, s.role) for s in found[:3]] == [
        ("刘主任", "staff"),
        ("张管家", "grid_worker"),
        ("陈管家", "grid_worker"),
    ]
    assert found[1].elders == ("王阿姨",) and found[1].ladder
    assert {s.name for s in found[3:]} == {"王师傅", "赵阿姨", "孙师傅"}
    assert all(s.role == "provider" and not s.ladder for s in found[3:])


def test_whoever_opened_a_chat_is_not_listed() -> None:
    """Staff who sent /start, a grid worker holding the role, a provider one member of which
    joined: none listed."""
    found = silent_people(SAMPLE, {1001}, {"hk_zhang"}, {"jiejia", "kuaixiu"})
    assert [s.name for s in found] == ["陈管家", "王师傅"]


def test_a_member_named_by_id_is_listed_until_they_open_a_chat() -> None:
    """A member with a Telegram id in the file counts by that id, not by their provider."""
    members = [*SAMPLE.providers[1].members, Member(name="钱师傅", telegram_id=4242)]
    providers = [
        SAMPLE.providers[0],
        SAMPLE.providers[1].model_copy(update={"members": members}),
        *SAMPLE.providers[2:],
    ]
    community = _with(providers=providers)
    everyone = {"property_team", "jiejia", "kuaixiu"}
    assert [
        s.name for s in silent_people(community, {1001}, {"hk_zhang", "hk_chen"}, everyone)
    ] == ["钱师傅"]
    assert silent_people(community, {1001, 4242}, {"hk_zhang", "hk_chen"}, everyone) == []


def test_a_housekeeper_without_elders_ranks_after_grid_workers() -> None:
    """A housekeeper with no elders, not on the duty list, is on no ladder: after them."""
    keepers = [*SAMPLE.housekeepers, Housekeeper(key="hk_he", name="何管家", buildings=["7"])]
    community = _with(housekeepers=keepers)
    found = silent_people(community, {1001}, set(), {"property_team", "jiejia", "kuaixiu"})
    assert [(s.name, s.role) for s in found] == [
        ("张管家", "grid_worker"),
        ("陈管家", "grid_worker"),
        ("何管家", "housekeeper"),
    ]


BOTH = {"elder_wang", "elder_li"}  # both elders sent /start


@pytest.mark.parametrize(
    ("staff", "keepers", "revoked", "gaps"),
    [
        (True, {"hk_zhang", "hk_chen"}, set(), []),
        (True, {"hk_chen"}, set(), [Gap("grid_worker", ("王阿姨",), "张管家")]),
        (True, {"hk_chen"}, {"hk_zhang"}, [Gap("grid_worker", ("王阿姨",), "张管家", True)]),
        (False, {"hk_zhang", "hk_chen"}, set(), [Gap("staff", ("王阿姨", "李大爷"))]),
    ],
)
def test_ladder_steps_reaching_nobody(
    staff: bool, keepers: set[str], revoked: set[str], gaps: list[Gap]
) -> None:
    """The staff step (every elder) and each grid worker's (their elders)."""
    assert file_gaps(SAMPLE, staff, keepers, revoked, BOTH) == gaps


def test_an_elder_who_never_sent_start_is_a_gap_unless_she_has_no_telegram() -> None:
    """李大爷 never sent /start: her own step (the greeting, her 🆘 button) reaches nobody, a
    gap after the grid workers'; an elder enrolled without Telegram (checked by proxy) is not."""
    everyone = {"hk_zhang", "hk_chen"}
    assert file_gaps(SAMPLE, True, everyone, set(), {"elder_wang"}) == [Gap("elder", ("李大爷",))]
    elders = [SAMPLE.elders[0], SAMPLE.elders[1].model_copy(update={"has_telegram": False})]
    assert file_gaps(_with(elders=elders), True, everyone, set(), {"elder_wang"}) == []


async def test_today_and_care_name_who_cannot_be_reached_until_they_join(bot: Harness) -> None:
    """Before anyone but staff joined: Today lists 张管家 first (a high-risk elder's grid worker)
    with the /start words, and the gaps per elder with a link to People; Care shows the gaps.
    Once everyone joined, neither is there."""
    async with staff_client(bot) as web:
        _, today = await web.get("/")
        assert 'id="silent"' in today and "尚未在 Telegram 中对机器人发送 /start" in today
        silent = today.split('id="silent"', 1)[1]
        assert silent.index("张管家") < silent.index("陈管家") < silent.index("王师傅")
        assert "刘主任" not in silent  # staff opened a chat (signed in by /console)
        gaps = today.split('id="gaps"', 1)[1]
        assert "王阿姨" in gaps and "张管家" in gaps and 'href="/people"' in gaps
        _, care = await web.get("/care")
        assert 'id="gaps"' in care and "李大爷" in care.split('id="gaps"', 1)[1]
        await bot.ask(bot.staff, "/language en")
        _, english = await web.get("/")
        assert "not sent /start to the bot" in english
        await bot.ask(bot.staff, "/language zh")
    await crew(bot)
    async with staff_client(bot) as web:
        _, today = await web.get("/")
        assert 'id="silent"' not in today
        gaps = today.split('id="gaps"', 1)[1]  # the elders themselves never sent /start
        assert "王阿姨 还没有对机器人发送 /start，机器人联系不到本人" in gaps and "李大爷" in gaps
        assert "李大爷" in (await web.get("/care"))[1].split('id="gaps"', 1)[1]
    for tid, name, key in ((4001, "王阿姨", "elder_wang"), (4002, "李大爷", "elder_li")):
        answer = await bot.ask(bot.staff, f"/invite elder {key}", contains="邀请链接")
        url = next(b["url"] for b in answer.buttons if "url" in b)
        elder = bot.person(tid, name)
        started = await bot.sb.press_start(elder, str(url).rsplit("start=", 1)[1])
        await bot.sb.wait_for_message(elder.id, after=started.message_id)
    async with staff_client(bot) as web:
        _, today = await web.get("/")
        assert 'id="silent"' not in today and 'id="gaps"' not in today
        assert 'id="gaps"' not in (await web.get("/care"))[1]
