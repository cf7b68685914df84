-- The setup staff edit while the bot runs (issue 15): one row per section of the community
-- file that moved into the database (staff, housekeepers, providers, elders, notices), its
-- entries as JSON. Seeded from the community file when empty; `version` grows with every
-- change, so another process (`concierge import`) is noticed by the running bot.
CREATE TABLE setup (
    section TEXT PRIMARY KEY,
    body    TEXT NOT NULL,
    version INTEGER NOT NULL
);
