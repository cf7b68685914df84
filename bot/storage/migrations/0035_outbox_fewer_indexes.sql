-- Fewer outbox indexes (issue 12): every index a row is in is one more page written to the
-- WAL when the row is queued, when the sender claims it and when it is recorded sent.
--   outbox_by_status (status) held every row, sent ones included, and without ANALYZE
--       SQLite chose it over the partial indexes for every look-up by status, so those were
--       written and never read. The sender's queries use the partial indexes below; the
--       rare look-ups among sent rows (an edit whose message id is lost, a revoked person's
--       messages) read the table as they read nearly all of it through this index.
--   outbox_lane (chat_id, id) pending rows by chat, a second copy of outbox_ready: one
--       chat's next rows are read from outbox_ready after the lane's last id (the pending
--       rows only), which happens only for a chat with more queued than its lane holds.
--   outbox_uncertain: the edits whose answer was lost, looked up before an edit is sent
--       again as a new message; written only when a row ends uncertain.
-- Left: outbox_ready (pending by id), outbox_in_flight (claimed, read at start),
-- outbox_sent_by_time (retention), the dedupe key's unique index.
DROP INDEX IF EXISTS outbox_by_status;
DROP INDEX IF EXISTS outbox_lane;
CREATE INDEX outbox_uncertain ON outbox(id) WHERE status = 'uncertain';
