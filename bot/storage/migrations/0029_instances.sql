-- Several instances on one PostgreSQL (issue 16). A webhook delivery is claimed by one
-- instance (claimed_by) until lease_until: a claim whose lease ran out belonged to an
-- instance that died, and is taken again; an instance's own claims (same instance id: it
-- restarted) are freed when it starts. chat_key is the chat the update is about (NULL when
-- it has none): a chat's updates are handled in order, never two of one chat at once.
-- Deadlines are claimed by a row lock inside the transaction that handles them; the index
-- lets the runner check cheaply that no earlier pending deadline of the same object is held
-- elsewhere (an elder's ladder steps run in order even when two instances catch up).
ALTER TABLE webhook_inbox ADD COLUMN chat_key INTEGER;
ALTER TABLE webhook_inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE webhook_inbox ADD COLUMN lease_until TEXT;
CREATE INDEX webhook_inbox_chat ON webhook_inbox (chat_key, update_id);
CREATE INDEX deadlines_pending_ref ON deadlines (ref, due_at, id) WHERE status = 'pending';
