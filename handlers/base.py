"""What every handler shares: one transaction per update, the sender as a Person, replies.

:func:`transactional` gives each update exactly one transaction that also records the update id,
so processing the same update twice changes nothing the second time; replies go through the
outbox with keys derived from the update id, so they are written with the state change and sent
once.

No Telegram call is made inside a transaction: the transaction holds the one database lock, and
a slow or failed call there would freeze every chat or roll the work back. What must be said
goes into the outbox; a button press is answered by :func:`answer_after_commit`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from telegram import CallbackQuery, Update, User
from telegram.error import TelegramError

from bot.domain.people import Person
from bot.i18n import Lang, T, Text, normalise_lang, render
from bot.outbox import DISTRICT_KEY, Keyboard
from bot.storage import Tx
from bot.storage.updates import answered_before, mark_answered, mark_processed
from handlers.context import Context, Press, Toast

_LOGGER = logging.getLogger(__name__)
_EARLY_ANSWERS: set[asyncio.Task[None]] = set()  # answers to presses read before polling

R = TypeVar("R")
TxHandler = Callable[[Update, Context, Tx], Awaitable[R]]
Handler = Callable[[Update, Context], Coroutine[Any, Any, R | None]]


def transactional(fn: TxHandler[R]) -> Handler[R]:
    """Run a handler inside one transaction that also marks the update processed; return what
    the handler returned (None when the update was ignored, see :func:`once`)."""

    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> R | None:
        return await once(update, context, functools.partial(fn, update, context))

    return wrapper


async def once(update: Update, context: Context, work: Callable[[Tx], Awaitable[R]]) -> R | None:
    """Do an update's work in one transaction that also marks the update processed; return
    what the work returned (None when the update was ignored).

    Ignored: an update already processed, one with nobody behind it (a channel post), and an
    edit of a message the bot already answered (Telegram sends each edit as a new update).
    A handler that first decides, without the database, that an update needs nothing written
    (chatter in a group) need not call this at all: nothing to record, nothing to lose.
    """
    if update.effective_user is None:
        _LOGGER.info("Update %s has no sender (a channel post?); ignoring it", update.update_id)
        return None
    async with update_tx(update, context) as tx:
        if not await mark_processed(tx, update.update_id, context.runtime.clock.now()):
            _LOGGER.info("Update %s was already processed; ignoring it", update.update_id)
            return None
        if await repeated_edit(tx, update):
            _LOGGER.info(
                "Update %s edits a message already answered; ignoring it", update.update_id
            )
            return None
        return await work(tx)


@asynccontextmanager
async def update_tx(update: Update, context: Context) -> AsyncIterator[Tx]:
    """The update's transaction; on commit it notes whether the update's message was answered
    (anything queued in the outbox counts), so a later edit of it is not answered again."""
    rt = context.runtime
    async with rt.db.tx() as tx:
        await rt.setup.refresh(tx)  # a setup staff changed applies from the next update on
        yield tx
        message = update.message or update.edited_message
        if message is not None and tx.queued:
            await mark_answered(
                tx, message.chat_id, message.message_id, update.update_id, rt.clock.now()
            )


async def repeated_edit(tx: Tx, update: Update) -> bool:
    """Whether the update edits a message an earlier update already answered."""
    edited = update.edited_message
    return edited is not None and await answered_before(
        tx, edited.chat_id, edited.message_id, update.update_id
    )


def display_name(user: User) -> str:
    """A name to show for someone: Telegram allows an empty or blank first name."""
    name = (user.full_name or "").strip()
    return name or (f"@{user.username}" if user.username else f"#{user.id}")


async def sender(update: Update, context: Context, tx: Tx) -> Person:
    """The person behind an update, created on first contact with Telegram's language; the
    words they write then set it, unless they chose one with /language (an English sentence
    from someone whose Telegram is in Chinese gets English in private too; a short "ok" does
    when their Telegram is in English)."""
    user = update.effective_user
    assert user is not None, "handlers are registered only for updates with a user"
    chat = update.effective_chat
    people = context.runtime.people
    app = normalise_lang(user.language_code)
    person, _ = await people.ensure(
        tx, user.id, display_name(user), app, private=chat is not None and chat.type == "private"
    )
    message = update.message
    if message is not None and message.text:
        person = await people.follow_writing(tx, person, message.text, app)
    return person


async def staff_sender(update: Update, context: Context, tx: Tx) -> Person | None:
    """The person behind an update if they are staff; otherwise say so politely, return None."""
    person = await sender(update, context, tx)
    if await context.runtime.people.is_staff(tx, person.telegram_id):
        return person
    await reply(update, context, tx, T("common.staff_only"))
    return None


async def reply(
    update: Update,
    context: Context,
    tx: Tx,
    text: Text,
    *,
    buttons: Keyboard | None = None,
    n: int = 0,
    quote: bool | None = None,
    lang: Lang | None = None,
    to_revoked: bool = False,
    district: bool = False,
) -> None:
    """Answer in the chat the update came from (quoting the message in groups);
    `to_revoked`: even to a person staff revoked (only to tell them so); `district`: the
    district's own answer (its staff's welcome), not labelled with this community's name."""
    chat = update.effective_chat
    assert chat is not None
    message = update.effective_message
    in_group = chat.type in ("group", "supergroup")
    quoting = quote if quote is not None else in_group
    reply_to = message.message_id if message is not None and quoting else None
    await context.runtime.outbox.send(
        tx,
        chat.id,
        text,
        key=f"{DISTRICT_KEY if district else ''}u{update.update_id}:{n}",
        buttons=buttons,
        reply_to=reply_to,
        lang=lang,
        to_revoked=to_revoked,
    )


