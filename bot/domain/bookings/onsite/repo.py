"""The SQL of what happens after the accept: photos attached to a booking and the private line
between resident and worker. (The booking's own columns, the arrival promise and the work
order's priority and place, move through :class:`bot.domain.bookings.repo.BookingRepo`.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock, from_db, to_db
from bot.storage import Tx


@dataclass(frozen=True)
class Photo:
    """A message a resident attached to a booking (a photo), to be copied to the worker."""

    chat_id: int
    message_id: int


@dataclass(frozen=True)
class LineMessage:
    """One message relayed on the private line (text with contacts already masked);
    ``to_person`` is None while it waits for the next worker to accept."""

    from_person: int
    to_person: int | None
    kind: str
    text: str
    at: datetime


class OnsiteRepo:
    """Named reads and writes of booking photos and the private line."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def add_photo(self, tx: Tx, booking_id: int, photo: Photo) -> bool:
        """Attach a photo to a booking; False when it was attached before (a redelivery)."""
        return bool(
            await tx.changes(
                "INSERT OR IGNORE INTO booking_photos (booking_id, chat_id, message_id, at)"
                " VALUES (?, ?, ?, ?)",
                (booking_id, photo.chat_id, photo.message_id, to_db(self._clock.now())),
            )
        )

    async def photos(self, tx: Tx, booking_id: int) -> list[Photo]:
        """The photos attached to a booking, in the order they came."""
        rows = await tx.all(
            "SELECT chat_id, message_id FROM booking_photos WHERE booking_id = ? ORDER BY id",
            (booking_id,),
        )
        return [Photo(int(r["chat_id"]), int(r["message_id"])) for r in rows]

    async def add_line_message(
        self,
        tx: Tx,
        booking_id: int,
        message: LineMessage,
        source: Photo,
    ) -> bool:
        """Keep a relayed message; False when this original was relayed before."""
        m = message
        return bool(
            await tx.changes(
                "INSERT OR IGNORE INTO booking_thread (booking_id, from_person, to_person, kind,"
                " text, chat_id, message_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    booking_id,
                    m.from_person,
                    m.to_person,
                    m.kind,
                    m.text,
                    source.chat_id,
                    source.message_id,
                    to_db(m.at),
                ),
            )
        )

    async def line(self, tx: Tx, booking_id: int) -> list[LineMessage]:
        """The private line of a booking, oldest first (for staff's /booking)."""
        rows = await tx.all(
            "SELECT from_person, to_person, kind, text, at FROM booking_thread"
            " WHERE booking_id = ? ORDER BY id",
            (booking_id,),
        )
        return [
            LineMessage(
                int(r["from_person"]),
                None if r["to_person"] is None else int(r["to_person"]),
                str(r["kind"]),
                str(r["text"]),
                from_db(r["at"]),
            )
            for r in rows
        ]

    async def held(self, tx: Tx, booking_id: int) -> list[tuple[LineMessage, Photo]]:
        """What was written on the line while nobody was assigned, oldest first, with the
        original message (to copy a photo or voice note)."""
        rows = await tx.all(
            "SELECT from_person, kind, text, chat_id, message_id, at FROM booking_thread"
            " WHERE booking_id = ? AND to_person IS NULL ORDER BY id",
            (booking_id,),
        )
        return [
            (
                LineMessage(
                    int(r["from_person"]), None, str(r["kind"]), str(r["text"]), from_db(r["at"])
                ),
                Photo(int(r["chat_id"]), int(r["message_id"])),
            )
            for r in rows
        ]

    async def hand_over(self, tx: Tx, booking_id: int, worker_id: int) -> None:
        """The messages held for the next worker are now theirs."""
        await tx.execute(
            "UPDATE booking_thread SET to_person = ? WHERE booking_id = ? AND to_person IS NULL",
            (worker_id, booking_id),
        )
