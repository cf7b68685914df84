-- Corrected by the chat (issue 14): the bot's group replies that can be dismissed, and the
-- community's own labelled examples (kept apart from the shipped corpus).

-- One row per reply the bot gave in a group to a message it understood as a request, so its
-- [✖ 不是找服务] button can find what the message was. text is the writer's message with phone
-- numbers and addresses redacted (never logged); writer_id is the Telegram id of its writer
-- (who may dismiss, with staff); token is the request behind the reply's deep link, if any.
-- status: shown | dismissed (compare-and-set: a second press of the button changes nothing).
CREATE TABLE group_replies (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    writer_id   INTEGER NOT NULL,
    text        TEXT NOT NULL,
    intent      TEXT NOT NULL,
    target      TEXT,
    token       TEXT,
    status      TEXT NOT NULL DEFAULT 'shown',
    created_at  TEXT NOT NULL
);
-- Pruned by age (retention.group_replies): an older reply's button then reads as stale.
CREATE INDEX group_replies_by_time ON group_replies(created_at);

-- A request withdrawn by its writer or by staff: its deep link no longer starts anything.
ALTER TABLE requests ADD COLUMN withdrawn_at TEXT;

-- Labelled examples of this community's way of speaking. Only the text (redacted) and labels:
-- no writer, no chat id. guess_*: what the bot understood; intent/target: the label.
-- source: dismissed (a [✖] press) | staff (labelled in /misses from an unmet request);
-- by_role: writer | staff (who gave the label, never who they are); confirmed: 1 once staff
-- confirmed it (staff's own labels are confirmed at once). chat: group | private.
CREATE TABLE community_examples (
    id            INTEGER PRIMARY KEY,
    community     TEXT NOT NULL,
    text          TEXT NOT NULL,
    chat          TEXT NOT NULL DEFAULT 'group',
    guess_intent  TEXT NOT NULL,
    guess_target  TEXT,
    intent        TEXT NOT NULL,
    target        TEXT,
    source        TEXT NOT NULL,
    by_role       TEXT NOT NULL,
    confirmed     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    confirmed_at  TEXT
);
CREATE INDEX community_examples_by_state ON community_examples(community, confirmed, id);
