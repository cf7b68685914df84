-- Core: people and roles, invites, groups, the outbox, deadlines, audit, update idempotency.

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    telegram_id  INTEGER NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    language     TEXT NOT NULL DEFAULT 'zh',
    language_set INTEGER NOT NULL DEFAULT 0,   -- 1 once chosen with /language
    created_at   TEXT NOT NULL
);

-- A person may hold several roles; ref names the config object (housekeeper key, provider id,
-- elder key) the role is about, or '' when none.
CREATE TABLE roles (
    person_id INTEGER NOT NULL REFERENCES people(id),
    role      TEXT NOT NULL,
    ref       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, role, ref)
);
CREATE INDEX roles_by_ref ON roles(role, ref);

-- Private to the resident: never rendered in a group, never logged.
CREATE TABLE addresses (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    building  TEXT NOT NULL,
    unit      TEXT NOT NULL,
    room      TEXT NOT NULL
);

-- What the bot is waiting for a person to type next (survives restarts).
CREATE TABLE pending_input (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    kind      TEXT NOT NULL,
    data      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE invites (
    token      TEXT PRIMARY KEY,
    role       TEXT NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by    INTEGER,
    used_at    TEXT
);

CREATE TABLE groups (
    chat_id        INTEGER PRIMARY KEY,
    title          TEXT NOT NULL DEFAULT '',
    bound          INTEGER NOT NULL DEFAULT 0,
    bound_by       INTEGER,
    bound_at       TEXT,
    told_unbound   INTEGER NOT NULL DEFAULT 0
);

-- Every message the bot will send. Written in the same transaction as the state change that
-- causes it; delivered once by the sender. dedupe_key makes enqueueing idempotent.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    dedupe_key  TEXT NOT NULL UNIQUE,
    chat_id     INTEGER NOT NULL,
    method      TEXT NOT NULL,             -- send | edit
    payload     TEXT NOT NULL,             -- JSON
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending | sent | failed
    not_before  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    message_id  INTEGER,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX outbox_pending ON outbox(status, not_before, id);

-- Every deadline lives here; the scheduler only wakes the runner.
CREATE TABLE deadlines (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,            -- deterministic, e.g. checkin:elder_wang:2026-11-28T08:30
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    due_at     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending', -- pending | done | cancelled
    done_at    TEXT
);
CREATE INDEX deadlines_due ON deadlines(status, due_at, id);

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_subject ON audit(subject, id);

CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL
);

-- The learning loop: request-like messages that matched nothing (text only, no user data).
CREATE TABLE misses (
    text       TEXT PRIMARY KEY,
    count      INTEGER NOT NULL DEFAULT 1,
    last_at    TEXT NOT NULL
);

-- A request recognised in a group, waiting for the resident to continue in private through a
-- deep link. Only parsed fields are kept: never the message text.
CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    token       TEXT NOT NULL UNIQUE,
    telegram_id INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    intent      TEXT NOT NULL,
    target      TEXT,
    when_start  TEXT,
    when_end    TEXT,
    duration_s  INTEGER,
    created_at  TEXT NOT NULL
);
