"""Getting people in: /start (plain, invite link, group request link), address, /help, /language,
and staff /invite.

Thin: each handler reads the update, calls one use case of
:class:`bot.domain.people.onboarding.Onboarding` (which holds the rules: who becomes a resident,
when the address is asked for, which invites are valid and for how long, the audit trail) and
sends what it returns.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.domain.bookings.stepwords import calls_off_words, names_someone_else, puts_off
from bot.domain.incidents.places import incident_of
from bot.domain.people import Address, Person, parse_address, read_address
from bot.domain.people.contract import INVITE_PREFIX, Action, Pending
from bot.domain.people.onboarding import Onboarding
from bot.i18n import T, Text
from bot.i18n.labels import says_label
from bot.storage import Tx
from handlers.base import edit_pressed, reply, sender, staff_sender
from handlers.context import Context, Feature, Press
from handlers.faq import private_answer, unknown_question
from handlers.requests import show_request
from intents import Understanding, address_answer
from intents.addresses import names_building, placeless
from intents.smalltalk import small_talk


class OnboardingHandlers:
    """The Telegram side of onboarding, built with its use cases (``bot/app.py``)."""

    def __init__(self, onboarding: Onboarding) -> None:
        self._on = onboarding

    async def start(self, update: Update, context: Context, tx: Tx) -> None:
        """Welcome someone in private; redeem an invite or continue a request from a group."""
        person = await sender(update, context, tx)
        payload = context.args[0] if context.args else ""
        if payload.startswith(INVITE_PREFIX):
            # answered even to someone revoked: a new invite gives the role back, an old one
            # says why nothing changed
            answer = await self._on.redeem(tx, payload, person)
            await reply(update, context, tx, answer, to_revoked=True)
            return
        if await context.runtime.people.is_revoked(tx, person.telegram_id):
            # Nothing else reaches them (the outbox refuses), but /start is answered: politely,
            # saying why the bot is silent and whom to ask.
            await reply(update, context, tx, T("onboarding.revoked"), to_revoked=True)
            return
        arrival = await self._on.arrive(tx, person)
        incident = incident_of(payload)
        if incident is not None:  # 私聊告诉我地点 under an emergency in a group
            places = context.bot_data.emergencies.places
            await reply(update, context, tx, await places.open_private(tx, person, incident))
            return
        if payload.startswith("req_"):
            request = await context.runtime.requests.find(tx, payload)
            if request is None:
                await reply(update, context, tx, self._on.texts.link_unknown())
                return
            if request.telegram_id != person.telegram_id:
                # another neighbour's 私聊继续: their words, report and language stay theirs
                await reply(update, context, tx, T("onboarding.link_not_yours"))
                if arrival.ask_address:
                    text, buttons = await self._on.ask_address(tx, person)
                    await reply(update, context, tx, text, buttons=buttons, n=1)
                return
            if request.words:  # asked in English in the group: English in private too
                person = await context.runtime.people.follow_writing(tx, person, request.words)
            await show_request(update, context, tx, person, request)
            return
        await reply(update, context, tx, arrival.welcome, district=arrival.district)
        if arrival.ask_address:
            text, buttons = await self._on.ask_address(tx, person)
            await reply(update, context, tx, text, buttons=buttons, n=1)

    async def address_given(
        self, update: Update, context: Context, tx: Tx, person: Person, data: dict[str, Any]
    ) -> bool:
        """Store the address the resident typed, or ask again politely.

        A message that is clearly something else is handled as such (:func:`typed_address`):
        a request or a fault report ("我们6号楼整栋都停电了") drops the question, a question
        is answered with the address still awaited. The button's label typed ("later", "稍后"),
        words putting it off ("跳过", "skip") or calling it off ("哎 还是不弄了，算了") are the
        button.
        """
        message = update.effective_message
        text = (message.text or "") if message is not None else ""
        if says_label(text, [T("onboarding.address_later")]) or _puts_off(context, text):
            await self._on.address_later(tx, person)
            await reply(update, context, tx, self._on.texts.address_later_ok())
            return True
        said = small_talk(text)
        if said is not None and context.understand_private(text).intent == "none":
            # "我很好", "你好", "谢谢": answered as what it is; the address is still awaited
            answer, buttons = self._on.texts.chatted(said)
            await reply(update, context, tx, answer, buttons=buttons)
            return True
        address = await typed_address(update, context, tx, person)
        if not isinstance(address, Address):
            return address
        await reply(update, context, tx, await self._on.save_address(tx, person, address))
        return True

    async def address_later(self, press: Press, context: Context, tx: Tx) -> None:
        """The resident would rather give the address when they first book; pressed once the
        question is over, the button only says so and the rest stays as it is."""
        if await self._on.address_later(tx, press.person):
            press.set_toast(self._on.texts.address_later_ok())
        else:
            press.set_toast(T("onboarding.address_question_over"))

    async def invite(self, update: Update, context: Context, tx: Tx) -> None:
        """Staff: create a one-time join link for a housekeeper, provider member, elder or
        family."""
        person = await staff_sender(update, context, tx)
        if person is None:
            return
        args = context.args or []
        role, ref = (args[0] if args else ""), " ".join(args[1:])  # staff: a name of words
        text, buttons = await self._on.invite(tx, person, role, ref)
        await reply(update, context, tx, text, buttons=buttons)

    async def help_command(self, update: Update, context: Context, tx: Tx) -> None:
        """Explain what the bot does for this person, by the roles they hold."""
        person = await sender(update, context, tx)
        chat = update.effective_chat
        private = chat is None or chat.type == "private"
        await reply(update, context, tx, await self._on.help(tx, person, private=private))

    async def language(self, update: Update, context: Context, tx: Tx) -> None:
        """Switch the person's language: `/language en`, or buttons."""
        person = await sender(update, context, tx)
        wanted = context.args[0] if context.args else ""
        text, buttons = await self._on.language(tx, person, wanted)
        await reply(update, context, tx, text, buttons=buttons)

    async def language_pressed(self, press: Press, context: Context, tx: Tx) -> None:
        """Apply the language chosen with a button and confirm in it."""
        lang = await self._on.language_chosen(tx, press.person, press.callback.arg(0))
        if lang is None:
            press.set_toast(self._on.texts.stale())
            return
        press.set_toast(None)
        await edit_pressed(press, context, tx, self._on.texts.language_set(), lang=lang)


