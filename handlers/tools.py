"""The tool cabinet in chat: borrowing from plain words or /borrow, hand-over and return
buttons for housekeepers, and staff /tools to manage units.

Every press is checked: who pressed (the borrower, a housekeeper, staff) and whether the loan or
unit is still in the state the button was made for; anything else changes nothing and gets a
polite answer.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.domain.people import Person
from bot.domain.requests import GroupRequest
from bot.domain.tools import KIND_DUE, KIND_HOLD, KIND_REMIND, Tools, Unit
from bot.i18n import T, Text
from bot.i18n.fmt import when_both
from bot.outbox import Button
from bot.storage import Tx
from handlers.base import answer_press, reply, sender, staff_sender, transactional
from handlers.context import ConciergeApp, Context, Press, Router


def _tools(context: Context) -> Tools:
    """The cabinet service created in register()."""
    return context.bot_data.tools


async def _stale(press: Press) -> None:
    await answer_press(press.update, T("common.stale_button"), press.person.language)


async def _to(context: Context, tx: Tx, person: Person, text: Text, key: str, **kw: Any) -> None:
    await context.runtime.outbox.send(tx, person.telegram_id, text, key=key, **kw)


def _refusal_text(context: Context, refusal: str) -> Text:
    if refusal == "overdue":
        return T("tools.blocked_overdue")
    return T("tools.blocked_limit", max=context.runtime.community.policy.max_tools_at_once)


async def show_tool(
    update: Update, context: Context, tx: Tx, person: Person, tool_id: str, origin: str
) -> None:
    """What the cabinet has free of a tool now, with a reserve (or waitlist) button."""
    rt = context.runtime
    tools = _tools(context)
    tool = tools.tool(tool_id)
    if tool is None:
        names = [tools.name(t.id) for t in rt.community.tools]
        await reply(
            update,
            context,
            tx,
            T("tools.not_in_cabinet", tool=tools.name(tool_id), tools=_joined(names)),
        )
        return
    refusal = await tools.refusal(tx, person.id)
    if refusal is not None:
        await reply(update, context, tx, _refusal_text(context, refusal))
        return
    free = await tools.availability(tx, tool_id)
    name = tools.name(tool_id)
    if free.free > 0:
        text = T(
            "tools.available",
            tool=name,
            free=free.free,
            usable=free.usable,
            location={"zh": tool.location_zh, "en": tool.location_en},
        )
        button = Button(T("tools.btn_reserve"), rt.signer.make("tres", tool_id, origin))
        await reply(update, context, tx, text, buttons=[[button]])
        return
    if free.usable == 0:
        await reply(update, context, tx, T("tools.none_usable", tool=name))
        return
    due: Any = (
        when_both(free.next_due, None, rt.community.tz) if free.next_due else T("tools.soon")
    )
    waiting = await tools.waiting(tx, tool_id)
    text = T("tools.none_free", tool=name, due=due, waiting=waiting)
    button = Button(T("tools.btn_waitlist"), rt.signer.make("twait", tool_id))
    await reply(update, context, tx, text, buttons=[[button]])


def _joined(names: list[dict[str, str]]) -> dict[str, str]:
    return {
        "zh": "、".join(n["zh"] for n in names),
        "en": ", ".join(n["en"] for n in names),
    }


async def borrow_intent(
    update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
) -> None:
    """A borrowing request ("谁有梯子借我用一下") continued in private."""
    if request.target is None:
        await borrow_menu(update, context, tx, person)
        return
    await show_tool(update, context, tx, person, request.target, request.token)


async def borrow_menu(update: Update, context: Context, tx: Tx, person: Person) -> None:
    """The cabinet's tools as buttons, with how many are free of each."""
    rt = context.runtime
    tools = _tools(context)
    buttons = []
    for tool in rt.community.tools:
        free = await tools.availability(tx, tool.id)
        label = T("tools.menu_item", tool=tools.name(tool.id), free=free.free)
        buttons.append([Button(label, rt.signer.make("item", tool.id))])
    loans = await tools.loans_of(tx, person.id)
    lines = [
        T(f"tools.mine_{loan.status}", unit=tools.label(loan.tool_id, loan.seq)) for loan in loans
    ]
    text = T("tools.menu", mine=T("tools.mine", lines=lines) if lines else "")
    await reply(update, context, tx, text, buttons=buttons)


@transactional
async def borrow_command(update: Update, context: Context, tx: Tx) -> None:
    """/borrow: what the cabinet holds, one button per tool."""
    person = await sender(update, context, tx)
    await borrow_menu(update, context, tx, person)


