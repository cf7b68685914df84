"""Plain-language messages: the group gate, private questions, browsing the catalogue.

In a group the bot answers only confident requests, briefly, quoting the resident, and moves
anything personal to a private chat through a deep link. In private everything gets an answer;
when nothing matches, the categories are offered as buttons. What a recognised request leads to
is up to the feature that owns its intent (booking, borrowing, cancelling); the defaults here
show prices and what the cabinet holds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import MessageEntity, Update
from telegram.ext import filters

from bot.domain.bookings.model import Kind, kind_of
from bot.domain.bookings.onsite.texts import call_office
from bot.domain.bookings.providers import staffed_offers, team_reach
from bot.domain.bookings.slots import visit_part
from bot.domain.checkins.signs import about_welfare
from bot.domain.incidents.contract import Input as EmergencyInput
from bot.domain.incidents.progress import asks_progress
from bot.domain.misses import record_miss
from bot.domain.people import Person, parse_address
from bot.domain.requests import GroupRequest, Pace
from bot.domain.requests.contract import Action
from bot.i18n import T, Text, both
from bot.i18n.fmt import day, money, when_both
from bot.outbox import Button
from bot.privacy import mobile_said
from bot.runtime import Runtime
from bot.storage import Tx
from handlers.base import answer_revoked, display_name, once, reply, sender, transactional
from handlers.context import Context, Feature, IntentHandler, Press
from handlers.corrections import dismiss_button
from handlers.faq import answer_group, group_faq, private_answer, unknown_question
from handlers.incidents import report_emergency
from intents import Context as Situation
from intents import (
    Intent,
    TimeSpan,
    Understanding,
    address_change,
    asks_worker_contact,
    door_fix,
    written_in,
)
from intents.faq import FaqMatch
from intents.replies import door_code_said

CATEGORY_ORDER = ("repair", "cleaning", "care", "errands", "tools")


def _situation(update: Update, bot_username: str) -> Situation:
    """What the update itself says about a group message: whether it mentions the bot or
    replies to one of its messages (addressed), or replies to someone else's message."""
    message = update.effective_message
    if message is None:
        return Situation()
    replied = message.reply_to_message
    replies_to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.is_bot
    )
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    mentioned = any(m.lstrip("@").lower() == bot_username.lower() for m in mentions)
    return Situation(
        addressed=replies_to_bot or mentioned,
        replies_to_resident=replied is not None and not replies_to_bot,
    )


async def staffed_ids(rt: Runtime, tx: Tx, service_id: str) -> set[str]:
    """The providers of a service someone has joined (a quote shows no one else)."""
    pairs = rt.catalogue.offers(service_id, rt.local_now().date())
    return {p.id for p, _ in await staffed_offers(tx, rt.people, rt.community, pairs)}


async def anyone_for_common_areas(rt: Runtime, tx: Tx) -> bool:
    """Whether a common-area report can reach someone now: a housekeeper (any building) or a
    staff member who opened a private chat with the bot."""
    if await team_reach(tx, rt.people, rt.community, None):
        return True
    return bool(await rt.people.staff(tx))


def price_text(rt: Runtime, service_id: str, among: set[str] | None = None) -> Text | None:
    """'¥180-200/台（市场价 ¥240）' (of the providers `among`, when given), or None when nobody
    offers the service."""
    prices = rt.catalogue.price_range(service_id, rt.local_now().date(), among)
    if prices is None:
        return None
    span = (
        money(prices.low)
        if prices.low == prices.high
        else f"{money(prices.low)}-{money(prices.high)}"
    )
    if prices.market is None:
        return T("requests.price", span=span, unit=prices.unit)
    return T("requests.price_market", span=span, unit=prices.unit, market=money(prices.market))


