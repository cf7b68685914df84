"""Two communities' consoles in one browser: browsers keep cookies per host (not per port, not
per proxy location), so each console's session cookie is named for its community. Signing in
to one never signs the browser out of the other, and neither accepts the other's session."""

from __future__ import annotations

import aiohttp

from bot.web.routes import COOKIE
from tests.district.support import District
from tests.district.test_office import OFFICER, office

__all__ = ["office"]


async def _links(office: District) -> dict[str, str]:
    """The officer's two sign-in links, by community label."""
    officer = office.person(OFFICER, "街道办王主任")
    started = await office.sb.press_start(officer, "xiangxi")
    await office.sb.wait_for_message(officer.id, after=started.message_id)
    sent = await office.say(officer, "/console")
    found = await office.sb.wait_for_messages(
        officer.id, count=2, contains="/login/", after=sent.message_id
    )
    links = {}
    for message in found:
        link = next(w for w in message.content.split() if "/login/" in w)
        links[message.content.splitlines()[0]] = link
    return links


def _root(link: str) -> str:
    return link.split("/login/")[0]


async def test_one_browser_stays_signed_in_to_both_consoles(office: District) -> None:
    links = await _links(office)
    xiangxi, yinxing = links["【香溪美地】"], links["【银杏苑】"]
    assert _root(xiangxi).split(":")[1] == _root(yinxing).split(":")[1]  # the same host
    jar = aiohttp.CookieJar(unsafe=True)  # like a browser: one jar for the host, any port
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        for link in (xiangxi, yinxing):
            async with http.get(link) as response:
                assert response.status == 200
        names = {c.key for c in jar}
        assert names == {f"{COOKIE}_xiangxi", f"{COOKIE}_yinxing"}
        for link, name in ((xiangxi, "香溪美地"), (yinxing, "银杏苑")):
            async with http.get(_root(link) + "/") as response:
                assert response.status == 200  # still signed in to both
                text = await response.text()
                assert "<h1>今日</h1>" in text  # and each names its own community
                assert f"<title>今日 · {name}</title>" in text
                assert f'<p class="site" id="site">{name}</p>' in text


async def test_a_session_of_one_console_is_refused_by_the_other(office: District) -> None:
    links = await _links(office)
    xiangxi, yinxing = links["【香溪美地】"], links["【银杏苑】"]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(xiangxi) as response:
            assert response.status == 200
        token = next(c.value for c in http.cookie_jar if c.key == f"{COOKIE}_xiangxi")
    cookie = {f"{COOKIE}_yinxing": token}  # presented to the other as its own
    for root in (_root(yinxing), _root(xiangxi)):  # there: not its session; here: wrong name
        async with aiohttp.ClientSession(cookies=cookie) as http, http.get(root + "/") as got:
            assert got.status == 403
