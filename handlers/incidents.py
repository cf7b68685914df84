"""Help calls and emergencies in Telegram: the responders' buttons, the closing note,
`/incident`, and reporting an emergency someone wrote in a group or in private.

Thin: each handler reads the update, calls one use case of :mod:`bot.domain.incidents`, answers.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Update

from bot.callbacks import parse_id
from bot.domain.incidents.contract import Action, DeadlineKind, Input
from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind, Refusal, State
from bot.domain.incidents.service import Incidents
from bot.domain.incidents.timeline import open_lines, timeline_text
from bot.domain.people import Person
from bot.i18n import T, Text
from bot.storage import Tx
from handlers.base import reply, staff_sender, tell, transactional
from handlers.context import Context, Feature, Press

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{3}")
_NO_NOTE = {"无", "没有", "none", "no", "-", "不用"}


def _toast(outcome: State | Refusal | None, done: str) -> Text:
    if outcome is None:
        return T("incidents.ack_already")
    if outcome == Refusal.NOT_YOURS:
        return T("incidents.not_yours")
    if outcome == Refusal.STALE:
        return T("incidents.stale")
    return T(done)


async def acknowledge_pressed(press: Press, context: Context, tx: Tx) -> None:
    """A responder pressed "I'm going"."""
    outcome = await context.bot_data.responses.acknowledge(
        tx, press.callback.number(0), press.person
    )
    toast = _toast(outcome, "incidents.ack_toast")
    press.set_toast(toast)


async def support_pressed(press: Press, context: Context, tx: Tx) -> None:
    """A responder pressed "Need support"."""
    outcome = await context.bot_data.responses.ask_support(
        tx, press.callback.number(0), press.person
    )
    toast = _toast(outcome, "incidents.support_toast")
    press.set_toast(toast)


async def safe_pressed(press: Press, context: Context, tx: Tx) -> None:
    """A responder confirmed the person is safe; they may add a note."""
    outcome = await context.bot_data.responses.confirm_safe(
        tx, press.callback.number(0), press.person
    )
    press.set_toast(_toast(outcome, "incidents.safe_toast"))
    if isinstance(outcome, State):
        key = f"u{press.update.update_id}:0"
        await tell(context, tx, press.person.telegram_id, T("incidents.ask_note"), key=key)


async def note_given(
    update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
) -> bool:
    """The optional note after "confirmed safe": passed on to everyone on the incident."""
    message = update.effective_message
    text = (message.text or "").strip() if message else ""
    await context.runtime.people.done_expecting(tx, person.id)
    if not text or text.startswith("/"):
        return False
    if text.lower() not in _NO_NOTE:
        await context.bot_data.responses.add_note(tx, int(data.get("incident", 0)), person, text)
        await reply(update, context, tx, T("incidents.note_saved"))
    return True


@transactional
async def incident_command(update: Update, context: Context, tx: Tx) -> None:
    """Staff: `/incident` lists open incidents; `/incident ID` shows one's timeline."""
    person = await staff_sender(update, context, tx)
    if person is None:
        return
    args = context.args or []
    repo = context.bot_data.incidents.repo
    tz = context.runtime.community.tz
    if not args:
        await reply(update, context, tx, open_lines(await repo.open_incidents(tx)))
        return
    number = parse_id(args[0])
    if number < 0:
        await reply(update, context, tx, T("incidents.usage"))
        return
    incident = await repo.get(tx, number)
    if incident is None:
        await reply(update, context, tx, T("incidents.unknown", id=args[0]))
        return
    events = await context.runtime.audit.timeline(tx, incident.subject)
    await reply(
        update, context, tx, await timeline_text(tx, incident, events, context.runtime.people, tz)
    )


async def report_emergency(
    update: Update, context: Context, tx: Tx, person: Person, kind: str
) -> None:
    """Someone wrote about an emergency: advice in the same chat, responders told privately."""
    context.alarm_raised = True
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    report = Report(
        Kind(kind),
        person,
        chat.id,
        chat.title or "",
        message.message_id,
        (message.text or message.caption or "").strip(),
    )
    answer = await context.bot_data.emergencies.report(tx, report)
    # A group reads the community's language; someone who wrote only in English is answered
    # in English there too (in private the writer's own language applies anyway).
    english = chat.id < 0 and _CJK.search(report.words) is None and _LATIN.search(report.words)
    await reply(update, context, tx, answer, lang="en" if english else None)


def feature(incidents: Incidents) -> Feature:
    """The responders' buttons, the closing note, and the incident deadlines."""
    return Feature(
        buttons={
            Action.ACKNOWLEDGE: acknowledge_pressed,
            Action.ASK_SUPPORT: support_pressed,
            Action.CONFIRM_SAFE: safe_pressed,
        },
        inputs={Input.SAFE_NOTE: note_given},
        deadlines={
            DeadlineKind.ACK_TIMEOUT: incidents.on_ack_timeout,
            DeadlineKind.UNRESOLVED: incidents.on_unresolved,
        },
    )
