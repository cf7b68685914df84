"""Bookings as people say them (issue 13): typed times at the time step, cancel words at any
step, another address for one booking, my bookings and "师傅几点到", rescheduling, and the
saved address in plain words or /address.

Thin, like ``handlers/bookings.py``: each handler reads the update, calls one use case of
:class:`~bot.domain.bookings.BookingService` (``timing``, ``mine``, ``moving``) and answers in
the chat the update came from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from telegram import Update

from bot.domain.bookings import Booking, BookingService
from bot.domain.bookings.aside import by_the_way
from bot.domain.bookings.contract import Action, Awaiting, ButtonArgs, DeadlineKind, Pending
from bot.domain.bookings.model import KEEP, Kind, Step, kind_of
from bot.domain.bookings.retime import asked_part, asked_time, shift_asked, uncarried
from bot.domain.bookings.slots import ASAP
from bot.domain.bookings.stepwords import calls_off_words, puts_off
from bot.domain.bookings.timing import Said, Timing
from bot.domain.bookings.typed import only_a_count, only_a_time
from bot.domain.people import Address, Person, parse_address
from bot.domain.requests import GroupRequest
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx
from handlers.base import reply, sender
from handlers.booking_mind import changed_mind, code_aside
from handlers.context import ButtonHandler, Context, Feature, Press
from handlers.onboarding import community_address, typed_address
from handlers.requests import ADDRESS_WORDS
from intents import (
    TimeSpan,
    address_change,
    asks_worker_contact,
    corrects_address,
    door_fix,
    parse_when,
)
from intents.replies import confirms_move, keeps_time
from intents.times import only_sooner_or_later, says_day, today_or_next_week

# A cancel this sure (it names a booking or says "取消") ends a draft even at the note step;
# a vague "不用了" there is a note.
SURE_CANCEL = 70.0
# Another service read this surely at a draft's note step or summary is a request, not a note.
SURE = 90.0
# "#19 改到周一下午三点", "move #19 to Monday": the booking meant, by its number
_BOOKING_NUMBER = re.compile(r"#\s*(\d{1,9})\b")


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


async def typed_time(
    update: Update, context: Context, tx: Tx, person: Person, booking: Booking, timing: Timing
) -> bool:
    """A time alone typed at a draft's later step ("改到明天下午3点吧" at the address, note or
    door-code step, or under the summary): the draft's time changes and the step is asked
    again. False when the words are more than a time (a note mentioning one is a note) or the
    draft has no time to change (a work order)."""
    rt, text = context.runtime, _text(update)
    if booking.kind != Kind.SERVICE:
        return False
    if not only_a_time(text, parse_when(text, rt.clock.now(), rt.community.tz)):
        return False
    said = await timing.retime(tx, booking, person, text)
    await _say(update, context, tx, said)
    return said.consumed


async def typed_count(
    s: BookingService,
    update: Update,
    context: Context,
    tx: Tx,
    person: Person,
    booking: Booking,
    *,
    alone: bool = True,
) -> bool:
    """A count typed at a draft's step ("三台", "two ACs", "for 3 days"): the draft's units
    change and the step is asked again with the count noted. `alone`: only when the words
    are the count and nothing more (a note that gives one is a note). False when they say
    no new count."""
    text = _text(update)
    count = s.timing.units_said(booking, text)
    if count is None:
        return False
    measures = context.runtime.catalogue.counted_measures(booking.service)
    if alone and not only_a_count(text, measures):
        return False
    await _say(update, context, tx, await s.timing.recount(tx, booking, person, count))
    return True


async def changed_time(
    s: BookingService, update: Update, context: Context, tx: Tx, person: Person, booking: Booking
) -> bool:
    """A change of mind said with more words than a time, at the note step or under the
    summary ("诶不对 周六要带娃打疫苗，能不能改到周日下午"): the time after the moving words
    ("改到", "push it to") is the draft's new time, and the step is asked again. False when no
    moving words are followed by a time (a note mentioning one stays a note). A shift ("30
    minutes earlier", "早半小时") moves the draft's own time (session 15: it was "no booking
    whose time can be changed")."""
    rt, text = context.runtime, _text(update)
    if booking.kind != Kind.SERVICE:
        return False
    shift = booking.slot_start is not None and shift_asked(text) is not None
    if not shift and asked_time(text, rt.clock.now(), rt.community.tz) is None:
        return False
    said = await s.timing.retime(tx, booking, person, text if shift else asked_part(text))
    await _say(update, context, tx, said)
    return said.consumed


async def said_aside(
    s: BookingService, update: Update, context: Context, tx: Tx, person: Person, booking: Booking
) -> bool:
    """Words at the note step or under the summary that ask something else: "师傅到哪了" (the
    booking is not sent yet: said so, the step asked again), or another service, clearly
    ("另外马桶也堵了😭 急 现在能来人吗": the draft kept as it is, the urgent one booked first,
    anything else after it; one said by the way, "顺便帮我看看热水器", is the note and asked
    about once). False for anything else (a note, a question)."""
    text = _text(update)
    got = context.understand_private(text)
    if got.intent == "status":
        said, buttons = await s.aside.not_sent(tx, booking, person)
        await reply(update, context, tx, said, buttons=buttons)
        return True
    other = got.target
    if other == booking.service and await s.aside.another_fault(tx, person, booking, text):
        return True  # "3栋停电了" at the note of a door report: a work order of its own
    if got.intent != "service_request" or other in (None, booking.service) or got.score < SURE:
        return False
    if s.timing.units_said(booking, text) is not None:
        return False  # "5台，其中一台漏水": how many of this one, and a note about them
    catalogue = context.runtime.catalogue
    if other is None or not catalogue.is_service(other) or kind_of(other) is not Kind.SERVICE:
        return False
    asap = got.when is not None and got.when.asap
    if by_the_way(text) and not (asap and catalogue.is_urgent(other)):
        await s.aside.in_passing(tx, person, booking, other, text)  # "顺便帮我看看热水器"
        return True
    await s.aside.another_request(tx, person, booking, other, text, asap=asap)
    return True


def calls_off(context: Context, text: str) -> bool:
    """Whether typed words call the booking off ("算了，不约了", "取消"): the plain words at
    every step first (the model is unsure on chatty ones), else the model when sure."""
    if calls_off_words(text):
        return True
    got = context.understand_private(text)
    return got.intent == "cancel" and got.score >= SURE_CANCEL


async def open_draft(
    s: BookingService,
    update: Update,
    context: Context,
    tx: Tx,
    person: Person,
    data: dict[str, Any],
    step: Step,
) -> tuple[Booking, str] | bool:
    """The draft a typed answer at `step` is for, with the words; or whether the words are
    done with: False when no draft waits at that step (other handlers take them), True when
    they call the booking off and the draft is dropped (the same rule at every step), keep
    one service of two and drop the other, or give a door code (sealed, the step again)."""
    booking = await s.flow.awaited_draft(tx, person, Awaiting.parse(data), step)
    if booking is None:
        return False
    text = _text(update)
    if await changed_mind(s, context, tx, person, booking, text):
        return True  # "窗户先不擦了 只要打扫卫生就行": the kept one goes on, never the reverse
    if calls_off(context, text):
        await s.timing.drop(tx, booking, person)
        return True
    if step is not Step.ADDRESS and await moved_address(s, update, context, tx, person, booking):
        return True
    if await code_aside(s, update, context, tx, person, booking):
        return True  # "门禁密码是 0815#": sealed, the step asked again, the draft kept
    return booking, text


async def moved_address(
    s: BookingService,
    update: Update,
    context: Context,
    tx: Tx,
    person: Person,
    booking: Booking,
    *,
    bare: bool = False,
) -> bool:
    """ "我的地址改成3栋1单元403" / "my address is now 6-1-1202" at any step of a draft: the
    saved address changes and the step asked again (it was read as a time: "没看懂这个
    时间", or "now" as ASAP). `bare`: a door number alone ("4栋3单元1101", under the summary)
    says it too, and so does a part of it corrected alone ("是502不是501", "room 1202 not
    1201": the saved address with that part). An address of no building of this community is
    answered as such (which buildings there are), the step still waiting. False when the
    words say no new address."""
    text = _text(update)
    said = address_change(text)
    if said is None and bare and parse_address(text) is not None:
        said = text
    if said is None:
        fixed = await s.mine.fixed_address(tx, person, door_fix(text))
        said = fixed.label() if fixed is not None else None
    if said is None:
        return False
    moved = community_address(context, said)
    if not isinstance(moved, Address):  # "本小区没有 99 栋": why, and the step still waits
        await reply(update, context, tx, moved)
        return True
    changed, use = await s.mine.change_address(tx, person, moved, corrected=corrects_address(text))
    ask, buttons = await s.flow.reask(tx, booking, person)
    buttons = [*(use or []), *(buttons or [])] or None
    await reply(update, context, tx, T("common.lines", lines=[changed, ask]), buttons=buttons)
    return True


async def _say(update: Update, context: Context, tx: Tx, said: Said) -> None:
    if said.text is not None:
        await reply(update, context, tx, said.text, buttons=said.buttons)


async def _answer(press: Press, context: Context, tx: Tx, said: Said) -> None:
    """Acknowledge the press; what there is to say goes to the presser's chat."""
    press.set_toast(None)
    if said.text is not None:
        key = f"u{press.update.update_id}:0"
        await context.runtime.outbox.send(
            tx, press.person.telegram_id, said.text, key=key, buttons=said.buttons
        )


async def booking_address(
    update: Update, context: Context, tx: Tx, person: Person
) -> Address | bool:
    """The address typed at a booking's address step (:func:`typed_address`). "跳过"/"skip"
    is answered, not misread: a home visit cannot skip where it goes, so the resident is told
    the booking needs it, or to say 取消 (True: consumed)."""
    if puts_off(_text(update)):
        await reply(update, context, tx, T("bookflow.address_needed"))
        return True
    return await typed_address(update, context, tx, person)


class FlowHandlers:
    """The handlers, sharing one BookingService."""

    def __init__(self, service: BookingService) -> None:
        self.s = service

    # -- typed answers ------------------------------------------------------------------------

    async def slot_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A time typed at the time step; cancel words end the draft; "好" / "keep it" keep a
        time the request said, as its button does."""
        draft = await open_draft(self.s, update, context, tx, person, data, Step.SLOT)
        if isinstance(draft, bool):
            return draft
        booking, text = draft
        if keeps_time(text) and (booking.asap or booking.slot_start is not None):
            keep = ASAP if booking.asap else KEEP
            if await self.s.timing.choose(tx, booking, person, keep):
                return True
        said = await self.s.timing.typed(tx, booking, person, text)
        if not said.consumed and await typed_count(self.s, update, context, tx, person, booking):
            return True  # "三台", "for 3 days": the count, and the time asked again
        if not said.consumed:
            if await moved_address(self.s, update, context, tx, person, booking, bare=True):
                return True  # "三栋二单元五零一": the address kept, the time asked again
            if context.understand_private(text).intent != "none":
                return False  # another request: handled as one, the draft waits
            said = Said(True, T("bookflow.slot_unclear"))
        await _say(update, context, tx, said)
        return True

    async def provider_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Words at the provider step: cancel words end the draft; a time ("7pm", "尽快") is
        kept for the time step and the provider asked again; anything else is understood as
        usual (another request, a question), the draft waiting."""
        draft = await open_draft(self.s, update, context, tx, person, data, Step.PROVIDER)
        if isinstance(draft, bool):
            return draft
        booking, text = draft
        got = context.understand_private(text)
        if got.intent == "service_request" and got.target not in (None, booking.service):
            return False  # "明天下午洗空调": another request, handled as one
        if await typed_count(self.s, update, context, tx, person, booking, alone=False):
            return True  # "三台": the count, then the step
        said = await self.s.timing.retime(tx, booking, person, text)
        if not said.consumed:
            return False
        await _say(update, context, tx, said)
        return True

    async def address_once_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Another address for this booking only; back to the summary. Cancel words end the
        draft, as at every step."""
        draft = await open_draft(self.s, update, context, tx, person, data, Step.ADDRESS)
        if isinstance(draft, bool):
            return draft
        booking = draft[0]
        address = await booking_address(update, context, tx, person)
        if not isinstance(address, Address):
            return address
        summary = await self.s.timing.address_once(tx, booking, person, address)
        if summary is not None:  # back to the summary (else the next step was asked)
            await reply(update, context, tx, summary[0], buttons=summary[1])
        return True

    async def move_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The new time of a booking being moved."""
        found = await self.s.moving.own(tx, Awaiting.parse(data).booking_id, person)
        rt, text = context.runtime, _text(update)
        asked = asked_time(text, rt.clock.now(), rt.community.tz)
        span = asked[0] if asked else parse_when(text, rt.clock.now(), rt.community.tz)
        if isinstance(found, Text) or span is None:
            await rt.people.done_expecting(tx, person.id)
            return False  # not a time: understood like any other message
        named = asked[1] if asked else says_day(text, rt.clock.now(), rt.community.tz)
        said = await self.s.moving.to(tx, found, person, span, named)
        await _say(update, context, tx, said)
        return True

    async def move_late_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Words under a late change's fee warning: "确定改时间" / "yes" / "好" are the button;
        anything else is understood as usual (the change still waits for the button)."""
        await context.runtime.people.done_expecting(tx, person.id)
        if not confirms_move(_text(update)):
            return False
        found = await self.s.moving.own(tx, Awaiting.parse(data).booking_id, person)
        if isinstance(found, Text):
            return False
        await self.s.moving.confirm_late(tx, found.id, found.proposal, person)
        return True

    async def new_address_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """/address asked for the new saved address ("never mind": it stays)."""
        if calls_off_words(_text(update)):
            await context.runtime.people.done_expecting(tx, person.id)
            await reply(update, context, tx, T("bookflow.address_kept"))
            return True
        address = await typed_address(update, context, tx, person)
        if not isinstance(address, Address):
            return address
        text, buttons = await self.s.mine.change_address(tx, person, address)
        await reply(update, context, tx, text, buttons=buttons)
        return True

    # -- what people ask ----------------------------------------------------------------------

    async def status(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'师傅几点到', '我的预约': from the bookings' state; the list when none is named."""
        buttons: Keyboard | None
        if asks_worker_contact(_text(update)):  # "师傅电话多少": the line, never the number
            text, buttons = await self.s.mine.contact(tx, person)
        elif request.target is None and _asks_list(update):
            text, buttons = await self.s.mine.listing(tx, person)
        else:
            text, buttons = await self.s.mine.stands(tx, person, request.target)
        await reply(update, context, tx, text, buttons=buttons or None)

    async def reschedule(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'能不能改到下午': propose the new time (or ask for one, or which booking)."""
        rt, text = context.runtime, _text(update)
        if await self._a_new_request(update, context, tx, person, request):
            return
        if text and today_or_next_week(text, rt.clock.now(), rt.community.tz):
            await reply(update, context, tx, T("bookflow.today_or_next_week"))
            return  # "改成周六" on a Saturday: asked, never a time that may have passed
        span, tz = None, rt.community.tz  # a request read back from storage is in UTC
        if request.when_start is not None:
            span = TimeSpan(
                request.when_start.astimezone(tz),
                request.when_end.astimezone(tz) if request.when_end else None,
                "",
                has_time=request.when_has_time,
                asap=request.when_asap,
                days=request.when_days,
            )
        asked = asked_time(text, rt.clock.now(), tz) if text and not text.startswith("/") else None
        if asked is not None:  # "周日上午要去医院 能挪到周一下午三点吗": the time after 挪到
            span, named = asked
        elif text and not text.startswith("/"):
            named = says_day(text, rt.clock.now(), rt.community.tz)
        else:  # from a group link: the words are not kept; a day other than today was named
            named = span is not None and span.day != rt.local_now().date()
        number = _BOOKING_NUMBER.search(text or "")
        said = await self.s.moving.request(
            tx,
            person,
            request.target,
            span,
            named,
            int(number.group(1)) if number else None,
            shift_asked(text) if span is None else None,  # "推迟一个小时"
        )
        await _say(update, context, tx, said)

    async def _a_new_request(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> bool:
        """'星期天早点来打扫卫生' with nothing booked asks for an early visit, not to move one:
        the service named is booked (it used to be "没有可以改时间的预约", the request lost)."""
        text = _text(update)
        if request.target is None or not only_sooner_or_later(text):
            return False
        if await self.s.moving.movable(tx, person, None):
            return False
        start = context.router.intents.get("service_request")
        if start is None:
            return False
        await start(update, context, tx, person, replace(request, intent="service_request"))
        return True

    async def address_words(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'我的地址改成3栋2单元501' (or a bare door number, or a part corrected alone: "是502
        不是501"): the saved address changes."""
        text = _text(update)
        fixed = await self.s.mine.fixed_address(tx, person, door_fix(text))
        said = fixed.label() if fixed is not None else address_change(text) or text
        address = community_address(context, said)
        if not isinstance(address, Address):
            await reply(update, context, tx, address)
            return
        fixes = corrects_address(text)  # "门牌号写错了，应该是502": open bookings too
        changed, buttons = await self.s.mine.change_address(tx, person, address, corrected=fixes)
        await reply(update, context, tx, changed, buttons=buttons)

    async def mybookings_command(self, update: Update, context: Context, tx: Tx) -> None:
        """/mybookings: the resident's open and recent bookings with their buttons."""
        person = await sender(update, context, tx)
        text, buttons = await self.s.mine.listing(tx, person)
        await reply(update, context, tx, text, buttons=buttons or None)

    async def address_command(self, update: Update, context: Context, tx: Tx) -> None:
        """/address 3-2-501 changes the saved address; /address alone asks for it."""
        person = await sender(update, context, tx)
        given = " ".join(context.args or [])
        address = community_address(context, given)
        if isinstance(address, Address):
            text, buttons = await self.s.mine.change_address(tx, person, address)
            await reply(update, context, tx, text, buttons=buttons)
            return
        await context.runtime.people.expect(tx, person.id, Pending.NEW_ADDRESS)
        await reply(update, context, tx, address if given else T("bookflow.address_ask"))

    # -- buttons --------------------------------------------------------------------------------

    async def move_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """🕑 Change the time of a booking: to the time already asked, when its button carries
        one ("改到周六下午三点" → which booking?), else which time instead."""
        args = ButtonArgs.parse(press.callback.args)
        found = await self.s.moving.own(tx, args.booking_id, press.person)
        if isinstance(found, Text):
            press.set_toast(found)
            return
        asked = uncarried(args.arg, context.runtime.community.tz)
        if asked is None:
            said = await self.s.moving.ask(tx, found, press.person)
        else:
            said = await self.s.moving.to(tx, found, press.person, *asked)
        await _answer(press, context, tx, said)

    async def move_to_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A quick choice as the new time."""
        args = ButtonArgs.parse(press.callback.args)
        found = await self.s.moving.own(tx, args.booking_id, press.person)
        span = self.s.moving.quick(args.arg)
        if isinstance(found, Text) or span is None:
            press.set_toast(found if isinstance(found, Text) else T("common.stale_button"))
            return
        await _answer(
            press, context, tx, await self.s.moving.to(tx, found, press.person, span, True)
        )

    async def move_late_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident confirmed a change inside the late window."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(
            await self.s.moving.confirm_late(tx, args.booking_id, args.number, press.person)
        )

    async def move_yes_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The worker agrees to the new time."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(
            await self.s.moving.decide(tx, args.booking_id, args.number, press.person, True)
        )

    async def move_no_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The worker cannot make the new time."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(
            await self.s.moving.decide(tx, args.booking_id, args.number, press.person, False)
        )

    async def other_address_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """At the summary: another address for this booking only."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        draft = await self.s.flow.draft_of(tx, booking_id, press.person, Step.CONFIRM)
        if draft is None:
            press.set_toast(T("common.stale_button"))
            return
        ask = await self.s.timing.other_address(tx, draft, press.person)
        await _answer(press, context, tx, Said(True, ask))

    async def use_address_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """📍 under "address changed": this open booking goes to the new saved address."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        said = await self.s.mine.use_address(tx, booking_id, press.person)
        await _answer(press, context, tx, Said(True, said))


def _asks_list(update: Update) -> bool:
    """'我的预约' / 'my bookings' asks for the list; '师傅几点到' for where one stands."""
    text = _text(update).lower()
    return any(
        w in text
        for w in (
            "我的预约",
            "我的订单",
            "预约记录",
            "订单记录",
            "my booking",
            "my order",
            "/start",
        )
    )


def feature(h: FlowHandlers) -> Feature:
    """Typed answers, the status/reschedule intents, the address words, buttons and the
    deadline of a new time awaiting the worker."""
    buttons: dict[str, ButtonHandler] = {
        Action.MOVE: h.move_pressed,
        Action.MOVE_TO: h.move_to_pressed,
        Action.MOVE_LATE: h.move_late_pressed,
        Action.MOVE_YES: h.move_yes_pressed,
        Action.MOVE_NO: h.move_no_pressed,
        Action.OTHER_ADDRESS: h.other_address_pressed,
        Action.USE_ADDRESS: h.use_address_pressed,
    }

    async def move_due(tx: Tx, deadline: Any) -> None:
        await h.s.moving.deadline_due(tx, deadline.kind, deadline.ref)

    return Feature(
        buttons=buttons,
        inputs={
            Pending.SLOT: h.slot_input,
            Pending.PROVIDER: h.provider_input,
            Pending.ADDRESS_ONCE: h.address_once_input,
            Pending.MOVE: h.move_input,
            Pending.MOVE_LATE: h.move_late_input,
            Pending.NEW_ADDRESS: h.new_address_input,
        },
        intents={"status": h.status, "reschedule": h.reschedule, ADDRESS_WORDS: h.address_words},
        deadlines={DeadlineKind.MOVE: move_due},
    )


__all__ = [
    "FlowHandlers",
    "calls_off",
    "changed_time",
    "feature",
    "said_aside",
    "typed_count",
    "typed_time",
]
