"""Welfare check-ins in Telegram: answers, signs of life, the ladder's buttons, /enroll, /care,
/family, /pause and /resume, visit reports. Each handler reads the update, checks who, calls one
use case of :class:`bot.domain.checkins.Checkins` and answers; they live by feature in
:mod:`handlers.checkin_signs` (any private message from an elder or family, looked at first),
:mod:`handlers.checkin_buttons` (presses and the visit note), :mod:`handlers.checkin_hearsay`
(a grid worker's or family's words about an elder on the ladder) and
:mod:`handlers.checkin_commands`; this module puts them together and registers the feature.

Any private message or sticker from an elder counts as a sign of life. The private message
handlers show it to :meth:`CheckinHandlers.sign_of_life` first, inside the update's one
transaction (the feature's ``first_looks``); it does not swallow the message, unless it was only
an answer to the check-in ("我很好") or a trip to pause for ("下周去女儿家住几天").
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.checkins.contract import Action, Pending
from bot.storage import Tx
from handlers.checkin_buttons import CheckinButtons
from handlers.checkin_commands import CheckinCommands
from handlers.checkin_hearsay import HearsayLook
from handlers.checkin_signs import SignsOfLife
from handlers.context import Feature


class CheckinHandlers(SignsOfLife, CheckinButtons, CheckinCommands, HearsayLook):
    """Telegram side of check-ins: read the update, call one use case, answer."""


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
        first_looks=(h.sign_of_life, h.hearsay),
        group_looks=(h.group_sign,),
    )
