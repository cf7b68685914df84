"""How the district decides whose an update is: /bind by staff of one or of several, someone
the bot cannot place asked which community, someone in two seeing both lists, each labelled."""

from __future__ import annotations

from bot.devtools.sandbox import SandboxChat, SandboxUser
from bot.district.app import runners
from bot.i18n import T
from bot.paced_request import PacedRequest
from tests.booking_steps import button_index, press
from tests.district.support import BOTH_STAFF, YINXING_STAFF, District, Side, texts
from tests.district.test_bookings import join

XIANGXI, YINXING = "香溪美地", "银杏苑"


async def test_staff_of_several_communities_bind_a_group_by_name(district: District) -> None:
    officer = district.person(BOTH_STAFF, "区长")
    chat = district.sb.group(-3001, "银杏苑3号楼群", admins=[officer])
    await district.sb.add_bot_to_group(officer, chat)
    await district.sb.wait_for_message(chat.id, contains="/bind")
    asked = await district.say(officer, "/bind", chat)
    which = await district.sb.wait_for_message(chat.id, after=asked.message_id)
    assert "/bind xiangxi" in which.content and "/bind yinxing" in which.content
    wrong = await district.say(officer, "/bind 不存在的小区", chat)
    again = await district.sb.wait_for_message(chat.id, after=wrong.message_id)
    assert "/bind xiangxi" in again.content  # asked again, nothing bound
    named = await district.say(officer, "/bind 银杏苑", chat)
    bound = await district.sb.wait_for_message(chat.id, after=named.message_id)
    assert f"已绑定「{YINXING}」" in bound.content
    async with district.runtime_of("yinxing").db.read() as tx:
        assert await district.runtime_of("yinxing").groups.is_bound(tx, chat.id)
    async with district.runtime_of("xiangxi").db.read() as tx:
        assert not await district.runtime_of("xiangxi").groups.is_bound(tx, chat.id)
    # From now on the group is 银杏苑's, whoever writes in it.
    resident = district.person(5003, "小周")
    said = await district.say(resident, "物业电话多少", chat)
    answer = await district.sb.wait_for_message(chat.id, after=said.message_id)
    assert XIANGXI not in answer.content


async def test_staff_of_one_community_bind_without_a_name(district: District) -> None:
    yinxing = district.side("yinxing")
    chat = await yinxing.group(-2001, "银杏苑业主群")
    assert f"已绑定「{YINXING}」" in texts(district.sb.sent(chat.id))


async def test_someone_the_bot_cannot_place_is_asked_which_community(district: District) -> None:
    stranger = district.person(5004, "小陈")
    asked = await district.ask(stranger, "/start", contains="选择您所在的社区")
    links = [b["url"] for b in asked.buttons if "url" in b]
    assert [u.rsplit("start=", 1)[1] for u in links] == ["xiangxi", "yinxing"]
    started = await district.sb.press_start(stranger, "yinxing")
    welcome = await district.sb.wait_for_message(stranger.id, after=started.message_id)
    assert f"欢迎来到 {YINXING}" in welcome.content and XIANGXI not in welcome.content
    async with district.runtime_of("yinxing").db.read() as tx:
        assert await district.runtime_of("yinxing").people.get(tx, stranger.id) is not None
    async with district.runtime_of("xiangxi").db.read() as tx:
        assert await district.runtime_of("xiangxi").people.get(tx, stranger.id) is None
    # Known in one community now: the next message goes there without asking.
    reply = await district.ask(stranger, "物业电话多少")
    assert "选择您所在的社区" not in reply.content


async def test_someone_in_two_communities_sees_both_lists_each_labelled(
    district: District,
) -> None:
    both = district.person(5005, "小郑")  # owns a flat in each: started in both
    for name in ("xiangxi", "yinxing"):
        started = await district.sb.press_start(both, name)
        await district.sb.wait_for_message(both.id, after=started.message_id)
        await district.sb.wait_idle(quiet=0.05)
    before = district.sb.sent(both.id)
    sent = await district.say(both, "/mybookings")
    answers = await district.sb.wait_for_messages(
        both.id, count=2, after=sent.message_id, contains="预约"
    )
    assert len(answers) == 2 and len(district.sb.sent(both.id)) == len(before) + 2
    labels = sorted(a.content.splitlines()[0] for a in answers)
    assert labels == sorted([f"【{XIANGXI}】", f"【{YINXING}】"])


