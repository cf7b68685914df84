"""Signs of life: whatever an elder sends in private counts (an answer, her words passed on to
an open help call, distress that opens one, "not so well"); family asking for news; a trip that
pauses check-ins. Runs first in the update's one transaction (the feature's ``first_looks``) and
swallows the message only when that was all it was ("我很好", "下周去女儿家住几天")."""

from __future__ import annotations

from telegram import Message, Update

from bot.domain.checkins.signs import (
    ALARMED,
    ALARMS,
    ASKS,
    Outcome,
    asks_news,
    ends_there,
    may_be_trip,
    small_talk,
    welfare_level,
)
from bot.domain.incidents.model import Kind
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx
from handlers.base import reply
from handlers.checkin_base import CheckinBase
from handlers.context import Context
from intents import Understanding, written_in


def media_kind(message: Message) -> str | None:
    """What kind of media a message carries, if any (text is not media)."""
    for kind in ("voice", "photo", "video_note", "video", "location", "sticker"):
        if getattr(message, kind):
            return kind
    return None


class SignsOfLife(CheckinBase):
    """An elder's (or her family's) private message, looked at first."""

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
        stop = alarmed = False
        for n, key in enumerate(cared.elder):
            outcome = await self._elder_sent(update, context, tx, person, key, understood, n)
            stop = ends_there(outcome, intent) or stop
            alarmed = outcome in ALARMS or alarmed
        if cared.keys and not alarmed and may_be_trip(text, intent):  # never only "收到"
            paused = await self._pause_for(update, context, tx, person, cared.keys, text, True)
            return paused or stop
        if cared.family and not stop and intent not in ASKS:
            stop = await self._call_news(update, context, tx, cared.family)
        if cared.family and not stop and asks_news(text):
            stop = await self._checkin_news(update, context, tx, cared.family)
        return stop

    async def group_sign(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        understood: Understanding | None,
    ) -> bool:
        """An enrolled elder's distress or "not well" in a group ("我头晕，站不起来了"): the
        same people hear it as in private (:meth:`ElderWrote.in_group`), she is answered
        privately, and the group reads at most one short kind line, never her address,
        phone or that she is looked after. An emergency never comes here (it is raised, as
        her help call when it is her own: one incident per person). True when that was all
        the message was."""
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None or not message.text or understood is None:
            return False
        if understood.emergency is not None or context.alarm_raised:
            return False
        if not await self.ci.reach.people.in_care(tx, person.telegram_id):
            return False
        text = message.text.strip()
        level = welfare_level(text, understood.intent)
        source = (chat.id, message.message_id)
        outcome, answer = await self.ci.wrote.in_group(tx, person, text, source, level)
        if outcome is Outcome.NOTHING:
            return False
        context.alarm_raised = outcome in ALARMS or context.alarm_raised
        if answer is not None:  # to her, privately: what was passed on, who was told
            key = f"u{update.update_id}:private"
            await context.runtime.outbox.send(tx, person.telegram_id, answer, key=key)
        if outcome in ALARMED:  # a new incident, not a follow-up: one line in the group
            await reply(update, context, tx, T("checkins.group_told"), lang=written_in(text))
        return ends_there(outcome, understood.intent)

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
        if small_talk(outcome, understood.intent if understood is not None else None, text):
            outcome, answer = Outcome.NOTED, T("checkins.noted_chat")  # never the menu
        if outcome is Outcome.NOTED and await context.runtime.people.expecting(tx, person.id):
            return Outcome.NOTHING  # "没问题" may answer the step she is at (a booking's)
        if outcome in ALARMS:
            context.alarm_raised = True
        if outcome == Outcome.HELP and understood is not None and understood.emergency is not None:
            # Gas, fire, a fall: what to do now comes first, before anyone arrives.
            kind = Kind(understood.emergency)
            await reply(update, context, tx, context.bot_data.emergencies.advice(kind), n=20 + n)
        if answer is not None:
            await reply(update, context, tx, answer, n=10 + n)
        return outcome
