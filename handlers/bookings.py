"""Booking and dispatch in Telegram: the private booking flow, workers' buttons, cancelling,
price questions, and staff's /booking and /bookings.

Thin: each handler reads the update, checks who pressed, calls :class:`Bookings` and answers.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.deadlines import Deadline
from bot.domain.bookings import CANCELLABLE, Booking, Bookings
from bot.domain.people import Address, Person
from bot.domain.requests import GroupRequest
from bot.i18n import T, Text, catalogue
from bot.i18n.fmt import money
from bot.outbox import Button
from bot.storage import Tx
from handlers.base import answer_press, reply, sender, staff_sender, transactional
from handlers.context import ConciergeApp, Context, Press, Router
from handlers.onboarding import typed_address


def _int(value: str) -> int:
    return int(value) if value.isdigit() else -1


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


class BookingHandlers:
    """The handlers, sharing one Bookings service."""

    def __init__(self, bookings: Bookings) -> None:
        self.bookings = bookings

    # -- intents ---------------------------------------------------------------------------

    async def service_request(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """Start booking the requested service in private, prefilled from the message."""
        rt = context.runtime
        if request.target is None or not rt.catalogue.is_service(request.target):
            await reply(update, context, tx, T("requests.private_unsure"))
            return
        await self.bookings.start(tx, person, request.target, request.when_start, request.when_end)

    async def price_query(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """Answer 'how much' from the offers: price, market price, rating; offer to book."""
        rt = context.runtime
        service = request.target
        if service is None or not rt.catalogue.is_service(service):
            await reply(update, context, tx, T("requests.private_unsure"))
            return
        found = await self.bookings.candidates(tx, service, person.id)
        name = rt.catalogue.name(service)
        if not found:
            await reply(update, context, tx, T("bookings.no_provider", service=name))
            return
        lines: list[Text] = [self.bookings.candidate_line(c) for c in found]
        market = next((c.offer.market_price for c in found if c.offer.market_price), None)
        if market is not None:
            lines.append(T("bookings.market", market=money(market)))
        book = Button(T("bookings.button_book"), rt.signer.make("bk_new", service))
        await reply(
            update,
            context,
            tx,
            T("bookings.price_card", service=name, lines=lines),
            buttons=[[book]],
        )

    async def cancel_request(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """'取消明天的保洁': show the matching bookings, each with a cancel button."""
        rt = context.runtime
        found = [
            b
            for b in await self.bookings.of_resident(tx, person.id, CANCELLABLE)
            if b.status != "draft"
            and (request.target is None or b.service == request.target)
            and (request.when_start is None or b.slot_start is None or _overlaps(b, request))
        ]
        if not found:
            await reply(update, context, tx, T("bookings.cancel_none"))
            return
        buttons = [
            [
                Button(
                    T(
                        "bookings.cancel_choice",
                        id=b.id,
                        service=rt.catalogue.name(b.service),
                        when=self.bookings.slot_text(b),
                    ),
                    rt.signer.make("bk_cx", b.id),
                )
            ]
            for b in found
        ]
        await reply(update, context, tx, T("bookings.cancel_pick"), buttons=buttons)

    # -- the draft -------------------------------------------------------------------------

    async def new_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """'Book' under a price answer."""
        service = press.callback.arg(0)
        if not context.runtime.catalogue.is_service(service):
            await answer_press(press.update, T("common.stale_button"), press.person.language)
            return
        await answer_press(press.update, None, press.person.language)
        await self.bookings.start(tx, press.person, service)

    async def _draft(self, press: Press, tx: Tx, step: str) -> Booking | None:
        booking = await self.bookings.draft_of(tx, press.callback.number(0), press.person, step)
        if booking is None:
            await answer_press(press.update, T("common.stale_button"), press.person.language)
        return booking

    async def provider_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident chose a provider."""
        booking = await self._draft(press, tx, "provider")
        if booking is None:
            return
        ok = await self.bookings.choose_provider(tx, booking, press.person, press.callback.arg(1))
        await answer_press(
            press.update, None if ok else T("common.stale_button"), press.person.language
        )

    async def slot_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident kept the suggested time or picked a quick choice."""
        booking = await self._draft(press, tx, "slot")
        if booking is None:
            return
        ok = await self.bookings.choose_slot(tx, booking, press.person, press.callback.arg(1))
        await answer_press(
            press.update, None if ok else T("common.stale_button"), press.person.language
        )

    async def skip_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Skip the note, the door code or the rating comment."""
        what = press.callback.arg(1)
        if what == "comment":
            booking = await self.bookings.get(tx, press.callback.number(0))
            pending = await context.runtime.people.expecting(tx, press.person.id)
            if (
                booking is None
                or booking.resident_id != press.person.id
                or pending is None
                or pending[0] != "booking_comment"
                or pending[1].get("booking") != booking.id
            ):
                await answer_press(press.update, T("common.stale_button"), press.person.language)
                return
            await answer_press(press.update, None, press.person.language)
            await self.bookings.comment(tx, booking.id, press.person, None)
            return
        if what not in ("note", "door"):
            await answer_press(press.update, T("common.stale_button"), press.person.language)
            return
        draft = await self._draft(press, tx, what)
        if draft is None:
            return
        await answer_press(press.update, None, press.person.language)
        if what == "note":
            await self.bookings.give_note(tx, draft, press.person, None)
        else:
            await self.bookings.give_door_code(tx, draft, press.person, None)

    async def confirm_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident confirmed the booking: dispatch starts."""
        booking = await self._draft(press, tx, "confirm")
        if booking is None:
            return
        await answer_press(press.update, T("bookings.confirmed_toast"), press.person.language)
        await self.bookings.confirm(tx, booking, press.person)

    async def _input_draft(
        self, tx: Tx, person: Person, data: dict[str, Any], step: str
    ) -> Booking | None:
        booking = await self.bookings.draft_of(tx, int(data.get("booking", -1)), person, step)
        if booking is None:
            await self.bookings.rt.people.done_expecting(tx, person.id)
        return booking

    async def address_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The address for the booking (asked once, then remembered)."""
        booking = await self._input_draft(tx, person, data, "address")
        if booking is None:
            return False
        address = await typed_address(update, context, tx, person)
        if not isinstance(address, Address):
            return address
        await self.bookings.give_address(tx, booking, person, address)
        return True

    async def note_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """A note for the worker."""
        booking = await self._input_draft(tx, person, data, "note")
        if booking is None:
            return False
        await self.bookings.give_note(tx, booking, person, _text(update).strip() or None)
        return True

    async def door_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The door code, kept encrypted."""
        booking = await self._input_draft(tx, person, data, "door")
        if booking is None:
            return False
        await self.bookings.give_door_code(tx, booking, person, _text(update).strip() or None)
        return True

    async def comment_input(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """An optional comment after rating."""
        booking = await self.bookings.get(tx, int(data.get("booking", -1)))
        if booking is None or booking.resident_id != person.id:
            await context.runtime.people.done_expecting(tx, person.id)
            return False
        await self.bookings.comment(tx, booking.id, person, _text(update).strip() or None)
        return True

    # -- cancelling ------------------------------------------------------------------------

    async def cancel_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Cancel: free until the policy's hours before the slot, else confirm a late cancel."""
        booking = await self.bookings.get(tx, press.callback.number(0))
        lang = press.person.language
        if booking is None or booking.resident_id != press.person.id:
            await answer_press(press.update, T("bookings.not_yours"), lang)
            return
        if booking.status not in CANCELLABLE:
            await answer_press(press.update, T("common.stale_button"), lang)
            return
        if self.bookings.free_to_cancel(booking):
            await answer_press(press.update, T("bookings.cancelled_toast"), lang)
            await self.bookings.cancel(tx, booking, press.person)
            return
        await answer_press(press.update, None, lang)
        hours = context.runtime.community.policy.cancel_free_hours
        await context.runtime.outbox.send(
            tx,
            press.person.telegram_id,
            T("bookings.cancel_late_ask", hours=f"{hours:g}"),
            key=f"u{press.update.update_id}:0",
            buttons=[
                [
                    Button(
                        T("bookings.button_cancel_late"),
                        context.runtime.signer.make("bk_cxl", booking.id),
                    )
                ]
            ],
        )

    async def late_cancel_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident confirmed a late cancel."""
        booking = await self.bookings.get(tx, press.callback.number(0))
        lang = press.person.language
        if booking is None or booking.resident_id != press.person.id:
            await answer_press(press.update, T("bookings.not_yours"), lang)
            return
        if booking.status not in CANCELLABLE:
            await answer_press(press.update, T("common.stale_button"), lang)
            return
        await answer_press(press.update, T("bookings.cancelled_toast"), lang)
        late = not self.bookings.free_to_cancel(booking)
        await self.bookings.cancel(tx, booking, press.person, late=late)

    # -- workers ---------------------------------------------------------------------------

    async def accept_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A worker accepts the offer (exactly one wins)."""
        toast = await self.bookings.accept(
            tx, press.callback.number(0), press.callback.number(1), press.person
        )
        await answer_press(press.update, toast, press.person.language)

    async def decline_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A worker declines the offer: the next provider is asked."""
        toast = await self.bookings.decline(
            tx, press.callback.number(0), press.callback.number(1), press.person
        )
        await answer_press(press.update, toast, press.person.language)

    async def arrived_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The assigned worker arrived."""
        toast = await self.bookings.arrived(tx, press.callback.number(0), press.person)
        await answer_press(press.update, toast, press.person.language)

    async def done_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The assigned worker finished."""
        toast = await self.bookings.done(tx, press.callback.number(0), press.person)
        await answer_press(press.update, toast, press.person.language)

    async def withdraw_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The assigned worker cannot come after all: re-dispatch."""
        toast = await self.bookings.withdraw(tx, press.callback.number(0), press.person)
        await answer_press(press.update, toast, press.person.language)

    async def door_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Show the door code to the assigned worker, as a private pop-up (never stored)."""
        toast = await self.bookings.reveal_door_code(tx, press.callback.number(0), press.person)
        await answer_press(press.update, toast, press.person.language)

    async def rate_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident rates 1-5."""
        toast = await self.bookings.rate(
            tx, press.callback.number(0), press.person, press.callback.number(1)
        )
        await answer_press(press.update, toast, press.person.language)

    # -- deadlines -------------------------------------------------------------------------

    async def offer_due(self, tx: Tx, deadline: Deadline) -> None:
        """The response window closed."""
        booking_id, attempt = (int(x) for x in deadline.ref.split(":"))
        await self.bookings.offer_timed_out(tx, booking_id, attempt)

    async def remind_due(self, tx: Tx, deadline: Deadline) -> None:
        """Time for the reminder before the slot."""
        booking_id, attempt = (int(x) for x in deadline.ref.split(":"))
        await self.bookings.remind(tx, booking_id, attempt)

    # -- staff -----------------------------------------------------------------------------

    async def _staff(self, update: Update, context: Context, tx: Tx) -> bool:
        return await staff_sender(update, context, tx) is not None

    async def booking_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /booking <id> shows a booking's state and audit timeline."""
        if not await self._staff(update, context, tx):
            return
        rt = context.runtime
        booking_id = _int(context.args[0]) if context.args else -1
        booking = await self.bookings.get(tx, booking_id)
        if booking is None:
            await reply(update, context, tx, T("bookings.staff_usage"))
            return
        names: dict[str, str] = {}
        lines: list[Text] = []
        for event in await rt.audit.timeline(tx, booking.subject):
            actor = event.actor
            if actor.startswith("person:") and actor not in names:
                who = await rt.people.by_id(tx, _int(actor.split(":", 1)[1]))
                names[actor] = who.name if who else actor
            lines.append(
                T(
                    "bookings.timeline_line",
                    at=event.at.astimezone(rt.community.tz).strftime("%m-%d %H:%M"),
                    actor=names.get(actor, T("bookings.actor_system")),
                    action=_action(event.action, event.detail),
                )
            )
        worker = await rt.people.by_id(tx, booking.assignee_id or 0)
        await reply(
            update,
            context,
            tx,
            T(
                "bookings.staff_card",
                id=booking.id,
                service=rt.catalogue.name(booking.service),
                status=T(f"bookings.status.{booking.status}"),
                provider=self.bookings.provider_name(
                    booking.current_provider or booking.provider_id
                ),
                worker=worker.name if worker else "-",
                when=self.bookings.slot_text(booking),
                lines=lines,
            ),
        )

    async def suspend_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /suspend <provider id> stops offering a provider; /unsuspend lifts it."""
        if not await self._staff(update, context, tx):
            return
        rt = context.runtime
        message = update.effective_message
        lifting = message is not None and (message.text or "").startswith("/unsuspend")
        provider = rt.community.provider(context.args[0]) if context.args else None
        if provider is None:
            ids = ", ".join(p.id for p in rt.community.providers)
            await reply(update, context, tx, T("bookings.suspend_usage", ids=ids))
            return
        person = await sender(update, context, tx)
        await self.bookings.suspend(tx, provider, person, not lifting)
        name = {"zh": provider.name_zh, "en": provider.name_en}
        key = "bookings.unsuspended" if lifting else "bookings.suspended"
        await reply(update, context, tx, T(key, provider=name))

    async def bookings_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: /bookings lists open bookings, overdue ones marked."""
        if not await self._staff(update, context, tx):
            return
        rt = context.runtime
        found = await self.bookings.open_bookings(tx)
        if not found:
            await reply(update, context, tx, T("bookings.staff_none"))
            return
        lines = [
            T(
                "bookings.staff_line",
                id=b.id,
                service=rt.catalogue.name(b.service),
                status=T(f"bookings.status.{b.status}"),
                when=self.bookings.slot_text(b),
                overdue=T("bookings.overdue") if self.bookings.overdue(b) else "",
            )
            for b in found
        ]
        overdue = sum(1 for b in found if self.bookings.overdue(b))
        await reply(
            update,
            context,
            tx,
            T("bookings.staff_list", count=len(found), overdue=overdue, lines=lines),
        )


