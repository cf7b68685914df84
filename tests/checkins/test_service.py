"""Check-in use cases on a real database: state read back through the repository, the deadline
rows written, and what the outbox queued (keys, buttons, texts rendered through the catalogue)."""

from __future__ import annotations

from datetime import time, timedelta

from bot.deadlines import Deadline
from bot.domain.checkins.contract import Action
from bot.domain.checkins.forms import Enrolment
from bot.domain.checkins.model import CheckinState, Mood, VisitState
from bot.domain.checkins.signs import PressRefusal
from bot.domain.checkins.visits import MoodOutcome
from bot.domain.checkins.wrote import Outcome
from bot.domain.incidents.model import Cause
from bot.i18n import T
from intents.welfare import WelfareLevel
from tests.checkins.conftest import DAUGHTER_TG, STAFF_TG, WANG_TG, ZHANG_TG, Care
from tests.domain_support import rendered
from tests.harness import START as NOW

SLOT, SLOT2 = "2026-11-28T08:00", "2026-11-28T08:30"
PING = f"ci:elder_wang:{SLOT}:ping"
MIN = timedelta(minutes=1)


def actions(care: Care, data: list[str]) -> list[str]:
    """The actions of signed button data."""
    found = [care.world.signer.verify(d) for d in data]
    return [f.action for f in found if f is not None]


async def test_two_times_in_one_hour_are_two_pings(care: Care) -> None:
    """08:00 and 08:30 both plan, both ping, and each is its own check-in."""
    pings = await care.pending("ci:elder_wang:2026-11-28")
    assert pings == [PING, f"ci:elder_wang:{SLOT2}:ping"]
    await care.run(PING)
    care.world.clock.advance(30 * MIN)
    await care.run(f"ci:elder_wang:{SLOT2}:ping")
    first, second = await care.checkin(SLOT), await care.checkin(SLOT2)
    assert first.id != second.id and first.state == second.state == CheckinState.PINGED
    assert [m.key for m in await care.world.queued.all(WANG_TG)] == [
        f"ci{first.id}:ping",
        f"ci{second.id}:ping",
    ]


async def test_a_ping_greets_with_three_answers_and_schedules_the_ladder(care: Care) -> None:
    """The greeting by hour, [我很好][不太舒服][需要帮助], and the three steps as deadlines."""
    await care.run(PING)
    checkin = await care.checkin(SLOT)
    [ping] = await care.world.queued.all(WANG_TG)
    greeting = T("checkins.greet_morning", name="王阿姨")
    assert ping.text == rendered(T("checkins.ping", greeting=greeting))
    assert actions(care, ping.button_data) == [Action.FINE, Action.UNWELL, Action.HELP]
    async with care.world.tx() as tx:
        steps = {
            s: await care.due(tx, f"ci:elder_wang:{SLOT}:{s}") for s in ("remind", "grid", "staff")
        }
    assert {s: d.due_at - checkin.due_at for s, d in steps.items()} == {
        "remind": 30 * MIN,
        "grid": 60 * MIN,
        "staff": 120 * MIN,
    }


async def test_silence_walks_the_ladder_and_an_answer_tells_everyone(care: Care) -> None:
    """Reminder, grid worker (address, two buttons), staff (平安); then a word from her: fine,
    every alerted chat hears it, the ladder's deadlines are gone."""
    await care.run(PING)
    for step in ("remind", "grid", "staff"):
        await care.run(f"ci:elder_wang:{SLOT}:{step}")
    checkin = await care.checkin(SLOT)
    assert checkin.state == CheckinState.ESCALATED
    [ask] = await care.world.queued.all(ZHANG_TG)
    assert ask.key == f"ci{checkin.id}:worker:{ZHANG_TG}"
    assert ask.text == rendered(T("checkins.worker_ask", name="王阿姨", address="3栋2单元501"))
    assert actions(care, ask.button_data) == [Action.SAFE, Action.SUPPORT]
    [alert] = await care.world.queued.all(STAFF_TG)
    assert actions(care, alert.button_data) == [Action.SAFE]
    async with care.world.tx() as tx:
        level, _ = await care.ci.wrote(
            tx, "elder_wang", care.wang, "我很好 在家呢", None, (WANG_TG, 9), WelfareLevel.FINE
        )
        alerted = await care.ci.repo.alerted(tx, checkin.id)
    assert level == Outcome.ANSWERED
    assert (await care.checkin(SLOT)).state == CheckinState.FINE
    assert alerted == [ZHANG_TG, DAUGHTER_TG, STAFF_TG]
    how = T("checkins.how_message", worker="", words="我很好 在家呢")
    clear = rendered(T("checkins.all_clear", name="王阿姨", how=how))
    for chat in alerted:
        assert (await care.world.queued.texts(chat))[-1] == clear
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []


