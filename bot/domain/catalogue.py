"""The community's service and tool catalogue: names from the vocabulary, prices from offers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from bot.config import Community, Offer, Provider
from bot.i18n import both
from intents import Catalogue

DEFAULT_RESPONSE_WINDOW = timedelta(minutes=30)
URGENT_RESPONSE_WINDOW = timedelta(minutes=15)
PER_DAY = frozenset({"天", "日", "day", "days"})  # units of a service priced per day
PER_HOUR = frozenset({"小时", "钟头", "hour", "hours", "h"})  # ... and of one priced per hour
# Units that count no items: a visit, a job, a home, an order, an event, a van load.
PER_VISIT = frozenset(
    {"户", "单", "场", "车", "job", "visit", "session", "home", "order", "event"}
)


def counts_items(offer: Offer) -> bool:
    """Whether an offer is priced per item (¥120/台, ¥10/把): "两台" asked are its units."""
    zh, en = offer.unit_zh, offer.unit_en
    timed = PER_DAY | PER_HOUR | PER_VISIT
    return bool(zh) and not zh.startswith("次") and zh not in timed and en not in timed


def _per_visit(offer: Offer) -> bool:
    """Whether an offer is priced per visit (¥30/次, ¥30/visit)."""
    return offer.unit_zh.startswith("次") or offer.unit_en in ("visit", "visits")


@dataclass(frozen=True)
class PriceRange:
    """What a service costs across the providers that offer it."""

    low: float
    high: float
    unit: dict[str, str]
    market: float | None


class ServiceCatalogue:
    """Looks up names, offers and prices for service and tool ids."""

    def __init__(self, community: Community, vocabulary: Catalogue) -> None:
        self.community = community
        self.vocabulary = vocabulary

    def name(self, item_id: str) -> dict[str, str]:
        """The item's name in both languages (for Text parameters)."""
        entry = self.vocabulary.entry(item_id)
        return both(entry.name_zh, entry.name_en)

    def is_service(self, item_id: str) -> bool:
        """Whether the id is a known service."""
        return any(e.id == item_id for e in self.vocabulary.services())

    def offers(self, service_id: str, today: date | None = None) -> list[tuple[Provider, Offer]]:
        """(provider, offer) pairs for a service, cheapest first; expired providers left out."""
        pairs = [
            (provider, offer)
            for provider in self.community.providers
            for offer in provider.offers
            if offer.service == service_id and (today is None or self.vetted(provider, today))
        ]
        return sorted(pairs, key=lambda pair: (pair[1].price, pair[0].kind == "property"))

    @staticmethod
    def vetted(provider: Provider, today: date) -> bool:
        """Licence and insurance, where recorded, are still valid."""
        return all(
            d is None or d >= today for d in (provider.licence_expires, provider.insurance_expires)
        )

    def price_range(
        self, service_id: str, today: date | None = None, among: Collection[str] | None = None
    ) -> PriceRange | None:
        """Lowest and highest price, unit and market reference (of the providers `among`, when
        given: those someone could take the job for); None if nobody offers it."""
        pairs = [
            (p, o) for p, o in self.offers(service_id, today) if among is None or p.id in among
        ]
        if not pairs:
            return None
        prices = [offer.price for _, offer in pairs]
        markets = [offer.market_price for _, offer in pairs if offer.market_price is not None]
        first = pairs[0][1]
        return PriceRange(
            min(prices),
            max(prices),
            both(first.unit_zh, first.unit_en),
            max(markets, default=None),
        )

    def response_window(self, service_id: str, offer: Offer | None = None) -> timedelta:
        """How long a provider has to accept before the job moves on."""
        if offer is not None and offer.response_window is not None:
            return offer.response_window
        override = self.community.services.get(service_id)
        if override is not None and override.response_window is not None:
            return override.response_window
        if override is not None and override.urgent:
            return URGENT_RESPONSE_WINDOW
        return DEFAULT_RESPONSE_WINDOW

    def is_urgent(self, service_id: str) -> bool:
        """Marked ``urgent = true`` in the community file: "as soon as possible" comes first."""
        override = self.community.services.get(service_id)
        return override is not None and override.urgent

    def is_per_hour(self, service_id: str) -> bool:
        """Every provider prices it per hour (cleaning ¥45/小时): hours asked are its units."""
        offers = self.offers(service_id)
        return bool(offers) and all(
            o.unit_zh in PER_HOUR or o.unit_en in PER_HOUR for _, o in offers
        )

    def is_per_day(self, service_id: str) -> bool:
        """Days asked are its units: some provider prices it per day (pet sitting ¥50/天), or
        it is visited every day of a stay away (the vocabulary's ``daily``) and every provider
        prices it per visit (上门喂猫 ¥30/次): "出差三天" is three visits, priced as three."""
        offers = [o for _, o in self.offers(service_id)]
        if any(o.unit_zh in PER_DAY or o.unit_en in PER_DAY for o in offers):
            return True
        daily = self.is_service(service_id) and self.vocabulary.entry(service_id).daily
        return daily and bool(offers) and all(_per_visit(o) for o in offers)

    def visits_of_care(self, service_id: str) -> bool:
        """A care service priced per visit (陪伴探望, 上门护理): days asked of it are not days of
        all-day care, which the catalogue does not have."""
        care = self.vocabulary.entry(service_id).category == "care"
        return care and not self.is_per_day(service_id) and not self.is_per_hour(service_id)

    def counted_measures(self, service_id: str) -> tuple[str, ...]:
        """The measure words of a service every provider prices per item ("台", "unit" for
        air-conditioner cleaning), and the English words for the items themselves ("ac",
        "air conditioner": "two ACs" says no measure word): a count asked in them ("两台空调")
        is its units; none for any other service."""
        offers = [o for _, o in self.offers(service_id)]
        if not offers or not all(counts_items(o) for o in offers):
            return ()
        things = [k for k in self.vocabulary.entry(service_id).keywords if k.isascii()]
        units = [w for o in offers for w in (o.unit_zh, o.unit_en) if w]
        return tuple(dict.fromkeys([*units, *things]))