async def reserve_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[预约]: reserve a free unit; one reservation per button."""
    tools = _tools(context)
    tool_id, origin = press.callback.arg(0), press.callback.arg(1)
    outcome, _ = await tools.reserve(tx, press.person, tool_id, origin or None)
    key = f"u{press.update.update_id}:0"
    if outcome == "ok":
        await answer_press(press.update, T("tools.reserved_toast"), press.person.language)
    elif outcome in ("duplicate", "not_in_cabinet"):
        await _stale(press)
    elif outcome == "none_free":
        await answer_press(press.update, None, press.person.language)
        button = Button(T("tools.btn_waitlist"), context.runtime.signer.make("twait", tool_id))
        await _to(
            context,
            tx,
            press.person,
            T("tools.just_taken", tool=tools.name(tool_id)),
            key,
            buttons=[[button]],
        )
    else:
        await answer_press(press.update, None, press.person.language)
        await _to(context, tx, press.person, _refusal_text(context, outcome), key)


async def waitlist_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[排队等候]: join the waitlist for a tool."""
    tools = _tools(context)
    tool_id = press.callback.arg(0)
    outcome = await tools.join_waitlist(tx, press.person, tool_id)
    if outcome == "not_in_cabinet":
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    name = tools.name(tool_id)
    text = {
        "ok": T("tools.waitlist_joined", tool=name, ahead=await tools.waiting(tx, tool_id) - 1),
        "already": T("tools.waitlist_already", tool=name),
        "free_now": T("tools.waitlist_free_now", tool=name),
    }.get(outcome) or _refusal_text(context, outcome)
    await _to(context, tx, press.person, text, f"u{press.update.update_id}:0")


async def cancel_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[取消预约]: the borrower cancels a reservation not yet picked up."""
    if not await _tools(context).cancel(tx, press.callback.number(0), press.person):
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)


async def handover_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[确认交接]: a housekeeper (or staff) confirms the tool was handed over."""
    tools = _tools(context)
    loan = await tools.loan(tx, press.callback.number(0))
    if loan is None or not await tools.may_confirm(tx, press.person):
        await _stale(press)
        return
    if not await tools.hand_over(tx, loan.id, press.person):
        await _stale(press)
        return
    await answer_press(press.update, T("tools.handover_toast"), press.person.language)


async def picked_up_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[我已取走]: self-service tools: the borrower confirms taking it from the locker."""
    tools = _tools(context)
    loan = await tools.loan(tx, press.callback.number(0))
    tool = tools.tool(loan.tool_id) if loan else None
    if loan is None or tool is None or not tool.self_service or loan.person_id != press.person.id:
        await _stale(press)
        return
    if not await tools.hand_over(tx, loan.id, press.person):
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)


async def returned_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[确认归还] / [归还但有损坏]: a housekeeper (or staff) confirms the return."""
    tools = _tools(context)
    if not await tools.may_confirm(tx, press.person):
        await _stale(press)
        return
    broken = press.callback.arg(1) == "broken"
    loan = await tools.returned(tx, press.callback.number(0), press.person, broken=broken)
    if loan is None:
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    message = press.update.effective_message
    if message is not None:
        done = T(
            "tools.keeper_returned_broken" if broken else "tools.keeper_returned",
            unit=tools.label(loan.tool_id, loan.seq),
        )
        await context.runtime.outbox.edit(
            tx,
            message.chat_id,
            done,
            key=f"u{press.update.update_id}:0",
            message_id=message.message_id,
        )


async def extend_pressed(press: Press, context: Context, tx: Tx) -> None:
    """[续借]: the borrower extends once, if nobody is waiting."""
    tools = _tools(context)
    outcome, loan = await tools.extend(tx, press.callback.number(0), press.person)
    if outcome == "stale" or loan is None:
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    label = tools.label(loan.tool_id, loan.seq)
    assert loan.due_at is not None
    due = when_both(loan.due_at, None, context.runtime.community.tz)
    text = T(f"tools.extend_{outcome}", unit=label, due=due)
    await _to(context, tx, press.person, text, f"u{press.update.update_id}:0")


# -- staff: /tools ---------------------------------------------------------------------------


@transactional
async def tools_command(update: Update, context: Context, tx: Tx) -> None:
    """Staff: the cabinet at a glance, a button per tool to manage its units."""
    person = await staff_sender(update, context, tx)
    if person is None:
        return
    await _overview(context, tx, person, f"u{update.update_id}:0")


async def _overview(context: Context, tx: Tx, person: Person, key: str) -> None:
    rt = context.runtime
    tools = _tools(context)
    lines: list[Text] = []
    buttons = []
    for tool in rt.community.tools:
        units = await tools.units(tx, tool.id)
        counts = {
            s: sum(1 for u in units if u.state == s)
            for s in ("free", "reserved", "lent", "broken")
        }
        lines.append(T("tools.staff_line", tool=tools.name(tool.id), **counts))
        buttons.append(
            [
                Button(
                    T("tools.staff_manage", tool=tools.name(tool.id)),
                    rt.signer.make("tadm", tool.id),
                )
            ]
        )
    await _to(context, tx, person, T("tools.staff_overview", lines=lines), key, buttons=buttons)


async def _staff_press(press: Press, context: Context, tx: Tx) -> bool:
    if await context.runtime.people.is_staff(tx, press.person.telegram_id):
        return True
    await answer_press(press.update, T("common.staff_only"), press.person.language)
    return False


