-- What ranking providers needs, kept current: one row per provider, updated in the transaction
-- that answers an offer or writes a rating (bot/domain/bookings/repo.py), so ranking reads a
-- handful of rows instead of scanning every offer and rating.
--   ratings, stars      how many ratings and the sum of their stars (average = stars / ratings)
--   accepts             how many offers the provider accepted
--   response_minutes    JSON {"<minutes>": count}: how long each accept took, to the nearest
--                       minute (at least 1); the typical response is the median of it
CREATE TABLE provider_stats (
    provider_id      TEXT COLLATE "C" PRIMARY KEY,
    ratings          BIGINT NOT NULL DEFAULT 0,
    stars            BIGINT NOT NULL DEFAULT 0,
    accepts          BIGINT NOT NULL DEFAULT 0,
    response_minutes TEXT COLLATE "C" NOT NULL DEFAULT '{}'
);

-- Backfill from the history, as 0009_provider_stats.sql does (json_object_agg for SQLite's
-- json_group_object; julianday is the store's compatibility function, bot/storage/dialect.py).
INSERT INTO provider_stats (provider_id, accepts, response_minutes)
SELECT provider_id, SUM(n), json_object_agg(minutes, n)::text
  FROM (SELECT provider_id,
               GREATEST(1, TRUNC((julianday(answered_at) - julianday(offered_at)) * 1440 + 0.5)
                           ::BIGINT) AS minutes,
               COUNT(*) AS n
          FROM booking_offers
         WHERE outcome IN ('accepted', 'withdrawn') AND answered_at IS NOT NULL
         GROUP BY provider_id, minutes) AS answered
 GROUP BY provider_id;

INSERT INTO provider_stats (provider_id, ratings, stars)
SELECT provider_id, COUNT(*), SUM(stars) FROM ratings GROUP BY provider_id
    ON CONFLICT (provider_id) DO UPDATE SET ratings = excluded.ratings, stars = excluded.stars;