def _when_line(rt: Runtime, when: TimeSpan) -> Text | None:
    """The time as the booking in private will offer it: "下午" is the afternoon visit part
    (14:00-17:00), as on the private buttons, not the part's 13:00-18:00 (tester: the group
    said one, private the other); days without an hour are the day, never "00:00". A time
    already over is not quoted (None): private never offers it either (tester 2 #13)."""
    if when.asap:
        return T("requests.when", when=T("bookings.asap"))
    tz = rt.community.tz
    if not when.has_time:
        first = when.start.astimezone(tz)
        return T("requests.when", when=both(day(first, "zh"), day(first, "en")))
    start, end = when.start.astimezone(tz), when.end
    if end is not None:
        now = rt.clock.now()
        start, end = visit_part(start, end.astimezone(tz), now)
        start = max(start, now)
    if (end or start) <= rt.clock.now():
        return None
    return T("requests.when", when=when_both(start, end, tz))


def _group_answer(
    rt: Runtime, understood: Understanding, staffed: set[str], reachable: bool = True
) -> Text:
    """The group's brief answer; its price only from the providers someone joined (`staffed`),
    else honestly that nobody can take it yet; a common-area report when nobody from the
    property or staff can be reached (`reachable` False): that, and the office's number."""
    target = understood.target
    assert target is not None
    name = rt.catalogue.name(target)
    lines: list[Text] = []
    if understood.intent == "borrow_tool":
        lines.append(T("requests.group_borrow", tool=name))
    elif understood.intent == "cancel":
        lines.append(T("requests.group_cancel", what=name))
    elif kind_of(target) is Kind.WORK_ORDER:  # common areas: free, no price line
        lines.append(T("requests.group_service", service=name))
        phone = call_office(rt.community.emergency.office_phone)
        alone = T("onsite.group_work_order_alone", call=phone)
        lines.append(T("onsite.group_work_order") if reachable else alone)
    else:
        lines.append(T("requests.group_service", service=name))
        price = price_text(rt, target, staffed)
        lines.append(price if price is not None else T("requests.no_provider_short"))
        when = _when_line(rt, understood.when) if understood.when is not None else None
        if when is not None:
            lines.append(when)
    lines.append(T("requests.continue_hint"))
    return T("common.lines", lines=lines)


async def group_message(update: Update, context: Context) -> None:
    """Gate a group message: silence for chatter, a brief reply and deep link for requests.

    Understood first, without the database, in the situation the update shows (addressed to
    the bot, or a reply to a neighbour): chatter in a group the bot serves (or was told how to
    bind) is neither answered nor recorded, so it costs no transaction and leaves no trace (a
    replay changes nothing either). Anything else is one transaction, where what only the
    database knows (just answered, anything booked) is added when it could change the answer.
    """
    rt = context.runtime
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or not message.text:
        return
    situation = _situation(update, rt.bot_username)
    understood = rt.understander.understand(
        message.text, chat="group", now=rt.clock.now(), context=situation
    )
    faq = group_faq(context, message.text, understood, situation.addressed)
    maybe = rt.understander.answered_if_continuing(understood, "group", situation)
    secrets = secret_warnings(message.text)  # a door code or a phone: never silence
    welfare = about_welfare(message.text, understood.intent)  # maybe an elder's distress
    if not (faq or maybe or secrets or welfare) and _quiet(context, chat.id, understood):
        return
    await once(
        update,
        context,
        lambda tx: _gated(update, context, tx, understood, situation, faq, secrets),
    )


async def _gated(
    update: Update,
    context: Context,
    tx: Tx,
    understood: Understanding,
    situation: Situation,
    faq: FaqMatch | None,
    secrets: list[Text],
) -> None:
    """The group message gated; then, when it shows a door code or a phone number (`secrets`:
    the advice to delete it, :func:`secret_warnings`) and nothing was answered ("门禁密码1357#
    师傅来了直接上"), that advice alone, never repeating the secret (tester 3: a code with a
    request was warned about, the same code alone was met with silence). An answer carries
    the advice itself (:func:`code_warned`)."""
    await _gate(update, context, tx, understood, situation, faq)
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None and message.text
    if not secrets or tx.queued or not await context.runtime.groups.is_bound(tx, chat.id):
        return
    await reply(
        update, context, tx, T("common.lines", lines=secrets), lang=written_in(message.text)
    )


