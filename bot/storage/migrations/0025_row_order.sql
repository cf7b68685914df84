-- Orders that relied on SQLite's rowid, as columns both stores have (PostgreSQL has no rowid).
--   checkin_alerted.seq, incident_people.seq   the order chats were told, within one
--       check-in or incident (the repository writes max + 1 of that check-in's or incident's)
--   misses.id                                  a miss's number for the corrections console
--       (the repository writes max + 1), unique
ALTER TABLE checkin_alerted ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE checkin_alerted SET seq = rowid;
ALTER TABLE incident_people ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE incident_people SET seq = rowid;
ALTER TABLE misses ADD COLUMN id INTEGER;
UPDATE misses SET id = rowid;
CREATE UNIQUE INDEX misses_by_id ON misses(id);
