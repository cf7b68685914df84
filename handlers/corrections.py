"""Corrected by the chat: [✖ 不是找服务] under the bot's group replies, and staff's /misses.

Thin: :class:`bot.domain.corrections.Corrections` decides who may dismiss and keeps the
examples; here the reply is deleted through the outbox, the writer's draft for it dropped, and
/misses rendered as pages that never reach Telegram's 4,096 characters.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.bookings import BookingService
from bot.domain.corrections import Corrections, GroupReply, Outcome
from bot.domain.corrections.contract import NOT_A_REQUEST, Action
from bot.domain.corrections.grouping import AskedGroup, Kind, distinct
from bot.domain.misses import Unserved
from bot.i18n import T, Text
from bot.outbox import Button, Keyboard
from bot.runtime import Runtime
from bot.storage import Tx
from handlers.base import reply, staff_sender
from handlers.context import Context, Feature, Press

PAGE_GROUPS = 5  # groups per /misses page
SAMPLES = 3  # texts shown per group
SAMPLE_CHARS = 60  # each cut to this: a page stays far below 4,096 characters
# What a press of [✖] withdraws: a booking draft the writer may have started from the reply.
_DRAFTED = ("service_request", "price_query")


async def dismiss_button(
    context: Context, tx: Tx, update: Update, intent: str, target: str | None, token: str | None
) -> Button:
    """Remember a group reply's message and what it was taken for (intent, target, the
    request behind its deep link); return the reply's [✖ 不是找服务] button."""
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    reply_id = await context.bot_data.corrections.remember(
        tx, chat.id, user.id, message.text, intent, target, token
    )
    return Button(T("corrections.dismiss"), context.runtime.signer.make(Action.DISMISS, reply_id))


