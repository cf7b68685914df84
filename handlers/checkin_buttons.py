"""The check-in's buttons (the elder's 我很好 / 不太舒服 / 需要帮助, the grid worker's 已确认平安
/ 需要支援 and visit mood, a family request's 同意 / 拒绝) and the visit note: each checks who
pressed, calls one use case and answers with a toast."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.checkins import Checkin
from bot.domain.checkins.contract import FamilyAnswer, NoteRequest, mood_of
from bot.domain.checkins.family import Decision
from bot.domain.checkins.forms import visit_note
from bot.domain.checkins.signs import PressRefusal
from bot.domain.checkins.visits import MoodOutcome
from bot.domain.incidents.model import Cause
from bot.domain.people import Person
from bot.i18n import T
from bot.storage import Tx
from handlers.base import reply, tell
from handlers.checkin_base import CheckinBase
from handlers.context import Context, Press

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


class CheckinButtons(CheckinBase):
    """Presses on the check-in's buttons, and the grid worker's visit note."""

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
        closed_call = await self.ci.help.confirm(tx, checkin, press.person)
        press.set_toast(T("checkins.confirmed_toast"))
        key = f"u{press.update.update_id}:0"
        # Her help call closed: what happened is asked for the trail, as from its own alert.
        said = T("incidents.ask_note") if closed_call else T("checkins.confirmed")
        await tell(context, tx, press.person.telegram_id, said, key=key)

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


def _accepted(press: Press, checkin: Checkin | PressRefusal) -> Checkin | None:
    """The check-in, or None with the refusal said in the press's toast."""
    if isinstance(checkin, PressRefusal):
        press.set_toast(T(_REFUSED[checkin]))
        return None
    return checkin
