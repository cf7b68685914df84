"""A notice with a phone number or a door code in it is not saved at once: staff first see
exactly what every resident in the groups will read, the numbers named, and tick a box.

Why a warning and not a mask: a notice is staff's own words to residents, and a number in it
is usually meant ("停水咨询 021-61234567", "有事找王师傅 138…"), so masking it would break the
notice. But a number is easy to miss in a long text, so without this page a private mobile
could go to every group without anyone noticing it was there. Submitting the same form again
with the box ticked saves it unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from aiohttp import web

from bot.domain.notices.messages import recurring_text
from bot.i18n import Lang, T, Text, render
from bot.privacy import personal_numbers
from bot.web.html import e, form, layout, w
from bot.web.routes import page


def numbers_in(texts: Sequence[str]) -> list[str]:
    """The phone numbers and door codes in these texts, each once, in order."""
    found: list[str] = []
    for text in texts:
        found += [n for n in personal_numbers(text) if n not in found]
    return found


def posted_once(text: str) -> Text:
    """A one-off notice as the groups get it."""
    return T("notices.once", text=text)


def check_page(
    action: str,
    csrf: str,
    pairs: Sequence[tuple[str, str]],
    found: Sequence[str],
    posted: Text,
    lang: Lang,
) -> web.StreamResponse:
    """The warning: the numbers, the message as residents will see it (in the groups'
    language, Chinese), and the same form again (hidden) with the box to tick."""
    hidden = "".join(
        f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in pairs if k != "sure"
    )
    shown = e(render(posted, "zh"))
    body = (
        f'<p class="breach" id="numbers">{w("notice_numbers", lang, numbers="、".join(found))}'
        f"</p><p>{w('notice_as_seen', lang)}</p>"
        f'<pre id="preview" style="white-space:pre-wrap">{shown}</pre>'
    )
    sure = w("notice_numbers_sure", lang)
    body += form(action, csrf, hidden, w("notice_post_anyway", lang), inline=False, confirm=sure)
    body += f'<p><a href="/notices">{w("back", lang)}</a></p>'
    return page(layout(w("notice_check", lang), body, lang))


def held_back(
    action: str, csrf: str, data: Mapping[str, object], lang: Lang
) -> web.StreamResponse | None:
    """The check page for a notice form (a one-off's ``text``, a recurring one's ``text_zh``
    and ``text_en``) with numbers in it and its box not ticked; None: save it."""
    if data.get("sure") == "on":
        return None
    if "text" in data:
        texts = [str(data["text"])]
        posted = posted_once(texts[0])
    else:
        texts = [str(data.get("text_zh", "")), str(data.get("text_en", ""))]
        posted = recurring_text(texts[0], texts[1].strip() or texts[0])
    found = numbers_in(texts)
    if not found:
        return None
    items = data.items()  # a multidict's items: every ticked box of one name
    pairs = [(str(k), str(v)) for k, v in items if k not in ("csrf", "sure")]
    return check_page(action, csrf, pairs, found, posted, lang)
