"""The console's pure core: tokens, the Mini App signature, who may see what, what is urgent.

No SQL, no I/O, no Telegram. Tokens are random and only their SHA-256 is stored, so a copy of
the database opens no session. The Mini App check is the one Telegram documents: the secret is
HMAC-SHA256(key="WebAppData", msg=bot_token), the hash is HMAC-SHA256(secret, data-check-string)
where the data-check-string is every field but ``hash``, sorted, as ``key=value`` lines.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import parse_qsl

LOGIN_TTL = timedelta(minutes=10)
SESSION_TTL = timedelta(hours=12)
INIT_DATA_MAX_AGE = timedelta(hours=1)
PAGE_SIZE = 50


def new_token() -> str:
    """A fresh random token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored for a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Access(StrEnum):
    """What a signed-in person may do in the console."""

    STAFF = "staff"  # everything
    HOUSEKEEPER = "housekeeper"  # read-only, their own buildings


@dataclass(frozen=True)
class Viewer:
    """The person behind a session: who, in which language, with what access."""

    telegram_id: int
    name: str
    lang: str
    access: Access
    buildings: frozenset[str] = frozenset()
    csrf: str = ""

    @property
    def staff(self) -> bool:
        """Whether they may change things."""
        return self.access is Access.STAFF


class InitDataProblem(StrEnum):
    """Why Mini App data was refused."""

    MALFORMED = "malformed"
    FORGED = "forged"
    EXPIRED = "expired"