class CorrectionHandlers:
    """The Telegram side of corrections, built with its use cases (``bot/app.py``)."""

    def __init__(self, corrections: Corrections, bookings: BookingService) -> None:
        self._c = corrections
        self._bookings = bookings

    async def dismiss_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """The writer or staff says it was not a request: the reply goes, they are thanked."""
        rt = context.runtime
        who = press.person.telegram_id
        staff = await rt.people.is_staff(tx, who)
        done = await self._c.dismiss(tx, press.callback.number(0), who, staff)
        if done.outcome is Outcome.NOT_ALLOWED:
            press.set_toast(T("corrections.not_yours"))
            return
        message = press.update.effective_message
        if done.outcome is Outcome.STALE or done.reply is None or message is None:
            press.set_toast(T("corrections.already" if done.reply else "common.stale_button"))
            return
        await rt.outbox.withdraw(
            tx,
            message.chat_id,
            message.message_id,
            key=f"u{press.update.update_id}:dismiss",
            fallback=T("corrections.dismissed_fallback"),
        )
        if who == done.reply.writer_id:  # staff tidying the group leave the writer's draft be
            await self._drop_draft(tx, rt, done.reply)
        press.set_toast(T("corrections.thanks"))

    async def _drop_draft(self, tx: Tx, rt: Runtime, about: GroupReply) -> None:
        """The writer's unfinished booking of the reply's service ends (they said themselves it
        was not a request); nothing else of theirs is touched."""
        if about.intent not in _DRAFTED or about.target is None:
            return
        writer = await rt.people.get(tx, about.writer_id)
        if writer is None:
            return
        draft = await self._bookings.timing.draft(tx, writer)
        if draft is not None and draft.service == about.target:
            await self._bookings.timing.drop(tx, draft, writer)

    async def misses_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: unmet requests and dismissals, grouped by what was asked, page 1."""
        if await staff_sender(update, context, tx) is None:
            return
        text, buttons = await self._page(context.runtime, tx, 0)
        await reply(update, context, tx, text, buttons=buttons)

    async def page_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Staff: another page of /misses, in place."""
        rt = context.runtime
        if not await rt.people.is_staff(tx, press.person.telegram_id):
            press.set_toast(T("common.staff_only"))
            return
        press.set_toast(None)
        await self._show(press, rt, tx, press.callback.number(0))

    async def label_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Staff's one tap: the group's label, kept as confirmed examples."""
        rt = context.runtime
        if not await rt.people.is_staff(tx, press.person.telegram_id):
            press.set_toast(T("common.staff_only"))
            return
        kind = press.callback.arg(0)
        if kind not in ("m", "e"):
            press.set_toast(T("common.stale_button"))
            return
        label_kind: Kind = "m" if kind == "m" else "e"
        done = await self._c.label(tx, label_kind, press.callback.number(1), press.callback.arg(2))
        if done is None:
            press.set_toast(T("corrections.stale"))
            return
        press.set_toast(T("corrections.labelled", count=done))
        await self._show(press, rt, tx, max(press.callback.number(3), 0))

    async def _show(self, press: Press, rt: Runtime, tx: Tx, page: int) -> None:
        message = press.update.effective_message
        if message is None:
            return
        text, buttons = await self._page(rt, tx, page)
        await rt.outbox.edit(
            tx,
            message.chat_id,
            text,
            key=f"u{press.update.update_id}:0",
            message_id=message.message_id,
            buttons=buttons,
        )

    async def _page(self, rt: Runtime, tx: Tx, page: int) -> tuple[Text, Keyboard | None]:
        """One page of /misses: its text and its buttons (labels, then the page row)."""
        groups = await self._c.asked(tx)
        nobody = await self._c.unserved_today(tx)
        if not groups and not nobody:
            return T("corrections.misses_none"), None
        pages = max(1, (len(groups) + PAGE_GROUPS - 1) // PAGE_GROUPS)
        page = min(max(page, 0), pages - 1)
        first = page * PAGE_GROUPS
        shown = groups[first : first + PAGE_GROUPS]
        lines: list[Text] = [T("corrections.misses_title", page=page + 1, pages=pages)]
        if page == 0 and nobody:
            lines.append(self._unserved(rt, nobody))
        buttons: list[list[Button]] = []
        for n, asked in enumerate(shown, start=first + 1):
            lines.append(self._line(rt, n, asked))
            buttons.append(self._labels(rt, n, asked, page))
        nav = []
        if page > 0:
            nav.append(Button(T("corrections.page_prev"), rt.signer.make(Action.PAGE, page - 1)))
        if page + 1 < pages:
            nav.append(Button(T("corrections.page_next"), rt.signer.make(Action.PAGE, page + 1)))
        if nav:
            buttons.append(nav)
        return T("common.lines", lines=lines), buttons

    def _unserved(self, rt: Runtime, nobody: list[Unserved]) -> Text:
        """Today's services nobody could take, one line each: "自行车维修：无人提供 ×2"."""
        lines = [
            T(
                "corrections.unserved_line",
                service=rt.catalogue.name(u.service)
                if u.service in rt.catalogue.vocabulary
                else u.service,
                count=u.asks,
                last=u.last_at.astimezone(rt.community.tz).strftime("%H:%M"),
            )
            for u in nobody
        ]
        return T("corrections.unserved", lines=lines)

    def _line(self, rt: Runtime, n: int, asked: AskedGroup) -> Text:
        wordings = distinct(asked.items)  # "谁会修手表？" asked thrice is shown once
        samples: list[Text | str] = [
            T("corrections.sample", text=_cut(i.text)) for i in wordings[:SAMPLES]
        ]
        if len(wordings) > SAMPLES:
            samples.append(T("corrections.more", count=len(wordings) - SAMPLES))
        last = asked.last_at.astimezone(rt.community.tz).strftime("%m-%d %H:%M")
        texts = T("corrections.samples", samples=samples)
        if asked.lead.kind == "m":
            return T("corrections.group_miss", n=n, count=asked.count, last=last, texts=texts)
        lead = asked.lead
        guess: Text | dict[str, str] = (
            rt.catalogue.name(lead.target)
            if lead.target is not None and lead.target in rt.catalogue.vocabulary
            else T("corrections.guess_intent", intent=lead.intent)
        )
        return T(
            "corrections.group_dismissed",
            n=n,
            count=asked.count,
            guess=guess,
            last=last,
            texts=texts,
        )

    def _labels(self, rt: Runtime, n: int, asked: AskedGroup, page: int) -> list[Button]:
        lead = asked.lead
        buttons = [
            Button(
                T("corrections.label_none", n=n),
                rt.signer.make(Action.LABEL, lead.kind, lead.id, NOT_A_REQUEST, page),
            )
        ]
        for choice in self._c.choices(asked):
            buttons.append(
                Button(
                    T("corrections.label_service", n=n, service=rt.catalogue.name(choice)),
                    rt.signer.make(Action.LABEL, lead.kind, lead.id, choice, page),
                )
            )
        return buttons


def _cut(text: str) -> str:
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"


def feature(h: CorrectionHandlers) -> Feature:
    """[✖] under group replies; /misses pages and labels."""
    return Feature(
        buttons={
            Action.DISMISS: h.dismiss_pressed,
            Action.PAGE: h.page_pressed,
            Action.LABEL: h.label_pressed,
        }
    )