def _quiet(context: Context, chat_id: int, understood: Understanding) -> bool:
    """Whether a group message needs nothing written, known from memory alone: no emergency,
    nothing to answer or count as a miss, no writer's emergency that could be open in this
    chat, and a group known to be served or already told how to bind it."""
    if understood.emergency is not None or understood.respond or understood.unmatched_request:
        return False
    if context.bot_data.emergencies.may_follow_up(chat_id):
        return False
    known = context.runtime.groups.known(chat_id)
    return known is not None and (known[0] or known[1])


async def _gate(
    update: Update,
    context: Context,
    tx: Tx,
    understood: Understanding,
    situation: Situation,
    faq: FaqMatch | None = None,
) -> None:
    """A group message that may need an answer or a record, in its update's transaction."""
    rt = context.runtime
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    if understood.emergency is not None:
        # Someone may be in danger: advice at once, even in a group nobody bound yet.
        person = await sender(update, context, tx)
        await report_emergency(update, context, tx, person, understood.emergency)
        return
    if await _asks_progress(update, context, tx):
        return
    if (
        await context.bot_data.emergencies.follow_up(
            tx,
            chat.id,
            user.id,
            display_name(user),
            message.message_id,
            message.text,
            request=understood.target is not None,  # a request is read as one, never folded in
            question=faq is not None,
        )
        and faq is None
    ):
        # The writer of an open emergency, about it: their words go to the responders (a
        # question to the desk that is also about it is passed on and answered below).
        return
    if about_welfare(message.text, understood.intent) and await _welfare_look(
        update, context, tx, understood
    ):
        return  # an enrolled elder's distress, gone to the people who look after her
    if not await rt.groups.is_bound(tx, chat.id):
        if await rt.groups.first_unbound_contact(tx, chat.id, chat.title or ""):
            await reply(update, context, tx, T("groups.unbound"), quote=False)
        return
    understood, situation = await rt.requests.in_context(
        tx, rt.understander, message.text, chat.id, user.id, understood, situation
    )
    if understood.unmatched_request:
        await record_miss(tx, rt.clock, message.text)
    if faq is not None:  # a clear question to the desk about the community
        await answer_group(update, context, tx, faq)
    elif understood.respond:
        # Someone continuing a conversation counts as speaking to the bot.
        addressed = situation.addressed or situation.just_answered
        await _answer_group(update, context, tx, understood, addressed)


