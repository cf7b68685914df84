-- What the console's pages filter and group by, so they answer in well under 100 ms with
-- 10,000 bookings (bench/console_bench.py): the bookings list by service and state (newest
-- first), the Demand page's weeks, the scorecard's rating distribution and the Care page's
-- ladder steps (audit rows of three actions in the last 30 days) and its check-ins by outcome
-- (covering: a month of every elder's check-ins is read without touching the table).
CREATE INDEX bookings_by_service ON bookings(service, status, id);
CREATE INDEX bookings_by_created ON bookings(created_at);
CREATE INDEX ratings_by_stars ON ratings(provider_id, stars);
CREATE INDEX audit_by_action ON audit(action, at);
CREATE INDEX checkins_by_slot_state ON checkins(slot, elder_key, state);
