"""Community notices: the file's recurring notices are planned here; staff /notice schedules
one-offs ("/notice 明天 18:00 | 停水通知：…")."""

from __future__ import annotations

import re
from datetime import timedelta

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.domain.notices import KIND_ONCE, KIND_RECURRING, Notices
from bot.i18n import T
from bot.i18n.fmt import when_both
from bot.storage import Tx
from handlers.base import reply, staff_sender, transactional
from handlers.context import ConciergeApp, Context, Router
from intents import parse_when

DAY = timedelta(days=1)
_NOW_WORDS = {"", "现在", "立即", "马上", "now"}
_SEPARATOR = re.compile(r"[|｜]")


@transactional
async def notice_command(update: Update, context: Context, tx: Tx) -> None:
    """Staff: schedule a one-off notice to every bound group at a given time."""
    rt = context.runtime
    person = await staff_sender(update, context, tx)
    if person is None:
        return
    message = update.effective_message
    raw = (message.text or "") if message else ""
    rest = raw.split(maxsplit=1)[1] if len(raw.split(maxsplit=1)) > 1 else ""
    parts = _SEPARATOR.split(rest, maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        await reply(update, context, tx, T("notices.usage"))
        return
    when_text, body = parts[0].strip(), parts[1].strip()
    now = rt.clock.now()
    if when_text.lower() in _NOW_WORDS:
        post_at = now
    else:
        span = parse_when(when_text, now, rt.community.tz)
        whole_day = span is not None and span.end is not None and span.end - span.start >= DAY
        if span is None or whole_day:  # "明天" alone would mean midnight: ask for a time
            await reply(update, context, tx, T("notices.unclear_time"))
            return
        post_at = span.start
        if post_at < now:
            await reply(update, context, tx, T("notices.past_time"))
            return
    await context.bot_data.notices.schedule_once(tx, body, post_at, person)
    groups = len(await rt.groups.bound_chats(tx))
    when = when_both(post_at, None, rt.community.tz)
    await reply(update, context, tx, T("notices.scheduled", when=when, groups=groups))


def register(app: ConciergeApp, router: Router) -> None:
    """Add /notice, the notice planner and the posting deadlines."""
    rt = app.bot_data.runtime
    notices = Notices(rt)
    app.bot_data.notices = notices
    rt.planners.append(notices.plan)
    rt.deadlines.register(KIND_RECURRING, notices.post_recurring)
    rt.deadlines.register(KIND_ONCE, notices.post_once)
    app.add_handler(CommandHandler("notice", notice_command, filters=filters.ChatType.PRIVATE))
