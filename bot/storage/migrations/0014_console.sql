-- The staff web console (bot/domain/console, bot/web): one-time login links and sessions (only
-- hashes of their tokens are kept), price changes made in the console, and revocations.

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

-- An offer's price changed in the console; the catalogue reads it instead of the file's.
CREATE TABLE price_overrides (
    provider_id TEXT NOT NULL,
    service     TEXT NOT NULL,
    price       REAL NOT NULL,
    changed_by  INTEGER NOT NULL,
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (provider_id, service)
);

-- A housekeeper or provider member whose role staff revoked: the community file's links do
-- not grant it again, and the bot sends them nothing more (until a new invite is redeemed).
CREATE TABLE revocations (
    telegram_id INTEGER NOT NULL,
    role        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    revoked_by  INTEGER NOT NULL,
    revoked_at  TEXT NOT NULL,
    PRIMARY KEY (telegram_id, role, ref)
);
