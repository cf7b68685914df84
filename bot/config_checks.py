"""Checks on the community file and the secret key that go beyond one field's type.

Each check returns the problem as ``"<field>: <what is wrong>"`` (or None), so that
:mod:`bot.config` can show it as one line naming the file and the field.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from intents import Catalogue

if TYPE_CHECKING:
    from bot.config import Community

UTF8_BOM = b"\xef\xbb\xbf"
GENERATE_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'
MIN_KEY_LENGTH = 16
MIN_KEY_DISTINCT = 8
MIN_RUN = 4  # abcd, 4321, aaaa: a run this long is guessed, not chosen
# What people type when asked for a secret (lower case; matched anywhere in the key).
COMMON_WORDS = (
    "password",
    "passwd",
    "secret",
    "admin",
    "qwerty",
    "asdf",
    "letmein",
    "welcome",
    "changeme",
    "default",
    "iloveyou",
    "concierge",
    "telegram",
    "123456",
)


def decode_community(raw: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark (Windows editors add one).

    Raises ValueError with a short explanation when the bytes are not UTF-8.
    """
    try:
        return raw.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line}); save it as UTF-8"
        ) from None


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown {kind} id {value!r}{hint}"


def catalogue_problem(community: Community, vocabulary: Catalogue | None = None) -> str | None:
    """Offers, service settings and cabinet tools must name ids the catalogue knows, and a
    market reference price below the price would tell residents a wrong saving."""
    vocabulary = vocabulary or _default_vocabulary()
    services = {e.id for e in vocabulary.services()}
    tools = {e.id for e in vocabulary.tools()}
    for p, provider in enumerate(community.providers):
        for o, offer in enumerate(provider.offers):
            where = f"providers[{p}].offers[{o}]"
            if offer.service not in services:
                return f"{where}.service: {_unknown('service', offer.service, services)}"
            if offer.market_price is not None and offer.market_price < offer.price:
                return (
                    f"{where}.market_price: {offer.market_price:g} is below the price "
                    f"{offer.price:g} (the market reference is what others charge)"
                )
    for service_id in community.services:
        if service_id not in services:
            return f"services.{service_id}: {_unknown('service', service_id, services)}"
    for t, tool in enumerate(community.tools):
        if tool.id not in tools:
            return f"tools[{t}].id: {_unknown('tool', tool.id, tools)}"
    return None


_VOCABULARY: list[Catalogue] = []


def _default_vocabulary() -> Catalogue:
    if not _VOCABULARY:
        _VOCABULARY.append(Catalogue.default())
    return _VOCABULARY[0]


def secret_key_problem(secret: str) -> str | None:
    """Why a CONCIERGE_SECRET_KEY is too weak to sign buttons and encrypt door codes, if it is.

    Length alone is not enough: sixteen identical characters, or spaces, are sixteen characters.
    """
    hint = f"; generate one with: {GENERATE_KEY}"
    if not secret:
        return f"CONCIERGE_SECRET_KEY is not set{hint}"
    if secret != secret.strip():
        return f"CONCIERGE_SECRET_KEY starts or ends with spaces (a copy-paste slip?){hint}"
    if len(secret) < MIN_KEY_LENGTH:
        return (
            f"CONCIERGE_SECRET_KEY is too short ({len(secret)} characters, at least "
            f"{MIN_KEY_LENGTH}){hint}"
        )
    distinct = len(set(secret.replace(" ", "")))
    if distinct < MIN_KEY_DISTINCT:
        return (
            f"CONCIERGE_SECRET_KEY is too repetitive ({distinct} different characters, at least "
            f"{MIN_KEY_DISTINCT}){hint}"
        )
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(secret)}
    if len(steps) == 1:
        return f"CONCIERGE_SECRET_KEY is a run like abcd… or 1234…, easy to guess{hint}"
    if 2 * _guessable(secret) > len(secret):
        return (
            "CONCIERGE_SECRET_KEY is mostly common words or runs (like password, admin, "
            f"1234…, abcd…), easy to guess{hint}"
        )
    return None


def _guessable(secret: str) -> int:
    """How many of the key's characters belong to a common word or to a run of at least
    :data:`MIN_RUN` characters stepping by -1, 0 or +1 (``1234``, ``zyxw``, ``aaaa``)."""
    lower = secret.lower()
    covered = [False] * len(secret)
    for word in COMMON_WORDS:
        at = lower.find(word)
        while at >= 0:
            covered[at : at + len(word)] = [True] * len(word)
            at = lower.find(word, at + 1)
    start = 0
    for i in range(1, len(lower) + 1):
        step = ord(lower[i]) - ord(lower[i - 1]) if i < len(lower) else None
        first = ord(lower[start + 1]) - ord(lower[start]) if start + 1 < len(lower) else None
        if i < len(lower) and step in (-1, 0, 1) and (i == start + 1 or step == first):
            continue
        if i - start >= MIN_RUN:
            covered[start:i] = [True] * (i - start)
        # the run that ended may share its last character with the next one (…9|9876)
        start = i - 1 if i - start > 1 and step in (-1, 0, 1) else i
    return sum(covered)
