"""The new-provider pages' forms: the details form (read back into :class:`Details`), the
documents table and upload form, and the words of the ``onboard.*`` catalogue keys.

Every value is escaped; every form carries the session's CSRF token; the upload form is
multipart and its file is judged by its bytes (:mod:`bot.domain.onboard.model`), not its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from multidict import MultiDictProxy

from bot.domain.console.model import valid_price
from bot.domain.onboard import Application, Details, DocKind, OfferLine
from bot.i18n import Lang, T, catalogue, render
from bot.web.html import dated, e, sure, table, w

# A stored document's type (judged by its bytes) as staff read it, not "application/pdf".
DOC_TYPES = {"application/pdf": "type_pdf", "image/png": "type_png", "image/jpeg": "type_jpeg"}


def ow(key: str, lang: Lang, **params: Any) -> str:
    """An onboarding word in the viewer's language, escaped."""
    return e(render(T(f"onboard.{key}", **params), lang))


def problem_list(keys: Iterable[str], lang: Lang) -> str:
    """What stopped an action, as a list (keys the catalogue does not explain left out: the
    query a page is asked with is not trusted)."""
    known = catalogue(lang)
    items = "".join(
        f"<li>{ow('problem.' + k, lang)}</li>" for k in keys if f"onboard.problem.{k}" in known
    )
    return f'<ul class="breach" id="problems">{items}</ul>' if items else ""


def _field(
    name: str, label: str, value: str, size: int = 30, maxlength: int = 100, said: str = ""
) -> str:
    return (
        f'<p><label>{label}<br><input name="{name}" value="{e(value)}" size="{size}"'
        f' maxlength="{maxlength}"></label>{said}</p>'
    )


# Which field each detail problem is shown next to (the form's own order).
PROBLEM_AT = {
    "id_format": "provider_id",
    "id_taken": "provider_id",
    "name": "name_zh",
    "contact": "contact",
    "buildings": "buildings",
    "no_offers": "offers",
    "offer_service": "offers",
    "offer_price": "offers",
}


def _said(at: str, problems: Iterable[str], lang: Lang) -> str:
    """The problems of one field, next to it (in the viewer's language)."""
    words = " ".join(ow("problem." + k, lang) for k in problems if PROBLEM_AT.get(k) == at)
    return f' <span class="breach" id="problem-{at}">{words}</span>' if words else ""


@dataclass(frozen=True)
class ServiceLine:
    """A catalogue service on the form: its id and name, the market price others quote (if
    any) and the unit they price it per (prefilled; staff may change it)."""

    id: str
    name: str
    market: float | None
    unit_zh: str = "次"
    unit_en: str = "visit"


def typed_refusals(data: MultiDictProxy[Any], services: Iterable[str]) -> dict[str, str]:
    """The price and market-price fields whose typed value is no price ("面议", "abc"): field
    name → what was typed, to refuse the form at those fields and show the words kept."""
    found: dict[str, str] = {}
    for service in services:
        for field in (f"price_{service}", f"market_{service}"):
            raw = str(data.get(field, "")).strip()
            if raw and raw not in ("0", "0.0") and valid_price(raw) is None:
                found[field] = raw[:20]
    return found


def _typed(name: str, shown: str, typed: Mapping[str, str], lang: Lang) -> tuple[str, str]:
    """A price field's value (what was typed when it was refused) and its problem, if any."""
    if name not in typed:
        return shown, ""
    key = "price_not_number" if name.startswith("price_") else "market_not_number"
    words = ow(f"problem.{key}", lang)
    return typed[name], f' <span class="breach" id="problem-{e(name)}">{words}</span>'


