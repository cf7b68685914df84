"""Welfare check-ins in Telegram: answers, signs of life, the ladder's buttons, /enroll, /care,
/family, /pause and /resume, visit reports. Each handler reads the update, checks who, calls one
use case of :class:`bot.domain.checkins.Checkins` and answers.

Any private message or sticker from an elder counts as a sign of life. The private message
handlers show it to :meth:`CheckinHandlers.sign_of_life` first, inside the update's one
transaction (the feature's ``first_looks``); it does not swallow the message, unless it was only
an answer to the check-in ("我很好") or a trip to pause for ("下周去女儿家住几天").
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import Message, Update

from bot.domain.checkins import Checkin, Checkins
from bot.domain.checkins.contract import Action, FamilyAnswer, NoteRequest, Pending, mood_of
from bot.domain.checkins.family import Decision
from bot.domain.checkins.forms import parse_enrolment, visit_note
from bot.domain.checkins.signs import (
    ALARMS,
    ASKS,
    Outcome,
    PressRefusal,
    asks_news,
    ends_there,
    may_be_trip,
    welfare_level,
)
from bot.domain.checkins.visits import MoodOutcome
from bot.domain.incidents.model import Cause, Kind
from bot.domain.people import Person, parse_address
from bot.i18n import T
from bot.storage import Tx
from handlers.base import reply, sender, staff_sender, tell
from handlers.context import Context, Feature, Press
from intents import Understanding

_LOGGER = logging.getLogger(__name__)


def media_kind(message: Message) -> str | None:
    """What kind of media a message carries, if any (text is not media)."""
    for kind in ("voice", "photo", "video_note", "video", "location", "sticker"):
        if getattr(message, kind):
            return kind
    return None


def _command_text(update: Update) -> str:
    message = update.effective_message
    text = message.text or "" if message else ""
    return text.split(maxsplit=1)[1].strip() if len(text.split(maxsplit=1)) > 1 else ""


_REFUSED = {
    PressRefusal.STALE: "common.stale_button",
    PressRefusal.NOT_YOURS: "checkins.not_yours",
    PressRefusal.DONE: "checkins.already_noted",
}


_FAMILY_ACK = {
    Decision.APPROVED: "checkins.family_approved",
    Decision.AWAITING_STAFF: "checkins.family_agreed_ack",
    Decision.REFUSED: "checkins.family_refused_ack",
}


class CheckinHandlers:
    """Telegram side of check-ins: read the update, call one use case, answer."""

    def __init__(self, checkins: Checkins) -> None:
        self.ci = checkins

    # -- signs of life ---------------------------------------------------------------------

    async def sign_of_life(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        understood: Understanding | None,
    ) -> bool:
        """Whatever an elder sends in private counts: an answer, her words passed on to an open
        help call, distress that opens one, or "not so well"; a trip pauses her check-ins (her
        family's words too). Runs first in the update's transaction, with the text understood
        once (None for media); True when that was all the message was. Anyone else (known
        from memory) costs nothing here."""
        message = update.effective_message
        if message is None or (message.text is None and media_kind(message) is None):
            return False  # a document or a contact card is no sign of life
        if not await self.ci.reach.people.in_care(tx, person.telegram_id):
            return False
        text = message.text.strip() if message.text else ""
        intent = understood.intent if understood is not None else None
        cared = await self.ci.pauses.cared(tx, person)
        stop = False
        for n, key in enumerate(cared.elder):
            outcome = await self._elder_sent(update, context, tx, person, key, understood, n)
            stop = ends_there(outcome, intent) or stop
        if cared.family and not stop and intent not in ASKS:
            stop = await self._call_news(update, context, tx, cared.family)
        if cared.family and not stop and asks_news(text):
            stop = await self._checkin_news(update, context, tx, cared.family)
        if cared.keys and not stop and may_be_trip(text, intent):
            stop = await self._pause_for(update, context, tx, person, cared.keys, text)
        return stop

    async def _call_news(
        self, update: Update, context: Context, tx: Tx, keys: tuple[str, ...]
    ) -> bool:
        """Family writing while their elder's help call is open ("我妈怎么样了 有人去了吗"):
        the call's status, not a booking's; True when there was one."""
        news = await self.ci.help.status(tx, keys)
        for n, text in enumerate(news):
            await reply(update, context, tx, text, n=30 + n)
        return bool(news)

    async def _checkin_news(
        self, update: Update, context: Context, tx: Tx, keys: tuple[str, ...]
    ) -> bool:
        """Family asking "我爸今天怎么样" with no help call open: today's check-in."""
        news = await self.ci.care.news(tx, keys)
        for n, text in enumerate(news):
            await reply(update, context, tx, text, n=40 + n)
        return bool(news)

    async def _elder_sent(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        key: str,
        understood: Understanding | None,
        n: int,
    ) -> Outcome:
        """Act on one elder's message; answer her when there is something to say."""
        message = update.effective_message
        assert message is not None
        text = (message.text or "").strip()
        source = (message.chat_id, message.message_id)
        level = welfare_level(text, understood.intent if understood is not None else None)
        outcome, answer = await self.ci.wrote(
            tx, key, person, text, media_kind(message), source, level
        )
        if outcome in ALARMS:
            context.alarm_raised = True
        if outcome == Outcome.HELP and understood is not None and understood.emergency is not None:
            # Gas, fire, a fall: what to do now comes first, before anyone arrives.
            kind = Kind(understood.emergency)
            await reply(update, context, tx, context.bot_data.emergencies.advice(kind), n=20 + n)
        if answer is not None:
            await reply(update, context, tx, answer, n=10 + n)
        return outcome

    # -- buttons ---------------------------------------------------------------------------

    async def _elder_press(
        self, press: Press, tx: Tx, *, answering: bool = False
    ) -> Checkin | None:
        """The check-in a button was made for, if the elder it belongs to pressed it (and, for
        an answer, while it waits); the refusal's toast otherwise."""
        checkin = await self.ci.presses.by_elder(
            tx, press.callback.number(0), press.person, answering=answering
        )
        return _accepted(press, checkin)

    async def fine_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 我很好."""
        checkin = await self._elder_press(press, tx, answering=True)
        if checkin is not None:
            await self.ci.answers.sign_of_life(tx, checkin.elder_key, "button")
            press.set_toast(T("checkins.press_thanks"))

    async def unwell_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 不太舒服: answered, the grid worker calls today, family see it."""
        checkin = await self._elder_press(press, tx, answering=True)
        if checkin is not None:
            await self.ci.answers.unwell(tx, checkin.elder_key, press.person)
            press.set_toast(T("checkins.press_thanks"))

    async def help_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 需要帮助: her help call opens, everyone at once."""
        checkin = await self._elder_press(press, tx)
        if checkin is None:
            return
        context.alarm_raised = True
        told = await self.ci.help.help(tx, checkin, press.person)
        toast = "checkins.help_already" if told is None else "checkins.help_toast"
        press.set_toast(T(toast))

    async def help_now_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 需要帮助 under "not so well": a help call without a check-in."""
        key = press.callback.arg(0)
        if not await self.ci.reach.people.has_role(tx, press.person.id, "elder", key):
            press.set_toast(T("common.stale_button"))
            return
        context.alarm_raised = True
        await self.ci.help.help_now(tx, key, press.person, Cause.PRESSED, "", None)
        press.set_toast(T("checkins.help_toast"))

    async def _worker_press(self, press: Press, tx: Tx) -> Checkin | None:
        """The open check-in a grid worker's (or staff's) button is for, if theirs."""
        checkin = await self.ci.presses.by_worker(tx, press.callback.number(0), press.person)
        return _accepted(press, checkin)

    async def safe_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker (or staff) confirmed the elder is safe."""
        checkin = await self._worker_press(press, tx)
        if checkin is None:
            return
        await self.ci.help.confirm(tx, checkin, press.person)
        press.set_toast(T("checkins.confirmed_toast"))
        key = f"u{press.update.update_id}:0"
        await tell(context, tx, press.person.telegram_id, T("checkins.confirmed"), key=key)

    async def support_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker needs support: staff alerted."""
        checkin = await self._worker_press(press, tx)
        if checkin is not None:
            await self.ci.help.support(tx, checkin, press.person)
            press.set_toast(T("checkins.support_toast"))

    async def mood_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker picked the elder's mood; the note is asked for."""
        mood = mood_of(press.callback.arg(1))
        outcome, ask = await self.ci.visits.mood_pressed(
            tx, press.callback.number(0), mood, press.person
        )
        toast = {
            MoodOutcome.STALE: T("common.stale_button"),
            MoodOutcome.NOT_YOURS: T("checkins.not_yours"),
            MoodOutcome.DONE: T("checkins.already_noted"),
        }.get(outcome)
        press.set_toast(toast)
        if ask is not None:
            key = f"u{press.update.update_id}:0"
            await tell(context, tx, press.person.telegram_id, ask, key=key)

    async def note_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The grid worker's note about the visit: record it and report to family."""
        message = update.effective_message
        text = (message.text or "").strip() if message else ""
        request = NoteRequest.parse(data)
        if not await self.ci.visits.note_given(tx, person, request, visit_note(text)):
            return False
        await reply(update, context, tx, T("checkins.visit_recorded"))
        return True

    async def family_decided(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder (or staff) pressed 同意 or 拒绝 on a family request."""
        approve = press.callback.arg(1) == FamilyAnswer.YES
        outcome = await self.ci.family.decide(tx, press.callback.number(0), press.person, approve)
        if outcome in (Decision.STALE, Decision.NOT_YOURS):
            stale = outcome == Decision.STALE
            press.set_toast(T("common.stale_button" if stale else "checkins.not_yours"))
            return
        press.set_toast(None)
        text = T(_FAMILY_ACK[outcome])
        await tell(context, tx, press.person.telegram_id, text, key=f"u{press.update.update_id}:0")

    # -- commands --------------------------------------------------------------------------

    async def enroll(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: `/enroll 姓名 | 地址 | 08:30 | hk_zhang | high [| 代查]`."""
        rt = context.runtime
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        workers = [h.key for h in rt.community.housekeepers]
        form = parse_enrolment(_command_text(update), set(workers))
        if form is None:
            await reply(update, context, tx, self.ci.texts.enroll_usage(workers))
            return
        elder = await self.ci.planning.enroll(tx, person, form)
        await reply(update, context, tx, self.ci.texts.enrolled(elder, form))

    async def family(self, update: Update, context: Context, tx: Tx) -> None:
        """Anyone: `/family 王阿姨 3-2-501` asks to follow an elder; the elder decides.

        The answer is the same whether or not the name and address match, so the command
        reveals nothing about who lives where.
        """
        person = await sender(update, context, tx)
        parts = _command_text(update).split(maxsplit=1)
        address = parse_address(parts[1]) if len(parts) == 2 else None
        if address is None:
            await reply(update, context, tx, T("checkins.family_usage"))
            return
        elder = await self.ci.family.find_elder(tx, parts[0], address)
        if elder is not None:
            await self.ci.family.ask(tx, elder, person)
        await reply(update, context, tx, T("checkins.family_asked"))

    async def care(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: today's state per elder, most urgent first, overdue visits, alert gaps."""
        if await staff_sender(update, context, tx) is not None:
            await reply(update, context, tx, await self.ci.care.view(tx))

    async def _pause_for(
        self, update: Update, context: Context, tx: Tx, person: Person, keys: list[str], text: str
    ) -> bool:
        """Pause for the trip or span in the words; False when no time or length was said."""
        answers = await self.ci.pauses.pause_for(tx, keys, person, text)
        for n, answer in enumerate(answers or []):
            await reply(update, context, tx, answer, n=n)
        return answers is not None

    async def _pausable(
        self, update: Update, context: Context, tx: Tx
    ) -> tuple[Person, list[str]] | None:
        """The sender and the elders whose check-ins they may pause; None (and a polite word)
        for someone who is neither an elder nor family."""
        person = await sender(update, context, tx)
        keys = (await self.ci.pauses.cared(tx, person)).keys
        if not keys:
            await reply(update, context, tx, T("checkins.pause_not_enrolled"))
            return None
        return person, keys

    async def pause(self, update: Update, context: Context, tx: Tx) -> None:
        """Elder or family: `/pause 3天` (or `/pause 下周去女儿家住几天`)."""
        who = await self._pausable(update, context, tx)
        if who is None:
            return
        person, keys = who
        text = _command_text(update)
        if not text or not await self._pause_for(update, context, tx, person, keys, text):
            await reply(update, context, tx, T("checkins.pause_usage"))

    async def resume(self, update: Update, context: Context, tx: Tx) -> None:
        """Elder or family: end a pause now."""
        who = await self._pausable(update, context, tx)
        if who is None:
            return
        person, keys = who
        resumed = await self.ci.pauses.resume_all(tx, keys, person)
        await reply(
            update, context, tx, T("checkins.resumed" if resumed else "checkins.not_paused")
        )


def _accepted(press: Press, checkin: Checkin | PressRefusal) -> Checkin | None:
    """The check-in, or None with the refusal said in the press's toast."""
    if isinstance(checkin, PressRefusal):
        press.set_toast(T(_REFUSED[checkin]))
        return None
    return checkin


def feature(h: CheckinHandlers) -> Feature:
    """The ladder's and the visit's buttons, the visit note, check-in deadlines, planning."""
    checkins = h.ci

    async def plan(tx: Tx, now: datetime) -> None:
        await checkins.planning.sync_file(tx)
        if not await checkins.planning.plan(tx, now):
            # Once the batches are done, not in each (it reads every grid worker's elders).
            await checkins.reach.warn_gaps(tx, now)

    return Feature(
        buttons={
            Action.FINE: h.fine_pressed,
            Action.HELP: h.help_pressed,
            Action.UNWELL: h.unwell_pressed,
            Action.HELP_NOW: h.help_now_pressed,
            Action.SAFE: h.safe_pressed,
            Action.SUPPORT: h.support_pressed,
            Action.MOOD: h.mood_pressed,
            Action.FAMILY: h.family_decided,
        },
        inputs={Pending.VISIT_NOTE: h.note_given},
        deadlines=checkins.deadline_handlers(),
        planners=(plan,),
        first_looks=(h.sign_of_life,),
    )
