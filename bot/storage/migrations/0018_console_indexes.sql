-- What the console's pages filter and group by, so they answer in well under 100 ms with
-- 10,000 bookings (bench/console_bench.py): the bookings list by service and state (newest
-- first), and the Demand page's weeks.
CREATE INDEX bookings_by_service ON bookings(service, status, id);
CREATE INDEX bookings_by_created ON bookings(created_at);