def _action(action: str, detail: dict[str, Any]) -> Text | str:
    """A timeline action in words, with the stars or the provider when there is one."""
    label: Text | str = (
        T(f"bookings.action.{action}")
        if f"bookings.action.{action}" in catalogue("zh")
        else action
    )
    extra = detail.get("stars") or detail.get("provider") or ""
    return T("bookings.action_with", action=label, extra=extra) if extra else label


def _overlaps(booking: Booking, request: GroupRequest) -> bool:
    """Whether the booking's slot falls within the time the resident mentioned."""
    assert booking.slot_start is not None and request.when_start is not None
    end = request.when_end or request.when_start
    return request.when_start <= booking.slot_start < end or (
        booking.slot_start.date() == request.when_start.date()
    )


def register(app: ConciergeApp, router: Router) -> None:
    """Add booking commands, buttons, inputs, intents and deadlines."""
    rt = app.bot_data.runtime
    h = BookingHandlers(Bookings(rt))
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("booking", transactional(h.booking_command), filters=private))
    app.add_handler(CommandHandler("bookings", transactional(h.bookings_command), filters=private))
    suspend = transactional(h.suspend_command)
    app.add_handler(CommandHandler(["suspend", "unsuspend"], suspend, filters=private))
    router.intent("service_request", h.service_request)
    router.intent("price_query", h.price_query)
    router.intent("cancel", h.cancel_request)
    for action, fn in (
        ("bk_new", h.new_pressed),
        ("bk_p", h.provider_pressed),
        ("bk_t", h.slot_pressed),
        ("bk_skip", h.skip_pressed),
        ("bk_ok", h.confirm_pressed),
        ("bk_cx", h.cancel_pressed),
        ("bk_cxl", h.late_cancel_pressed),
        ("bk_acc", h.accept_pressed),
        ("bk_dec", h.decline_pressed),
        ("bk_arr", h.arrived_pressed),
        ("bk_done", h.done_pressed),
        ("bk_wd", h.withdraw_pressed),
        ("bk_code", h.door_pressed),
        ("bk_rate", h.rate_pressed),
    ):
        router.button(action, fn)
    router.input("booking_address", h.address_input)
    router.input("booking_note", h.note_input)
    router.input("booking_door", h.door_input)
    router.input("booking_comment", h.comment_input)
    rt.deadlines.register("bk_offer", h.offer_due)
    rt.deadlines.register("bk_remind", h.remind_due)


__all__ = ["BookingHandlers", "register"]