async def test_every_community_sends_within_one_rate_limit(district: District) -> None:
    """Telegram's limits are the bot's: every community's sender counts in the same limiter,
    and each community still has a sender of its own (its own store's outbox)."""
    senders = [r.sender for r in district.runtimes()]
    assert all(s is not None for s in senders) and len({id(s) for s in senders}) == 2
    assert len({id(s.limiter) for s in senders if s is not None}) == 1
    # and every community's requests take their turns as they leave from that same limiter
    assert district.app is not None
    apps = [district.app, *(r.member.app for r in runners(district.runtime))]
    requests = [app.bot.request for app in apps]
    assert all(isinstance(q, PacedRequest) for q in requests)
    assert {id(q.limiter) for q in requests if isinstance(q, PacedRequest)} == {
        id(s.limiter) for s in senders if s is not None
    }


async def test_someone_from_a_group_is_served_by_that_groups_community(
    district: District,
) -> None:
    yinxing = district.side("yinxing")
    group = await yinxing.group(-2001, "银杏苑业主群")
    newcomer = district.person(5006, "小何")
    said = await district.say(newcomer, "大家好，我刚搬来", group)
    await district.sb.wait_idle(quiet=0.05)
    assert said
    welcome = await district.ask(newcomer, "/start")
    assert "选择您所在的社区" not in welcome.content
    async with yinxing.runtime.db.read() as tx:
        assert await yinxing.runtime.people.get(tx, newcomer.id) is not None
    xiangxi = district.runtime_of("xiangxi")
    async with xiangxi.db.read() as tx:
        assert await xiangxi.people.get(tx, newcomer.id) is None


async def test_staff_of_one_community_refused_in_the_others_group_stay_its_staff(
    district: District,
) -> None:
    """周主任 (staff of 银杏苑 only) is refused /bind in 香溪美地's group: writing there makes
    him no resident of 香溪美地; his private messages go to 银杏苑, where he works."""
    xiangxi = district.side("xiangxi")
    chat = await xiangxi.group(-1001, "香溪美地业主群")
    zhou = district.person(YINXING_STAFF, "周主任")
    tried = await district.say(zhou, "/bind", chat)
    await district.sb.wait_for_message(chat.id, after=tried.message_id)
    await district.sb.wait_idle(quiet=0.05)
    welcome = await district.ask(zhou, "/start")
    assert XIANGXI not in welcome.content and "选择您所在的社区" not in welcome.content
    listing = await district.ask(zhou, "/bookings")
    assert "只对社区工作人员开放" not in listing.content


async def _to_address_step(side: Side, user: SandboxUser, chat: SandboxChat) -> None:
    """A group request, its link opened, provider and time chosen: the address is asked."""
    said = await side.say(user, "明天上午想找人洗一下油烟机", chat)
    answer = await side.sb.wait_for_message(chat.id, after=said.message_id)
    url = next(b["url"] for b in answer.buttons if "url" in b)
    await side.sb.wait_idle(quiet=0.05)
    started = await side.sb.press_start(user, url.rsplit("start=", 1)[1])
    step = await side.sb.wait_for_message(user.id, after=started.message_id)
    if "请选择服务商" in step.content:
        await press(side, user, step, button_index(step, "洁家家政"))
        step = await side.sb.wait_for_message(user.id, contains="时间", after=step)
        await press(side, user, step, 0)
        step = await side.sb.wait_for_message(user.id, after=step)
    assert "上门地址" in step.content, step.content


async def test_a_typed_answer_goes_to_the_community_that_asked_last(district: District) -> None:
    """小吴 left a 香溪美地 booking at its address question, then booked in 银杏苑: his address
    answers 银杏苑's question, and 香溪美地's still waits."""
    xiangxi, yinxing = district.side("xiangxi"), district.side("yinxing")
    group_x = await xiangxi.group(-1001, "香溪美地业主群")
    group_y = await yinxing.group(-2001, "银杏苑业主群")
    zhao = district.person(3001, "赵阿姨")  # someone takes 洁家家政's jobs in both
    await join(xiangxi, zhao, "provider jiejia")
    await join(yinxing, zhao, "provider jiejia")
    wu = district.person(5002, "小吴")
    await _to_address_step(xiangxi, wu, group_x)
    await _to_address_step(yinxing, wu, group_y)
    step = await district.ask(wu, "5-1-302")
    assert "要告诉师傅" in step.content, step.content
    assert step.content.startswith(f"【{YINXING}】")
    async with xiangxi.runtime.db.read() as tx:
        person = await xiangxi.runtime.people.get(tx, wu.id)
        assert person is not None
        assert await xiangxi.runtime.people.expecting(tx, person.id) is not None


