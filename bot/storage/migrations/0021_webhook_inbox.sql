-- Webhook mode (issue 16): every delivery is recorded here before Telegram is answered, and
-- removed once handled; rows left by a crash are handled at the next start. claimed_at marks
-- a row being handled (a claim older than the lease is taken back). Portable SQL: the same
-- statement runs on PostgreSQL.
CREATE TABLE webhook_inbox (
    update_id   BIGINT PRIMARY KEY,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    claimed_at  TEXT
);
