"""Server-rendered HTML for the console: one small layout, escaped values, i18n words.

Every value from the database is escaped here (``e``); words come from the ``console.*`` keys
of the project's catalogue, in the viewer's language. No script but the Mini App's sign-in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from functools import lru_cache
from html import escape, unescape
from typing import Any

from aiohttp import web

from bot.i18n import Lang, T, render

_STYLE = """
body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f6f4}
nav{background:#234;padding:.5em;display:flex;flex-wrap:wrap;gap:.8em}
nav a{color:#fff;text-decoration:none}main{padding:.8em;max-width:60em}
table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.35em;border-bottom:1px solid #ddd;text-align:left}
.saved{color:#262;font-weight:bold}.breach{color:#b00;font-weight:bold}.due{color:#a60}.note{color:#555}form.inline{display:inline}
input,select,button{font:inherit;padding:.2em .4em}form:not(.inline){margin:.4em 0}
input,select,textarea{max-width:100%;box-sizing:border-box}main{overflow-wrap:break-word}
fieldset{min-width:0;max-width:100%;box-sizing:border-box}
th,td,a,button,label,h1,h2{word-break:keep-all}label.sure,button,.date,.nowrap{white-space:nowrap}
.wrap{overflow-x:auto;max-width:100%}h1{font-size:1.3em}
.site{margin:0;padding:.3em .5em;background:#123;color:#fff;font-weight:bold}
.days{display:flex;line-height:1.2}
.days span{width:10px;text-align:center;font-size:11px}
.d-answered{color:#262}.d-late{color:#b70}.d-missed{color:#b00;font-weight:bold}
.d-waiting{color:#236}.d-paused,.d-none{color:#999}
@media (max-width:40em){
main{padding:.5em}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block}
table.cards tr:first-child{display:none}
table.cards tr{margin:0 0 .6em;border:1px solid #ddd;border-radius:.4em;background:#fff}
table.cards td{border:0;padding:.2em .5em;overflow-wrap:break-word}
table.cards td[data-label]::before{content:attr(data-label) " ";color:#666;word-break:keep-all}
}
"""


# The community this console serves, (zh, en) name: set for each request by the server
# (bot/web/server.py), so every page names it in its title and header without each of the
# layout's callers passing it (in a district two consoles otherwise look the same).
SITE_NAME: ContextVar[tuple[str, str] | None] = ContextVar("site_name", default=None)


def site_name(lang: Lang) -> str:
    """The served community's name in this language ('' outside a request)."""
    names = SITE_NAME.get()
    if names is None:
        return ""
    return names[1] if lang == "en" and names[1] else names[0]


def e(value: object) -> str:
    """A value as safe HTML text."""
    return escape(str(value), quote=True)


def w(key: str, lang: Lang, **params: Any) -> str:
    """A console word in the viewer's language, escaped (remembered: Today with 500 open jobs
    says "等待 20 分钟" five hundred times, and rendering was most of its time)."""
    try:
        return _word(key, lang, tuple(sorted(params.items())))
    except TypeError:  # a parameter that cannot be remembered (a Text, a list)
        return e(render(T(f"console.{key}", **params), lang))


@lru_cache(maxsize=8192)
def _word(key: str, lang: Lang, params: tuple[tuple[str, Any], ...]) -> str:
    """One word with these parameters (the catalogue never changes while the bot runs)."""
    return e(render(T(f"console.{key}", **dict(params)), lang))


def refused(title: str, body: str, back: str, lang: Lang) -> web.Response:
    """The console's "not done" page (409): ``title``, ``body`` (what happened, already HTML)
    and a link ``back`` to where staff came from; every refused action says it this way."""
    body += f'<p><a href="{e(back)}">{w("back", lang)}</a></p>'
    text = layout(title, body, lang)
    return web.Response(text=text, status=409, content_type="text/html", charset="utf-8")


def layout(
    title: str, body: str, lang: Lang, *, nav: bool = True, refresh: int = 0, staff: bool = True
) -> str:
    """A whole page, naming the served community (``SITE_NAME``) in its title and header;
    ``staff``: the whole menu, else (a housekeeper) Today and bookings only.
    ``title`` may come escaped (a console word) or plain: escaped here exactly once, so
    "Bookings & work orders" never reads "&amp;"."""
    title = unescape(title)
    links = ""
    if nav:
        pages: tuple[tuple[str, str], ...] = (
            ("/", "today"),
            ("/bookings", "bookings"),
            ("/people", "people"),
            ("/notices", "notices"),
            ("/providers", "providers"),
            ("/tools", "tools"),
            ("/demand", "demand"),
            ("/care", "care"),
        )
        pages = pages if staff else pages[:2]
        links = "<nav>" + "".join(f'<a href="{href}">{w(k, lang)}</a>' for href, k in pages)
        links += f'<a href="/logout">{w("sign_out", lang)}</a></nav>'
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    site = site_name(lang)
    full = f"{title} · {site}" if site else title
    header = f'<p class="site" id="site">{e(site)}</p>' if site else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"{meta}<title>{e(full)}</title><style>{_STYLE}</style></head>"
        f"<body>{header}{links}<main><h1>{e(title)}</h1>{body}</main></body></html>"
    )


def table(
    headers: Iterable[str], rows: Iterable[Iterable[str]], row_id: str = "", *, cards: bool = False
) -> str:
    """A table whose cells are already HTML, in a box that scrolls sideways on a narrow screen
    (the page itself never does). ``cards``: on a phone each row becomes a card whose cells are
    labelled with their column's header."""
    heads = list(headers)
    head = "".join(f"<th>{h}</th>" for h in heads)

    def cell(index: int, content: str) -> str:
        label = heads[index] if cards and index < len(heads) and heads[index] else ""
        return f'<td data-label="{label}">{content}</td>' if label else f"<td>{content}</td>"

    body = "".join(
        "<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    klass = ' class="cards"' if cards else ""
    return f'<div class="wrap"><table id="{e(row_id)}"{klass}><tr>{head}</tr>{body}</table></div>'


def dated(text: object) -> str:
    """A date or time that never breaks across lines ("2027-12-31", "12-03 10:00"), escaped."""
    return f'<span class="date">{e(text)}</span>'


def sure(label: str) -> str:
    """A box to tick before a final action's button works (HTML's own ``required``: no script,
    so it works in the Mini App and any browser)."""
    return f'<label class="sure"><input type="checkbox" name="sure" required> {label}</label> '


def form(
    action: str, csrf: str, fields: str, button: str, *, inline: bool = True, confirm: str = ""
) -> str:
    """A POST form carrying the session's CSRF token; ``confirm``: the words of a box staff
    tick first (a final action: reject, remove, suspend, stop)."""
    klass = ' class="inline"' if inline else ""
    return (
        f'<form method="post" action="{e(action)}"{klass}>'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">{fields}'
        f"{sure(confirm) if confirm else ''}<button>{button}</button></form>"
    )


def final(action: str, csrf: str, button: str, lang: Lang) -> str:
    """A final action's button with its "I am sure" box (the server refuses it unticked)."""
    return form(action, csrf, "", button, confirm=w("sure", lang))


def not_found(lang: Lang) -> str:
    """The console's 'not found' page, with a way back to Today."""
    body = f'<p><a href="/">{w("back_today", lang)}</a></p>'
    return layout(w("not_found", lang), body, lang, nav=False)


def saved(query: Mapping[str, str], lang: Lang) -> str:
    """After an edit (``?saved=1`` on the page it went back to): say it was saved and is in
    effect now; nothing otherwise."""
    if not query.get("saved"):
        return ""
    return f'<p class="saved" id="saved" role="status">✓ {w("saved", lang)}</p>'


def unconfirmed(back: str, lang: Lang) -> str:
    """A final action posted without its "I am sure" box: nothing was done; back to tick it."""
    body = f'<p id="unconfirmed">{w("unconfirmed", lang)}</p>'
    body += f'<p><a href="{e(back)}">{w("back", lang)}</a></p>'
    return layout(w("not_done", lang), body, lang)


def message(text: str, lang: Lang) -> str:
    """A page that only says something (refusals, errors)."""
    return layout(text, "", lang, nav=False)


MINI_APP = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title></head>
<body><p id="status">{waiting}</p><form id="f" method="post" action="/auth/webapp">
<input type="hidden" name="init_data" id="init_data"></form><script>
// Telegram opens a Mini App with its signed data in the fragment (tgWebAppData); the
// server checks the signature. No script is loaded from elsewhere.
var p = new URLSearchParams(location.hash.slice(1));
document.getElementById('init_data').value = p.get('tgWebAppData') || '';
document.getElementById('f').submit();
</script></body></html>"""


def mini_app(lang: Lang) -> str:
    """The Mini App's page: posts Telegram's signed data to the sign-in endpoint."""
    return MINI_APP.format(title=w("title", lang), waiting=w("signing_in", lang))


def signed_in(lang: Lang) -> str:
    """After a login: go to Today by a same-site navigation (so the strict cookie is sent)."""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0;url=/"></head>'
        f'<body><p><a href="/">{w("signed_in", lang)}</a></p></body></html>'
    )
