"""Server-rendered HTML for the console: one small layout, escaped values, i18n words.

Every value from the database is escaped here (``e``); words come from the ``console.*`` keys
of the project's catalogue, in the viewer's language. No script but the Mini App's sign-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from bot.i18n import Lang, T, render

_STYLE = """
body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f6f6f4}
nav{background:#234;padding:.5em;display:flex;flex-wrap:wrap;gap:.8em}
nav a{color:#fff;text-decoration:none}main{padding:.8em;max-width:60em}
table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.35em;border-bottom:1px solid #ddd;text-align:left}
.breach{color:#b00;font-weight:bold}.due{color:#a60}.note{color:#555}form.inline{display:inline}
input,select,button{font:inherit;padding:.2em .4em}
"""


def e(value: object) -> str:
    """A value as safe HTML text."""
    return escape(str(value), quote=True)


def w(key: str, lang: Lang, **params: Any) -> str:
    """A console word in the viewer's language, escaped."""
    return e(render(T(f"console.{key}", **params), lang))


def layout(title: str, body: str, lang: Lang, *, nav: bool = True, refresh: int = 0) -> str:
    """A whole page."""
    links = ""
    if nav:
        pages = (
            ("/", "today"),
            ("/bookings", "bookings"),
            ("/people", "people"),
            ("/notices", "notices"),
            ("/providers", "providers"),
            ("/tools", "tools"),
            ("/demand", "demand"),
            ("/care", "care"),
        )
        links = "<nav>" + "".join(f'<a href="{href}">{w(k, lang)}</a>' for href, k in pages)
        links += f'<a href="/logout">{w("sign_out", lang)}</a></nav>'
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"{meta}<title>{e(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{links}<main><h1>{e(title)}</h1>{body}</main></body></html>"
    )


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], row_id: str = "") -> str:
    """A table whose cells are already HTML."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table id="{e(row_id)}"><tr>{head}</tr>{body}</table>'


def form(action: str, csrf: str, fields: str, button: str, *, inline: bool = True) -> str:
    """A POST form carrying the session's CSRF token."""
    klass = ' class="inline"' if inline else ""
    return (
        f'<form method="post" action="{e(action)}"{klass}>'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">{fields}'
        f"<button>{button}</button></form>"
    )


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
