"""Welfare check-ins in Telegram: answers, signs of life, the ladder's buttons, /enroll, /care,
/pause and /resume, visit reports.

Any private message or sticker from an elder counts as a sign of life. That handler runs in a
negative group before everything else and does not swallow the message, unless it was only an
answer to the check-in ("我很好") or a trip to pause for ("下周去女儿家住几天"). It manages its own
transaction (not ``@transactional``, which would mark the update processed for everyone).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, time, timedelta
from typing import Any

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop, CommandHandler, MessageHandler, filters

from bot.clock import to_db
from bot.domain.checkins import MOODS, OPEN, Checkin, Checkins
from bot.domain.incidents.model import Cause
from bot.domain.people import Person, Role, parse_address
from bot.i18n import T, Text
from bot.i18n.fmt import when_both
from bot.outbox import Button
from bot.runtime import Runtime
from bot.storage import Tx
from handlers.base import answer_press, reply, sender, tell, transactional
from handlers.context import ConciergeApp, Context, Press, Router
from intents import Understanding
from intents.times import parse_duration, parse_when
from intents.welfare import WelfareLevel, is_trip, read_welfare

_LOGGER = logging.getLogger(__name__)

_TIME = re.compile(r"^\d{1,2}:\d{2}$")
_RISK = {"high": "high", "高": "high", "normal": "normal", "普通": "normal", "一般": "normal"}
_PROXY_WORDS = {"代查", "proxy", "无tg", "无telegram", "no-telegram"}
_NO_NOTE = {"无", "没有", "none", "no", "-"}
DEFAULT_PAUSE = timedelta(days=3)
STATE_ICON = {
    "help": "🆘",
    "unwell": "😐",
    "escalated": "🔴",
    "grid": "🟠",
    "reminded": "🟡",
    "pinged": "🟡",
    "paused": "⏸",
    "none": "⚪",
    "fine": "🟢",
}


def media_kind(message: Message) -> str | None:
    """What kind of media a message carries, if any (text is not media)."""
    for kind in ("voice", "photo", "video_note", "video", "location", "sticker"):
        if getattr(message, kind):
            return kind
    return None


def _level(text: str, understood: Understanding | None) -> WelfareLevel:
    """How the elder says she is; an emergency in her words is urgent whatever the wording."""
    if understood is not None and understood.intent == "emergency":
        return WelfareLevel.URGENT
    return read_welfare(text).level if text else WelfareLevel.NONE


class CheckinHandlers:
    """Telegram side of check-ins: read the update, call :class:`Checkins`, render."""

    def __init__(self, service: Checkins) -> None:
        self.service = service

    # -- signs of life ---------------------------------------------------------------------

    async def sign_of_life(self, update: Update, context: Context) -> None:
        """Whatever an elder sends in private counts: an answer, her words passed on to an open
        help call, distress that opens one, or "not so well". Does not swallow a request."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        text = (message.text or "").strip()
        if text.startswith("/"):
            return  # commands (/pause, /resume ...) answer for themselves
        rt = context.runtime
        stop = False
        async with rt.db.tx() as tx:
            seen = await tx.one(
                "SELECT 1 FROM processed_updates WHERE update_id = ?", (update.update_id,)
            )
            person = await rt.people.get(tx, user.id)
            if seen or person is None:
                return
            understood = (
                rt.understander.understand(text, chat="private", now=rt.clock.now())
                if text
                else None
            )
            chatter = understood is None or understood.intent in ("none", "emergency")
            elder_keys = await self.service.keys_of(tx, person, "elder")
            for n, key in enumerate(elder_keys):
                outcome = await self._elder_sent(update, context, tx, person, key, understood, n)
                stop = stop or (outcome != "nothing" and chatter)
            keys = elder_keys + await self.service.keys_of(tx, person, "family")
            if text and keys and chatter and not stop and is_trip(text):
                # "下周去女儿家住几天" pauses; "明天出门，帮我约保洁" is a request, not a trip.
                stop = await self._pause_from_text(update, context, tx, person, keys, text)
            if stop:
                await tx.execute(
                    "INSERT OR IGNORE INTO processed_updates (update_id, processed_at)"
                    " VALUES (?, ?)",
                    (update.update_id, to_db(rt.clock.now())),
                )
        if stop:
            raise ApplicationHandlerStop

    async def _elder_sent(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        key: str,
        understood: Understanding | None,
        n: int,
    ) -> str:
        """Act on one elder's message; say what it was: passed_on, help, unwell, answered,
        relayed or nothing."""
        message = update.effective_message
        assert message is not None
        text = (message.text or "").strip()
        media = media_kind(message)
        source = (message.chat_id, message.message_id)
        outcome, answer = await self.service.elder_wrote(
            tx, key, person, text, media, source, _level(text, understood), n
        )
        if outcome in ("help", "passed_on"):
            context.alarm_raised = True
        if answer is not None:
            await reply(update, context, tx, answer, n=10 + n)
        return outcome

    # -- buttons ---------------------------------------------------------------------------

    async def _pressed_checkin(self, press: Press, tx: Tx) -> Checkin | None:
        return await self.service.checkin(tx, press.callback.number(0))

    async def _elder_press(self, press: Press, context: Context, tx: Tx) -> Checkin | None:
        """The check-in a button was made for, if the elder it belongs to pressed it."""
        checkin = await self._pressed_checkin(press, tx)
        if checkin is None or not await context.runtime.people.has_role(
            tx, press.person.id, "elder", checkin.elder_key
        ):
            await answer_press(press.update, T("common.stale_button"), press.person.language)
            return None
        return checkin

    async def fine_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 我很好."""
        checkin = await self._elder_press(press, context, tx)
        lang = press.person.language
        if checkin is None:
            return
        if checkin.state not in OPEN or checkin.state == "help":
            await answer_press(press.update, T("checkins.already_noted"), lang)
            return
        await self.service.sign_of_life(tx, checkin.elder_key, "button")
        await answer_press(press.update, T("checkins.press_thanks"), lang)

    async def help_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 需要帮助: her help call opens, everyone at once."""
        checkin = await self._elder_press(press, context, tx)
        lang = press.person.language
        if checkin is None:
            return
        context.alarm_raised = True
        told = await self.service.help(tx, checkin, press.person)
        toast = "checkins.help_already" if told is None else "checkins.help_toast"
        await answer_press(press.update, T(toast), lang)

    async def help_now_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 需要帮助 under "not so well": a help call without a check-in."""
        key = press.callback.arg(0)
        lang = press.person.language
        if not await context.runtime.people.has_role(tx, press.person.id, "elder", key):
            await answer_press(press.update, T("common.stale_button"), lang)
            return
        context.alarm_raised = True
        await self.service.help_now(tx, key, press.person, Cause.PRESSED, "", None)
        await answer_press(press.update, T("checkins.help_toast"), lang)

    async def unwell_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder pressed 不太舒服: answered, the grid worker calls today, family see it."""
        checkin = await self._elder_press(press, context, tx)
        lang = press.person.language
        if checkin is None:
            return
        if checkin.state not in OPEN or checkin.state == "help":
            await answer_press(press.update, T("checkins.already_noted"), lang)
            return
        await self.service.unwell(tx, checkin.elder_key, press.person)
        await answer_press(press.update, T("checkins.press_thanks"), lang)

    async def _worker_press(self, press: Press, context: Context, tx: Tx) -> Checkin | None:
        checkin = await self._pressed_checkin(press, tx)
        lang = press.person.language
        if checkin is None:
            await answer_press(press.update, T("common.stale_button"), lang)
            return None
        elder = await self.service.elder(tx, checkin.elder_key)
        if elder is None or not await self.service.can_confirm(tx, press.person, elder):
            await answer_press(press.update, T("checkins.not_yours"), lang)
            return None
        if checkin.state not in OPEN:
            await answer_press(press.update, T("checkins.already_noted"), lang)
            return None
        return checkin

    async def safe_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker (or staff) confirmed the elder is safe."""
        checkin = await self._worker_press(press, context, tx)
        if checkin is None:
            return
        await self.service.close_by_worker(tx, checkin, press.person)
        await answer_press(press.update, T("checkins.confirmed_toast"), press.person.language)
        await tell(
            context,
            tx,
            press.person.telegram_id,
            T("checkins.confirmed"),
            key=f"u{press.update.update_id}:0",
        )

    async def support_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker needs support: staff alerted."""
        checkin = await self._worker_press(press, context, tx)
        if checkin is None:
            return
        await self.service.support(tx, checkin, press.person)
        await answer_press(press.update, T("checkins.support_toast"), press.person.language)

    async def mood_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The grid worker picked the elder's mood; ask for a one-line note."""
        rt = context.runtime
        lang = press.person.language
        mood = press.callback.arg(1)
        visit = await self.service.visit(tx, press.callback.number(0))
        if visit is None or mood not in MOODS:
            await answer_press(press.update, T("common.stale_button"), lang)
            return
        elder = await self.service.elder(tx, visit.elder_key)
        if elder is None or not await self.service.can_confirm(tx, press.person, elder):
            await answer_press(press.update, T("checkins.not_yours"), lang)
            return
        if visit.state == "done":
            await answer_press(press.update, T("checkins.already_noted"), lang)
            return
        await rt.people.expect(tx, press.person.id, "ci_visit_note", visit=visit.id, mood=mood)
        await answer_press(press.update, None, lang)
        await tell(
            context,
            tx,
            press.person.telegram_id,
            T("checkins.ask_note", name=elder.name, mood=T(f"checkins.mood_{mood}")),
            key=f"u{press.update.update_id}:0",
        )

    async def note_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """The grid worker's note about the visit: record it and report to family."""
        rt = context.runtime
        message = update.effective_message
        text = (message.text or "").strip() if message else ""
        await rt.people.done_expecting(tx, person.id)
        visit = await self.service.visit(tx, int(data.get("visit", 0)))
        if visit is None or visit.state == "done":
            return False
        note = "" if text.lower() in _NO_NOTE else text[:500]
        await self.service.record_visit(tx, visit, person, str(data.get("mood", "fair")), note)
        await reply(update, context, tx, T("checkins.visit_recorded"))
        return True

    # -- commands --------------------------------------------------------------------------

    @staticmethod
    def _command_text(update: Update) -> str:
        message = update.effective_message
        text = message.text or "" if message else ""
        return text.split(maxsplit=1)[1].strip() if len(text.split(maxsplit=1)) > 1 else ""

    async def enroll(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: `/enroll 姓名 | 地址 | 08:30 | hk_zhang | high [| 代查]`."""
        rt = context.runtime
        person = await sender(update, context, tx)
        if not await rt.people.is_staff(tx, person.telegram_id):
            await reply(update, context, tx, T("common.staff_only"))
            return
        parts = [p.strip() for p in self._command_text(update).split("|")]
        usage = T(
            "checkins.enroll_usage",
            workers=", ".join(h.key for h in rt.community.housekeepers),
        )
        if len(parts) < 4 or not parts[0]:
            await reply(update, context, tx, usage)
            return
        name, address, times_text, worker = parts[:4]
        risk = _RISK.get(parts[4].lower() if len(parts) > 4 and parts[4] else "normal")
        proxy = len(parts) > 5 and parts[5].lower() in _PROXY_WORDS
        times_raw = [t for t in re.split(r"[,，\s]+", times_text) if t]
        if (
            not times_raw
            or not all(_TIME.match(t) for t in times_raw)
            or rt.community.housekeeper(worker) is None
            or risk is None
        ):
            await reply(update, context, tx, usage)
            return
        try:
            times = sorted({time.fromisoformat(t.zfill(5)) for t in times_raw})
        except ValueError:
            await reply(update, context, tx, usage)
            return
        elder = await self.service.enroll(
            tx, person, name, address, times, worker, risk, not proxy
        )
        await self.service.plan(tx, rt.clock.now())
        await reply(
            update,
            context,
            tx,
            T(
                "checkins.enrolled",
                name=elder.name,
                code=elder.key,
                times=", ".join(t.strftime("%H:%M") for t in elder.times),
                worker=worker,
                risk=T(f"checkins.risk_{elder.risk}"),
                proxy=T("checkins.proxy_yes") if proxy else T("checkins.proxy_no"),
            ),
        )

    async def invite_enrolled(self, update: Update, context: Context) -> None:
        """Staff `/invite elder|family <key>` for an elder enrolled with /enroll (not in the file).

        Runs before onboarding's /invite (which knows only the file's elders) and stops it.
        """
        args = context.args or []
        rt = context.runtime
        if len(args) < 2 or args[0].lower() not in ("elder", "family"):
            return
        if rt.community.elder(args[1]) is not None:
            return
        async with rt.db.read() as tx:
            known = await self.service.elder(tx, args[1])
        if known is None:
            return
        await transactional(self._invite_enrolled)(update, context)
        raise ApplicationHandlerStop

    async def join_enrolled(self, update: Update, context: Context) -> None:
        """Redeem an elder/family invite for a staff-enrolled elder, welcoming by name.

        Onboarding's /start knows only the file's elders by name; this runs first and stops it.
        """
        payload = context.args[0] if context.args else ""
        if not payload.startswith("inv_"):
            return
        async with context.runtime.db.read() as tx:
            elder = await self.service.invite_for_enrolled(tx, payload)
        if elder is None:
            return
        await transactional(self._join_enrolled)(update, context)
        raise ApplicationHandlerStop

    async def _join_enrolled(self, update: Update, context: Context, tx: Tx) -> None:
        rt = context.runtime
        person = await sender(update, context, tx)
        token = context.args[0] if context.args else ""
        elder = await self.service.invite_for_enrolled(tx, token)
        outcome, invite = await rt.people.redeem_invite(tx, token, person)
        if outcome != "ok" or invite is None or elder is None:
            await reply(update, context, tx, T(f"onboarding.invite_{outcome}"))
            return
        await rt.audit.record(
            tx, f"person:{person.id}", "joined", f"{invite.role}:{invite.ref}", role=invite.role
        )
        await reply(update, context, tx, T(f"onboarding.joined_{invite.role}", what=elder.name))

    async def _invite_enrolled(self, update: Update, context: Context, tx: Tx) -> None:
        rt = context.runtime
        person = await sender(update, context, tx)
        if not await rt.people.is_staff(tx, person.telegram_id):
            await reply(update, context, tx, T("common.staff_only"))
            return
        args = context.args or []
        role: Role = "elder" if args[0].lower() == "elder" else "family"
        elder = await self.service.elder(tx, args[1])
        assert elder is not None
        created = await rt.people.create_invite(
            tx, role, elder.key, person.id, rt.community.policy.invite_ttl
        )
        await rt.audit.record(tx, f"person:{person.id}", "invite_created", f"{role}:{elder.key}")
        await reply(
            update,
            context,
            tx,
            T("onboarding.invite_created", what=elder.name, role=T(f"role.{role}")),
            buttons=[[Button(T("onboarding.invite_button"), url=rt.deep_link(created.token))]],
        )

    async def family(self, update: Update, context: Context, tx: Tx) -> None:
        """Anyone: `/family 王阿姨 3-2-501` asks to follow an elder; the elder decides.

        The answer is the same whether or not the name and address match, so the command
        reveals nothing about who lives where.
        """
        person = await sender(update, context, tx)
        parts = self._command_text(update).split(maxsplit=1)
        address = parse_address(parts[1]) if len(parts) == 2 else None
        if address is None:
            await reply(update, context, tx, T("checkins.family_usage"))
            return
        elder = await self.service.find_elder(tx, parts[0], address)
        if elder is not None:
            await self.service.request_family(tx, elder, person)
        await reply(update, context, tx, T("checkins.family_asked"))

    async def family_decided(self, press: Press, context: Context, tx: Tx) -> None:
        """The elder (or staff) pressed 同意 or 拒绝 on a family request."""
        lang = press.person.language
        request_id = press.callback.number(0)
        approve = press.callback.arg(1) == "yes"
        outcome = await self.service.decide_family(tx, request_id, press.person, approve)
        if outcome != "ok":
            text = T("common.stale_button") if outcome == "stale" else T("checkins.not_yours")
            await answer_press(press.update, text, lang)
            return
        await answer_press(press.update, None, lang)
        await tell(
            context,
            tx,
            press.person.telegram_id,
            T("checkins.family_approved" if approve else "checkins.family_refused_ack"),
            key=f"u{press.update.update_id}:0",
        )

    async def care(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: today's state per elder, most urgent first, and overdue visits."""
        rt = context.runtime
        person = await sender(update, context, tx)
        if not await rt.people.is_staff(tx, person.telegram_id):
            await reply(update, context, tx, T("common.staff_only"))
            return
        lines, overdue = await self.service.care(tx)
        rows: list[Text] = []
        for line in lines:
            since = (
                T(
                    "checkins.care_since",
                    at=line.since.astimezone(rt.community.tz).strftime("%m-%d %H:%M"),
                )
                if line.since is not None
                else ""
            )
            rows.append(
                T(
                    "checkins.care_line",
                    icon=STATE_ICON.get(line.state, "•"),
                    name=line.elder.name,
                    state=T(f"checkins.state_{line.state}"),
                    since=since,
                )
            )
        visits: list[Text] = [
            T(
                "checkins.care_visit",
                name=elder.name,
                due=when_both(visit.due_at, None, rt.community.tz),
                worker=elder.grid_worker,
            )
            for elder, visit in overdue
        ]
        gaps = await self.service.alert_gaps(tx)
        view = T(
            "checkins.care",
            lines=rows or [T("checkins.care_empty")],
            visits=visits or [T("checkins.care_no_visits")],
        )
        if gaps:
            view = T("common.lines", lines=[view, "", T("incidents.gaps", lines=gaps)])
        await reply(update, context, tx, view)

    async def _pause_keys(self, tx: Tx, person: Person) -> list[str]:
        return await self.service.keys_of(tx, person, "elder") + await self.service.keys_of(
            tx, person, "family"
        )

    async def _pause_from_text(
        self, update: Update, context: Context, tx: Tx, person: Person, keys: list[str], text: str
    ) -> bool:
        """Pause for a trip described in words; False when no time or length was said."""
        rt = context.runtime
        now = rt.clock.now()
        span = parse_when(text, now, rt.community.tz)
        length = parse_duration(text)
        if span is None and length is None:
            return False
        start = span.start if span is not None and span.start > now else now
        if length is not None:
            until = start + length
        elif span is not None and span.end is not None:
            until = span.end
        else:
            until = start + DEFAULT_PAUSE
        await self._pause(update, context, tx, person, keys, start, until)
        return True

    async def _pause(
        self,
        update: Update,
        context: Context,
        tx: Tx,
        person: Person,
        keys: list[str],
        start: datetime,
        until: datetime,
    ) -> None:
        rt = context.runtime
        for n, key in enumerate(dict.fromkeys(keys)):
            elder = await self.service.elder(tx, key)
            if elder is None:
                continue
            begin, end = await self.service.pause(tx, key, person, start, until)
            await reply(
                update,
                context,
                tx,
                T(
                    "checkins.paused",
                    name=elder.name,
                    span=when_both(begin, end, rt.community.tz),
                    capped=T("checkins.pause_capped") if end < until else "",
                ),
                n=n,
            )

    async def pause(self, update: Update, context: Context, tx: Tx) -> None:
        """Elder or family: `/pause 3天` (or `/pause 下周去女儿家住几天`)."""
        person = await sender(update, context, tx)
        keys = await self._pause_keys(tx, person)
        if not keys:
            await reply(update, context, tx, T("checkins.pause_not_enrolled"))
            return
        text = self._command_text(update)
        if not text or not await self._pause_from_text(update, context, tx, person, keys, text):
            await reply(update, context, tx, T("checkins.pause_usage"))

    async def resume(self, update: Update, context: Context, tx: Tx) -> None:
        """Elder or family: end a pause now."""
        person = await sender(update, context, tx)
        keys = await self._pause_keys(tx, person)
        if not keys:
            await reply(update, context, tx, T("checkins.pause_not_enrolled"))
            return
        resumed = False
        for key in dict.fromkeys(keys):
            if await self.service.resume(tx, key, f"person:{person.id}", automatic=False):
                resumed = True
        await reply(
            update, context, tx, T("checkins.resumed" if resumed else "checkins.not_paused")
        )


