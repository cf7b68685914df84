-- Incidents: an elder's help call or an emergency written in any chat. One state machine
-- (bot/domain/incidents/model.py): open -> acknowledged / support -> closed, closed only when a
-- grid worker or staff confirm the person is safe. The timeline is the audit trail of
-- subject 'incident:<id>'.
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,              -- help_call | fall | medical | gas | fire | lift | flood | help
    state        TEXT NOT NULL,              -- open | acknowledged | support | closed
    subject_name TEXT NOT NULL,              -- the elder's or the writer's name
    elder_key    TEXT,                       -- set for an enrolled elder's help call
    reporter_id  INTEGER,                    -- people.id of whoever raised it
    chat_id      INTEGER NOT NULL,           -- where it was raised
    chat_title   TEXT NOT NULL DEFAULT '',   -- the group's title ('' for a private chat)
    message_id   INTEGER,                    -- the message that raised it, if any
    cause        TEXT NOT NULL,              -- pressed | wrote | media | support
    words        TEXT NOT NULL DEFAULT '',   -- what the person wrote (private: never in groups or logs)
    address      TEXT NOT NULL DEFAULT '',   -- private: shown only to responders in private chats
    round        INTEGER NOT NULL DEFAULT 0, -- escalation rounds without an acknowledgement
    created_at   TEXT NOT NULL,
    closed_at    TEXT,
    closed_by    INTEGER,
    note         TEXT
);
CREATE INDEX incidents_open ON incidents(state, elder_key);

-- Everyone on an incident: told when it opens or escalates, and of every later step.
CREATE TABLE incident_people (
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    chat_id     INTEGER NOT NULL,
    role        TEXT NOT NULL,               -- subject | family | grid_worker | responder | staff
    ref         TEXT NOT NULL DEFAULT '',    -- housekeeper key for grid_worker / responder
    acked_at    TEXT,
    PRIMARY KEY (incident_id, chat_id)
);
