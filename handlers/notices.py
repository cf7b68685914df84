"""Community notices: the file's recurring notices are planned here; staff /notice schedules
one-offs ("/notice 明天 18:00 | 停水通知：…").

Thin: the handler checks the sender is staff, splits the command into its time and text, and
calls one use case; the time rules live in :mod:`bot.domain.notices.model`.
"""

from __future__ import annotations

import re

from telegram import Update

from bot.domain.notices import Notices
from bot.domain.notices.model import TimeProblem
from bot.storage import Tx
from handlers.base import reply, staff_sender
from handlers.context import Context, Feature

_SEPARATOR = re.compile(r"[|｜]")


def _parts(text: str) -> tuple[str, str] | None:
    """'/notice <when> | <text>' -> (when, text); None when the separator or text is missing."""
    words = text.split(maxsplit=1)
    parts = _SEPARATOR.split(words[1] if len(words) > 1 else "", maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        return None
    return parts[0].strip(), parts[1].strip()


class NoticeHandlers:
    """The Telegram side of notices, built with its use cases (``bot/app.py``)."""

    def __init__(self, notices: Notices) -> None:
        self.notices = notices

    async def notice_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: schedule a one-off notice to every bound group at a given time."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        notices = self.notices
        message = update.effective_message
        parts = _parts((message.text or "") if message else "")
        if parts is None:
            await reply(update, context, tx, notices.texts.usage())
            return
        done = await notices.schedule(tx, *parts, person)
        if isinstance(done, TimeProblem):
            await reply(update, context, tx, notices.texts.problem(done))
            return
        await reply(update, context, tx, notices.texts.scheduled(done.post_at, done.groups))


def feature(h: NoticeHandlers) -> Feature:
    """The notice planner and the posting deadlines (/notice is listed in bot/app.py)."""
    return Feature(deadlines=h.notices.deadline_handlers(), planners=(h.notices.plan,))
