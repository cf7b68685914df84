-- The staff web console (bot/domain/console, bot/web): one-time login links and sessions (only
-- hashes of their tokens are kept), and who staff revoked. Prices and the setup the console
-- edits live in `setup` (0016) and change through the setup service.

-- A login link /console sent: short-lived, used once.
CREATE TABLE console_logins (
    token_hash  TEXT PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- A browser signed in: the cookie's token (hashed) and the CSRF token its forms carry.
CREATE TABLE console_sessions (
    token_hash  TEXT PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    csrf        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX console_sessions_by_expiry ON console_sessions(expires_at);

-- A person staff revoked (setup.revoke): the outbox queues nothing for their private chat and
-- their button presses change nothing, whichever feature wrote to them before; ended when they
-- are given a working role again (a new invite redeemed, or staff add them back to the setup).
CREATE TABLE revocations (
    telegram_id INTEGER PRIMARY KEY,
    revoked_at  TEXT NOT NULL
);