async def test_staff_of_several_name_the_community_or_are_asked_and_get_their_answer(
    district: District,
) -> None:
    """区长 (staff of both) asks /care before either knows his chat: the picker keeps the
    command and runs it in the community he picks; a command naming a community (file name
    or title, or before "-" and a number) goes there."""
    officer = district.person(BOTH_STAFF, "区长")
    asked = await district.ask(officer, "/care", contains="选择您所在的社区")
    started = await district.sb.press_start(officer, "yinxing")
    answer = await district.sb.wait_for_message(officer.id, after=started.message_id)
    assert answer.content.startswith(f"【{YINXING}】")
    assert "选择您所在的社区" not in answer.content and asked.message_id < answer.message_id
    assert "今日关爱" in answer.content or "还没有登记的老人" in answer.content, answer.content
    for named, title in (("/bookings 香溪美地", XIANGXI), ("/bookings yinxing", YINXING)):
        listing = await district.ask(officer, named)
        assert listing.content.startswith(f"【{title}】"), listing.content
    opened = await district.ask(officer, "/booking xiangxi-1")
    assert opened.content.startswith(f"【{XIANGXI}】"), opened.content


async def test_a_numbered_command_in_an_alert_names_its_community(district: District) -> None:
    """An alert to staff of both communities says "/booking yinxing-2", which the router
    takes to 银杏苑 (its own #2); staff of one community still read "/booking 2"."""
    officer = district.person(BOTH_STAFF, "区长")
    await district.ask(officer, "/start xiangxi")
    await district.ask(district.person(YINXING_STAFF, "周主任"), "/start")
    yinxing = district.runtime_of("yinxing")
    text = T("onsite.staff_no_show", id=2, service="保洁", name="赵阿姨", summary="")
    async with yinxing.db.tx() as tx:
        await yinxing.outbox.send(tx, BOTH_STAFF, text, key="test:alert:both")
        await yinxing.outbox.send(tx, YINXING_STAFF, text, key="test:alert:one")
    alert = await district.sb.wait_for_message(officer.id, contains="订单 #2")
    assert alert.content.startswith(f"【{YINXING}】") and "/booking yinxing-2" in alert.content
    own = await district.sb.wait_for_message(YINXING_STAFF, contains="订单 #2")
    assert "/booking 2" in own.content and "yinxing-" not in own.content


async def test_bind_says_which_names_it_knows_and_whose_a_bound_group_is(
    district: District,
) -> None:
    """A name that is not one of the sender's communities is said so (nothing bound); /bind in
    a bound group by staff of any community says which community it is bound to."""
    liu = district.side("xiangxi").staff  # staff of 香溪美地 only
    chat = district.sb.group(-3002, "新群", admins=[liu])
    await district.sb.add_bot_to_group(liu, chat)
    await district.sb.wait_for_message(chat.id, contains="/bind")
    for name in ("yinxing", "不存在的小区"):
        tried = await district.say(liu, f"/bind {name}", chat)
        said = await district.sb.wait_for_message(chat.id, after=tried.message_id)
        assert f"「{name}」不是您工作的社区" in said.content and "/bind xiangxi" in said.content
    for runtime in district.runtimes():
        async with runtime.db.read() as tx:
            assert not await runtime.groups.is_bound(tx, chat.id)
    bound = await district.side("yinxing").group(-2001, "银杏苑业主群")
    for who in (liu, district.side("yinxing").staff):
        tried = await district.say(who, "/bind xiangxi", bound)
        said = await district.sb.wait_for_message(bound.id, after=tried.message_id)
        assert f"已经绑定到「{YINXING}" in said.content, said.content


async def test_the_picker_is_labelled_with_no_community(district: District) -> None:
    officer = district.person(BOTH_STAFF, "区长")
    asked = await district.ask(officer, "/start", contains="选择您所在的社区")
    assert "【" not in asked.content


async def test_a_revoked_housekeepers_emergency_is_raised_where_he_worked(
    district: District,
) -> None:
    """吴管家 was 银杏苑's housekeeper and once typed a command naming 香溪美地; revoked there.
    His private "救命 我家煤气味很重" gets the advice (leave, call 119), and the incident is
    opened in 银杏苑, whose staff know him, not in 香溪美地, where he came last."""
    yinxing, xiangxi = district.side("yinxing"), district.side("xiangxi")
    wu = district.person(2101, "吴管家")
    await join(yinxing, wu, "housekeeper hk_zhang")
    await district.ask(wu, "/booking xiangxi-1")
    async with xiangxi.runtime.db.read() as tx:
        assert await xiangxi.runtime.people.get(tx, wu.id) is not None  # known there too
    async with yinxing.runtime.db.tx() as tx:
        await yinxing.runtime.setup.revoke(tx, "test", wu.id)
    advice = await district.ask(wu, "救命 我家煤气味很重", contains="119")
    assert "撤销" not in advice.content
    opened = {}
    for side in (yinxing, xiangxi):
        async with side.runtime.db.read() as tx:
            opened[side.name] = await tx.scalar("SELECT COUNT(*) FROM incidents")
    assert opened == {"yinxing": 1, "xiangxi": 0}
