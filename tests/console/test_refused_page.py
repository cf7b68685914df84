"""The console's one "not done" page (409): the title, what happened, and a link back, in the
viewer's language, escaped once; every refusal builds it with :func:`bot.web.html.refused`."""

from __future__ import annotations

from bot.web import html


def test_a_refused_page_says_what_happened_and_links_back_with_409() -> None:
    response = html.refused(html.w("failed", "zh"), "<p>x</p>", "/bookings/7?a=1&b=2", "zh")
    assert response.status == 409 and response.content_type == "text/html"
    text = response.text or ""
    assert "<p>x</p>" in text and f"<title>{html.w('failed', 'zh')}" in text
    assert f'<p><a href="/bookings/7?a=1&amp;b=2">{html.w("back", "zh")}</a></p>' in text
    english = html.refused("Nope", "", "/people", "en").text or ""
    assert f'<a href="/people">{html.w("back", "en")}</a>' in english
