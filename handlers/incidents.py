"""Help calls and emergencies in Telegram: the responders' buttons, the closing note,
`/incident`, and reporting an emergency someone wrote in a group or in private.

Thin: each handler reads the update, calls one use case of :mod:`bot.domain.incidents`, answers.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.callbacks import parse_id
from bot.domain.bookings.contract import Action as BookingAction
from bot.domain.incidents.contract import Action, DeadlineKind, Input
from bot.domain.incidents.emergencies import Report
from bot.domain.incidents.model import Kind, Refusal, State, reply_language
from bot.domain.incidents.places import start_payload
from bot.domain.incidents.responses import Responses
from bot.domain.incidents.service import Incidents
from bot.domain.incidents.timeline import CHAT_FIT, Lookup
from bot.domain.people import Person
from bot.i18n import Lang, T, Text
from bot.outbox import Button
from bot.storage import Tx
from handlers.base import reply, staff_sender, tell
from handlers.context import Context, Feature, Press
from intents.replies import declines_note


def _toast(outcome: State | Refusal | None, done: str) -> Text:
    if outcome is None:
        return T("incidents.ack_already")
    if outcome == Refusal.NOT_YOURS:
        return T("incidents.not_yours")
    if outcome == Refusal.STALE:
        return T("incidents.stale")
    return T(done)


class IncidentHandlers:
    """The Telegram side of incidents, built with its use cases (``bot/app.py``)."""

    def __init__(self, incidents: Incidents, responses: Responses, lookup: Lookup) -> None:
        self.incidents = incidents
        self._responses = responses
        self._lookup = lookup

    async def acknowledge_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A responder pressed "I'm going"."""
        outcome = await self._responses.acknowledge(tx, press.callback.number(0), press.person)
        press.set_toast(_toast(outcome, "incidents.ack_toast"))

    async def support_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A responder pressed "Need support"."""
        outcome = await self._responses.ask_support(tx, press.callback.number(0), press.person)
        press.set_toast(_toast(outcome, "incidents.support_toast"))

    async def safe_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """A responder confirmed the person is safe; they may add a note."""
        outcome = await self._responses.confirm_safe(tx, press.callback.number(0), press.person)
        press.set_toast(_toast(outcome, "incidents.safe_toast"))
        if isinstance(outcome, State):
            key = f"u{press.update.update_id}:0"
            await tell(context, tx, press.person.telegram_id, T("incidents.ask_note"), key=key)

    async def note_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The optional note after "confirmed safe": passed on to everyone on the incident."""
        message = update.effective_message
        text = (message.text or "").strip() if message else ""
        await context.runtime.people.done_expecting(tx, person.id)
        if not text or text.startswith("/"):
            return False
        if not declines_note(text):
            await self._responses.add_note(tx, int(data.get("incident", 0)), person, text)
            await reply(update, context, tx, T("incidents.note_saved"))
        return True

    async def place_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Where the emergency is, asked once: passed on to the responders."""
        message = update.effective_message
        text = (message.text or "").strip() if message else ""
        if not text or text.startswith("/"):
            await context.runtime.people.done_expecting(tx, person.id)
            return False
        incident = int(data.get("incident", 0))
        if not await context.bot_data.emergencies.places.given(tx, person, incident, text):
            return False
        await reply(update, context, tx, T("incidents.place_thanks"), to_revoked=True)
        return True

    async def incident_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: `/incident` lists open incidents; `/incident ID` shows one's timeline."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        args = context.args or []
        if not args:
            await reply(update, context, tx, await self._lookup.open_list(tx))
            return
        number = parse_id(args[0])
        if number < 0:
            await reply(update, context, tx, T("incidents.usage"))
            return
        timeline = await self._lookup.timeline(tx, number, fit=CHAT_FIT)
        await reply(update, context, tx, timeline or T("incidents.unknown", id=args[0]))


async def report_emergency(
    update: Update, context: Context, tx: Tx, person: Person, kind: str
) -> None:
    """Someone wrote about an emergency: advice in the same chat, responders told privately.

    Called from the requests and check-ins handlers, so it reads the emergencies use case from
    the context (``bot/app.py`` shares it there) rather than from a handler object.
    """
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
    answer, ask = await context.bot_data.emergencies.report_asking(tx, report)
    lang = reply_language(chat.id, report.words)
    # In a group, a home's place is asked in private, never to be posted there (tester 1, M1).
    link = context.runtime.deep_link(start_payload(ask)) if ask is not None else None
    buttons = [[Button(T("incidents.place_button"), url=link)]] if link else None
    # The advice reaches a person staff revoked too: revoking takes a working role away, never
    # a resident's safety (tester t1: a revoked housekeeper's kitchen fire got silence).
    await reply(update, context, tx, answer, buttons=buttons, lang=lang, to_revoked=True)
    if report.kind == Kind.FLOOD and chat.type == "private":
        await _offer_plumber(update, context, tx, lang)


# After the flood advice (the alert to staff is already written), a burst pipe still needs a
# plumber: in private, offer the urgent service, whose draft puts "尽快 / ASAP" first.
PLUMBER = "plumbing_repair"


async def _offer_plumber(update: Update, context: Context, tx: Tx, lang: Lang | None) -> None:
    rt = context.runtime
    if PLUMBER not in {e.id for e in rt.catalogue.vocabulary.services()}:
        return
    button = Button(
        T("incidents.flood_plumber_button"), rt.signer.make(BookingAction.NOW, PLUMBER)
    )
    await reply(
        update, context, tx, T("incidents.flood_plumber"), buttons=[[button]], n=1, lang=lang
    )


def feature(h: IncidentHandlers) -> Feature:
    """The responders' buttons, the closing note, and the incident deadlines."""
    return Feature(
        buttons={
            Action.ACKNOWLEDGE: h.acknowledge_pressed,
            Action.ASK_SUPPORT: h.support_pressed,
            Action.CONFIRM_SAFE: h.safe_pressed,
        },
        inputs={Input.SAFE_NOTE: h.note_given, Input.PLACE: h.place_given},
        deadlines={
            DeadlineKind.ACK_TIMEOUT: h.incidents.on_ack_timeout,
            DeadlineKind.UNRESOLVED: h.incidents.on_unresolved,
        },
    )