def details_form(
    details: Details | None,
    services: list[ServiceLine],
    buildings: Iterable[str],
    lang: Lang,
    problems: Iterable[str] = (),
    typed: Mapping[str, str] | None = None,
) -> str:
    """The details' fields: id, names, contact, buildings (checkboxes) and a price (and market
    price) per catalogue service; ``services`` is (id, name, a market reference or None);
    ``problems``: the details' problem keys, each said next to its field; ``typed``: price
    fields refused as no number (:func:`typed_refusals`), shown as typed with the reason."""
    d, kept = details or Details("", "", "", ""), typed or {}
    found = list(problems)
    said = {at: _said(at, found, lang) for at in set(PROBLEM_AT.values())}
    fields = _field(
        "provider_id", ow("provider_id", lang), d.provider_id, 20, 30, said["provider_id"]
    )
    fields += _field("name_zh", ow("name_zh", lang), d.name_zh, 30, 40, said["name_zh"])
    fields += _field("name_en", ow("name_en", lang), d.name_en, 30, 60)
    fields += _field("contact", ow("contact", lang), d.contact, 40, 100, said["contact"])
    boxes = "".join(
        f'<label><input type="checkbox" name="building" value="{e(b)}"'
        f"{' checked' if b in d.buildings else ''}> {e(b)}</label> "
        for b in buildings
    )
    fields += f"<p>{ow('buildings', lang)}{said['buildings']}<br>{boxes}</p>"
    fields += f"<p>{ow('offers', lang)}{said['offers']}</p>"
    offered = {o.service: o for o in d.offers}
    rows = []
    for line in services:
        service = line.id
        offer = offered.get(service)
        price = f"{offer.price:g}" if offer else ""
        market = offer.market_price if offer else line.market
        shown = "" if market is None else f"{market:g}"
        unit_zh = offer.unit_zh if offer else line.unit_zh
        unit_en = offer.unit_en if offer else line.unit_en
        price, price_said = _typed(f"price_{service}", price, kept, lang)
        shown, market_said = _typed(f"market_{service}", shown, kept, lang)
        rows.append(
            [
                e(line.name),
                f'<input name="price_{e(service)}" value="{e(price)}" size="6"'
                f' aria-label="{e(line.name)} {ow("price", lang)}">{price_said}',
                f'<input name="unit_zh_{e(service)}" value="{e(unit_zh)}" size="4" maxlength="10"'
                f' aria-label="{e(line.name)} {ow("unit_zh", lang)}"> / '
                f'<input name="unit_en_{e(service)}" value="{e(unit_en)}" size="6" maxlength="20"'
                f' aria-label="{e(line.name)} {ow("unit_en", lang)}">',
                f'<input name="market_{e(service)}" value="{e(shown)}"'
                f' size="6" aria-label="{e(line.name)} {ow("market", lang)}">{market_said}',
            ]
        )
    headers = (ow("service", lang), ow("price", lang), ow("unit", lang), ow("market", lang))
    return fields + table(headers, rows, "offer-form")


def read_details(data: MultiDictProxy[Any], services: Iterable[str]) -> Details:
    """The details a posted form says (a service whose price is no number is left out: the
    pages refuse such a form first, :func:`typed_refusals`; the domain's rules judge the
    rest)."""
    offers = []
    for service in services:
        raw = str(data.get(f"price_{service}", "")).strip()
        if not raw:
            continue
        price = 0.0 if raw in ("0", "0.0") else valid_price(raw)
        if price is None:
            continue
        market = valid_price(str(data.get(f"market_{service}", "")))
        unit_zh = str(data.get(f"unit_zh_{service}", "")).strip()[:10] or "次"
        unit_en = str(data.get(f"unit_en_{service}", "")).strip()[:20] or "visit"
        offers.append(OfferLine(service, price, market, unit_zh, unit_en))
    return Details(
        str(data.get("provider_id", "")).strip()[:30],
        str(data.get("name_zh", "")).strip()[:40],
        str(data.get("name_en", "")).strip()[:60],
        str(data.get("contact", "")).strip()[:100],
        tuple(str(b) for b in data.getall("building", [])),
        tuple(offers),
    )


