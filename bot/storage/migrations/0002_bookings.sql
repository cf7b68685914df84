-- Bookings and dispatch: a booking from draft to rated job, each offer to a provider, ratings,
-- providers a resident no longer wants, and provider problems staff were told about (once).

-- One row per booking, including the draft being filled in privately (state survives restarts).
-- building/unit/room and door_code are private: never rendered in a group, never logged;
-- door_code is Fernet ciphertext, set to NULL when the job is done or cancelled.
CREATE TABLE bookings (
    id            INTEGER PRIMARY KEY,
    resident_id   INTEGER NOT NULL REFERENCES people(id),
    service       TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'service',   -- service | work_order
    status        TEXT NOT NULL DEFAULT 'draft',     -- draft | offered | accepted | arrived | done | rated | cancelled | unassigned | abandoned
    step          TEXT NOT NULL DEFAULT 'provider',  -- draft step: provider | slot | address | note | door | confirm
    provider_id   TEXT,                              -- the provider the resident chose
    plan          TEXT NOT NULL DEFAULT '[]',        -- JSON: providers to try, in order
    attempt       INTEGER NOT NULL DEFAULT -1,       -- index into plan of the current offer
    assignee_id   INTEGER REFERENCES people(id),     -- the worker who accepted
    slot_start    TEXT,
    slot_end      TEXT,
    building      TEXT,
    unit          TEXT,
    room          TEXT,
    note          TEXT,
    door_code     TEXT,
    late_cancel   INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX bookings_by_resident ON bookings(resident_id, status);
CREATE INDEX bookings_by_status ON bookings(status, id);

-- Each offer (dispatch attempt): who it went to and how it ended.
CREATE TABLE booking_offers (
    booking_id  INTEGER NOT NULL REFERENCES bookings(id),
    attempt     INTEGER NOT NULL,
    provider_id TEXT NOT NULL,
    recipients  TEXT NOT NULL DEFAULT '[]',          -- JSON person ids
    offered_at  TEXT NOT NULL,
    answered_at TEXT,
    outcome     TEXT,                                -- accepted | declined | timeout | withdrawn | cancelled | skipped
    PRIMARY KEY (booking_id, attempt)
);
CREATE INDEX offers_by_provider ON booking_offers(provider_id, outcome);

CREATE TABLE ratings (
    booking_id  INTEGER PRIMARY KEY REFERENCES bookings(id),
    provider_id TEXT NOT NULL,
    resident_id INTEGER NOT NULL REFERENCES people(id),
    stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX ratings_by_provider ON ratings(provider_id);

-- A resident who rated a provider 2 or less is not offered that provider again.
CREATE TABLE provider_blocks (
    resident_id INTEGER NOT NULL REFERENCES people(id),
    provider_id TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (resident_id, provider_id)
);

-- Why a provider is no longer offered (rating floor, licence, insurance); staff told once each.
CREATE TABLE provider_flags (
    provider_id TEXT NOT NULL,
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (provider_id, reason)
);

-- Providers staff suspended (/suspend, /unsuspend): not offered until lifted.
CREATE TABLE provider_suspensions (
    provider_id TEXT PRIMARY KEY,
    by_person   INTEGER NOT NULL REFERENCES people(id),
    at          TEXT NOT NULL
);
