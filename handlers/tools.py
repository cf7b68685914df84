"""The tool cabinet in chat: borrowing from plain words or /borrow, hand-over and return
buttons for housekeepers, and staff /tools to manage units.

Thin: each handler parses the press or message, calls one use case of
:mod:`bot.domain.tools` (which checks who may do what and whether the loan or unit is still in
the state the button was made for) and renders the answer with its texts. Anything stale changes
nothing and gets a polite answer.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.domain.requests import GroupRequest
from bot.domain.tools import Tools
from bot.domain.tools.contract import PENDING_NOTE, Action, NoteRequest, ReturnKind, StaffAction
from bot.domain.tools.model import ReserveOutcome, WaitOutcome
from bot.i18n import T, Text
from bot.outbox import Keyboard
from bot.storage import Tx
from handlers.base import edit_pressed, reply, sender, staff_sender
from handlers.context import ButtonHandler, Context, Feature, Press


async def _stale(press: Press) -> None:
    press.set_toast(T("common.stale_button"))


async def _answer(
    press: Press, context: Context, tx: Tx, text: Text, buttons: Keyboard | None = None
) -> None:
    """Acknowledge the press and write the answer to the presser's chat."""
    press.set_toast(None)
    key = f"u{press.update.update_id}:0"
    await context.runtime.outbox.send(tx, press.person.telegram_id, text, key=key, buttons=buttons)