def documents(application: Application, csrf: str, editable: bool, lang: Lang) -> str:
    """The application's documents (view, remove) and, while it is open, the upload form."""
    base = f"/providers/applications/{application.id}/documents"
    rows = []
    for doc in application.documents:
        view = f'<a href="{base}/{doc.id}" target="_blank">{ow("view", lang)}</a>'
        remove = ""
        if editable:
            remove = (
                f'<form method="post" action="{base}/{doc.id}/remove" class="inline">'
                f'<input type="hidden" name="csrf" value="{e(csrf)}">'
                f"{sure(w('sure', lang))}<button>{ow('remove', lang)}</button></form>"
            )
        size = e(byte_size(doc.size, lang))
        kind = ow("kind_" + doc.kind.value, lang)
        what = ow(DOC_TYPES[doc.content_type], lang) if doc.content_type in DOC_TYPES else "-"
        rows.append([kind, dated(doc.expires.isoformat()), what, size, view, remove])
    heads = (
        ow("doc_kind", lang),
        ow("expires", lang),
        ow("doc_type", lang),
        ow("doc_size", lang),
        ow("view", lang),
        ow("remove", lang) if editable else "",
    )
    body = f"<h2>{ow('documents', lang)}</h2>" + table(heads, rows, "documents", cards=True)
    if editable:
        kinds = "".join(
            f'<option value="{k.value}">{ow("kind_" + k.value, lang)}</option>' for k in DocKind
        )
        body += (
            f'<form method="post" action="{base}" enctype="multipart/form-data" id="upload">'
            f'<input type="hidden" name="csrf" value="{e(csrf)}">'
            f'<p><select name="kind">{kinds}</select> '
            f'<label>{ow("expires", lang)} <input type="date" name="expires"></label></p>'
            f'<p><input type="file" name="file" accept=".pdf,.png,.jpg,.jpeg">'
            f' <span class="note">{ow("file_hint", lang)}</span></p>'
            f"<button>{ow('upload', lang)}</button></form>"
        )
    return body


def byte_size(size: int, lang: Lang) -> str:
    """A file's size as people read it: 50 bytes, 12 KB, 1.5 MB (never "0 KB")."""
    if size < 1024:
        return render(T("onboard.bytes", n=size), lang)
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def expiry_date(raw: str) -> date | None:
    """A date typed in the form (YYYY-MM-DD), or None."""
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def remove_offer_form(
    provider_id: str, services: Iterable[tuple[str, str]], csrf: str, lang: Lang
) -> str:
    """One form that takes a chosen service off a live provider's offers ((id, name) of those
    it offers), ticked first: a final action."""
    options = "".join(f'<option value="{e(s)}">{e(name)}</option>' for s, name in services)
    if not options:
        return ""
    return (
        f'<form method="post" action="/providers/{e(provider_id)}/offers/remove"'
        f' id="remove-offer-{e(provider_id)}">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<select name="service" aria-label="{ow("remove", lang)}">{options}</select> '
        f"{sure(w('sure', lang))}<button>{ow('remove', lang)}</button></form>"
    )


def add_offer_form(
    provider_id: str,
    services: Iterable[tuple[str, str]],
    csrf: str,
    lang: Lang,
    typed: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
) -> str:
    """A live provider takes on another catalogue service: (id, name) of those it lacks;
    ``typed``: what a refused form held, with ``problems`` (field: words) next to them."""
    v, said = typed or {}, problems or {}
    chosen = v.get("service", "")
    options = "".join(
        f'<option value="{e(s)}"{" selected" if s == chosen else ""}>{e(name)}</option>'
        for s, name in services
    )
    if not options:
        return ""

    def problem(name: str) -> str:
        found = said.get(name)
        return f' <span class="breach" id="problem-{name}">{found}</span>' if found else ""

    return (
        f'<form method="post" action="/providers/{e(provider_id)}/offers"'
        f' id="add-offer-{e(provider_id)}">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<select name="service">{options}</select>{problem("service")} '
        f'<input name="price" size="6" value="{e(v.get("price", ""))}"'
        f' placeholder="{ow("price", lang)}">{problem("price")} '
        f'<input name="market" size="6" value="{e(v.get("market", ""))}"'
        f' placeholder="{ow("market", lang)}">{problem("market")} '
        f"<button>{ow('add_offer', lang)}</button></form>"
    )
