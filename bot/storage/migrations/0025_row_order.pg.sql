-- 0025_row_order.sql on PostgreSQL: the same columns, numbered without a rowid.
ALTER TABLE checkin_alerted ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE checkin_alerted SET seq = numbered.n
  FROM (SELECT checkin_id AS c, chat_id AS k, row_number() OVER (ORDER BY checkin_id) AS n
          FROM checkin_alerted) AS numbered
 WHERE checkin_id = numbered.c AND chat_id = numbered.k;
ALTER TABLE incident_people ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE incident_people SET seq = numbered.n
  FROM (SELECT incident_id AS i, chat_id AS k, row_number() OVER (ORDER BY incident_id) AS n
          FROM incident_people) AS numbered
 WHERE incident_id = numbered.i AND chat_id = numbered.k;
ALTER TABLE misses ADD COLUMN id BIGINT;
UPDATE misses SET id = numbered.n
  FROM (SELECT text AS t, row_number() OVER (ORDER BY last_at, text) AS n FROM misses) AS numbered
 WHERE text = numbered.t;
CREATE UNIQUE INDEX misses_by_id ON misses(id);
