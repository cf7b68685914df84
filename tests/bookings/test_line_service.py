"""The private line's use cases on a real SQLite database (issue 13, tester's findings 3, 6, 7
and 8): contacts hidden in the copy staff read, a plain answer relayed, messages kept while a
job is offered again and handed to the next worker, a worker told a job is no longer theirs,
and a reschedule whose words name a service the resident never booked ("move it")."""

from __future__ import annotations

from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.model import Status
from bot.domain.bookings.onsite.line import Relayed
from bot.i18n import T
from intents.times import says_day
from tests.bookings.test_flow_more import accepted, span, x
from tests.bookings.test_service import World, confirmed
from tests.domain_support import rendered

__all__ = ["x"]  # the fixture


def text(n: int, words: str, chat: int = 1) -> Relayed:
    return Relayed("text", chat, n, words)


async def _open(x: World, person_id: int) -> None:
    async with x.w.tx() as tx:
        assert await x.s.onsite.line.open(tx, 1, await x.people.by_id(tx, person_id)) is None


async def test_contacts_are_hidden_in_the_relay_and_in_staffs_copy(x: World) -> None:
    await accepted(x)
    await _open(x, x.resident.id)
    async with x.w.tx() as tx:
        said = "加我V：sunsf2024，或者 sun at 163 dot com，电话幺三九一二三四五六七八"
        await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), text(7, said))
    got = await x.last(x.zhao)
    assert "sunsf2024" not in got.text and "163" not in got.text and "幺三九" not in got.text
    told = await x.last(x.resident)
    assert told.text == rendered(T("onsite.line_hidden"))
    kept = await x.sql("SELECT text FROM booking_thread")
    assert kept == [("加我V：***，或者 ***，电话***",)]


async def test_a_plain_answer_to_a_relayed_message_is_relayed(x: World) -> None:
    """No line open for the worker: after a relayed message, or on their only live job, their
    words go to the resident (never a category menu); a clear new request is the bot's."""
    await accepted(x)
    async with x.w.tx() as tx:
        await x.people.done_expecting(tx, x.zhao.id)  # no arrival question open
        assert await x.s.onsite.plain.heard(tx, x.zhao, text(1, "您好，我九点左右到", 2), "none")
    told = [m.text for m in await x.sent(x.resident)]
    first = next(t for t in told if "您好，我九点左右到" in t)
    assert "💬" in first
    assert "09:00" in told[-1]  # and kept as the worker's promise (tester 2 #10)
    await _open(x, x.resident.id)
    async with x.w.tx() as tx:
        await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), text(2, "在家等你"))
    async with x.w.tx() as tx:
        await x.s.onsite.line.stop(tx, 1, x.resident)  # the resident left; the worker answers
        request = text(3, "我想约个保洁", 2)
        assert not await x.s.onsite.plain.heard(tx, x.zhao, request, "service_request")
        assert await x.s.onsite.plain.heard(tx, x.zhao, text(4, "好的，马上到", 2), "none")
    got = await x.last(x.resident)
    assert "好的，马上到" in got.text and "💬" in got.text


async def test_messages_wait_for_the_next_worker(x: World) -> None:
    """Withdrawn with the resident's line open: the resident's message is kept with nobody
    to receive it, the resident told so; the next worker to accept receives it."""
    await accepted(x)
    await _open(x, x.resident.id)
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    assert (await x.get()).status == Status.OFFERED
    async with x.w.tx() as tx:
        await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), text(5, "师傅你还来吗"))
        assert (await x.people.expecting(tx, x.resident.id) or ("",))[0] == Pending.LINE
    told = await x.last(x.resident)
    assert told.text == rendered(T("onsite.line_held", id=1))
    assert await x.sql("SELECT to_person FROM booking_thread") == [(None,)]

    booking = await x.get()
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, booking.attempt, x.sun)
    texts = [m.text for m in await x.sent(x.sun)]
    assert any("师傅你还来吗" in t for t in texts)
    assert await x.sql("SELECT to_person FROM booking_thread") == [(x.sun.id,)]


