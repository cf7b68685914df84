"""Words at a draft's step that are not its answer but must not lose the draft (tester 3).

- A change of mind between two services ("算了 窗户先不擦了 只要打扫卫生就行", "actually forget
  the windows, just the cleaning please"): the service said with a "no" is dropped and the
  other kept (:func:`bot.domain.bookings.mind.keep_only`), never the reverse ("算了" alone
  used to call off the draft being filled in, whichever it was).
- A door code typed at any step ("门禁密码是 0815#，到了直接按就行" while choosing a
  provider): sealed for the booking as at the door-code step, the rest to the note, and the
  step asked again (it used to fall to the service menu, the draft lost).
- A description typed when the address is asked ("the drum makes a loud banging noise when
  spinning"): the note, and the address asked again.
"""

from __future__ import annotations

import re

from telegram import Update

from bot.domain.bookings import Booking, BookingService
from bot.domain.bookings.mind import keep_only
from bot.domain.bookings.stepwords import calls_off_words, puts_off
from bot.domain.people import Person, parse_address
from bot.storage import Tx
from handlers.base import reply
from handlers.context import Context
from handlers.faq import private_answer
from intents import address_answer
from intents.addresses import names_building
from intents.replies import door_code_named

# "不擦了", "不要了", "别洗", "forget the windows", "no cleaning": the service in these words
# is not wanted.
_NO = re.compile(
    r"不\S{0,2}了|不(?:要|用|需要)|别|取消|\b(?:forget|skip|drop|no|not|don'?t|without"
    r"|cancel\w*|scratch)\b",
    re.IGNORECASE,
)
# A description says something: this many words (a Chinese character counts as one) or
# more; fewer ("就在那边", "come quickly please") is an unclear address, asked again as such.
DESCRIBED = 6
_UNIT = re.compile(r"[\u4e00-\u9fff]|[A-Za-z']+")


def _units(text: str) -> int:
    return len(_UNIT.findall(text))


_CLAUSE = re.compile(r"[,，。.;；!！?？、]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def change_of_mind(context: Context, text: str) -> tuple[str, frozenset[str]] | None:
    """The one service kept and those dropped, when the words drop some services and keep
    exactly one other ("窗户先不擦了 只要打扫卫生就行"); None otherwise."""
    rt = context.runtime
    parts = [p for p in (p.strip() for p in _CLAUSE.split(text)) if p]
    if len(parts) < 2:  # each clause names one service: one keeps, another drops
        return None
    kept: set[str] = set()
    dropped: set[str] = set()
    for part in parts:
        got = rt.understander.understand(part, chat="private")
        target = got.target
        if got.intent not in ("service_request", "cancel") or target is None:
            continue
        if not rt.catalogue.is_service(target):
            continue
        negated = got.intent == "cancel" or _NO.search(part) or calls_off_words(part)
        (dropped if negated else kept).add(target)
    kept -= dropped
    if len(kept) != 1 or not dropped:
        return None
    return next(iter(kept)), frozenset(dropped)


async def changed_mind(
    s: BookingService, context: Context, tx: Tx, person: Person, booking: Booking, text: str
) -> bool:
    """Words keeping one service and dropping another, the draft's service among them: the
    kept one goes on, the dropped one is called off. False for any other words."""
    mind = change_of_mind(context, text)
    if mind is None or booking.service not in (mind[0], *mind[1]):
        return False
    await keep_only(s.flow, s.cancelling, tx, booking, person, mind[0], mind[1])
    return True


async def code_aside(
    s: BookingService, update: Update, context: Context, tx: Tx, person: Person, booking: Booking
) -> bool:
    """A door code typed at a step that asks something else: sealed for this booking (as at
    the door-code step, never kept in plain), other words to the note, the step asked again."""
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    code = door_code_named(text)
    if code is None:
        return False
    said, buttons = await s.aside.to_note(tx, booking, person, text, code)
    await reply(update, context, tx, said, buttons=buttons)
    return True


async def described_at_address(
    s: BookingService, update: Update, context: Context, tx: Tx, person: Person, booking: Booking
) -> bool:
    """Words at the address step that are no address, no building, no request or question
    the desk answers ("the drum makes a loud banging noise when spinning"): the note, and the
    address asked again; the draft is never dropped for them."""
    message = update.effective_message
    text = (message.text or "").strip() if message is not None else ""
    if not text or puts_off(text) or parse_address(address_answer(text)) is not None:
        return False
    if names_building(text) or _units(text) < DESCRIBED:
        return False  # "Building 7 unit 1", "就在那边", "come quickly please": the address asked
    understood = context.understand_private(text)
    own = understood.intent == "service_request" and understood.target == booking.service
    if not (understood.intent == "none" or own):
        return False
    if private_answer(context, text, understood) is not None:
        return False  # a question the community's list answers: answered as usual
    said, buttons = await s.aside.to_note(tx, booking, person, text)
    await reply(update, context, tx, said, buttons=buttons)
    return True
