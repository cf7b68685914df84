"""Drawing the chart: a PNG for each language, and never Chinese without a font for it
(pytest turns matplotlib's missing-glyph warning into an error, so boxes would fail here)."""

from __future__ import annotations

import struct
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import charts
from bot.config import load_community
from bot.domain.catalogue import ServiceCatalogue
from bot.domain.reports.messages import ReportTexts
from bot.domain.reports.model import (
    ElderCare,
    Figures,
    ProviderRating,
    Response,
    ServiceDemand,
    ToolUse,
    Unmet,
    week_before,
)
from intents import Catalogue

TZ = ZoneInfo("Asia/Shanghai")


def _specs() -> dict[str, dict[str, object]]:
    community = load_community()
    texts = ReportTexts(community, ServiceCatalogue(community, Catalogue.default()))
    figures = Figures(
        week_before(datetime(2026, 11, 30, 8, tzinfo=TZ), TZ),
        demand=(ServiceDemand("range_hood_cleaning", 3, 2),),
        responses=(Response("kuaixiu", 120, 1, 1), Response("jiejia", 120, 2, 0, (10, 30))),
        stars=(1, 0, 0, 0, 1),
        ratings=(ProviderRating("jiejia", 2, 6),),
        care=(ElderCare("elder_li", "李大爷", 2, 0, 2),),
        tools=(ToolUse("air_pump", 1, 1),),
        unmet=(Unmet("有没有人修自行车链条", 2),),
    )
    return {lang: texts.chart(figures, lang) for lang in ("zh", "en")}


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_each_language_draws_one_png() -> None:
    """Six panels in one picture, wide enough to read on a phone."""
    specs = _specs()
    assert len(specs["zh"]["panels"]) == 6  # type: ignore[arg-type]
    for lang in ("zh", "en"):
        width, height = _size(charts.render_png(specs, lang))
        assert width >= 1000 and height >= 900


def test_chinese_labels_only_with_a_chinese_font() -> None:
    """With a CJK font the Chinese spec is drawn; without, exactly the English one."""
    specs = _specs()
    zh, en = charts.render_png(specs, "zh"), charts.render_png(specs, "en")
    if charts.cjk_font() is None:
        assert zh == en
    else:
        assert zh != en