async def test_a_late_step_after_an_answer_does_nothing(care: Care) -> None:
    """The table forbids remind after fine: the step runs and nothing moves or is sent."""
    await care.run(PING)
    async with care.world.tx() as tx:
        await care.ci.answers.sign_of_life(tx, "elder_wang", "button")
    before = len(await care.world.queued.all())
    async with care.world.tx() as tx:
        stray = Deadline(0, f"ci:elder_wang:{SLOT}:remind", "ci_remind", "elder_wang", NOW)
        await care.ci.ladder.on_remind(tx, stray)  # cancelled, but say it ran anyway
    assert (await care.checkin(SLOT)).state == CheckinState.FINE
    assert len(await care.world.queued.all()) == before


async def test_an_elder_without_telegram_is_checked_by_the_grid_worker(care: Care) -> None:
    """赵奶奶 has no Telegram: the grid worker is asked at once; staff an hour later."""
    care.world.clock.advance(120 * MIN)
    await care.run("ci:elder_zhao:2026-11-28T10:00:ping")
    checkin = await care.checkin("2026-11-28T10:00", "elder_zhao")
    assert checkin.proxy and checkin.state == CheckinState.GRID
    [ask] = await care.world.queued.all(ZHANG_TG)
    assert ask.text == rendered(T("checkins.worker_proxy", name="赵奶奶", address="2栋1单元101"))
    async with care.world.tx() as tx:
        staff = await care.due(tx, "ci:elder_zhao:2026-11-28T10:00:staff")
    assert staff.due_at == checkin.due_at + 60 * MIN


async def test_unwell_settles_and_asks_the_grid_worker_to_call(care: Care) -> None:
    """不太舒服: unwell, the worker asked to call, family told, her ack offers 需要帮助."""
    await care.run(PING)
    async with care.world.tx() as tx:
        await care.ci.answers.unwell(tx, "elder_wang", care.wang)
    checkin = await care.checkin(SLOT)
    assert checkin.state == CheckinState.UNWELL
    [call] = await care.world.queued.all(ZHANG_TG)
    assert call.key == f"ci{checkin.id}:unwell:{ZHANG_TG}"
    fam = T("checkins.family_not_well", name="王阿姨", worker="张管家")
    assert rendered(fam) in await care.world.queued.texts(DAUGHTER_TG)
    ack = (await care.world.queued.all(WANG_TG))[-1]
    assert ack.text == rendered(T("checkins.ack_not_well", worker="张管家"))
    assert actions(care, ack.button_data) == [Action.HELP_NOW]


async def test_a_help_call_carries_the_check_in_until_a_responder_closes_it(care: Care) -> None:
    """需要帮助: the check-in is carried by her help call; her later words do not settle it;
    the grid worker's 已确认平安 closes the call and settles the check-in."""
    await care.run(PING)
    checkin = await care.checkin(SLOT)
    async with care.world.tx() as tx:
        told = await care.ci.help.help(tx, checkin, care.wang)
        outcome, _ = await care.ci.wrote(
            tx, "elder_wang", care.wang, "我很好", None, (WANG_TG, 9), WelfareLevel.NONE
        )
        call = await care.ci.help.open_call(tx, "elder_wang")
    assert told is not None and call is not None and outcome == Outcome.PASSED_ON
    assert (await care.checkin(SLOT)).state == CheckinState.HELP
    assert await care.pending(f"ci:elder_wang:{SLOT}:") == []
    carried = await care.checkin(SLOT)
    async with care.world.tx() as tx:
        await care.ci.help.confirm(tx, carried, care.zhang)
        assert await care.ci.help.open_call(tx, "elder_wang") is None
    settled = await care.checkin(SLOT)
    assert (settled.state, settled.closed_by) == (CheckinState.FINE, "confirmed")


async def test_words_of_distress_open_a_help_call_without_a_check_in(care: Care) -> None:
    """ "我摔倒了" with nothing open: a help call, caused by what she wrote."""
    async with care.world.tx() as tx:
        outcome, _ = await care.ci.wrote(
            tx, "elder_wang", care.wang, "我摔倒了", None, (WANG_TG, 9), WelfareLevel.URGENT
        )
        call = await care.ci.help.open_call(tx, "elder_wang")
    assert outcome == Outcome.HELP and call is not None and call.cause == Cause.WROTE


