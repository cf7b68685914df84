"""A photo the line copied to a worker taken off the job is deleted only while Telegram still
allows a bot to (under 48 hours old, an hour's margin kept); an older one stays in their chat.
On a real SQLite database; the copies are marked delivered as the sender would."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import to_db
from bot.domain.bookings.contract import Awaiting
from bot.domain.bookings.onsite.line import Relayed
from tests.bookings.test_flow_more import accepted, x
from tests.bookings.test_service import World

__all__ = ["x"]  # the fixture


async def _photo_sent_hours_ago(x: World, hours: float) -> None:
    """The resident relays a photo to 赵阿姨; the copy was delivered `hours` ago."""
    await accepted(x)
    async with x.w.tx() as tx:
        assert await x.s.onsite.line.open(tx, 1, x.resident) is None
        await x.s.onsite.line.relay(tx, x.resident, Awaiting(1), Relayed("photo", 1, 7))
        sent = to_db(x.w.clock.now() - timedelta(hours=hours))
        await tx.execute(
            "UPDATE outbox SET status = 'sent', message_id = 900, sent_at = ?"
            " WHERE method = 'copy' AND chat_id = ?",
            (sent, x.zhao.telegram_id),
        )


async def _withdrawn_deletes(x: World) -> list[int]:
    """The worker withdraws: the message ids queued for deletion in their chat."""
    async with x.w.tx() as tx:
        await x.s.dispatch.withdraw(tx, 1, x.zhao, sure=True)
    return [
        int(row[0])
        for row in await x.sql(
            "SELECT json_extract(payload, '$.message_id') FROM outbox"
            " WHERE method = 'delete' AND chat_id = ?",
            x.zhao.telegram_id,
        )
    ]


async def test_a_photo_copied_an_hour_ago_is_deleted_when_the_worker_withdraws(x: World) -> None:
    await _photo_sent_hours_ago(x, 1)
    assert await _withdrawn_deletes(x) == [900]


async def test_a_photo_copied_nearly_two_days_ago_is_left_in_the_workers_chat(x: World) -> None:
    await _photo_sent_hours_ago(x, 47.5)
    assert await _withdrawn_deletes(x) == []
