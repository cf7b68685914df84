"""What a grid worker, staff member or family member writes about an elder whose check-in is on
the ladder ("我刚上门看过了 没事", "I just called mum, she's fine"): asked in one tap, or passed
on to those who may confirm (:mod:`bot.domain.checkins.hearsay`), never the service menu."""

from __future__ import annotations

from telegram import Update

from bot.domain.checkins.signs import ASKS, asks_news, may_be_trip, welfare_level
from bot.domain.people import Person
from bot.storage import Tx
from handlers.base import reply
from handlers.checkin_base import CheckinBase
from handlers.context import Context
from intents import Understanding
from intents.welfare import WelfareLevel


class HearsayLook(CheckinBase):
    """A private message looked at first: someone else's word about an elder on the ladder."""

    async def hearsay(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        understood: Understanding | None,
    ) -> bool:
        """The words of someone on an elder's ladder, when they ask nothing else: a worker
        who may confirm is asked to (one tap); family's "she's fine" is passed on. True when
        that was all the message was. An emergency, a request or a question goes on."""
        message = update.effective_message
        if message is None or not message.text or understood is None:
            return False
        if understood.emergency is not None or context.alarm_raised:
            return False
        if await context.runtime.people.expecting(tx, person.id):
            return False  # a step waits for these words (a visit note, a booking's answer)
        intent, text = understood.intent, message.text.strip()
        if intent in ASKS or intent == "emergency":
            return False
        fine = welfare_level(text, intent) is WelfareLevel.FINE
        if not fine and intent != "none":
            return False
        asks = await self.ci.hearsay.worker_wrote(tx, person, text, fine)
        for n, (ask, buttons) in enumerate(asks):
            await reply(update, context, tx, ask, buttons=buttons, n=50 + n)
        if asks or not fine or asks_news(text) or may_be_trip(text, intent):
            return bool(asks)
        held = await self.ci.reach.people.roles(tx, person.id)
        if any(k == "elder" for k, _ in held):
            return False  # her own words are her answer (:mod:`handlers.checkin_signs`)
        family = tuple(sorted(r for k, r in held if k == "family"))
        ref = f"{message.chat_id}:{message.message_id}"
        told = await self.ci.hearsay.family_wrote(tx, person, family, text, ref)
        for n, answer in enumerate(told):
            await reply(update, context, tx, answer, n=60 + n)
        return bool(told)
