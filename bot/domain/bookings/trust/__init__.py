"""What dispatch remembers about providers: stats, ratings, blocks, flags and suspensions.

Only :mod:`.repo` (SQL, inherited by :class:`bot.domain.bookings.repo.BookingRepo`)."""
