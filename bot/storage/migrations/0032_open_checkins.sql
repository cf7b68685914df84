-- The Today page's check-ins still waiting for an answer or escalated (closed_at IS NULL):
-- without this every refresh read the whole check-ins table (a row per elder per day, so a
-- year of a thousand elders is 365,000 rows) to find the few open ones.
CREATE INDEX checkins_open ON checkins(due_at) WHERE closed_at IS NULL;
