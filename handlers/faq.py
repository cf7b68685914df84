"""Community questions ("物业电话多少", "今天菜摊几点开") answered from the ``[[faq]]`` list.

A message the request reading takes for nothing (``intent`` ``none`` or ``faq``) is offered to
the FAQ matcher: in a group only a short, clear question to the desk that names an entry is
answered (with the [✖] button like any group reply); in private a looser match is answered,
and a question nobody listed is told so. A message read as a service is answered from the list
instead when the list names it outright ("明天停电吗？" word for word, or "物业费一平米多少钱":
a topic asked about with no word asking for work) — decided here, not in the request reading.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.requests import Pace
from bot.i18n import Text
from bot.storage import Tx
from handlers.base import reply
from handlers.context import Context
from handlers.corrections import dismiss_button
from intents import Understanding, normalize, written_in
from intents.faq import FaqMatch, asks_for_work, is_question

FAQ_INTENTS = ("none", "faq")  # what the request model may say of a community question
SERVICE_READINGS = ("service_request", "price_query")  # what a listed question may outweigh
# A building without water or a broken lift, reported: only a listed question asked word for
# word outweighs it ("今天停水吗？"); "楼里停水一上午了 有人知道咋回事吗" is the work order.
WORK_ORDER = "common_area_repair"
MIN_UNKNOWN = 5  # characters: "在吗" or "你好吗" is a greeting, not a question to note


def _open(understood: Understanding) -> bool:
    """Whether the message is left for the FAQ: no emergency, no request understood."""
    return understood.emergency is None and understood.intent in FAQ_INTENTS


def _wins(text: str, understood: Understanding, found: FaqMatch | None) -> FaqMatch | None:
    """The match, when the FAQ answer should be given: the message was left for the FAQ, or
    the list names it outright over a service reading."""
    if found is None or understood.emergency is not None:
        return None
    if understood.intent in FAQ_INTENTS:
        return found
    if understood.intent in SERVICE_READINGS and found.outweighs_service(text):
        return found if understood.target != WORK_ORDER or found.strong else None
    return None


def group_faq(
    context: Context, text: str, understood: Understanding, addressed: bool
) -> FaqMatch | None:
    """The entry a group message asks about, when it is clearly a question to the desk
    (pure: decided before any transaction, like the gate itself)."""
    if understood.emergency is not None:
        return None
    return _wins(text, understood, context.bot_data.faq.for_group(text, addressed=addressed))


async def answer_group(update: Update, context: Context, tx: Tx, found: FaqMatch) -> None:
    """Answer a group question briefly, quoting it, with the [✖] button (paced like
    requests, with room for a question right after another answer: one member cannot make
    the bot flood the group, but one who was just answered still gets the office's number)."""
    rt = context.runtime
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    assert chat is not None and message is not None and message.text and user is not None
    answer = context.bot_data.faq.answer_to(found.id, rt.clock.now())
    pace = await rt.requests.pace(tx, chat.id, user.id, question=True)
    if answer is None or pace is not Pace.ANSWER:
        return
    button = await dismiss_button(context, tx, update, "faq", found.id, None)
    await reply(update, context, tx, answer, buttons=[[button]], lang=written_in(message.text))


def private_answer(context: Context, text: str, understood: Understanding) -> Text | None:
    """The answer to a private question about the community, if an entry matches.

    Matched only as far as :func:`_wins` can use: nothing for a reading no match outweighs,
    only a strong match for a service reading of words that ask for work (every private
    request pays this; the fuzzy look inside the text is the costly part)."""
    if understood.emergency is not None:
        return None
    if understood.intent not in FAQ_INTENTS and understood.intent not in SERVICE_READINGS:
        return None
    strong_only = understood.intent in SERVICE_READINGS and asks_for_work(text)
    faq = context.bot_data.faq
    found = _wins(text, understood, faq.for_private(text, strong_only=strong_only))
    return None if found is None else faq.answer_to(found.id, context.runtime.clock.now())


def unknown_question(text: str, understood: Understanding) -> bool:
    """A private question the bot cannot answer (not a greeting): said so, noted for staff."""
    flat = normalize(text).replace(" ", "").replace("?", "")
    return _open(understood) and is_question(text) and len(flat) >= MIN_UNKNOWN
