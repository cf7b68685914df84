"""Small renderings the console's pages share: a booking's row, minutes, a provider's card."""

from __future__ import annotations

from datetime import timedelta

from bot.config import Provider
from bot.domain.console import Console, Viewer
from bot.domain.console.insight.model import Scorecard
from bot.domain.console.repo import JobRow
from bot.domain.onboard.model import expiring
from bot.i18n import Lang, both, catalogue, render
from bot.privacy import redact_contacts
from bot.web.booking_facts import price_words
from bot.web.html import dated, e, form, layout, table, w
from bot.web.provider_forms import add_offer_form, ow, remove_offer_form


def action_label(action: str, lang: Lang) -> str:
    """An audit action in words (``console.action.*``, else the words staff read for it in
    Telegram's ``/booking``, ``bookings.action.*``, written in lower case there as part of a
    sentence); one without words, made readable. A timeline line starts with a capital."""
    words = catalogue(lang)
    template = words.get(f"console.action.{action}") or words.get(f"bookings.action.{action}")
    said = template if template is not None else action.replace("_", " ")
    return e(said[:1].upper() + said[1:])


def word(group: str, value: str, lang: Lang) -> str:
    """An internal state word in the viewer's language (``console.word.GROUP.VALUE``; a
    booking's state is ``console.state.*``), escaped; one without words, made readable."""
    words = catalogue(lang)
    key = f"console.state.{value}" if group == "state" else f"console.word.{group}.{value}"
    template = words.get(key) or words.get(f"console.word.{group}.{value}")
    return e(template if template is not None else value.replace("_", " "))


def span_words(span: timedelta | None, lang: Lang) -> str:
    """A wait in the unit a person reads it in: minutes under an hour, hours and minutes under
    two days, then days and hours ("5116 分钟" reads "3 天 13 小时")."""
    total = minutes(span)
    if total < 60:
        return w("span_m", lang, m=total)
    if total < 48 * 60:
        hours, mins = divmod(total, 60)
        return w("span_hm", lang, h=hours, m=mins) if mins else w("span_h", lang, h=hours)
    days, rest = divmod(total, 24 * 60)
    hours = rest // 60
    return w("span_dh", lang, d=days, h=hours) if hours else w("span_d", lang, d=days)


