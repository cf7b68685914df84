-- Welfare check-ins: enrolled elders, daily check-ins and their ladder, who was alerted, visits.

-- Elders from the community file (synced at start) and those staff enrolled with /enroll.
-- address is private: only the grid worker and staff see it, in private chats.
CREATE TABLE elders (
    key          TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    address      TEXT NOT NULL DEFAULT '',
    times        TEXT NOT NULL,                  -- "08:30,18:00" in the community's timezone
    grid_worker  TEXT NOT NULL,                  -- housekeeper key
    risk         TEXT NOT NULL DEFAULT 'normal', -- high | normal
    has_telegram INTEGER NOT NULL DEFAULT 1,     -- 0: checked by proxy through the grid worker
    source       TEXT NOT NULL DEFAULT 'file',   -- file | staff
    paused_from  TEXT,
    paused_until TEXT,
    created_at   TEXT NOT NULL
);

-- One row per elder per check-in time per day; state walks the ladder.
-- pinged -> reminded -> grid -> escalated, or help; closed as fine (or skipped when paused).
CREATE TABLE checkins (
    id         INTEGER PRIMARY KEY,
    elder_key  TEXT NOT NULL REFERENCES elders(key),
    slot       TEXT NOT NULL,                    -- local "YYYY-MM-DDTHH:MM"
    due_at     TEXT NOT NULL,
    state      TEXT NOT NULL,
    proxy      INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    closed_at  TEXT,
    closed_by  TEXT,
    UNIQUE (elder_key, slot)
);
CREATE INDEX checkins_by_slot ON checkins(slot);

-- Everyone told about a check-in (grid worker, family, staff): they get the all-clear.
CREATE TABLE checkin_alerted (
    checkin_id INTEGER NOT NULL REFERENCES checkins(id),
    chat_id    INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, chat_id)
);

-- Non-task visits (非任务性探望) by the grid worker, with a short report for family.
CREATE TABLE visits (
    id         INTEGER PRIMARY KEY,
    elder_key  TEXT NOT NULL REFERENCES elders(key),
    due_at     TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'scheduled',  -- scheduled | missed | done
    mood       TEXT,
    note       TEXT,
    done_by    INTEGER,
    done_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX visits_open ON visits(elder_key, state);

-- A family member asking to follow an elder; the elder (or staff) approves with a button.
CREATE TABLE family_requests (
    id         INTEGER PRIMARY KEY,
    elder_key  TEXT NOT NULL REFERENCES elders(key),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    state      TEXT NOT NULL DEFAULT 'pending',   -- pending | approved | refused
    created_at TEXT NOT NULL,
    decided_by INTEGER,
    UNIQUE (elder_key, person_id)
);