def check_init_data(
    init_data: str, bot_token: str, now: datetime, max_age: timedelta = INIT_DATA_MAX_AGE
) -> int | InitDataProblem:
    """The Telegram user id a Mini App's ``initData`` vouches for, or why it is refused."""
    try:
        fields = dict(parse_qsl(init_data, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return InitDataProblem.MALFORMED
    given = fields.pop("hash", "")
    if not given or "auth_date" not in fields or "user" not in fields:
        return InitDataProblem.MALFORMED
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode("utf-8"), hashlib.sha256).digest()
    expected = hmac.new(secret, check.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given):
        return InitDataProblem.FORGED
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), tz=now.tzinfo)
        user_id = int(json.loads(fields["user"])["id"])
    except (ValueError, KeyError, TypeError):
        return InitDataProblem.MALFORMED
    if now - signed_at > max_age or signed_at - now > timedelta(minutes=5):
        return InitDataProblem.EXPIRED
    return user_id


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """Mini App data signed as Telegram signs it (for the sandbox and tests)."""
    from urllib.parse import urlencode

    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode("utf-8"), hashlib.sha256).digest()
    digest = hmac.new(secret, check.encode("utf-8"), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


class Urgency(StrEnum):
    """How a line of the Today page ranks: breaches first, then what is due, then the rest."""

    BREACH = "breach"
    DUE = "due"
    OPEN = "open"


URGENCY_ORDER = {Urgency.BREACH: 0, Urgency.DUE: 1, Urgency.OPEN: 2}


def urgency(age: timedelta, window: timedelta) -> Urgency:
    """An open job against its response window: past it is a breach, past half is due."""
    if age > window:
        return Urgency.BREACH
    if age * 2 > window:
        return Urgency.DUE
    return Urgency.OPEN


@dataclass(frozen=True)
class Page:
    """One page of a list: which rows, and whether there is more either side."""

    number: int
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        """Rows skipped before this page."""
        return (self.number - 1) * self.size


def page_of(raw: str | None) -> Page:
    """The page a query asks for (1 for anything unreadable)."""
    try:
        number = int(raw or "1")
    except ValueError:
        number = 1
    return Page(max(1, min(number, 10_000)))


MAX_PRICE = 50_000  # yuan: no home service costs more; a typo (an extra 0, a pasted phone) does


class PriceProblem(StrEnum):
    """Why a price typed in the console was refused (each a polite ``console.price_*`` text)."""

    NOT_A_NUMBER = "not_a_number"
    MALFORMED = "malformed"  # commas not in thousands ("1,20.5") or a decimal comma ("15,0")
    NEGATIVE = "negative"  # below zero (zero is free: the sample has five free offers)
    TOO_HIGH = "too_high"
    TOO_PRECISE = "too_precise"  # below a fen (0.01 yuan)
    ABOVE_MARKET = "above_market"  # residents would be told a wrong saving
    UNKNOWN_OFFER = "unknown_offer"
    REFUSED = "invalid_setup"  # the setup as a whole would not be valid


_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")  # "1,200", "12,000": thousands, nothing else


def parse_price(raw: str) -> float | PriceProblem:
    """A price typed in the console, in yuan as the offers keep it (whole fen at most): a
    number from 0 (free) up to :data:`MAX_PRICE`; ``¥``, spaces and thousands commas allowed (only
    in groups of three: a comma anywhere else, or one used as a decimal point, is refused, not
    read as a number ten times off); or why it is refused."""
    text = raw.strip().lstrip("¥￥").strip().replace("，", ",")
    if text.startswith("-") and any(c.isdigit() for c in text):
        return PriceProblem.NEGATIVE  # "-5" is a number, below zero
    if "," in text:
        whole, dot, fraction = text.partition(".")
        if not _GROUPED.fullmatch(whole):
            return PriceProblem.MALFORMED  # "1,20.5", "15,0": never read as 120.5 or 150
        text = whole.replace(",", "") + dot + fraction
    if not text or not all(c.isdigit() or c == "." for c in text) or text.count(".") > 1:
        return PriceProblem.NOT_A_NUMBER  # also "1e9", "nan", "inf"
    if text == ".":
        return PriceProblem.NOT_A_NUMBER
    fraction = text.partition(".")[2]
    if len(fraction) > 2:
        return PriceProblem.TOO_PRECISE
    price = float(text)
    if price > MAX_PRICE:
        return PriceProblem.TOO_HIGH
    return price


def valid_price(raw: str) -> float | None:
    """:func:`parse_price`'s number, or None when it is refused: for forms that only show that a
    price is not valid (provider onboarding) rather than why. Zero is None here too: a market
    reference of 0 means nothing, and the onboarding form reads a typed "0" itself."""
    price = parse_price(raw)
    return None if isinstance(price, PriceProblem) or price == 0 else price


@dataclass(frozen=True)
class Search:
    """What the bookings list is narrowed to: a booking number, or the services whose key or
    name (zh or en) contains what was typed; ``services`` None: no narrowing by service."""

    booking_id: int | None = None
    services: tuple[str, ...] | None = None


def search(query: str, names: dict[str, dict[str, str]]) -> Search:
    """Read the search box: ``#12`` or ``12`` is a booking; other words match services by key
    or by their zh or en names, case-insensitively (``油烟机``, ``range hood``)."""
    typed = query.strip().casefold()
    if not typed:
        return Search()
    if typed.lstrip("#").isdigit():
        return Search(booking_id=int(typed.lstrip("#")[:9]))
    words = typed.replace("_", " ")
    found = tuple(
        sorted(
            service
            for service, name in names.items()
            if words in service.replace("_", " ")
            or any(typed in text.casefold() for text in name.values())
        )
    )
    return Search(services=found)


def price_against_market(price: float, market: float | None) -> PriceProblem | None:
    """A price above the offer's market reference is refused (the setup's own rule: the
    saving residents are shown would be wrong)."""
    return PriceProblem.ABOVE_MARKET if market is not None and price > market else None


class RevokeRefusal(StrEnum):
    """Why staff may not revoke someone (each a polite ``console.revoke_*`` text)."""

    SELF = "self"  # they would lock themselves out mid-task
    LAST_STAFF = "last_staff"  # nobody would be left to run the community
    DISTRICT = "district"  # the district's staff: only the district file controls them
    NOBODY = "nobody"  # no working role here (a resident, another community's): not found


def revoke_refusal(
    target: int, by: int, staff: Collection[int], district: Collection[int] = ()
) -> RevokeRefusal | None:
    """Whether revoking Telegram user ``target`` (by staff member ``by``) is refused: never the
    district's staff (one community's console does not control them), never oneself, never the
    last staff member (the community would have nobody to run it)."""
    if target in district:
        return RevokeRefusal.DISTRICT
    if target == by:
        return RevokeRefusal.SELF
    if target in staff and not set(staff) - {target}:
        return RevokeRefusal.LAST_STAFF
    return None


@dataclass(frozen=True)
class GridElder:
    """An elder as the grid reassignment sees them: key, building (None when unknown), and
    grid worker (a housekeeper key)."""

    key: str
    building: str | None
    grid_worker: str


def new_grid_workers(
    elders: Collection[GridElder],
    covers: Mapping[str, Collection[str]],
    leaving: str,
) -> dict[str, str | None]:
    """Each elder of the leaving grid worker, and who looks after them now: another grid worker
    covering the elder's building (``covers``: the working housekeepers' keys and buildings),
    the one with the fewest elders first, then by key; None when there is nobody (staff must
    choose; also when the elder's building is unknown)."""
    load = {key: sum(1 for e in elders if e.grid_worker == key) for key in covers}
    out: dict[str, str | None] = {}
    for elder in sorted((e for e in elders if e.grid_worker == leaving), key=lambda e: e.key):
        fits = sorted(
            (k for k, b in covers.items() if k != leaving and elder.building in b),
            key=lambda k: (load[k], k),
        )
        chosen = fits[0] if fits and elder.building is not None else None
        out[elder.key] = chosen
        if chosen is not None:
            load[chosen] += 1
    return out
