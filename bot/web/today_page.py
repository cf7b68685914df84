"""The Today page's lines in words: what (a service, a help call with who and where, an elder,
a tool) and its state, how urgent, and how long against what; each a link to where staff act
(a booking, an incident's timeline, the Care page, the tool cabinet)."""

from __future__ import annotations

from bot.domain.console import Console
from bot.domain.console.today import Line, Today
from bot.domain.incidents.messages import missing
from bot.i18n import Lang, T, render
from bot.privacy import redact_rooms
from bot.web.html import e, w
from bot.web.views import span_words, word

TODAY_LINES = 100  # the most urgent first, a phone's worth; the rest counted, a link away

# Where each kind of line is acted on (a check-in or a loan has no page of its own).
LINKS = {"job": "/bookings/{id}", "incident": "/incidents/{id}", "checkin": "/care"}


def today_line(console: Console, line: Line, lang: Lang) -> list[str]:
    """A Today line's cells: kind, number (a link), what and its state, urgency, wait."""
    href = LINKS.get(line.kind, "/tools").format(id=line.id)
    window = w("window", lang, span=span_words(line.window, lang)) if line.window else ""
    # an overdue tool ranks with what is due, but it is past its date: said so
    said = "overdue" if line.kind == "loan" else line.urgency
    urgency = f'<span class="{line.urgency}">{w("urgency_" + said, lang)}</span>'
    age_key = {"job": "age" if line.window else "age_asked", "loan": "age_overdue"}
    age = w(age_key.get(line.kind, "age"), lang, span=span_words(line.age, lang))
    return [
        w("kind_" + line.kind, lang),
        f'<a href="{href}">{line.id}</a>',
        f"{what(console, line, lang)} · {state(line, lang)}{holder(console, line, lang)}",
        urgency,
        f"{age} {window}".strip(),
    ]


def _name(console: Console, key: str, lang: Lang) -> str:
    """A service's or a tool's name; its id when the vocabulary does not know it."""
    if key not in console.catalogue.vocabulary:
        return e(key)
    return e(console.catalogue.name(key).get(lang, key))


def what(console: Console, line: Line, lang: Lang) -> str:
    """What the line is about, in words (a help call: its kind, who, where it is (building and
    unit; a room masked), where raised, what they wrote, masked but its building kept)."""
    if line.kind == "job":
        return f'<a href="/bookings/{line.id}">{_name(console, line.label, lang)}</a>'
    if line.kind == "incident":
        call = line.incident
        label = line.label
        if label == "help" and call is not None and missing(call.words):
            label = "missing"  # as responders read it: search, not listen for a cry
        kind = e(render(T(f"incidents.kind_{label}"), lang))
        if call is None:
            return kind
        place = e(call.place) if call.place else w("private_chat", lang)
        where = (
            f' · <span class="where">{e(redact_rooms(call.where))}</span>' if call.where else ""
        )
        said = redact_rooms(call.words)[:60]
        words = f" · “{e(said)}”" if said else ""
        link = f'<a href="/incidents/{line.id}">{kind} · {e(call.name)}</a>'
        return f"{link}{where} · {place}{words}"
    if line.kind == "checkin":
        elder = console.community.elder(line.label)
        return e(elder.name if elder else line.label)
    return _name(console, line.label, lang)  # a tool, by the vocabulary's name


def state(line: Line, lang: Lang) -> str:
    """The line's state in words (a help call: who took it on, when someone did, in place of
    "someone is on it")."""
    group = {"job": "state", "incident": "incident", "checkin": "checkin", "loan": "loan"}
    said = word(group.get(line.kind, line.kind), line.state, lang)
    if line.incident is not None and line.incident.handler:
        handled = w("handled_by", lang, name=line.incident.handler)
        # "有人在处理 · 周科长 在处理" said one fact twice (tester t1): the name says it
        return handled if line.state == "acknowledged" else f"{said} · {handled}"
    return said


def holder(console: Console, line: Line, lang: Lang) -> str:
    """An open offer's provider ("· 洁家家政"): whom a housekeeper or staff chase when it waits
    too long; nothing for any other line."""
    if line.kind != "job" or line.state != "offered" or not line.provider:
        return ""
    name = console.provider_names(lang).get(line.provider, line.provider)
    return f' · <span class="provider">{e(name)}</span>'


def more_line(today: Today, lang: Lang) -> str:
    """How many less urgent lines are left off Today (beyond ``TODAY_LINES``), as a link to
    the bookings list; nothing when all are shown."""
    if len(today.lines) <= TODAY_LINES:
        return ""
    more = w("today_more", lang, n=len(today.lines) - TODAY_LINES)
    return f'<p class="note" id="more"><a href="/bookings">{more}</a></p>'
