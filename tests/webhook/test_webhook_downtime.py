"""Downtime in webhook mode: what Telegram queued while the bot was down is delivered and
handled before the overdue deadlines run, as polling reads its queue first."""

from __future__ import annotations

from datetime import timedelta

from tests.booking_steps import book, crew, last_id, offer_to
from tests.harness import Harness


async def test_an_accept_pressed_while_down_beats_the_response_window(
    webhook_harness: Harness,
) -> None:
    """The provider accepted while the bot was down, then the window closed: at the restart the
    delivered press is handled first, and the job stays hers (no re-dispatch to the next)."""
    harness = webhook_harness
    async with harness.running():
        people = await crew(harness)
        resident = harness.person(6001, "小李")
        await book(harness, resident)
        offer = await offer_to(harness, people.zhao)
        await harness.sb.wait_idle(quiet=0.05)
    await harness.sb.press(people.zhao, offer, "✅ 接单")  # Telegram keeps it: nobody listens
    harness.clock.advance(timedelta(hours=3))  # range hood cleaning: a 2 h response window
    before = last_id(harness, people.sun.id)
    async with harness.running():
        await harness.sb.wait_for_message(resident.id, contains="已接单")
        await harness.sb.wait_idle(quiet=0.1)
        async with harness.runtime.db.read() as tx:
            row = await tx.one("SELECT status, provider_id FROM bookings WHERE id = 1")
    assert row is not None and (row["status"], row["provider_id"]) == ("accepted", "jiejia")
    assert not any(m.message_id > before for m in harness.sb.sent(people.sun.id))
