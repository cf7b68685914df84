-- Delivery states (issue 11) and the sender's in-memory queue (issue 12).
--
-- outbox.status is now: pending | sending | sent | failed | uncertain | migrated.
--   sending   claimed in a committed transaction just before the Bot API call; a row found
--             'sending' at start was interrupted: an edit goes back to pending (repeating an
--             edit is harmless), a send or copy becomes 'uncertain' (it may have arrived).
--   uncertain Telegram may have taken it but the answer was lost: never resent, counted.
--   migrated  its group became a supergroup; a copy keyed '<key>@<new id>' went there.
-- kind says which failures staff must hear about: '' | alert | offer.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT '';

-- The sender reads new pending rows by id, and one chat's next rows by (chat, id).
CREATE INDEX outbox_ready ON outbox(id) WHERE status = 'pending';
CREATE INDEX outbox_lane ON outbox(chat_id, id) WHERE status = 'pending';
CREATE INDEX outbox_in_flight ON outbox(id) WHERE status = 'sending';
CREATE INDEX outbox_by_status ON outbox(status);

-- A group upgraded to a supergroup: rows written later for the old id go to the new one.
CREATE TABLE chat_migrations (
    old_chat_id INTEGER PRIMARY KEY,
    new_chat_id INTEGER NOT NULL,
    at          TEXT NOT NULL
);

-- The groups repo keeps the binding: the old id stops counting, the new one is bound.
ALTER TABLE groups ADD COLUMN migrated_to INTEGER;
