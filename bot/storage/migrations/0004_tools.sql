-- The shared tool cabinet (units, loans, waitlist) and one-off community notices.

-- One row per physical item. Units from the community file are synced at start (source 'file',
-- seq 1..units); staff can add more (source 'staff'). version grows on every state change so a
-- button made for one state cannot act on another.
CREATE TABLE tool_units (
    id       INTEGER PRIMARY KEY,
    tool_id  TEXT NOT NULL,
    seq      INTEGER NOT NULL,                 -- shown as #seq
    source   TEXT NOT NULL DEFAULT 'file',     -- file | staff
    state    TEXT NOT NULL DEFAULT 'free',     -- free | reserved | lent | broken | retired
    version  INTEGER NOT NULL DEFAULT 0,
    note     TEXT NOT NULL DEFAULT '',         -- why it is broken / retired (staff note)
    UNIQUE (tool_id, seq)
);
CREATE INDEX tool_units_by_state ON tool_units(tool_id, state, seq);

-- A reservation that may become a loan. origin makes a reserve button one-shot.
CREATE TABLE tool_loans (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES tool_units(id),
    tool_id      TEXT NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    origin       TEXT UNIQUE,
    status       TEXT NOT NULL DEFAULT 'reserved', -- reserved | lent | returned | cancelled | expired
    reserved_at  TEXT NOT NULL,
    hold_until   TEXT NOT NULL,
    lent_at      TEXT,
    due_at       TEXT,
    returned_at  TEXT,
    extended     INTEGER NOT NULL DEFAULT 0,
    overdue      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tool_loans_by_person ON tool_loans(person_id, status);
CREATE INDEX tool_loans_by_unit ON tool_loans(unit_id, status);

CREATE TABLE tool_waitlist (
    id        INTEGER PRIMARY KEY,
    tool_id   TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id),
    joined_at TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'waiting'    -- waiting | served | left
);
CREATE UNIQUE INDEX tool_waitlist_once ON tool_waitlist(tool_id, person_id)
    WHERE status = 'waiting';

-- One-off notices staff scheduled with /notice (recurring ones come from the community file).
CREATE TABLE notices (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL,
    post_at    TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'scheduled'  -- scheduled | posted | skipped
);
