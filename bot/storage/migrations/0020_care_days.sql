-- Days of care (pet sitting for 3 days, issue 13 finding 10): the worker's 已完工 on a day
-- before the last is that day's visit, not the end of the booking. days_done counts the
-- visits finished; the booking is done (and rated) after the last one.
ALTER TABLE bookings ADD COLUMN days_done INTEGER NOT NULL DEFAULT 0;
