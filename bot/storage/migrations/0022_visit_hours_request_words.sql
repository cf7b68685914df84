-- Hours asked of a service priced per visit ("陪护4个小时", issue 13 finding 12): the visit is
-- that long whatever time is then chosen; the price stays one visit. NULL: not said (the part
-- of the day, or two hours). An hourly service keeps its hours as its units.
ALTER TABLE bookings ADD COLUMN hours INTEGER;

-- A group request keeps its writer's words (issue 13 finding 11: "厨房水槽堵了，2号楼"), read
-- only when that writer continues in private: they become the booking's note, so the worker
-- who accepts sees the problem as it was told, not only the service's name.
ALTER TABLE requests ADD COLUMN words TEXT;