def community_address(context: Context, text: str) -> Address | Text:
    """A typed address of a building of this community, or the polite question again."""
    return read_address(text, context.runtime.community.building_ids())


async def typed_address(
    update: Update, context: Context, tx: Tx, person: Person
) -> Address | bool:
    """The address a person typed when asked for one; otherwise whether the text was consumed.

    An unreadable address, one in a building the community does not have, or a building
    named without its room ("我家在三号楼二单元，门口有个鞋柜") is asked for again (True:
    consumed): a sentence never becomes an address. A message that is clearly a request or a
    fault report instead ("马桶堵了", "我们6号楼整栋都停电了": a building named, and more
    than where) drops the question (False: handle it as a request); a question ("物业电话
    多少") is answered as usual, the address still awaited (False).
    """
    message = update.effective_message
    text = (message.text or "") if message else ""
    understood = context.understand_private(text)
    if names_someone_else(text) and understood.intent != "none":
        # "我爸一个人住在二号楼一单元802 想给他请个阿姨": a request for his home, not my address
        await context.runtime.people.done_expecting(tx, person.id)
        return False
    read = community_address(context, address_answer(text))  # "my address is 2-1-803"
    if isinstance(read, Address):
        return read
    building = parse_address(address_answer(text)) is None and names_building(text)
    if building and context.understand_private(placeless(text)).intent == "none":
        read = T("onboarding.address_partial")
    elif _a_question(context, text, understood):
        return False
    elif understood.intent != "none":
        await context.runtime.people.done_expecting(tx, person.id)
        return False
    await reply(update, context, tx, read)
    return True


def _a_question(context: Context, text: str, understood: Understanding) -> bool:
    """Whether the words at an address question are a question to the desk instead: one the
    community's list answers, or one it does not (said so, noted for staff)."""
    listed = private_answer(context, text, understood) is not None
    return listed or unknown_question(text, understood)


def _puts_off(context: Context, text: str) -> bool:
    """Whether words at the address question after /start put it off ("跳过", "skip", "以后
    再说") or call it off ("算了", "never mind") without naming a service ("取消明天的保洁"
    is about a booking, and handled as such)."""
    if not (puts_off(text) or calls_off_words(text)):
        return False
    understood = context.understand_private(text)
    return understood.target is None and understood.intent in ("none", "cancel")


def feature(handlers: OnboardingHandlers) -> Feature:
    """The language buttons, "address later", and the awaited address."""
    return Feature(
        buttons={
            Action.LANGUAGE: handlers.language_pressed,
            Action.ADDRESS_LATER: handlers.address_later,
        },
        inputs={Pending.ADDRESS: handlers.address_given},
    )
