-- What an elder last wrote when no check-in of hers was waiting (one row per elder, replaced
-- by each such message): a reply written shortly before the day's greeting ("不好" at 08:11,
-- the greeting at 08:30) is the day's answer, read by the same reply table
-- (bot/domain/checkins/replies.py), instead of being ignored while the ladder runs on.
-- reply: fine | not_well | hospital | unclear; told = 1 when a human was already asked to
-- follow up when she wrote it (so the greeting's time asks nobody twice).
CREATE TABLE elder_words (
    elder_key TEXT PRIMARY KEY REFERENCES elders(key),
    wrote_at  TEXT NOT NULL,
    reply     TEXT NOT NULL,
    words     TEXT NOT NULL DEFAULT '',
    told      INTEGER NOT NULL DEFAULT 0
);
