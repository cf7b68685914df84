-- PostgreSQL can drop a NOT NULL in place (SQLite rebuilds the table, see 0019_line_held.sql):
-- to_person is NULL until a worker accepts.
ALTER TABLE booking_thread ALTER COLUMN to_person DROP NOT NULL;