class ToolHandlers:
    """The Telegram side of the cabinet, built with its use cases (``bot/app.py``)."""

    def __init__(self, tools: Tools) -> None:
        self.tools = tools
        self._tools = tools

    async def show_tool(
        self, update: Update, context: Context, tx: Tx, person: Person, tool_id: str, origin: str
    ) -> None:
        """What the cabinet has free of a tool now, with a reserve (or waitlist) button."""
        tools = self.tools
        offer = await tools.reservations.offer(tx, person, tool_id)
        if offer.tool is None:
            text = tools.texts.not_in_cabinet(tool_id, context.runtime.community.tools)
            await reply(update, context, tx, text)
        elif offer.refusal is not None:
            await reply(update, context, tx, tools.texts.refusal(offer.refusal))
        else:
            assert offer.free is not None
            text, buttons = tools.texts.offer(offer.tool, offer.free, offer.waiting, origin)
            await reply(update, context, tx, text, buttons=buttons)

    async def borrow_intent(
        self, update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
    ) -> None:
        """A borrowing request ("谁有梯子借我用一下") continued in private."""
        if request.target is None:
            await self.borrow_menu(update, context, tx, person)
            return
        await self.show_tool(update, context, tx, person, request.target, request.token)

    async def borrow_menu(self, update: Update, context: Context, tx: Tx, person: Person) -> None:
        """The cabinet's tools as buttons, with how many are free of each."""
        tools = self.tools
        free = [
            (t.id, (await tools.reservations.availability(tx, t.id)).free)
            for t in context.runtime.community.tools
        ]
        mine = await tools.repo.loans_of(tx, person.id)
        text, buttons = tools.texts.menu(free, mine)
        await reply(update, context, tx, text, buttons=buttons)

    async def borrow_command(self, update: Update, context: Context, tx: Tx) -> None:
        """/borrow: what the cabinet holds, one button per tool."""
        person = await sender(update, context, tx)
        await self.borrow_menu(update, context, tx, person)

    async def reserve_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[预约]: reserve a free unit; one reservation per button."""
        tools = self.tools
        tool_id, origin = press.callback.arg(0), press.callback.arg(1)
        outcome, _ = await tools.reservations.reserve(tx, press.person, tool_id, origin or None)
        if outcome is ReserveOutcome.OK:
            press.set_toast(T("tools.reserved_toast"))
        elif outcome in (ReserveOutcome.DUPLICATE, ReserveOutcome.NOT_IN_CABINET):
            await _stale(press)
        elif outcome is ReserveOutcome.NONE_FREE:
            await _answer(press, context, tx, *tools.texts.just_taken(tool_id))
        else:
            await _answer(press, context, tx, tools.texts.refusal(outcome))

    async def waitlist_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[排队等候]: join the waitlist for a tool."""
        tools = self.tools
        tool_id = press.callback.arg(0)
        outcome = await tools.reservations.join_waitlist(tx, press.person, tool_id)
        if outcome is WaitOutcome.NOT_IN_CABINET:
            await _stale(press)
            return
        ahead = await tools.reservations.waiting(tx, tool_id) - 1
        await _answer(press, context, tx, tools.texts.waitlist(outcome, tool_id, ahead))

    async def cancel_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[取消预约]: the borrower cancels a reservation not yet picked up."""
        if not await self.tools.reservations.cancel(tx, press.callback.number(0), press.person):
            await _stale(press)
            return
        press.set_toast(None)

    async def handover_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[确认交接]: a housekeeper (or staff) confirms the tool was handed over."""
        lending = self.tools.lending
        if not await lending.confirm_handover(tx, press.callback.number(0), press.person):
            await _stale(press)
            return
        press.set_toast(T("tools.handover_toast"))

    async def picked_up_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[我已取走]: self-service tools: the borrower confirms taking it from the locker."""
        if not await self.tools.lending.picked_up(tx, press.callback.number(0), press.person):
            await _stale(press)
            return
        press.set_toast(None)

    async def returned_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[确认归还] / [归还但有损坏]: a housekeeper (or staff) confirms the return."""
        tools = self.tools
        broken = press.callback.arg(1) == ReturnKind.BROKEN
        loan = await tools.lending.returned(
            tx, press.callback.number(0), press.person, broken=broken
        )
        if loan is None:
            await _stale(press)
            return
        press.set_toast(None)
        await edit_pressed(press, context, tx, tools.texts.keeper_returned(loan, broken=broken))

    async def extend_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """[续借]: the borrower extends once, if nobody is waiting."""
        tools = self.tools
        outcome, loan = await tools.lending.extend(tx, press.callback.number(0), press.person)
        if loan is None:
            await _stale(press)
            return
        await _answer(press, context, tx, tools.texts.extended(outcome, loan))

    # -- staff: /tools -----------------------------------------------------------------------

    async def tools_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: the cabinet at a glance, a button per tool to manage its units."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        tools = self.tools
        text, buttons = tools.texts.overview(await tools.stock.overview(tx))
        await reply(update, context, tx, text, buttons=buttons)

    async def _staff_press(self, press: Press, context: Context, tx: Tx) -> bool:
        if await context.runtime.people.is_staff(tx, press.person.telegram_id):
            return True
        press.set_toast(T("common.staff_only"))
        return False

    async def manage_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Staff: one tool's units with their state and what can be done to each."""
        if not await self._staff_press(press, context, tx):
            return
        tools = self.tools
        tool_id = press.callback.arg(0)
        units = await tools.stock.units(tx, tool_id)
        if units is None:
            await _stale(press)
            return
        await _answer(press, context, tx, *tools.texts.unit_list(tool_id, units))

    async def unit_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Staff: broken / repaired ask for a note; retire happens at once."""
        if not await self._staff_press(press, context, tx):
            return
        tools = self.tools
        action = StaffAction.parse(press.callback.arg(1))
        version = press.callback.number(2)
        unit = await tools.stock.unit(tx, press.callback.number(0), version)
        if unit is None or action is None:
            await _stale(press)
            return
        if action is StaffAction.RETIRE:
            done = await tools.stock.apply(tx, unit, action, press.person, "")
            await _answer(press, context, tx, tools.texts.staff_done(action, unit, done))
            return
        request = NoteRequest(unit.id, action, unit.version)
        await context.runtime.people.expect(tx, press.person.id, PENDING_NOTE, **request.data())
        await _answer(press, context, tx, tools.texts.ask_note(unit))

    async def note_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Staff typed the note for a broken / repaired unit: apply it if nothing changed since."""
        tools = self.tools
        message = update.effective_message
        note = (message.text or "").strip()[:200] if message else ""
        await context.runtime.people.done_expecting(tx, person.id)
        request = NoteRequest.parse(data)
        unit = await tools.stock.unit(tx, request.unit_id, request.version) if request else None
        if request is None or unit is None:
            await reply(update, context, tx, T("common.stale_button"))
            return True
        done = await tools.stock.apply(tx, unit, request.action, person, note)
        await reply(update, context, tx, tools.texts.staff_done(request.action, unit, done))
        return True

    async def add_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Staff: one more unit of this tool."""
        if not await self._staff_press(press, context, tx):
            return
        tools = self.tools
        unit = await tools.stock.add_unit(tx, press.callback.arg(0), press.person)
        if unit is None:
            await _stale(press)
            return
        await _answer(press, context, tx, tools.texts.added(unit))


def feature(h: ToolHandlers) -> Feature:
    """The cabinet's buttons, the staff note, the borrow intent, loan deadlines, stock sync."""
    buttons: dict[str, ButtonHandler] = {
        Action.RESERVE: h.reserve_pressed,
        Action.WAITLIST: h.waitlist_pressed,
        Action.CANCEL: h.cancel_pressed,
        Action.HAND_OVER: h.handover_pressed,
        Action.PICKED_UP: h.picked_up_pressed,
        Action.RETURNED: h.returned_pressed,
        Action.EXTEND: h.extend_pressed,
        Action.MANAGE: h.manage_pressed,
        Action.UNIT: h.unit_pressed,
        Action.ADD: h.add_pressed,
    }
    return Feature(
        buttons=buttons,
        inputs={PENDING_NOTE: h.note_given},
        intents={"borrow_tool": h.borrow_intent},
        deadlines=h.tools.deadline_handlers(),
        planners=(h.tools.stock.sync,),
    )
