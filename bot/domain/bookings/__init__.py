"""Bookings: from a recognised request to a finished, rated job, with dispatch and its backstop.

A booking is a row from the first tap: the draft (provider, slot, address, note, door code)
lives in the database so it survives restarts. Confirming builds the dispatch plan: the chosen
provider, the other eligible ones, then the property's own team (物业兜底); each offer has a
response window kept as a deadline, and when the plan runs out staff are alerted.

Rooms: :mod:`.model` (pure states, transitions, policies), :mod:`.repo` (the only SQL),
:mod:`.contract` (button actions, deadline kinds, pending answers), :mod:`.messages` (texts and
keyboards), and the use cases (:mod:`.flow`, :mod:`.dispatch`, :mod:`.jobs`,
:mod:`.cancelling`, :mod:`.providers`) wired in :mod:`.service`. Every use case writes its
messages into the outbox and an audit event in the caller's transaction; nothing here talks to
Telegram, nothing here logs private data.
"""

from bot.domain.bookings.model import Booking, Status
from bot.domain.bookings.service import BookingService, build

__all__ = ["Booking", "BookingService", "Status", "build"]
