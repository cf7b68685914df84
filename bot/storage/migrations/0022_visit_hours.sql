-- Hours asked of a service priced per visit ("陪护4个小时", issue 13 finding 12): the visit is
-- that long whatever time is then chosen; the price stays one visit. NULL: not said (the part
-- of the day, or two hours). An hourly service keeps its hours as its units.
ALTER TABLE bookings ADD COLUMN hours INTEGER;