def _unit_buttons(context: Context, unit: Unit) -> list[Button]:
    signer = context.runtime.signer
    actions = {
        "free": ("b", "x"),
        "reserved": ("b",),
        "broken": ("r", "x"),
    }.get(unit.state, ())
    return [
        Button(
            T(f"tools.staff_btn_{a}", seq=unit.seq), signer.make("tun", unit.id, a, unit.version)
        )
        for a in actions
    ]


async def manage_pressed(press: Press, context: Context, tx: Tx) -> None:
    """Staff: one tool's units with their state and what can be done to each."""
    if not await _staff_press(press, context, tx):
        return
    tools = _tools(context)
    tool_id = press.callback.arg(0)
    if tools.tool(tool_id) is None:
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    await _unit_list(context, tx, press.person, tool_id, f"u{press.update.update_id}:0")


async def _unit_list(context: Context, tx: Tx, person: Person, tool_id: str, key: str) -> None:
    tools = _tools(context)
    lines: list[Text] = []
    buttons = []
    for unit in await tools.units(tx, tool_id):
        if unit.state == "retired":
            continue
        lines.append(
            T(
                "tools.staff_unit",
                seq=unit.seq,
                state=T(f"tools.state_{unit.state}"),
                note=unit.note,
            )
        )
        if row := _unit_buttons(context, unit):
            buttons.append(row)
    add = context.runtime.signer.make("tadd", tool_id)
    buttons.append([Button(T("tools.staff_btn_add"), add)])
    text = T("tools.staff_units", tool=tools.name(tool_id), lines=lines)
    await _to(context, tx, person, text, key, buttons=buttons)


async def unit_pressed(press: Press, context: Context, tx: Tx) -> None:
    """Staff: broken / repaired ask for a note; retire happens at once."""
    if not await _staff_press(press, context, tx):
        return
    tools = _tools(context)
    unit = await tools.unit(tx, press.callback.number(0))
    action, version = press.callback.arg(1), press.callback.arg(2)
    if unit is None or str(unit.version) != version or action not in ("b", "r", "x"):
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    key = f"u{press.update.update_id}:0"
    if action == "x":
        done = await tools.retire(tx, unit, press.person)
        text = T(
            "tools.staff_retired" if done else "tools.staff_not_now",
            unit=tools.label(unit.tool_id, unit.seq),
        )
        await _to(context, tx, press.person, text, key)
        return
    await context.runtime.people.expect(
        tx, press.person.id, "tool_note", unit=unit.id, action=action, version=unit.version
    )
    await _to(
        context,
        tx,
        press.person,
        T("tools.staff_ask_note", unit=tools.label(unit.tool_id, unit.seq)),
        key,
    )


async def note_given(
    update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
) -> bool:
    """Staff typed the note for a broken / repaired unit: apply it if nothing changed since."""
    tools = _tools(context)
    message = update.effective_message
    note = (message.text or "").strip()[:200] if message else ""
    await context.runtime.people.done_expecting(tx, person.id)
    unit = await tools.unit(tx, int(data.get("unit", 0)))
    if unit is None or unit.version != data.get("version"):
        await reply(update, context, tx, T("common.stale_button"))
        return True
    label = tools.label(unit.tool_id, unit.seq)
    if data.get("action") == "b":
        done = await tools.mark_broken(tx, unit, person, note)
        text = T("tools.staff_broken" if done else "tools.staff_not_now", unit=label)
    else:
        done = await tools.mark_repaired(tx, unit, person, note)
        text = T("tools.staff_repaired" if done else "tools.staff_not_now", unit=label)
    await reply(update, context, tx, text)
    return True


async def add_pressed(press: Press, context: Context, tx: Tx) -> None:
    """Staff: one more unit of this tool."""
    if not await _staff_press(press, context, tx):
        return
    tools = _tools(context)
    unit = await tools.add_unit(tx, press.callback.arg(0), press.person)
    if unit is None:
        await _stale(press)
        return
    await answer_press(press.update, None, press.person.language)
    text = T("tools.staff_added", unit=tools.label(unit.tool_id, unit.seq))
    await _to(context, tx, press.person, text, f"u{press.update.update_id}:0")


def register(app: ConciergeApp, router: Router) -> None:
    """Add /borrow, /tools, the cabinet's buttons, the borrow intent and the loan deadlines."""
    rt = app.bot_data.runtime
    tools = Tools(rt)
    app.bot_data.tools = tools
    rt.planners.append(tools.sync)
    rt.deadlines.register(KIND_HOLD, tools.hold_expired)
    rt.deadlines.register(KIND_REMIND, tools.remind)
    rt.deadlines.register(KIND_DUE, tools.came_due)
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("borrow", borrow_command, filters=private))
    app.add_handler(CommandHandler("tools", tools_command, filters=private))
    router.intent("borrow_tool", borrow_intent)
    router.button("tres", reserve_pressed)
    router.button("twait", waitlist_pressed)
    router.button("tcan", cancel_pressed)
    router.button("thand", handover_pressed)
    router.button("tpick", picked_up_pressed)
    router.button("tret", returned_pressed)
    router.button("tlong", extend_pressed)
    router.button("tadm", manage_pressed)
    router.button("tun", unit_pressed)
    router.button("tadd", add_pressed)
    router.input("tool_note", note_given)