async def test_a_voice_note_with_nothing_open_goes_to_the_grid_worker(care: Care) -> None:
    """The bot cannot read it: relayed (a copy) to the grid worker, who is named to her."""
    async with care.world.tx() as tx:
        outcome, answer = await care.ci.wrote(
            tx, "elder_wang", care.wang, "", "voice", (WANG_TG, 9), WelfareLevel.NONE
        )
    assert outcome == Outcome.RELAYED
    assert answer is not None and rendered(answer) == rendered(
        T("checkins.relayed_ack", worker="张管家")
    )
    assert [m.method for m in await care.world.queued.all(ZHANG_TG)] == ["send", "copy"]


async def test_a_pause_is_capped_cancels_its_pings_and_tells_the_circle(care: Care) -> None:
    """/pause 10天 by the daughter: five days (the cap), pings inside cancelled, a resume
    deadline, and 王阿姨 and 张管家 told; /resume brings the cancelled pings back."""
    now = care.world.clock.now()
    async with care.world.tx() as tx:
        start, until = await care.ci.pauses.pause(
            tx, "elder_wang", care.daughter, now, now + timedelta(days=10)
        )
    assert (start, until) == (now, now + timedelta(days=5))
    assert await care.pending("ci:elder_wang:2026-11-28") == []
    assert await care.pending("ci:elder_wang:resume") != []
    for chat in (WANG_TG, ZHANG_TG):
        [notice] = await care.world.queued.all(chat)
        assert "paused_notice" not in notice.text and "王小明" in notice.text
    assert await care.world.queued.all(DAUGHTER_TG) == []
    async with care.world.tx() as tx:
        assert await care.ci.pauses.resume_all(tx, ["elder_wang"], care.daughter)
        elder = await care.ci.repo.elder(tx, "elder_wang")
    assert elder is not None and elder.paused_until is None
    assert await care.pending("ci:elder_wang:resume") == []
    # The pings the pause cancelled come back (planning alone could not: their names exist).
    assert await care.pending("ci:elder_wang:2026-11-29") == [
        "ci:elder_wang:2026-11-29T08:00:ping",
        "ci:elder_wang:2026-11-29T08:30:ping",
    ]


async def test_a_poor_visit_reaches_family_and_staff_and_the_next_is_planned(care: Care) -> None:
    """Mood 不太好 and a note: recorded once, family and staff told, next visit planned."""
    [remind, missed] = await care.pending("ci:elder_wang:visit")
    await care.run(remind)
    [due] = await care.world.queued.all(ZHANG_TG)
    assert actions(care, due.button_data) == [Action.MOOD] * 3
    visit_id = int(remind.split(":")[2].removeprefix("visit"))
    async with care.world.tx() as tx:
        outcome, ask = await care.ci.visits.mood_pressed(tx, visit_id, Mood.POOR, care.zhang)
        assert outcome == MoodOutcome.ASKED and ask is not None
        visit = await care.ci.repo.visit(tx, visit_id)
        assert visit is not None
        await care.ci.visits.record(tx, visit, care.zhang, Mood.POOR, "腿疼")
        again, _ = await care.ci.visits.mood_pressed(tx, visit_id, Mood.GOOD, care.zhang)
        recorded = await care.ci.repo.visit(tx, visit_id)
    assert again == MoodOutcome.DONE
    assert recorded is not None and (recorded.state, recorded.mood) == (VisitState.DONE, "poor")
    staff = T(
        "checkins.visit_poor_staff",
        name="王阿姨",
        worker="张管家",
        note="腿疼",
        address="3栋2单元501",
    )
    assert rendered(staff) in await care.world.queued.texts(STAFF_TG)
    assert len(await care.pending("ci:elder_wang:visit")) == 2
    assert missed not in await care.pending("ci:elder_wang:visit")


async def test_enrol_plans_and_care_shows_the_most_urgent_first(care: Care) -> None:
    """Staff enrol 钱大爷 (e1, pinged by proxy); /care lists the escalated one first."""
    form = Enrolment("钱大爷", "1栋1单元101", [time(8, 0)], "hk_zhang",
                     "normal", False)  # fmt: skip
    async with care.world.tx() as tx:
        elder = await care.ci.planning.enroll(tx, care.staff, form)
    assert elder.key == "e1"
    assert await care.pending("ci:e1:2026-11-28T08:00:ping") == ["ci:e1:2026-11-28T08:00:ping"]
    await care.run(PING)
    for step in ("remind", "grid", "staff"):
        await care.run(f"ci:elder_wang:{SLOT}:{step}")
    async with care.world.tx() as tx:
        lines, _ = await care.ci.care.lines(tx)
    assert [(line.elder.key, line.state) for line in lines] == [
        ("elder_wang", "escalated"),
        ("e1", "none"),
        ("elder_zhao", "none"),
    ]


