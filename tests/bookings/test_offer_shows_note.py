"""A worker offered a job sees the resident's note before taking it (session 15, finding 11:
the offer showed only time, building and price; docs/bookings.md says the note goes to every
worker offered the job), with the room, phone numbers and codes in it hidden until someone
accepts. On real SQLite."""

from __future__ import annotations

from bot.domain.people import Address
from tests.bookings.test_flow_more import x
from tests.bookings.test_service import RANGE_HOOD, SLOT, SLOT_END, World

__all__ = ["x"]

NOTE = "钥匙锁家里了，家里有狗 电话13812345678 住3栋2单元501"


async def test_the_offer_carries_the_note_without_room_or_phone(x: World) -> None:
    s, me = x.s, x.resident
    async with x.w.tx() as tx:
        booking = await s.flow.start(tx, me, RANGE_HOOD, SLOT, SLOT_END)
        assert booking is not None
        assert await s.flow.choose_provider(tx, booking, me, "jiejia")
        assert await s.flow.choose_slot(tx, await s.deps.reload(tx, booking.id), me, "keep")
        await s.flow.give_address(
            tx, await s.deps.reload(tx, booking.id), me, Address("3", "2", "501")
        )
        await s.flow.give_note(tx, await s.deps.reload(tx, booking.id), me, NOTE)
        draft = await s.deps.reload(tx, booking.id)
        if draft.step == "door":
            await s.flow.give_door_code(tx, draft, me, None)
        await s.dispatch.confirm(tx, await s.deps.reload(tx, booking.id), me)
    offer = await x.last(x.zhao)
    assert "新订单" in offer.text and "钥匙锁家里了，家里有狗" in offer.text, offer.text
    assert "13812345678" not in offer.text and "501" not in offer.text, offer.text