async def test_plain_words_without_the_line_open_wait_for_the_next_worker_too(
    x: World,
) -> None:
    """Withdrawn, no line opened: '我家狗很凶，进门先敲门' is kept (not a menu) and reaches the
    worker who accepts next, never the one who withdrew; a status question, a new request
    are the bot's."""
    await accepted(x)
    async with x.w.tx() as tx:
        await x.people.done_expecting(tx, x.resident.id)
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    before = len(await x.sent(x.zhao))
    async with x.w.tx() as tx:
        plain = x.s.onsite.plain
        assert await plain.heard(tx, x.resident, text(6, "我家狗很凶，进门先敲门"), "none")
        assert not await plain.heard(tx, x.resident, text(7, "师傅几点到"), "status")
        assert not await plain.heard(tx, x.resident, text(8, "我想约个保洁"), "service_request")
    assert (await x.last(x.resident)).text == rendered(T("onsite.line_held", id=1))
    assert await x.sql("SELECT text, to_person FROM booking_thread") == [
        ("我家狗很凶，进门先敲门", None)
    ]
    booking = await x.get()
    async with x.w.tx() as tx:
        await x.s.dispatch.accept(tx, 1, booking.attempt, x.sun)
    assert any("我家狗很凶" in m.text for m in await x.sent(x.sun))
    assert not any("我家狗很凶" in m.text for m in (await x.sent(x.zhao))[before:])


async def test_plain_words_before_anyone_accepted_are_the_bots(x: World) -> None:
    """Offered for the first time (no worker left it): nothing is held."""
    await confirmed(x)
    async with x.w.tx() as tx:
        await x.people.done_expecting(tx, x.resident.id)
        assert not await x.s.onsite.plain.heard(tx, x.resident, text(6, "你好"), "none")


async def test_a_worker_whose_job_was_taken_is_told(x: World) -> None:
    await accepted(x)
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
        pending = await x.people.expecting(tx, x.zhao.id)
        assert pending is not None and pending[0] == Pending.GONE
        assert await x.s.onsite.plain.gone(tx, x.zhao, pending[1], "我快到了", "none")
        assert not await x.s.onsite.plain.gone(
            tx, x.zhao, pending[1], "我想约个保洁", "service_request"
        )
    told = await x.last(x.zhao)
    why = T("onsite.job_gone_why", id=1, status=T("onsite.status_withdrawn"))
    assert told.text == rendered(why)


async def test_move_it_names_no_service_of_the_resident(x: World) -> None:
    """'could we move it to Monday morning?' reads "move" as the moving service; the resident
    has no moving booking, so it is their booking that is meant."""
    booking = await accepted(x)
    words = "could we move it to Monday morning?"
    named = says_day(words, x.w.clock.now(), x.w.community.tz)
    async with x.w.tx() as tx:
        said = await x.s.moving.request(tx, x.resident, "moving", span(x, words), named)
    assert said.text != T("bookflow.move_none")
    assert (await x.get(booking.id)).proposed_start is not None


async def test_a_worker_giving_the_job_up_in_words_is_asked_to_confirm(x: World) -> None:
    """'这单我退了': the withdrawal question with its one button; nothing reaches the resident
    and the job stays theirs until they press it."""
    await accepted(x)
    before = len(await x.sent(x.resident))
    async with x.w.tx() as tx:
        await x.people.done_expecting(tx, x.zhao.id)
        assert await x.s.onsite.plain.heard(tx, x.zhao, text(1, "这单我退了", 2), "cancel")
        booking = await x.s.deps.reload(tx, 1)
    asked = await x.last(x.zhao)
    assert asked.key == "bk1:w:withdraw:0" and len(asked.buttons) == 1
    assert asked.text.startswith("确定要退掉订单")
    assert len(await x.sent(x.resident)) == before
    assert booking.status == Status.ACCEPTED and booking.assignee_id == x.zhao.id
