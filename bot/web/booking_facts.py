"""A booking's facts in words for its page: when (the slot and, for days of care, how many
days; as soon as possible; a work order: when it was reported and its response window), which
building, the price (the price the resident agreed when set, else the provider's, with its
total for several units; free said so, never "¥0") and when the resident asked. No address,
note or door code."""

from __future__ import annotations

from bot.domain.catalogue import PER_DAY
from bot.domain.console import Console
from bot.domain.console.repo import JobRow
from bot.i18n import Lang, fmt
from bot.web.html import dated, e, table, w


def price_words(yuan: float, unit: str, lang: Lang, units: int = 1) -> str:
    """¥180/台, or for several units its total ('¥50/天 × 2 天 = ¥100', '¥50/day × 2 =
    ¥100'), or free: a price of nothing is said in words (escaped)."""
    if yuan <= 0:
        return w("free", lang)
    if units <= 1:
        return e(fmt.money(yuan) + (f"/{unit}" if unit else ""))
    total = fmt.money(yuan * units)
    key = "price_units" if unit else "price_units_bare"
    return w(key, lang, price=fmt.money(yuan), unit=unit, units=units, total=total)


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


def days_of_care(console: Console, job: JobRow) -> bool:
    """A job booked for several days (pet sitting ¥50/天 × 2): its units are days."""
    if job.units <= 1:
        return False
    if job.agreed_unit is not None:
        return any(u in PER_DAY for u in job.agreed_unit)
    return console.catalogue.is_per_day(job.service)


def when_words(console: Console, job: JobRow, lang: Lang) -> str:
    """When the job is: its slot (and for days of care, for how many days); as soon as
    possible; a work order: when it was reported and how soon it is to be answered."""
    tz = console.community.tz
    if job.slot_start is not None:
        when = fmt.when(job.slot_start, job.slot_end, tz, lang)
        return (
            w("when_days", lang, when=when, units=job.units)
            if days_of_care(console, job)
            else e(when)
        )
    if job.kind == "work_order":
        window = fmt.duration(console.window(job), lang)
        return w("reported_window", lang, at=stamp(console, job, lang), window=window)
    return w("asap", lang) if job.asap else "-"


def stamp(console: Console, job: JobRow, lang: Lang) -> str:
    """When the resident asked, in the community's time: '12月3日 周四 10:00'."""
    asked = job.asked.astimezone(console.community.tz)
    return f"{fmt.day(asked, lang)} {asked:%H:%M}"


def facts(console: Console, job: JobRow, lang: Lang) -> str:
    """The booking's facts as a labelled table (``id="facts"``)."""
    building = w("building_n", lang, n=job.building) if job.building else "-"
    rows = [
        [w("slot", lang), when_words(console, job, lang)],
        [w("building", lang), building],
        [w("price", lang), job_price(console, job, lang)],
        [w("asked_at", lang), dated(stamp(console, job, lang))],
    ]
    return table((w("figure", lang), w("value", lang)), rows, "facts")
