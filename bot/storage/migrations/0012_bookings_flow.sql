-- Fast, urgent and everyday booking (issue 13).
--
-- asap: dispatched at once with the service's response window, no slot (slot_start NULL).
-- units: days of a per-day service ("出差两天": 2), priced units x price.
-- wanted_day: the first day a request named without an hour ("后天"); the time step asks for
--   the hour on it (a booking never starts at midnight by default). NULL once a slot is set.
-- proposed_start/proposed_end: a new time the resident asked for, waiting for the assigned
--   worker's yes or no; proposal counts the proposals, so an older one's buttons are stale.
ALTER TABLE bookings ADD COLUMN asap INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN units INTEGER NOT NULL DEFAULT 1;
ALTER TABLE bookings ADD COLUMN wanted_day TEXT;
ALTER TABLE bookings ADD COLUMN proposed_start TEXT;
ALTER TABLE bookings ADD COLUMN proposed_end TEXT;
ALTER TABLE bookings ADD COLUMN proposal INTEGER NOT NULL DEFAULT 0;

-- How the request said its time, so the private booking keeps it: as soon as possible, days
-- without an hour (then when_start/when_end bound the days), and how many days of care.
ALTER TABLE requests ADD COLUMN when_asap INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN when_has_time INTEGER NOT NULL DEFAULT 1;
ALTER TABLE requests ADD COLUMN when_days INTEGER NOT NULL DEFAULT 1;
