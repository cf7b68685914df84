"""A district in webhook mode: Telegram posts every update to the first community's server,
whose inbox hands each to the router like a polled one; nothing polls."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.clock import FakeClock
from bot.devtools.sandbox import Sandbox
from tests.district.support import District, district_settings, write_folder
from tests.district.test_bookings import join
from tests.webhook.conftest import free_port


async def test_a_district_over_the_webhook(
    sandbox: Sandbox, clock: FakeClock, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "communities")
    stores = (tmp_path / "data" / "xiangxi.db", tmp_path / "data" / "yinxing.db")
    port = free_port()
    settings = replace(
        district_settings(sandbox, folder, stores),
        webhook=True,
        web_port=port,
        public_url=f"http://127.0.0.1:{port}",
    )
    harness = District(sandbox, settings, clock)
    async with harness.running():
        xiangxi, yinxing = harness.side("xiangxi"), harness.side("yinxing")
        zhao = harness.person(3001, "赵阿姨")
        await join(xiangxi, zhao, "provider jiejia")
        await join(yinxing, zhao, "provider jiejia")
        for side in (xiangxi, yinxing):
            async with side.runtime.db.read() as tx:
                person = await side.runtime.people.get(tx, zhao.id)
                assert person is not None
                assert await side.runtime.people.has_role(tx, person.id, "provider", "jiejia")
        assert sandbox.calls("getUpdates") == []
        assert len(sandbox.calls("setWebhook")) == 1
        assert sandbox.webhook.deliveries and all(d.ok for d in sandbox.webhook.deliveries)
