-- The planner plans incrementally (bot/domain/checkins/planning.py).
--   elders.planned_day   the local day whose pings (yesterday..tomorrow) and next visit were
--                        last planned for this elder; '' = plan her again (new, changed,
--                        resumed). Each round plans a small batch of elders whose day is past.
--   planner_marks        what the planner last planned from, e.g. a fingerprint of the
--                        community file's elders, so an unchanged file is not synced again.
ALTER TABLE elders ADD COLUMN planned_day TEXT NOT NULL DEFAULT '';
CREATE INDEX elders_to_plan ON elders(planned_day, key);
CREATE INDEX elders_by_worker ON elders(grid_worker);

CREATE TABLE planner_marks (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
