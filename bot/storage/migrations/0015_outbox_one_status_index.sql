-- outbox_pending (status, not_before, id) serves no query: nothing reads not_before, and a
-- look-up by status alone uses outbox_by_status. Every queued message and every change of its
-- status updated both; one is enough.
DROP INDEX IF EXISTS outbox_pending;