async def test_a_family_request_is_decided_once(care: Care) -> None:
    """Someone asks to follow 王阿姨; her 同意 only passes it to staff (no link yet), staff
    confirm (the link is made); a second press is stale."""
    async with care.world.tx() as tx:
        niece, _ = await care.people.ensure(tx, 5001, "王小红")
        elder = await care.ci.repo.elder(tx, "elder_wang")
        assert elder is not None
        await care.ci.family.ask(tx, elder, niece)
    [question] = await care.world.queued.all(WANG_TG)
    assert "王小红" in question.text and "拒绝" in question.text
    [yes, _] = [care.world.signer.verify(d) for d in question.button_data]
    assert yes is not None and yes.action == Action.FAMILY
    request = int(yes.args[0])
    async with care.world.tx() as tx:
        agreed = await care.ci.family.decide(tx, request, care.wang, True)
        again = await care.ci.family.decide(tx, request, care.wang, True)
        linked_early = await care.people.has_role(tx, niece.id, "family", "elder_wang")
    assert (agreed, again, linked_early) == ("awaiting_staff", "not_yours", False)
    [confirm] = await care.world.queued.all(STAFF_TG)
    assert "王小红" in confirm.text and "3栋2单元501" in confirm.text
    async with care.world.tx() as tx:
        first = await care.ci.family.decide(tx, request, care.staff, True)
        second = await care.ci.family.decide(tx, request, care.staff, False)
        follows = await care.people.has_role(tx, niece.id, "family", "elder_wang")
    assert (first, second, follows) == ("approved", "stale", True)


async def test_a_stranger_the_elder_refuses_is_never_linked(care: Care) -> None:
    """拒绝 from her ends it: staff are never asked and the asker follows nobody."""
    async with care.world.tx() as tx:
        stranger, _ = await care.people.ensure(tx, 5002, "陌生人")
        elder = await care.ci.repo.elder(tx, "elder_wang")
        assert elder is not None
        await care.ci.family.ask(tx, elder, stranger)
    [question] = await care.world.queued.all(WANG_TG)
    no = care.world.signer.verify(question.button_data[1])
    assert no is not None
    async with care.world.tx() as tx:
        assert await care.ci.family.decide(tx, int(no.args[0]), care.wang, False) == "refused"
        assert not await care.people.has_role(tx, stranger.id, "family", "elder_wang")
    assert await care.world.queued.all(STAFF_TG) == []


async def test_who_may_press_a_checkins_buttons(care: Care) -> None:
    """The press guards that were in the handler: her own check-in for the elder (an answer
    only while it waits), her grid worker or staff for 平安 / 支援 while it is open."""
    await care.run(PING)
    checkin = await care.checkin(SLOT)
    presses = care.ci.presses
    async with care.world.tx() as tx:
        assert await presses.by_elder(tx, checkin.id, care.wang, answering=True) == checkin
        assert await presses.by_elder(tx, checkin.id, care.daughter, answering=True) == (
            PressRefusal.STALE
        )
        assert await presses.by_elder(tx, 999, care.wang, answering=False) == PressRefusal.STALE
        assert await presses.by_worker(tx, checkin.id, care.zhang) == checkin
        assert await presses.by_worker(tx, checkin.id, care.staff) == checkin
        assert await presses.by_worker(tx, checkin.id, care.daughter) == PressRefusal.NOT_YOURS
        await care.ci.answers.sign_of_life(tx, "elder_wang", "button")
        assert await presses.by_elder(tx, checkin.id, care.wang, answering=True) == (
            PressRefusal.DONE
        )
        assert await presses.by_worker(tx, checkin.id, care.zhang) == PressRefusal.DONE


async def test_whose_checkins_a_person_may_pause(care: Care) -> None:
    """The elder her own, family the elder they follow, anyone else none (/pause, /resume and
    a trip in words all ask this)."""
    async with care.world.tx() as tx:
        wang = await care.ci.pauses.cared(tx, care.wang)
        daughter = await care.ci.pauses.cared(tx, care.daughter)
        keeper = await care.ci.pauses.cared(tx, care.zhang)
    assert (wang.elder, wang.family, wang.keys) == (("elder_wang",), (), ["elder_wang"])
    assert (daughter.elder, daughter.keys) == ((), ["elder_wang"])
    assert keeper.keys == []
