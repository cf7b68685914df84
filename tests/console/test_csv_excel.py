"""CSV downloads open in Excel on Chinese Windows (tester finding, session 15): they begin with
a UTF-8 byte-order mark, without which Excel reads the file in the local code page and shows
乱码 for every Chinese comment."""

from __future__ import annotations

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_every_csv_download_starts_with_a_utf8_bom(bot: Harness) -> None:
    async with staff_client(bot) as web:
        for kind in ("bookings", "ratings", "checkins", "loans"):
            async with web.http.get(f"{web.root}/export/{kind}.csv") as response:
                body = await response.read()
            assert response.status == 200 and body.startswith(b"\xef\xbb\xbf"), kind
            assert not body.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
