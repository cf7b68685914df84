"""Pure edits of a setup: each takes the current :data:`Sections` and returns an :class:`Edit`
(the new sections, and what changed for the audit), or raises :class:`SetupError` for staff.

Validation of the whole (a housekeeper still covering an elder, an offer of a known service) is
the service's job, through :func:`bot.domain.setup.model.with_sections`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from bot.domain.setup.model import KEYS, Sections, SetupError


@dataclass(frozen=True)
class Edit:
    """A setup after one change: the new sections, the audit subject, before and after."""

    sections: Sections
    subject: str
    before: Any
    after: Any


def _entry(sections: Sections, section: str, key: object) -> dict[str, Any]:
    for entry in sections[section]:
        if str(entry[KEYS[section]]) == str(key):
            return entry
    raise SetupError(f"{section}: no entry {key!r}")


def _copy(sections: Sections) -> Sections:
    return copy.deepcopy(sections)


def set_offer(
    sections: Sections,
    provider_id: str,
    service_id: str,
    price: float,
    market_price: float | None = None,
) -> Edit:
    """A provider's price for a service (a new offer if it had none; the market price kept
    unless given)."""
    new = _copy(sections)
    offers = _entry(new, "providers", provider_id)["offers"]
    offer = next((o for o in offers if o["service"] == service_id), None)
    before = copy.deepcopy(offer)
    if offer is None:
        offer = {"service": service_id, "price": price, "market_price": market_price}
        offers.append(offer)
    offer["price"] = price
    if market_price is not None:
        offer["market_price"] = market_price
    return Edit(new, f"provider:{provider_id}:{service_id}", before, dict(offer))


def remove_offer(sections: Sections, provider_id: str, service_id: str) -> Edit:
    """The provider no longer offers this service."""
    new = _copy(sections)
    provider = _entry(new, "providers", provider_id)
    kept = [o for o in provider["offers"] if o["service"] != service_id]
    gone = [o for o in provider["offers"] if o["service"] == service_id]
    if not gone:
        raise SetupError(f"providers {provider_id}: no offer of {service_id!r}")
    provider["offers"] = kept
    return Edit(new, f"provider:{provider_id}:{service_id}", gone[0], None)


def set_buildings(sections: Sections, key: str, buildings: list[str]) -> Edit:
    """The buildings a housekeeper covers."""
    new = _copy(sections)
    keeper = _entry(new, "housekeepers", key)
    before, keeper["buildings"] = keeper["buildings"], list(buildings)
    return Edit(new, f"housekeeper:{key}", {"buildings": before}, {"buildings": buildings})


def put(sections: Sections, section: str, entry: dict[str, Any]) -> Edit:
    """Add an entry to a section, or replace the one with the same key."""
    new = _copy(sections)
    key = str(entry[KEYS[section]])
    entries = new[section]
    index = next((i for i, e in enumerate(entries) if str(e[KEYS[section]]) == key), None)
    before = None if index is None else entries[index]
    if index is None:
        entries.append(dict(entry))
    else:
        entries[index] = dict(entry)
    return Edit(new, f"{section}:{key}", public(before), public(entry))


def remove(sections: Sections, section: str, key: object) -> Edit:
    """Remove an entry (a housekeeper who left, a notice no longer posted)."""
    new = _copy(sections)
    entry = _entry(new, section, key)
    new[section] = [e for e in new[section] if e is not entry]
    return Edit(new, f"{section}:{key}", public(entry), None)


def set_checkin_times(sections: Sections, elder_key: str, times: list[str]) -> Edit:
    """An elder's daily check-in times (``HH:MM``)."""
    new = _copy(sections)
    elder = _entry(new, "elders", elder_key)
    before, elder["checkin_times"] = elder["checkin_times"], list(times)
    return Edit(new, f"elder:{elder_key}", {"checkin_times": before}, {"checkin_times": times})


def revoke(sections: Sections, telegram_id: int) -> Edit:
    """Take a Telegram user out of every working role the setup gives them: staff, housekeeper
    (the entry stays, without its Telegram id), provider member, family member."""
    new = _copy(sections)
    was: list[str] = []
    if any(s["telegram_id"] == telegram_id for s in new["staff"]):
        new["staff"] = [s for s in new["staff"] if s["telegram_id"] != telegram_id]
        was.append("staff")
    for keeper in new["housekeepers"]:
        if keeper.get("telegram_id") == telegram_id:
            keeper["telegram_id"] = None
            was.append(f"housekeeper:{keeper['key']}")
    for provider in new["providers"]:
        if any(m.get("telegram_id") == telegram_id for m in provider["members"]):
            provider["members"] = [
                m for m in provider["members"] if m.get("telegram_id") != telegram_id
            ]
            was.append(f"provider:{provider['id']}")
    for elder in new["elders"]:
        if any(f.get("telegram_id") == telegram_id for f in elder["family"]):
            elder["family"] = [f for f in elder["family"] if f.get("telegram_id") != telegram_id]
            was.append(f"family:{elder['key']}")
    return Edit(new, f"telegram:{telegram_id}", {"roles": was}, {"roles": []})


def public(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    """An entry as the audit keeps it: an elder's address never goes there."""
    if entry is None:
        return None
    return {k: ("(set)" if k == "address" and v else v) for k, v in entry.items()}
