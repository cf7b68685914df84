"""A booking's facts in words for its page: when (the slot, or as soon as possible), which
building, the price (the price the resident agreed when set, else the provider's; free said
so, never "¥0") and when the resident asked. No address, note or door code."""

from __future__ import annotations

from bot.domain.console import Console
from bot.domain.console.repo import JobRow
from bot.i18n import Lang, fmt
from bot.web.html import e, table, w


def price_words(yuan: float, unit: str, lang: Lang, units: int = 1) -> str:
    """¥180/台 (× 2 = ¥360), or free: a price of nothing is said in words (escaped)."""
    if yuan <= 0:
        return w("free", lang)
    text = fmt.money(yuan) + (f"/{unit}" if unit else "")
    return e(text + (f" × {units} = {fmt.money(yuan * units)}" if units > 1 else ""))


def job_price(console: Console, job: JobRow, lang: Lang) -> str:
    """The price of a job: a work order is free; the agreed price (what the resident confirmed)
    when set; else the current provider's offer; '-' when there is none."""
    if job.kind == "work_order":
        return w("free", lang)
    if job.agreed_fen is not None:
        zh, en = job.agreed_unit or ("", "")
        return price_words(job.agreed_fen / 100, en if lang == "en" else zh, lang, job.units)
    for provider, offer in console.catalogue.offers(job.service):
        if provider.id == job.provider_id:
            unit = offer.unit_en if lang == "en" else offer.unit_zh
            return price_words(offer.price, unit, lang, job.units)
    return "-"


def facts(console: Console, job: JobRow, lang: Lang) -> str:
    """The booking's facts as a labelled table (``id="facts"``)."""
    tz = console.community.tz
    if job.slot_start is not None:
        when = e(fmt.when(job.slot_start, job.slot_end, tz, lang))
    else:
        when = w("asap", lang) if job.asap else "-"
    building = w("building_n", lang, n=job.building) if job.building else "-"
    asked = e(f"{fmt.day(job.asked.astimezone(tz), lang)} {job.asked.astimezone(tz):%H:%M}")
    rows = [
        [w("slot", lang), when],
        [w("building", lang), building],
        [w("price", lang), job_price(console, job, lang)],
        [w("asked_at", lang), asked],
    ]
    return table((w("figure", lang), w("value", lang)), rows, "facts")