def minutes(span: timedelta | None) -> int:
    """A span in whole minutes (0 for none)."""
    return int(span.total_seconds() // 60) if span else 0


def who_has(job: JobRow, provider_name: dict[str, str], lang: Lang) -> str:
    """The provider the job is with now, and its worker when someone took it (escaped); a job
    nobody took is with nobody: 待指派 (retest 15: it named the firm staff had taken it from)."""
    if job.status == "unassigned":
        return w("nobody_holds", lang)
    provider = provider_name.get(job.provider_id or "", job.provider_id or "")
    return e(f"{provider} · {job.worker}" if job.worker else provider)


def job_row(job: JobRow, service: str, lang: Lang, provider_name: dict[str, str]) -> list[str]:
    """A booking in the bookings list: its id (a link), service, state, who has it now."""
    link = f'<a href="/bookings/{job.id}">{job.id}</a>'
    return [link, service, state_label(job.status, lang), who_has(job, provider_name, lang)]


def state_label(status: str, lang: Lang) -> str:
    """A booking state in words (``console.state.*``)."""
    return word("state", status, lang)


def suspend_form(provider_id: str, suspended: bool, csrf: str, lang: Lang) -> str:
    """The suspend (or lift) button of a provider."""
    field = f'<input type="hidden" name="on" value="{0 if suspended else 1}">'
    label = w("unsuspend" if suspended else "suspend", lang)
    confirm = "" if suspended else w("sure", lang)  # lifting a suspension is not final
    return form(f"/providers/{e(provider_id)}/suspend", csrf, field, label, confirm=confirm)


def _share(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def _mins(value: float | None, lang: Lang) -> str:
    return "-" if value is None else w("minutes", lang, minutes=round(value))


def scorecard(card: Scorecard, lang: Lang, expiry: str) -> str:
    """A provider's scorecard: jobs, acceptance, response (median, p90), no-shows, time on
    the job (median, arrival to done), ratings
    and their distribution, low-rating comments, licence and insurance expiry (``expiry``:
    HTML, its dates kept whole)."""
    rating = f"{card.average:.1f} ({card.ratings})" if card.average is not None else "-"
    # "2★ 0" is one piece: never a star count on one line and its number on the next
    pieces = (
        f'<span class="nowrap">{s}★&nbsp;{card.stars.get(s, 0)}</span>' for s in range(5, 0, -1)
    )
    spread = " ".join(pieces)
    lines = [
        (w("jobs", lang), e(card.jobs)),
        (w("acceptance", lang), f"{_share(card.acceptance)} ({card.accepted})"),
        (w("typical", lang), _mins(card.median, lang)),
        (w("p90", lang), _mins(card.p90, lang)),
        (w("no_shows", lang), e(card.no_shows)),
        (w("on_the_job", lang), _mins(card.completion, lang)),
        (w("rating", lang), f"{e(rating)} · {spread}"),
        (w("expiry", lang), expiry),
    ]
    body = table((w("figure", lang), w("value", lang)), [[k, v] for k, v in lines])
    if card.low:
        items = "".join(f"<li>{s}★ {e(redact_contacts(c))}</li>" for s, c in card.low)
        body += f"<p>{w('low_comments', lang)}</p><ul>{items}</ul>"
    return body


def providers_page(
    console: Console, cards: dict[str, Scorecard], viewer: Viewer, note: str = ""
) -> str:
    """Every provider: scorecard, suspend, and each offer's price (editable); ``note``: what
    the last edit did (saved)."""
    lang: Lang = "en" if viewer.lang == "en" else "zh"
    new = f'<p><a href="/providers/applications" id="onboard">{ow("applications", lang)}</a></p>'
    body = note + new + csv_links(("ratings", "bookings"), lang)
    today = console.clock.now().astimezone(console.community.tz).date()
    for provider in console.community.providers:
        card = cards.get(provider.id, Scorecard(provider.id))
        name = render(both(provider.name_zh, provider.name_en)[lang], lang)
        body += f'<h2 id="p-{e(provider.id)}">{e(name)}</h2><div id="card-{e(provider.id)}">'
        licence, insurance = provider.licence_expires, provider.insurance_expires
        expiry = f"{dated(licence or '-')} / {dated(insurance or '-')}"
        body += scorecard(card, lang, expiry)
        if expiring(provider.licence_expires, today) or expiring(
            provider.insurance_expires, today
        ):
            body += f'<p class="breach">⚠ {ow("expiring", lang)} {expiry}</p>'
        if card.suspended:
            body += f'<p class="breach">{w("suspended", lang)}</p>'
        body += "<p>" + suspend_form(provider.id, card.suspended, viewer.csrf, lang) + "</p></div>"
        body += offers_table(console, provider, viewer.csrf, lang)
        offered = {o.service for o in provider.offers}
        lacking = [
            (s.id, console.catalogue.name(s.id).get(lang, s.id))
            for s in console.catalogue.vocabulary.services()
            if s.id not in offered
        ]
        body += add_offer_form(provider.id, lacking, viewer.csrf, lang)
    return layout(w("providers", lang), body, lang)


def offers_table(console: Console, provider: Provider, csrf: str, lang: Lang) -> str:
    """A provider's offers, one line each (service; price, and the market's under it; a price
    box and Save), then one form to take a service off: 27 offers read on a phone in one screen
    or two, not as 27 cards."""
    rows = []
    for offer in provider.offers:
        name = console.catalogue.name(offer.service).get(lang, offer.service)
        fields = (
            f'<input type="hidden" name="service" value="{e(offer.service)}">'
            f'<input name="price" size="4" value="{offer.price:g}" '
            f'aria-label="{e(name)} {w("price", lang)}">'
        )
        edit = form(f"/providers/{provider.id}/price", csrf, fields, w("save", lang))
        unit = offer.unit_en if lang == "en" else offer.unit_zh
        price = price_words(offer.price, unit, lang)
        if offer.market_price is not None:
            price += f'<br><small class="note">{w("market", lang)} ¥{offer.market_price:g}</small>'
        rows.append([e(name), price, edit])
    heads = (w("service", lang), w("price", lang), w("edit", lang))
    body = table(heads, rows, f"offers-{provider.id}")
    services = [
        (o.service, console.catalogue.name(o.service).get(lang, o.service))
        for o in provider.offers
    ]
    return body + remove_offer_form(provider.id, services, csrf, lang)


def csv_links(kinds: tuple[str, ...], lang: Lang) -> str:
    """Download links for these CSV exports (ops15's)."""
    links = " · ".join(f'<a href="/export/{k}.csv">{w("csv_" + k, lang)}</a>' for k in kinds)
    return f'<p class="note">{w("csv", lang)}: {links}</p>'
