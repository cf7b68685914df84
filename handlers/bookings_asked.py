"""Words that may be for the worker or a new request, in Telegram: asked, never guessed.

A resident whose job is in progress writes "师傅你到了楼下打我电话" or "猫粮在阳台柜子里 猫砂在卫生
间" (read as a pet-sitting request) without pressing 💬: the bot asks "这条消息是要发给赵阿姨，
还是一个新的预约？" with [💬 发给师傅] [🆕 新的预约]. The words are kept as a request (its
token rides on both buttons): sent to the worker (the line stays open for what follows), or
handled as the request they read as. The rule is pure, in
:mod:`bot.domain.bookings.onsite.talk`.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.bookings import BookingService
from bot.domain.bookings.contract import ButtonArgs
from bot.domain.bookings.onsite.plain import AskFirst
from bot.domain.people import Person
from bot.domain.requests import GroupRequest
from bot.i18n import T
from bot.storage import Tx
from handlers.base import edit_pressed, reply
from handlers.context import Context, Press
from handlers.faq import private_answer
from handlers.requests import gives_address, show_request
from intents import Understanding


def may_ask(context: Context, text: str, got: Understanding | None) -> bool:
    """Whether words could be asked about: the bot has no other answer for them (not a
    community question from the [[faq]] list, not an address said)."""
    understood = got if got is not None else context.understand_private(text)
    return private_answer(context, text, understood) is None and not gives_address(text)


async def ask_first(
    update: Update, context: Context, tx: Tx, person: Person, asked: AskFirst, s: BookingService
) -> None:
    """Ask whether the words are for the worker or a new request (two buttons)."""
    rt, message = context.runtime, update.effective_message
    assert message is not None and message.text
    understood = context.understand_private(message.text)
    request = await rt.requests.record(
        tx, person.telegram_id, message.chat_id, understood, message.text
    )
    worker = await rt.people.by_id(tx, asked.booking.assignee_id or 0)
    name = worker.name if worker is not None else "-"
    text, buttons = s.onsite.line.texts.ask_first(asked.booking, name, request.token, asked.also)
    await reply(update, context, tx, text, buttons=buttons)


async def _asked(press: Press, context: Context, tx: Tx) -> GroupRequest | None:
    """The words a press is about: this presser's own, still kept (None: a stale press)."""
    token = ButtonArgs.parse(press.callback.args).arg
    request = await context.runtime.requests.find(tx, token) if token else None
    if request is None or request.telegram_id != press.person.telegram_id:
        press.set_toast(T("common.stale_button"))
        return None
    return request


async def to_worker(s: BookingService, press: Press, context: Context, tx: Tx) -> None:
    """[💬 发给师傅]: the words go to the worker; the line stays open."""
    request = await _asked(press, context, tx)
    message = press.update.effective_message
    if request is None or not request.words or message is None:
        return
    booking_id = ButtonArgs.parse(press.callback.args).booking_id
    where = (message.chat_id, message.message_id)
    refused = await s.onsite.line.send_asked(tx, booking_id, press.person, request.words, where)
    if refused is not None:
        press.set_toast(refused)
        return
    await edit_pressed(press, context, tx, T("onsite.asked_to_worker"))


async def new_request(press: Press, context: Context, tx: Tx) -> None:
    """[🆕 新的预约]: the words are handled as the request they read as."""
    request = await _asked(press, context, tx)
    if request is None:
        return
    await edit_pressed(press, context, tx, T("onsite.asked_new_request"))
    await show_request(press.update, context, tx, press.person, request)
