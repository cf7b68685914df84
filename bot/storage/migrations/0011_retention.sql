-- Retention (bot/storage/retention.py): finished bookkeeping is pruned by age, a batch at a
-- time, through these indexes. Finished deadlines use deadlines_due (status, due_at, id).
-- The outbox index holds sent rows only, so the sender's queries on pending rows never see it.
CREATE INDEX processed_updates_by_time ON processed_updates(processed_at);
CREATE INDEX outbox_sent_by_time ON outbox(sent_at) WHERE status = 'sent';
