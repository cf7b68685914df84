-- A service a resident asked for that no provider could take (none offers it, every one is
-- suspended, or no worker has joined): one row per service, person and local day, so asking
-- again the same day counts once. Read by /misses ("无人提供 ×N"), the console's Demand page
-- and the weekly report ("N residents asked for X, nobody offers it"); kept apart from the
-- misses table, which holds texts nothing understood.
CREATE TABLE unserved_asks (
    service   TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    day       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (service, person_id, day)
);
CREATE INDEX unserved_asks_by_at ON unserved_asks(at);
