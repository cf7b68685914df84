"""The check-in commands: /enroll and /care (staff), /family (anyone), /pause and /resume (an
elder or her family)."""

from __future__ import annotations

from telegram import Update

from bot.domain.checkins.forms import parse_enrolment
from bot.domain.people import Person, parse_address
from bot.i18n import T
from bot.storage import Tx
from handlers.base import reply, sender, staff_sender
from handlers.checkin_base import CheckinBase
from handlers.context import Context
from intents import is_trip


def _command_text(update: Update) -> str:
    message = update.effective_message
    text = message.text or "" if message else ""
    return text.split(maxsplit=1)[1].strip() if len(text.split(maxsplit=1)) > 1 else ""


class CheckinCommands(CheckinBase):
    """Each command reads its words, checks who, calls one use case and answers."""

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
        away = is_trip(text)  # "/pause 我要出去旅游几天": a default few days, never usage
        if not text or not await self._pause_for(update, context, tx, person, keys, text, away):
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
