"""An empty "new provider" form creates nothing (retest 15, finding 8): pressing 保存 with
nothing filled in listed the problems but also created application #1, a blank draft only a
rejection could remove. Refused, like People's forms: 400, the problems shown, no row."""

from __future__ import annotations

from tests.console.pages_support import staff_client
from tests.harness import Harness


async def test_an_empty_new_provider_form_creates_no_application(bot: Harness) -> None:
    async with staff_client(bot) as web:
        status, page = await web.post("/providers/applications")
    assert status == 400 and 'id="refused"' in page
    async with bot.runtime.db.read() as tx:
        assert await tx.scalar("SELECT COUNT(*) FROM provider_applications") == 0
