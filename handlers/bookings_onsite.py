"""After the accept, in Telegram: arrival buttons and typed arrival times, the late question,
the private line (text, photos, voice notes), a work order's issue and place, and photos
attached to a request.

Thin: each handler reads the update, calls one use case of
:attr:`~bot.domain.bookings.BookingService.onsite` and answers. Actions and awaited answers come
from :mod:`bot.domain.bookings.contract`.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update

from bot.domain.bookings import BookingService
from bot.domain.bookings.contract import Action, Awaiting, ButtonArgs, Pending
from bot.domain.bookings.model import Step
from bot.domain.bookings.onsite.line import Relayed
from bot.domain.bookings.onsite.plain import AskFirst
from bot.domain.bookings.onsite.repo import Photo
from bot.domain.people import Person
from bot.domain.requests import GroupRequest
from bot.i18n import T, Text
from bot.storage import Tx
from handlers.base import reply
from handlers.booking_flow import calls_off
from handlers.bookings_asked import ask_first, may_ask, new_request, to_worker
from handlers.context import ButtonHandler, Context, Feature, InputHandler
from handlers.context import Press as Pressed
from handlers.requests import KNOWN_FAULT, STATUS_IN_PRIVATE
from intents import Understanding, written_in
from intents.addresses import names_building


def _kind(message: Message) -> str:
    """What a relayed message is: text, photo, voice (voice notes and audio), or media."""
    if message.text is not None:
        return "text"
    if message.photo:
        return "photo"
    if message.voice is not None or message.audio is not None:
        return "voice"
    return "media"


def relayed(message: Message) -> Relayed:
    """A message as the private line passes it on."""
    text = message.text if message.text is not None else (message.caption or "")
    return Relayed(_kind(message), message.chat_id, message.message_id, text)


def _request(context: Context, text: str, got: Understanding | None = None) -> str:
    """What the typed words ask the bot for ("cancel" only when sure); "none" for chat."""
    if calls_off(context, text):
        return "cancel"
    if got is None:
        got = context.understand_private(text)
    return got.intent if got.intent != "cancel" else "none"


class OnsiteHandlers:
    """The handlers, sharing one BookingService."""

    def __init__(self, service: BookingService) -> None:
        self.s = service
        self.o = service.onsite

    # -- the arrival promise ---------------------------------------------------------------

    async def eta_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The worker says when they will be there."""
        args = ButtonArgs.parse(press.callback.args)
        toast = await self.o.arrival.promise_pressed(tx, args.booking_id, press.person, args.arg)
        press.set_toast(toast)

    async def eta_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """'30分钟内到' typed after accepting."""
        message = update.effective_message
        text = (message.text or "") if message is not None else ""
        return await self.o.arrival.typed(tx, person, Awaiting.parse(data), text)

    async def came_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident answers 'is the worker there?'."""
        args = ButtonArgs.parse(press.callback.args)
        press.set_toast(await self.o.arrival.came(tx, args.booking_id, press.person, args.arg))

    # -- the private line ------------------------------------------------------------------

    async def line_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Open the private line with the other side of the job."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        press.set_toast(await self.o.line.open(tx, booking_id, press.person))

    async def line_end_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """Leave the private line."""
        booking_id = ButtonArgs.parse(press.callback.args).booking_id
        press.set_toast(await self.o.line.stop(tx, booking_id, press.person))

    async def line_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A message (text or media) on the open line: relayed to the other side."""
        message = update.effective_message
        if message is None:
            return False
        awaiting = Awaiting.parse(data)
        if message.text and await self.o.line.for_the_bot(
            tx, person, awaiting, _request(context, message.text)
        ):
            return False  # "我的预约", "师傅几点到", "改到下午", "取消…": the bot answers
        return await self.o.line.relay(tx, person, awaiting, relayed(message))

    async def plain_look(
        self, update: Update, context: Context, tx: Tx, person: Person, got: Understanding | None
    ) -> bool:
        """Any private message first: the answer to a relayed message, typed without pressing
        💬 回复, goes through the line (an emergency never does)."""
        message = update.effective_message
        if message is None or (got is not None and got.emergency is not None):
            return False
        text = message.text or ""
        if text.startswith("/"):
            return False
        waiting = await self.o.waiting.typed(tx, person, text) if text else False
        if isinstance(waiting, tuple):  # "还没来": where the job stands; the job is kept
            await reply(update, context, tx, waiting[0], buttons=waiting[1])
            return True
        if waiting:
            return True  # "一个人影都没有" under "师傅到了吗？": as its ❌ (question edited)
        answered = await self.s.moving.typed_reply(tx, person, text) if text else None
        if answered is not None:  # a worker's "可以" / "去不了" to a new time asked
            await reply(update, context, tx, answered)
            return True
        intent = _request(context, text, got) if message.text else "none"
        ask = bool(message.text) and may_ask(context, text, got)
        target = got.target if got is not None else None
        heard = await self.o.plain.heard(tx, person, relayed(message), intent, ask, target)
        if isinstance(heard, AskFirst):  # for the worker, or a new request? asked
            await ask_first(update, context, tx, person, heard, self.s)
            return True
        return heard

    async def gone_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A worker writes after their job was taken from them ("我快到了")."""
        message = update.effective_message
        text = (message.text or "") if message is not None else ""
        answered = await self.s.moving.typed_reply(tx, person, text) if text else None
        if answered is not None:  # about the job with a question open, never the closed one
            await context.runtime.people.done_expecting(tx, person.id)
            await reply(update, context, tx, answered)
            return True
        return await self.o.plain.gone(tx, person, data, text, _request(context, text))

    async def status_in_private(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'师傅几点到' in a group: the answer is pushed to the writer's private chat."""
        message = update.effective_message
        where = f"{message.chat_id}:{message.message_id}" if message is not None else ""
        key = f"status:group:{where}"
        await self.s.mine.tell_stands(tx, person, request.target, key)

    async def known_fault(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """A common-area fault in a group that a work order already handles ("2号楼停水了"
        while #2 is open): the group is pointed to it (building and status only), and no new
        work order is offered."""
        known = await self.o.work_orders.already_open(tx, request.words or "")
        if known is None:
            return
        message = update.effective_message
        lang = written_in(message.text or "") if message is not None else None
        await reply(update, context, tx, self.o.work_orders.handling(known), lang=lang)
        context.answered = True

    # -- work orders and photos ------------------------------------------------------------

    async def _draft_press(self, press: Pressed, tx: Tx, step: Step) -> tuple[Any, str] | None:
        args = ButtonArgs.parse(press.callback.args)
        booking = await self.s.flow.draft_of(tx, args.booking_id, press.person, step)
        if booking is None:
            press.set_toast(T("common.stale_button"))
            return None
        return booking, args.arg

    async def issue_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident said what is broken."""
        found = await self._draft_press(press, tx, Step.ISSUE)
        if found is not None:
            ok = await self.o.work_orders.choose_issue(tx, found[0], press.person, found[1])
            press.set_toast(None if ok else T("common.stale_button"))

    async def place_pressed(self, press: Pressed, context: Context, tx: Tx) -> None:
        """The resident tapped their own building."""
        found = await self._draft_press(press, tx, Step.PLACE)
        if found is not None:
            ok = await self.o.work_orders.choose_building(tx, found[0], press.person, found[1])
            press.set_toast(None if ok else T("common.stale_button"))

    async def place_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Where the broken thing is ('3栋1单元大门'); asked again when unclear."""
        message = update.effective_message
        text = (message.text or "") if message is not None else ""
        if calls_off(context, text):  # "cancel", "forget it": the report is not filed
            booking = await self.s.flow.awaited_draft(tx, person, Awaiting.parse(data), Step.PLACE)
            if booking is not None:
                await self.s.timing.drop(tx, booking, person)
                return True
        done = await self.o.work_orders.typed_place(tx, person, Awaiting.parse(data), text)
        if isinstance(done, Text) and not names_building(text):
            # no building at all: perhaps a reply to a worker on the line ("ok coming down in
            # 1 min"); relayed when it is one, the question staying open (pressable) either way
            rt = context.runtime
            await rt.people.done_expecting(tx, person.id)
            relayed_now = await self.plain_look(update, context, tx, person, None)
            await rt.people.expect(tx, person.id, Pending.PLACE, **data)
            if relayed_now:
                return True
        if isinstance(done, Text):
            await reply(update, context, tx, done)
            return True
        return done

    async def photo_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A photo sent while the note is asked: attached for the worker."""
        message = update.effective_message
        if message is None or not message.photo:
            return False
        photo = Photo(message.chat_id, message.message_id)
        return await self.o.work_orders.attach_photo(tx, person, Awaiting.parse(data), photo)

    def buttons(self) -> dict[str, ButtonHandler]:
        """The handler of each button action of this part of the contract."""
        return {
            Action.ETA: self.eta_pressed,
            Action.CAME: self.came_pressed,
            Action.LINE: self.line_pressed,
            Action.LINE_END: self.line_end_pressed,
            Action.TO_WORKER: lambda press, context, tx: to_worker(self.s, press, context, tx),
            Action.NEW_REQUEST: new_request,
            Action.ISSUE: self.issue_pressed,
            Action.PLACE: self.place_pressed,
        }


def feature(h: OnsiteHandlers) -> Feature:
    """Arrival, the private line, work orders' own steps and photos."""
    inputs: dict[str, InputHandler] = {
        Pending.ETA: h.eta_input,
        Pending.LINE: h.line_input,
        Pending.PLACE: h.place_input,
        Pending.GONE: h.gone_input,
    }
    media: dict[str, InputHandler] = {Pending.LINE: h.line_input, Pending.NOTE: h.photo_input}
    return Feature(
        buttons=h.buttons(),
        inputs=inputs,
        media=media,
        intents={STATUS_IN_PRIVATE: h.status_in_private, KNOWN_FAULT: h.known_fault},
        first_looks=(h.plain_look,),
    )


__all__ = ["OnsiteHandlers", "feature"]
