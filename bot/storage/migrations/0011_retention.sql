-- Retention (bot/storage/retention.py): finished bookkeeping is pruned by age, a batch at a
-- time, through these indexes. Finished deadlines use deadlines_due (status, due_at, id).
CREATE INDEX processed_updates_by_time ON processed_updates(processed_at);
CREATE INDEX outbox_by_status_sent ON outbox(status, sent_at);