async def _asks_progress(update: Update, context: Context, tx: Tx) -> bool:
    """ "有人去看了吗？？" in a group while an emergency raised there is open: passed on to
    its responders and answered from its state (tester 1, session 15: it was silence)."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None and message.text
    if not asks_progress(message.text) or not context.bot_data.emergencies.may_follow_up(chat.id):
        return False  # not such a question, or no emergency raised here lately (from memory)
    person = await sender(update, context, tx)
    news = context.bot_data.emergencies.news
    answer = await news.asked(tx, chat.id, person, message.message_id, message.text)
    if answer is None:
        return False
    await reply(update, context, tx, answer, lang=written_in(message.text))
    return True


async def _welfare_look(
    update: Update, context: Context, tx: Tx, understood: Understanding
) -> bool:
    """Group words that may be someone's distress or "not well", shown to the features that
    look after people (an enrolled elder's check-ins); a writer the bot has never met is
    nobody's elder (and is not created here). Whether that was all the message was."""
    user = update.effective_user
    assert user is not None
    person = await context.runtime.people.get(tx, user.id)
    if person is None:
        return False
    return await context.router.group_look(update, context, tx, person, understood)


async def _answer_group(
    update: Update, context: Context, tx: Tx, understood: Understanding, addressed: bool
) -> None:
    """A brief answer to a group request with a link to continue in private (paced)."""
    rt = context.runtime
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    pace = await rt.requests.pace(tx, chat.id, user.id)
    # A common-area fault ("2栋电梯坏了") is never paced away: it is recorded and answered
    # like a first message, however many the writer sent (tester t1: the third was silence).
    if pace is not Pace.ANSWER and kind_of(understood.target or "") is not Kind.WORK_ORDER:
        # One member flooding the group: one "got it" for the rest of the burst, then quiet.
        # A cancel is answered in private when it can be; the rest get the burst's one "got it".
        if understood.intent == "cancel" and await _cancel_in_private(
            update, context, tx, understood
        ):
            return
        if pace is Pace.ACKNOWLEDGE and await _nothing_to_cancel(update, context, tx, understood):
            return  # "取消明天的保洁" with none booked: told so, as when not paced
        if pace is Pace.ACKNOWLEDGE:
            await _acknowledge(update, context, tx, understood)
        return
    lang = written_in(message.text)  # an English request gets an English reply
    about_booking = understood.intent in ABOUT_BOOKING
    if understood.target is None and not about_booking:
        # "不用修了" with nothing named is only worth an answer when said to the bot itself.
        if addressed:
            button = _private_button(rt, "")
            dismiss = await _dismiss(update, context, tx, understood, None)
            text = T("requests.group_unsure")
            await reply(update, context, tx, text, buttons=[[button, dismiss]], lang=lang)
        return
    known = context.router.intents.get(KNOWN_FAULT)
    if known is not None and kind_of(understood.target or "") is Kind.WORK_ORDER:
        # A fault already being handled ("2号楼停水了" while #2 is open): pointed to, not again.
        writer = await sender(update, context, tx)
        if await _hand_over(update, context, tx, known, writer, understood):
            return
    if await _nothing_to_cancel(update, context, tx, understood):
        return
    request = await rt.requests.record(tx, user.id, chat.id, understood, message.text)
    dismiss = await _dismiss(update, context, tx, understood, request.token)
    about = "requests.group_contact" if asks_worker_contact(message.text) else ""
    staffed = set() if about_booking else await staffed_ids(rt, tx, understood.target or "")
    reachable = kind_of(understood.target or "") is not Kind.WORK_ORDER or bool(staffed)
    reachable = reachable or await anyone_for_common_areas(rt, tx)
    answer = (
        T(about or ABOUT_BOOKING[understood.intent])
        if about_booking
        else _group_answer(rt, understood, staffed, reachable)
    )
    buttons = [[_private_button(rt, request.token), dismiss]]
    await reply(update, context, tx, code_warned(message.text, answer), buttons=buttons, lang=lang)
    if understood.intent == "status" and not about:
        # The answer itself goes to the writer's private chat, when they have one with us.
        person = await rt.people.reachable(tx, user.id)
        push = context.router.intents.get(STATUS_IN_PRIVATE)
        if person is not None and push is not None:
            await push(update, context, tx, person, request)


async def _nothing_to_cancel(
    update: Update, context: Context, tx: Tx, understood: Understanding
) -> bool:
    """A cancel naming a service the writer has not booked ("取消明天的保洁"): told so in the
    group, not invited to cancel it in private; whether that was the answer."""
    nothing = context.router.intents.get(NOTHING_TO_CANCEL)
    if nothing is None or understood.intent != "cancel":
        return False
    writer = await sender(update, context, tx)
    return await _hand_over(update, context, tx, nothing, writer, understood)


async def _cancel_in_private(
    update: Update, context: Context, tx: Tx, understood: Understanding
) -> bool:
    """'取消…' in a group right after another answer to the writer there (paced): the bookings
    it may mean, with their cancel buttons, or that there is none, go to the writer's private
    chat and the group hears nothing more (it got "这条已记下", as if a request). False when
    the writer has no private chat with the bot (the group's link then says where to go)."""
    user = update.effective_user
    assert user is not None
    person = await context.runtime.people.reachable(tx, user.id)
    route = context.router.intents.get(CANCEL_IN_PRIVATE)
    if person is None or route is None:
        return False
    return await _hand_over(update, context, tx, route, person, understood)


async def _hand_over(
    update: Update,
    context: Context,
    tx: Tx,
    route: IntentHandler,
    person: Person,
    understood: Understanding,
) -> bool:
    """Hand a group message to another feature's route (the bookings feature's, for a known
    fault or a cancel), as an unsaved request carrying the writer's words; whether it answered."""
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    bare = GroupRequest.understood("", user.id, chat.id, understood)
    await route(update, context, tx, person, replace(bare, words=message.text))
    return context.answered


async def _acknowledge(
    update: Update, context: Context, tx: Tx, understood: Understanding
) -> None:
    """The one "got it" of a burst. A request that names what it wants, and a question about
    one's own booking ("could we push the AC cleaning to Sunday morning instead?"), keep their
    own deep link: the writer continues that one in private, not an empty chat. A price asked
    ("保洁一般多少钱一小时，我就问问，不约") is answered with the price, never "noted"."""
    rt = context.runtime
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    token, text = "", T("requests.group_paced")
    about_booking = understood.intent in ABOUT_BOOKING
    if understood.target is not None or about_booking:
        request = await rt.requests.record(tx, user.id, chat.id, understood, message.text)
        token = request.token
    if understood.target is not None and not about_booking:
        name = rt.catalogue.name(understood.target)
        text = T("requests.group_paced_about", service=name)
        if understood.intent == "cancel":  # never "已记下" for a cancel
            text = T("requests.group_cancel", what=name)
        elif understood.intent == "price_query" and kind_of(understood.target) is Kind.SERVICE:
            price = price_text(rt, understood.target, await staffed_ids(rt, tx, understood.target))
            price = price if price is not None else T("requests.no_provider_short")
            text = T("requests.group_paced_price", service=name, price=price)
    button = _private_button(rt, token)
    dismiss = await _dismiss(update, context, tx, understood, token or None)
    text = code_warned(message.text, text)
    await reply(
        update, context, tx, text, buttons=[[button, dismiss]], lang=written_in(message.text)
    )


def code_warned(words: str, answer: Text) -> Text:
    """The group answer, with advice to delete the message when it shows a door code ("门禁密码
    1234#") or a mobile number: everyone in the group can read it (neither is repeated)."""
    warnings = secret_warnings(words)
    return T("common.lines", lines=[answer, *warnings]) if warnings else answer


def secret_warnings(words: str) -> list[Text]:
    """The advice to delete a group message that shows a door code or a mobile number."""
    warnings = [T("requests.code_in_group")] if door_code_said(words) is not None else []
    if mobile_said(words):
        warnings.append(T("requests.phone_in_group"))
    return warnings


async def _dismiss(
    update: Update, context: Context, tx: Tx, understood: Understanding, token: str | None
) -> Button:
    """The [✖ 不是找服务] button of a group reply to this message."""
    return await dismiss_button(context, tx, update, understood.intent, understood.target, token)


# Questions about one's own booking, answered in private (the group only hears where to go).
ABOUT_BOOKING = {"status": "requests.group_status", "reschedule": "requests.group_reschedule"}
ADDRESS_WORDS = "address_change"  # the bookings feature's route for a new address in words
STATUS_IN_PRIVATE = "status_in_private"  # its route for "师傅几点到" asked in a group
KNOWN_FAULT = "known_fault"  # its route for a common-area fault reported again in a group
NOTHING_TO_CANCEL = "nothing_to_cancel"  # its route for "取消明天的保洁" with no such booking
CANCEL_IN_PRIVATE = "cancel_in_private"  # its route for a paced "取消…": answered in private


def gives_address(text: str) -> bool:
    """'我的地址改成3栋2单元501', 'my address is now 3-2-501', a door number alone, or a part
    of it corrected alone ('是502不是501', 'room 1202 not 1201')."""
    return (
        address_change(text) is not None
        or parse_address(text) is not None
        or door_fix(text) is not None
    )


def _private_button(rt: Runtime, payload: str) -> Button:
    return Button(T("requests.continue_private"), url=rt.deep_link(payload))


async def private_message(update: Update, context: Context) -> None:
    """Answer anything written in private: an awaited answer, a request, or the categories.
    The text is understood once, before the transaction, and shown to the features that read
    every private message first (an elder's words are a sign of life)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    understood = context.understand_private(message.text)
    await once(update, context, lambda tx: _private(update, context, tx, understood))


async def _private(update: Update, context: Context, tx: Tx, understood: Understanding) -> None:
    rt = context.runtime
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and message.text and chat is not None
    person = await sender(update, context, tx)
    if await context.router.first_look(update, context, tx, person, understood):
        return  # only an answer to a check-in ("我很好"), or a trip to pause for
    if understood.emergency is not None:
        # Before any question the bot was waiting on: someone may be in danger. An elder's
        # words were already raised as her help call (her first look, just above).
        if not context.alarm_raised:
            await report_emergency(update, context, tx, person, understood.emergency)
        return
    handled, pending = await _where_it_is(update, context, tx, person)
    if handled:
        return
    if await answer_revoked(update, context, tx, person):
        return  # nothing else of theirs reaches anyone (a relay to a resident included)
    if pending is not None and pending[0] in context.router.inputs:
        kind, data = pending
        if await context.router.inputs[kind](update, context, tx, person, data):
            return
    if understood.intent == "none" and gives_address(message.text):
        # "我的地址改成3栋2单元501", or a door number alone: the saved address changes.
        words = context.router.intents.get(ADDRESS_WORDS)
        if words is not None:
            nothing = Understanding("none", None, 0.0, None, None, True, False)
            await words(update, context, tx, person, GroupRequest.understood("", 0, 0, nothing))
            return
    answer = private_answer(context, message.text, understood)
    if answer is not None:  # a question about the community, from the [[faq]] list
        await reply(update, context, tx, answer)
        return
    if understood.unmatched_request or unknown_question(message.text, understood):
        await record_miss(tx, rt.clock, message.text)
    if unknown_question(message.text, understood):
        await show_categories(update, context, tx, T("faq.unknown"))
        return
    if understood.intent == "none" or (
        understood.target is None and understood.intent not in ("cancel", *ABOUT_BOOKING)
    ):
        await show_categories(update, context, tx, T("requests.private_unsure"))
        return
    request = await rt.requests.record(tx, person.telegram_id, chat.id, understood)
    await show_request(update, context, tx, person, request)


async def _where_it_is(
    update: Update, context: Context, tx: Tx, person: Person
) -> tuple[bool, tuple[str, dict[str, Any]] | None]:
    """The answer to "where is it?" after an emergency goes to its responders, from a person
    staff revoked too (revoking takes a role away, never a resident's safety): whether it
    did, and what the bot still awaits from the person (None once that question is over)."""
    pending = await context.runtime.people.expecting(tx, person.id)
    if pending is None or pending[0] != EmergencyInput.PLACE:
        return False, pending
    handled = await context.router.inputs[pending[0]](update, context, tx, person, pending[1])
    return handled, None


@transactional
async def private_media(update: Update, context: Context, tx: Tx) -> None:
    """Answer a photo, voice note or sticker in private: an elder's sign of life first (it may
    be all it was); an awaited one (the private line to a worker, a request's photos) goes to
    its feature; otherwise ask for words, offer the categories."""
    person = await sender(update, context, tx)
    if await answer_revoked(update, context, tx, person):
        return
    if await context.router.first_look(update, context, tx, person, None):
        return
    pending = await context.runtime.people.expecting(tx, person.id)
    if pending is not None and pending[0] in context.router.media:
        kind, data = pending
        if await context.router.media[kind](update, context, tx, person, data):
            return
    await show_categories(update, context, tx, T("requests.media_unsupported"))


async def show_request(
    update: Update, context: Context, tx: Tx, person: Person, request: GroupRequest
) -> None:
    """Continue a recognised request in private, through the feature that owns its intent."""
    handler = context.router.intents.get(request.intent)
    if handler is not None:
        await handler(update, context, tx, person, request)
    elif request.target is not None and request.intent in ("service_request", "price_query"):
        await reply(update, context, tx, await service_card(context.runtime, tx, request.target))
    else:
        await show_categories(update, context, tx, T("requests.private_unsure"))


async def service_card(rt: Runtime, tx: Tx, service_id: str) -> Text:
    """What a service costs with each provider someone joined, and the market reference."""
    name = rt.catalogue.name(service_id)
    every = rt.catalogue.offers(service_id, rt.local_now().date())
    pairs = await staffed_offers(tx, rt.people, rt.community, every)
    if not pairs:
        return T("requests.no_provider", service=name)
    lines = [
        T(
            "requests.offer_line",
            provider=both(p.name_zh, p.name_en),
            price=money(o.price),
            unit=both(o.unit_zh, o.unit_en),
        )
        for p, o in pairs
    ]
    market = next((o.market_price for _, o in pairs if o.market_price is not None), None)
    if market is not None:
        lines.append(T("requests.market_line", market=money(market)))
    return T("requests.card", service=name, lines=lines)


async def show_categories(update: Update, context: Context, tx: Tx, intro: Text) -> None:
    """Offer the catalogue's categories as buttons."""
    rt = context.runtime
    categories = rt.catalogue.vocabulary.categories()
    buttons = [
        [Button(T(f"category.{name}"), rt.signer.make(Action.CATEGORY, name))]
        for name in CATEGORY_ORDER
        if name in categories
    ]
    await reply(update, context, tx, intro, buttons=buttons)


async def category_pressed(press: Press, context: Context, tx: Tx) -> None:
    """List the services (or tools) of a category as buttons."""
    rt = context.runtime
    entries = rt.catalogue.vocabulary.categories().get(press.callback.arg(0))
    if not entries:
        press.set_toast(T("common.stale_button"))
        return
    buttons = [
        [
            Button(
                both(e.name_zh, e.name_en)[press.person.language],
                rt.signer.make(Action.ITEM, e.id),
            )
        ]
        for e in entries
    ]
    press.set_toast(None)
    await context.runtime.outbox.send(
        tx,
        press.person.telegram_id,
        T("requests.choose_item"),
        key=f"u{press.update.update_id}:0",
        buttons=buttons,
    )


async def item_pressed(press: Press, context: Context, tx: Tx) -> None:
    """Treat a chosen catalogue item like a request for it."""
    rt = context.runtime
    item_id = press.callback.arg(0)
    kind = {
        e.id: e.kind for e in rt.catalogue.vocabulary.services() + rt.catalogue.vocabulary.tools()
    }.get(item_id)
    if kind is None:
        press.set_toast(T("common.stale_button"))
        return
    press.set_toast(None)
    intent: Intent = "borrow_tool" if kind == "tool" else "service_request"
    understood = Understanding(intent, item_id, 100.0, None, None, True, False)
    request = await rt.requests.record(
        tx, press.person.telegram_id, press.person.telegram_id, understood
    )
    await show_request(press.update, context, tx, press.person, request)


# What a private media message can be (text has its own handler, before this one).
MEDIA = (
    filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
)


def feature() -> Feature:
    """Browsing the catalogue: a category's items, then an item as a request."""
    return Feature(buttons={Action.CATEGORY: category_pressed, Action.ITEM: item_pressed})
