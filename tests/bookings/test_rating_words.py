"""How a provider's rating reads in the resident's list: "(1 rating)", never "(1 ratings)"."""

from __future__ import annotations

import pytest

from bot.callbacks import CallbackSigner
from bot.config import load_community
from bot.domain.bookings.messages import BookingTexts
from bot.domain.bookings.model import Candidate
from bot.domain.catalogue import ServiceCatalogue
from bot.i18n import Lang
from intents import Catalogue
from tests.domain_support import rendered


@pytest.mark.parametrize(
    ("average", "count", "lang", "words"),
    [
        (2.0, 1, "en", "★2.0 (1 rating)"),
        (4.5, 2, "en", "★4.5 (2 ratings)"),
        (2.0, 1, "zh", "★2.0（1条评价）"),
        (4.5, 2, "zh", "★4.5（2条评价）"),
        (None, 0, "en", "no ratings yet"),
        (None, 0, "zh", "暂无评价"),
    ],
)
def test_rating_count_words(average: float | None, count: int, lang: Lang, words: str) -> None:
    community = load_community()
    texts = BookingTexts(
        community, ServiceCatalogue(community, Catalogue.default()), CallbackSigner("x" * 32)
    )
    provider = community.providers[0]
    line = rendered(
        texts.candidate_line(Candidate(provider, provider.offers[0], average, count, None)), lang
    )
    assert words in line and "1 ratings" not in line
