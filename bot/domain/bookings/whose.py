"""Whose address a booking goes to: the door number a request names, and whether it is for
someone else (then the writer's saved address is never silently used). Pure, table-tested in
tests/bookings/test_model.py."""

from __future__ import annotations

import re

from bot.domain.people import Address, parse_address
from intents.addresses import address_answer

_FOR_OTHER = re.compile(
    r"(?:帮|替|给|为)(?:我|咱)?(?:妈|爸|母亲|父亲|爸妈|父母|家里老人|老人|婆婆|公公|岳母|岳父|丈母娘"
    r"|奶奶|爷爷|外婆|外公|姥姥|姥爷|朋友|邻居|亲戚|女儿|儿子|姐|哥|妹|弟|阿姨|舅|叔)"
    r"|(?:我妈|我爸|我父母|老人|她|他|她们|他们)(?:住|家在|家住)"
    r"|\bfor my (?:mum|mom|mother|dad|father|parents|grandma|grandpa|grandmother|grandfather"
    r"|friend|neighbou?r|daughter|son|sister|brother|aunt|uncle)\b"
    # a landlord's rental flat (session-15 verify F8); "我是租客" is a tenant's own home
    r"|租出去的|出租(?:的)?(?:房|屋)|的租客|租客(?:退租|搬走)|\bmy tenants?\b|\brental\b",
    re.IGNORECASE,
)


def for_someone_else(words: str) -> bool:
    """Whether a request books for someone else ("帮我妈约个保洁", "她住3栋…", "for my mum",
    "帮我租出去的房子约个保洁"):
    then the writer's saved address is not the booking's."""
    return _FOR_OTHER.search(words) is not None


def booking_address(words: str) -> tuple[Address | None, bool]:
    """What a request's words say about the booking's address: the door number they name
    ("她住3栋2单元401": for this booking only, never saved as the writer's), and whether it is
    for someone else (then, with no door number, the address is asked, never the saved one
    silently used)."""
    said = parse_address(address_answer(words)) if words else None
    return said, for_someone_else(words)


def address_fields(words: str) -> dict[str, object]:
    """The booking columns a request's words set: the door number they name and ``for_other``
    (a named door number is this booking's own; for someone else, the saved one is not used)."""
    address, other = booking_address(words)
    if address is not None:
        where = {"building": address.building, "unit": address.unit, "room": address.room}
        return {"for_other": 1, **where}
    return {"for_other": 1} if other else {}