async def tell(
    context: Context,
    tx: Tx,
    chat_id: int,
    text: Text,
    *,
    key: str,
    buttons: Keyboard | None = None,
) -> None:
    """Send to another chat (a worker, family, staff) through the outbox."""
    await context.runtime.outbox.send(tx, chat_id, text, key=key, buttons=buttons)


def answer_after_commit(update: Update, context: Context, toast: Toast | None) -> None:
    """Answer a press whose work is committed, in the background and best effort.

    The answer is a courtesy, not part of the work: Telegram refuses it after about 15 seconds
    and it can fail like any call. It runs as its own task so a slow answer delays nobody (the
    Application awaits such tasks when it stops), and a failure is only logged.
    """
    query = update.callback_query
    if query is None:
        return
    text = render(toast.text, toast.lang) if toast is not None and toast.text is not None else None
    name = f"answer-{update.update_id}"
    if context.application.running:
        context.application.create_task(_answer(query, text), name=name)
        return
    # Read at start (bot.lifecycle.read_queued_updates), before the Application runs: it would
    # only warn and not track the task, so it is kept here until it ends.
    task = asyncio.create_task(_answer(query, text), name=name)
    _EARLY_ANSWERS.add(task)
    task.add_done_callback(_EARLY_ANSWERS.discard)


async def _answer(query: CallbackQuery, text: str | None) -> None:
    try:
        await query.answer(text)
    except TelegramError as exc:
        _LOGGER.warning("Could not answer press %s (%s); its work stands", query.id, exc)


async def edit_pressed(
    press: Press,
    context: Context,
    tx: Tx,
    text: Text,
    *,
    lang: Lang | None = None,
    buttons: Keyboard | None = None,
) -> None:
    """Replace the text of the message whose button was pressed (its buttons go, unless new
    ones are given), keyed by the press's update so a repeated press edits nothing twice."""
    message = press.update.effective_message
    if message is not None:
        await context.runtime.outbox.edit(
            tx,
            message.chat_id,
            text,
            key=f"u{press.update.update_id}:0",
            message_id=message.message_id,
            lang=lang,
            buttons=buttons,
        )


async def answer_revoked(update: Update, context: Context, tx: Tx, person: Person) -> bool:
    """A person staff revoked wrote: told politely (the one thing they still get) why the bot
    is silent and whom to ask, and nothing they wrote goes anywhere; whether they were."""
    if not await context.runtime.people.is_revoked(tx, person.telegram_id):
        return False
    await reply(update, context, tx, T("onboarding.revoked"), to_revoked=True)
    return True
