"""Booking and dispatch in Telegram: the private booking flow, workers' buttons, cancelling,
price questions, and staff's /booking and /bookings.

Thin: each handler reads the update, checks who pressed, calls one use case of
:class:`~bot.domain.bookings.BookingService` and answers. Button actions, typed answers and
deadline kinds come from :mod:`bot.domain.bookings.contract`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot.callbacks import parse_id
from bot.deadlines import Deadline
from bot.domain.bookings import Booking, BookingService
from bot.domain.bookings.contract import (
    DRAFT,
    SURE,
    Action,
    Awaiting,
    ButtonArgs,
    DeadlineKind,
    Pending,
    Skip,
)
from bot.domain.bookings.model import Kind, Step, kind_of
from bot.domain.bookings.queued import start_or_queue
from bot.domain.bookings.stepwords import (
    confirms_in_a_row,
    kept_words,
    only_fillers,
    puts_off,
)
from bot.domain.incidents.model import SAME_EMERGENCY
from bot.domain.people import Address, Person
from bot.domain.requests import GroupRequest
from bot.i18n import T, both
from bot.storage import Tx
from handlers.base import edit_pressed, reply, sender, staff_sender, tell
from handlers.booking_flow import (
    booking_address,
    calls_off,
    changed_time,
    moved_address,
    open_draft,
    said_aside,
    typed_count,
    typed_time,
)
from handlers.booking_mind import changed_mind, described_at_address
from handlers.context import Context, Feature
from handlers.context import Press as Pressed  # the verified press (contract has its args)
from handlers.onboarding import community_address
from handlers.requests import CANCEL_IN_PRIVATE, NOTHING_TO_CANCEL
from intents import address_change, written_in
from intents.amounts import (
    asks_more,
    clauses,
    count_asked,
    hours_asked,
    joined_asks,
    says_lives_alone,
)
from intents.lexicon import refers_back
from intents.replies import confirms, declines_door_code, declines_note, door_code_said


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def _said(update: Update) -> str | None:
    """What the resident typed, when this update is their own words (not a link or a press)."""
    message = update.message
    text = message.text if message is not None else None
    return text if text and not text.startswith("/") else None


def _later_asks(words: str) -> list[str]:
    """The parts of a message that may ask for another service: its later clauses that ask
    for something, and what an "and" joins to the first thing of any asking clause ("clean our
    range hood and the AC units")."""
    parts = clauses(words)
    found: list[str] = []
    for index, part in enumerate(parts):
        if refers_back(part) or says_lives_alone(part):  # "clean it", "她一个人住"
            continue
        if index and not asks_more(part):  # "马桶堵了，水漫出来了": the same trouble, further
            continue
        found.extend([part] if index else [])
        found.extend(joined_asks(part))
    return found


def _second_service(context: Context, words: str, first: str) -> str | None:
    """Another bookable service named in a later part of the same message, if any."""
    rt = context.runtime
    for part in _later_asks(words):
        got = rt.understander.understand(part, chat="private")
        target = got.target
        if got.intent != "service_request" or target is None or target == first:
            continue
        if rt.catalogue.is_service(target) and kind_of(target) is Kind.SERVICE:
            return target
    return None


_SKIPPED: dict[str, Step] = {Skip.NOTE: Step.NOTE, Skip.DOOR: Step.DOOR}


async def _emergency_place(context: Context, tx: Tx, booking: Booking, person: Person) -> None:
    """An as-soon-as-possible job confirmed in private just after its writer reported an
    emergency there (the ⚡ plumber under a burst pipe's advice): its address is where the
    emergency is, kept on the incident for the responders' reminders (tester3)."""
    if booking.asap and booking.address is not None:
        emergencies = context.bot_data.emergencies
        await emergencies.places.from_booking(tx, person, booking.address.label())


async def _emergency_said(context: Context, tx: Tx, person: Person) -> tuple[str, Address | None]:
    """The words and the flat of the emergency the writer just raised in this private chat
    (the ⚡ plumber under a burst pipe's advice): the job's note, and its address when they
    have none saved (session 15: the flat given to "在哪栋楼？" was asked again, and the plumber
    never saw "水管爆了 厨房全是水")."""
    incidents = context.bot_data.emergencies.inc
    since = context.runtime.clock.now() - SAME_EMERGENCY
    chat = person.telegram_id
    found = await incidents.repo.open_by_writer(tx, chat, person.telegram_id, since)
    if found is None:
        return "", None
    place = community_address(context, found.address) if found.address else None
    return found.words, place if isinstance(place, Address) else None


def _hint(booking: Booking) -> str:
    """The nudge under a summary names its button: ✅ 确认预约, or ✅ 提交报修 for a report."""
    return (
        "bookflow.confirm_hint_wo" if booking.kind == Kind.WORK_ORDER else "bookflow.confirm_hint"
    )


class BookingHandlers:
    """The handlers, sharing one BookingService."""

    def __init__(self, service: BookingService) -> None:
        self.s = service

    # -- intents ---------------------------------------------------------------------------

    async def service_request(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """Start booking the requested service in private, prefilled from the message."""
        if request.target is None or not context.runtime.catalogue.is_service(request.target):
            await reply(update, context, tx, T("requests.private_unsure"))
            return
        typed = _said(update)  # None: continued from the group, whose words were kept
        if typed is None and await self._booked_already(update, context, tx, person, request):
            return  # the group's link pressed again: the booking it became, no second draft
        if kind_of(request.target) is Kind.WORK_ORDER:  # what is broken and where, no room
            await self.s.onsite.work_orders.report(tx, person, typed or request.words)
            return
        said = {
            "asap": request.when_asap,
            "has_time": request.when_has_time,
            "days": request.when_days,
        }
        words = typed or request.words or ""
        hours = hours_asked(words)
        measures = context.runtime.catalogue.counted_measures(request.target)
        started = await self.s.flow.start(
            tx,
            person,
            request.target,
            request.when_start,
            request.when_end,
            hours,
            words=words,
            count=count_asked(words, measures) if measures else None,
            **said,
        )
        if started is not None and words:  # the problem as told, for the worker (a note adds)
            await self.s.timing.keep_words(tx, started, words)
        second = _second_service(context, words, request.target)
        if started is not None and second is not None:  # "…油烟机，顺便空调也洗一下"
            text, buttons = self.s.replies.second_service(request.target, second)
            await reply(update, context, tx, text, buttons=buttons, n=1)

    async def price_query(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """Answer 'how much' from the offers: price, market price, rating; offer to book."""
        service = request.target
        if service is None or not context.runtime.catalogue.is_service(service):
            await reply(update, context, tx, T("requests.private_unsure"))
            return
        if kind_of(service) is Kind.WORK_ORDER:  # common areas cost residents nothing
            await reply(update, context, tx, T("onsite.group_work_order"))
            return
        text, buttons = await self.s.price_card(tx, service, person)
        await reply(update, context, tx, text, buttons=buttons)

    async def cancel_request(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'取消明天的保洁': show the matching bookings, each with a cancel button."""
        found = await self.s.cancelling.matching(
            tx, person, request.target, request.when_start, request.when_end
        )
        if not found:
            draft = await self.s.timing.draft(tx, person)
            if draft is not None:  # "算了，不约了" while booking: the draft ends
                await self.s.timing.drop(tx, draft, person)
                return
            await reply(update, context, tx, T("bookings.cancel_none"))
            return
        buttons = self.s.replies.cancel_choices(found)
        await reply(update, context, tx, T("bookings.cancel_pick"), buttons=buttons)

    async def nothing_to_cancel(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'取消明天的保洁' in a group from someone with no cleaning booked (an appliance repair
        open, say): they are told there is none, not invited to cancel it in private."""
        if request.target is None:
            return
        if await self.s.cancelling.matching(tx, person, request.target, None, None):
            return
        if await self.s.timing.draft(tx, person) is not None:  # "算了不约了" ends the draft
            return
        name = context.runtime.catalogue.name(request.target)
        message = update.effective_message
        lang = written_in(message.text or "") if message is not None else None
        await reply(update, context, tx, T("requests.group_cancel_none", what=name), lang=lang)
        context.answered = True

    async def cancel_in_private(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """A paced '取消…' in a group (the writer was answered there a moment ago): the
        bookings it may mean, each with a cancel button, or that there is none, in the writer's
        private chat. A draft being filled in is left to the group's link."""
        found = await self.s.cancelling.matching(
            tx, person, request.target, request.when_start, request.when_end
        )
        if not found and await self.s.timing.draft(tx, person) is not None:
            return
        said = T("requests.cancel_from_group", words=kept_words(request.words or "")[:80])
        if found:
            text, buttons = T("bookings.cancel_pick"), self.s.replies.cancel_choices(found)
        else:
            what = context.runtime.catalogue.name(request.target) if request.target else None
            none = T("requests.group_cancel_none", what=what) if what else None
            text, buttons = none or T("bookings.cancel_none"), None
        message = update.effective_message
        key = f"cancel:group:{message.chat_id}:{message.message_id}" if message else "cancel:group"
        await context.runtime.outbox.send(
            tx, person.telegram_id, T("common.lines", lines=[said, text]), key=key, buttons=buttons
        )
        context.answered = True

    # -- the draft -------------------------------------------------------------------------

    async def new_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """'Book' under a price answer."""
        service = press.callback.arg(0)
        if not context.runtime.catalogue.is_service(service):
            press.set_toast(T("common.stale_button"))
            return
        press.set_toast(None)
        if kind_of(service) is Kind.WORK_ORDER:
            await self.s.onsite.work_orders.start(tx, press.person)
            return
        await start_or_queue(self.s.flow, tx, press.person, service)  # an open draft is kept

    async def _booked_already(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> bool:
        """A group request already booked: its booking's state and buttons, said as such."""
        assert request.target is not None
        found = await self.s.mine.booked_from(tx, person, request.target, request.words)
        if found is None:
            return False
        text, buttons = await self.s.mine.stands(tx, person, request.target)
        lead = T("bookflow.request_booked", id=found.id)
        await reply(update, context, tx, T("common.lines", lines=[lead, text]), buttons=buttons)
        return True

    async def now_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """⚡ under an emergency's advice: the urgent service as soon as possible."""
        service = press.callback.arg(0)
        if not context.runtime.catalogue.is_service(service):
            press.set_toast(T("common.stale_button"))
            return
        press.set_toast(None)
        people = context.runtime.people
        words, place = await _emergency_said(context, tx, press.person)
        if place is not None and await people.address(tx, press.person.id) is None:
            await people.set_address(tx, press.person.id, place)  # the flat just given
        await self.s.urgent.now(tx, press.person, service, words=words)

    async def _draft(self, press: Pressed, tx: Tx, step: Step) -> Booking | None:
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        booking = await self.s.flow.draft_of(tx, booking_id, press.person, step)
        if booking is None:
            press.set_toast(T("common.stale_button"))
        return booking

    async def provider_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident chose a provider."""
        booking = await self._draft(press, tx, Step.PROVIDER)
        if booking is not None:
            provider = ButtonArgs.parse(press.callback.args).arg
            ok = await self.s.flow.choose_provider(tx, booking, press.person, provider)
            press.set_toast(None if ok else T("common.stale_button"))

    async def slot_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident kept the suggested time or picked a quick choice."""
        booking = await self._draft(press, tx, Step.SLOT)
        if booking is not None:
            choice = ButtonArgs.parse(press.callback.args).arg
            ok = await self.s.timing.choose(tx, booking, press.person, choice)
            press.set_toast(None if ok else T("common.stale_button"))

    async def skip_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Skip the note, the door code or the rating comment."""
        args = ButtonArgs.parse(press.callback.args)
        if args.arg == Skip.COMMENT:
            if not await self.s.jobs.comment_awaited(tx, press.person, args.booking_id):
                press.set_toast(T("common.stale_button"))
                return
            press.set_toast(None)
            await self.s.jobs.comment(tx, args.booking_id, press.person, None)
            return
        step = _SKIPPED.get(args.arg)
        if step is None:
            press.set_toast(T("common.stale_button"))
            return
        draft = await self._draft(press, tx, step)
        if draft is None:
            return
        press.set_toast(None)
        if step is Step.NOTE:
            await self.s.flow.give_note(tx, draft, press.person, None)
        else:
            await self.s.flow.give_door_code(tx, draft, press.person, None)

    async def confirm_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident confirmed the booking: dispatch starts."""
        booking = await self._draft(press, tx, Step.CONFIRM)
        if booking is not None:
            wo = booking.kind == Kind.WORK_ORDER
            press.set_toast(T("bookflow.confirmed_toast_wo" if wo else "bookings.confirmed_toast"))
            await self.s.dispatch.confirm(tx, booking, press.person)
            await _emergency_place(context, tx, booking, press.person)
            await self.s.urgent.resume(tx, press.person, booking.id)

    async def address_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The address for the booking (asked once, then remembered); cancel words, chatty
        ones too ("哎 还是不弄了，算了"), end the draft as at every step."""
        draft = await open_draft(self.s, update, context, tx, person, data, Step.ADDRESS)
        if isinstance(draft, bool):
            return draft
        booking, text = draft
        if address_change(text) is None and await typed_time(  # "my address is now 6-1-…"
            update, context, tx, person, booking, self.s.timing
        ):
            return True  # "改到明天下午3点吧": the time changes, the address is asked again
        if await described_at_address(self.s, update, context, tx, person, booking):
            return True  # "the drum bangs when spinning": the note, the address asked again
        address = await booking_address(update, context, tx, person)
        if not isinstance(address, Address):
            return address
        await self.s.flow.give_address(tx, booking, person, address)
        return True

    async def note_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A note for the worker."""
        return await self._draft_answer(update, context, tx, person, data, Step.NOTE)

    async def door_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The door code, kept encrypted."""
        return await self._draft_answer(update, context, tx, person, data, Step.DOOR)

    async def _draft_answer(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        data: dict[str, Any],
        step: Step,
    ) -> bool:
        """The optional free text of a draft's note or door-code step: given (blank for none),
        or words calling the booking off; False when the draft no longer waits for it. A yes
        ("确认", "ok", "好的") says there is nothing to add: the step is passed, never kept as
        the note or the code."""
        booking = await self.s.flow.awaited_draft(tx, person, Awaiting.parse(data), step)
        if booking is None:
            return False
        if await moved_address(self.s, update, context, tx, person, booking):
            return True  # "我的地址改成3栋2单元501": the address, not the note ("now": no time)
        if await changed_mind(self.s, context, tx, person, booking, _text(update)):
            return True  # "窗户先不擦了 只要打扫卫生就行": one kept, the other dropped
        if await typed_time(update, context, tx, person, booking, self.s.timing):
            return True  # a time alone changes the time; a note mentioning one is a note
        if await changed_time(self.s, update, context, tx, person, booking):
            return True  # "诶不对…能不能改到周日下午": the time changes, not the note
        if await said_aside(self.s, update, context, tx, person, booking):
            return True  # "师傅到哪了", or another request: never the note or the code
        text = _text(update)
        if step is Step.NOTE and await typed_count(self.s, update, context, tx, person, booking):
            return True  # "三台" alone: the count, the note asked again
        if step is Step.NOTE:  # "3 units, one is leaking": the count kept, and the note
            booking = await self.s.timing.count_in_note(tx, booking, text)
        declined = declines_door_code(text) if step is Step.DOOR else declines_note(text)
        declined = (
            declined or confirms(text) or confirms_in_a_row(text)
        )  # "确认" / "ok": nothing to add, go on
        if not declined and calls_off(context, text):  # "不用了" here skips the step
            await self.s.timing.drop(tx, booking, person)
            return True
        given = None if declined else text.strip() or None
        if step is Step.DOOR:  # "不用了" / "好了" / "no": no code, never kept as one
            await self.s.flow.give_door_code(tx, booking, person, given)
            return True
        await self.s.flow.give_note(tx, booking, person, given)
        return True

    async def confirm_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Words under the summary: "确认" / "ok" confirms; a new time changes it; cancel words
        end it; a door code ("门锁密码是 778899", "code for the gate is 8899") is sealed for this
        booking; "师傅到哪了" hears it is not sent yet; another request is kept apart from it;
        an address change or a question is handled as such (the summary still waits); other
        words ("电话13812345678 到了先打电话") go to the note. The summary is shown again."""
        draft = await open_draft(self.s, update, context, tx, person, data, Step.CONFIRM)
        if isinstance(draft, bool):
            return draft
        booking, text = draft
        if confirms(text) or confirms_in_a_row(text):  # "好的 提交吧", "yes please"
            wo = booking.kind == Kind.WORK_ORDER  # a report is submitted, not a booking
            await reply(
                update,
                context,
                tx,
                T("bookflow.confirmed_typed_wo" if wo else "bookflow.confirmed_typed"),
            )
            await self.s.dispatch.confirm(tx, booking, person)
            await _emergency_place(context, tx, booking, person)
            await self.s.urgent.resume(tx, person, booking.id)
            return True
        if await typed_time(update, context, tx, person, booking, self.s.timing):
            return True  # the summary again, with the new time
        if await changed_time(self.s, update, context, tx, person, booking):
            return True  # "诶不对…能不能改到周日下午"
        code = door_code_said(text)
        if code is not None:  # sealed as at the door-code step; other words go to the note
            said, buttons = await self.s.aside.to_note(tx, booking, person, text, code)
            await reply(update, context, tx, said, buttons=buttons)
            return True
        if await moved_address(self.s, update, context, tx, person, booking, bare=True):
            return True  # "4栋3单元1101": the address changes, the summary is shown again
        if await said_aside(self.s, update, context, tx, person, booking):
            return True  # "师傅到哪了", or another request kept apart from this one
        if context.understand_private(text).intent != "none":
            return False  # a question: answered; the summary waits
        if declines_note(text) or puts_off(text) or only_fillers(text):  # "嗯嗯好吧", "skip"
            ask, buttons = await self.s.flow.reask(tx, booking, person)
            hint = T("common.lines", lines=[T(_hint(booking)), ask])
            await reply(update, context, tx, hint, buttons=buttons)
            return True
        said, buttons = await self.s.aside.to_note(tx, booking, person, text)
        await reply(update, context, tx, said, buttons=buttons)
        return True

    async def comment_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """An optional comment after rating."""
        return await self.s.jobs.typed_comment(tx, person, Awaiting.parse(data), _text(update))

    # -- cancelling ------------------------------------------------------------------------

    async def cancel_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Cancel: free until the policy's hours before the slot, else confirm a late cancel."""
        args = ButtonArgs.parse(press.callback.args)
        booking_id = args.booking_id
        answer = await self.s.cancelling.press(
            tx, booking_id, press.person, draft=args.arg == DRAFT
        )
        press.set_toast(answer.toast)
        if args.arg == DRAFT and answer.cancelled:  # a draft left for it is asked again,
            await self.s.urgent.resume(tx, press.person, booking_id)  # or the next one starts
        if answer.ask_late:
            text, buttons = self.s.replies.late_cancel_ask(booking_id, answer.on_the_way)
            key = f"u{press.update.update_id}:0"
            await tell(context, tx, press.person.telegram_id, text, key=key, buttons=buttons)

    async def late_cancel_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident confirmed a late cancel."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        press.set_toast(await self.s.cancelling.confirm_late(tx, booking_id, press.person))

    # -- workers and ratings ---------------------------------------------------------------

    async def accept_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """A worker accepts the offer (exactly one wins)."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(
            await self.s.dispatch.accept(tx, args.booking_id, args.number, press.person)
        )

    async def decline_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """A worker declines the offer: the next provider is asked."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(
            await self.s.dispatch.decline(tx, args.booking_id, args.number, press.person)
        )

    async def arrived_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The assigned worker arrived."""
        args = ButtonArgs.parse(press.callback.args)
        sure = args.arg == SURE
        press.set_toast(await self.s.jobs.arrived(tx, args.booking_id, press.person, sure=sure))

    async def done_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The assigned worker finished."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        press.set_toast(await self.s.jobs.done(tx, booking_id, press.person))

    async def withdraw_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The assigned worker cannot come after all: re-dispatch."""
        args = ButtonArgs.parse(press.callback.args)
        sure = args.arg == SURE
        answer = await self.s.dispatch.withdraw(tx, args.booking_id, press.person, sure=sure)
        press.set_toast(answer)

    async def door_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Show the door code to the assigned worker, as a private pop-up (never stored)."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        press.set_toast(await self.s.jobs.reveal_door_code(tx, booking_id, press.person))

    async def rate_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident rates 1-5."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(await self.s.jobs.rate(tx, args.booking_id, press.person, args.number))

    # -- deadlines -------------------------------------------------------------------------

    async def deadline_due(self, tx: Tx, deadline: Deadline) -> None:
        """An offer's response window closed, the reminder before the slot, a late check or
        a work order's escalation."""
        if not await self.s.onsite.deadline_due(tx, deadline.kind, deadline.ref):
            await self.s.dispatch.deadline_due(tx, deadline.kind, deadline.ref)

    # -- staff -----------------------------------------------------------------------------

    async def booking_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /booking <id> shows a booking's state and audit timeline."""
        if await staff_sender(update, context, tx) is None:
            return
        booking_id = parse_id(context.args[0] if context.args else "")
        card = await self.s.staff_card(tx, booking_id)
        if card is None:  # no number: how to use it; a number: no such booking (or a draft)
            known = booking_id >= 0
            card = T("bookings.staff_no_booking", id=booking_id) if known else None
        await reply(update, context, tx, card or T("bookings.staff_usage"))

    async def suspend_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /suspend <provider id> stops offering a provider; /unsuspend lifts it."""
        if await staff_sender(update, context, tx) is None:
            return
        community = context.runtime.community
        lifting = _text(update).startswith("/unsuspend")
        provider = community.provider(context.args[0]) if context.args else None
        if provider is None:
            ids = ", ".join(p.id for p in community.providers)
            await reply(update, context, tx, T("bookings.suspend_usage", ids=ids))
            return
        person = await sender(update, context, tx)
        await self.s.providers.suspend(tx, provider, person, not lifting)
        name = both(provider.name_zh, provider.name_en)
        key = "bookings.unsuspended" if lifting else "bookings.suspended"
        await reply(update, context, tx, T(key, provider=name))

    async def bookings_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /bookings lists open bookings, overdue ones marked."""
        if await staff_sender(update, context, tx) is not None:
            text, buttons = await self.s.staff_page(tx, 0)
            await reply(update, context, tx, text, buttons=buttons)

    async def staff_page_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Staff: ◀ ▶ through the open jobs (the list as it is now); others change nothing."""
        if not await context.runtime.people.is_staff(tx, press.person.telegram_id):
            press.set_toast(T("common.staff_only"))
            return
        page = ButtonArgs.parse(press.callback.args).booking_id
        text, buttons = await self.s.staff_page(tx, page)
        await edit_pressed(press, context, tx, text, buttons=buttons)

    def buttons(self) -> dict[str, Callable[[Pressed, Context, Tx], Awaitable[None]]]:
        """The handler of every button action of the contract."""
        return {
            Action.NEW: self.new_pressed,
            Action.NOW: self.now_pressed,
            Action.PROVIDER: self.provider_pressed,
            Action.SLOT: self.slot_pressed,
            Action.SKIP: self.skip_pressed,
            Action.CONFIRM: self.confirm_pressed,
            Action.CANCEL: self.cancel_pressed,
            Action.LATE_CANCEL: self.late_cancel_pressed,
            Action.ACCEPT: self.accept_pressed,
            Action.DECLINE: self.decline_pressed,
            Action.ARRIVED: self.arrived_pressed,
            Action.DONE: self.done_pressed,
            Action.WITHDRAW: self.withdraw_pressed,
            Action.DOOR: self.door_pressed,
            Action.RATE: self.rate_pressed,
            Action.STAFF_PAGE: self.staff_page_pressed,
        }


def feature(h: BookingHandlers) -> Feature:
    """Booking buttons, awaited answers, the intents it continues, and its deadlines."""
    return Feature(
        buttons=h.buttons(),
        inputs={
            Pending.ADDRESS: h.address_input,
            Pending.NOTE: h.note_input,
            Pending.DOOR: h.door_input,
            Pending.CONFIRM: h.confirm_input,
            Pending.COMMENT: h.comment_input,
        },
        intents={
            "service_request": h.service_request,
            "price_query": h.price_query,
            "cancel": h.cancel_request,
            NOTHING_TO_CANCEL: h.nothing_to_cancel,
            CANCEL_IN_PRIVATE: h.cancel_in_private,
        },
        # (a new time awaiting the worker is handled with rescheduling: handlers/booking_flow.py)
        deadlines={k: h.deadline_due for k in DeadlineKind if k is not DeadlineKind.MOVE},
    )


__all__ = ["BookingHandlers", "feature"]