def register(app: ConciergeApp, router: Router) -> None:
    """Add check-in commands, buttons, the sign-of-life watcher, deadlines and the planner."""
    rt: Runtime = app.bot_data.runtime
    service = Checkins(
        rt.community, rt.clock, rt.people, rt.outbox, rt.audit, rt.signer, app.bot_data.incidents
    )
    handlers = CheckinHandlers(service)
    private = filters.ChatType.PRIVATE
    # Before everything: any private message or sticker from an elder is a sign of life.
    signs = (
        filters.TEXT
        | filters.Sticker.ALL
        | filters.VOICE
        | filters.VIDEO_NOTE
        | filters.VIDEO
        | filters.PHOTO
        | filters.LOCATION
    )
    app.add_handler(MessageHandler(private & signs, handlers.sign_of_life), group=-2)
    # Before onboarding's /invite and /start, which only know the file's elders by name.
    app.add_handler(CommandHandler("invite", handlers.invite_enrolled, filters=private), group=-1)
    app.add_handler(CommandHandler("start", handlers.join_enrolled, filters=private), group=-1)
    app.add_handler(CommandHandler("enroll", transactional(handlers.enroll), filters=private))
    app.add_handler(CommandHandler("care", transactional(handlers.care), filters=private))
    app.add_handler(CommandHandler("family", transactional(handlers.family), filters=private))
    app.add_handler(CommandHandler("pause", transactional(handlers.pause), filters=private))
    app.add_handler(CommandHandler("resume", transactional(handlers.resume), filters=private))
    router.button("ci_fine", handlers.fine_pressed)
    router.button("ci_help", handlers.help_pressed)
    router.button("ci_unwell", handlers.unwell_pressed)
    router.button("ci_helpnow", handlers.help_now_pressed)
    router.button("ci_ok", handlers.safe_pressed)
    router.button("ci_sup", handlers.support_pressed)
    router.button("ci_mood", handlers.mood_pressed)
    router.button("ci_fam", handlers.family_decided)
    router.input("ci_visit_note", handlers.note_given)
    for kind, handler in service.handlers().items():
        rt.deadlines.register(kind, handler)

    async def plan(tx: Tx, now: datetime) -> None:
        await service.sync_file(tx)
        await service.plan(tx, now)
        await service.warn_gaps(tx, now)

    rt.planners.append(plan)
