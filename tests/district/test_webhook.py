"""A district in webhook mode: Telegram posts every update to the first community's server,
whose inbox hands each to the router like a polled one; nothing polls."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram import Update

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


async def test_an_update_replayed_from_the_first_communitys_inbox_is_handled_once(
    district: District,
) -> None:
    """The webhook inbox is the first community's: a row left there by a crash after another
    community handled it is handed over again at the next start; that community's own record
    of processed updates makes the replay a no-op, and one it never handled is handled then."""
    newcomer = district.person(5010, "小林")
    started = await district.sb.press_start(newcomer, "yinxing")
    await district.sb.wait_for_message(newcomer.id, contains="欢迎来到", after=started.message_id)
    await district.sb.wait_idle(quiet=0.1)
    yinxing = district.runtime_of("yinxing")
    async with yinxing.db.read() as tx:
        handled = int(await tx.scalar("SELECT MAX(update_id) FROM processed_updates"))

    def body(update_id: int) -> dict[str, Any]:
        user = {"id": newcomer.id, "is_bot": False, "first_name": "小林"}
        return {
            "update_id": update_id,
            "message": {
                "message_id": 1000 + update_id,
                "date": int(district.clock.now().timestamp()),
                "chat": {"id": newcomer.id, "type": "private", "first_name": "小林"},
                "from": user,
                "text": "/start yinxing",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }

    assert district.app is not None
    for update_id, welcomes in ((handled, 1), (handled + 1000, 2)):  # replayed, then new
        update = Update.de_json(body(update_id), district.app.bot)
        assert update is not None
        await district.app.process_update(update)
        await district.sb.wait_idle(quiet=0.2)
        said = [m for m in district.sb.sent(newcomer.id) if "欢迎来到 银杏苑" in m.content]
        assert len(said) == welcomes
    xiangxi = district.runtime_of("xiangxi")
    async with xiangxi.db.read() as tx:
        assert await xiangxi.people.get(tx, newcomer.id) is None
