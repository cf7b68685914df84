"""Whose address a booking goes to: the door number its request names, or (for someone else
without one) an address asked for that booking only, never the writer's saved one (#13 retest
F7). The rule is pure (:func:`booking_address`); the two steps that use it take the booking's
dependencies.
"""

from __future__ import annotations

import re

from bot.domain.bookings.contract import Awaiting, Pending
from bot.domain.bookings.deps import BookingDeps
from bot.domain.bookings.model import Booking, Step
from bot.domain.people import Address, Person, parse_address
from bot.i18n import T
from bot.storage import Tx
from intents.addresses import address_answer

_FOR_OTHER = re.compile(
    r"(?:帮|替|给|为)(?:我|咱)?(?:妈|爸|母亲|父亲|爸妈|父母|家里老人|老人|婆婆|公公|岳母|岳父|丈母娘"
    r"|奶奶|爷爷|外婆|外公|姥姥|姥爷|朋友|邻居|亲戚|女儿|儿子|姐|哥|妹|弟|阿姨|舅|叔)"
    r"|(?:我妈|我爸|我父母|老人|她|他|她们|他们)(?:住|家在|家住)"
    r"|\bfor my (?:mum|mom|mother|dad|father|parents|grandma|grandpa|grandmother|grandfather"
    r"|friend|neighbou?r|daughter|son|sister|brother|aunt|uncle)\b",
    re.IGNORECASE,
)


def for_someone_else(words: str) -> bool:
    """Whether a request books for someone else ("帮我妈约个保洁", "她住3栋…", "for my mum"):
    then the writer's saved address is not the booking's."""
    return _FOR_OTHER.search(words) is not None


def booking_address(words: str) -> tuple[Address | None, bool]:
    """What a request's words say about the booking's address: the door number they name
    ("她住3栋2单元401": for this booking only, never saved as the writer's), and whether it is
    for someone else (then, with no door number, the address is asked, never the saved one
    silently used)."""
    said = parse_address(address_answer(words)) if words else None
    return said, for_someone_else(words)


async def stamp(d: BookingDeps, tx: Tx, booking_id: int, words: str) -> None:
    """Keep on a new draft what its request said about the address: a door number it names
    (this booking's, never saved as the writer's), or that it is for someone else."""
    address, other = booking_address(words)
    if address is not None:
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        await d.repo.update(tx, booking_id, for_other=1, **where)
    elif other:
        await d.repo.update(tx, booking_id, for_other=1)


async def ask_other(d: BookingDeps, tx: Tx, booking: Booking, resident: Person) -> None:
    """For someone else and no address said: ask it for this booking only (the answer is
    not saved as the writer's address)."""
    await d.repo.update(tx, booking.id, step=Step.ADDRESS)
    await d.people.expect(tx, resident.id, Pending.ADDRESS_ONCE, **Awaiting(booking.id).data())
    text = T("bookflow.ask_address_other")
    await d.send(tx, resident.telegram_id, text, key=f"bk{booking.id}:step:other")
