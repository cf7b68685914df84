-- The private line keeps what a resident writes while nobody is assigned (the worker withdrew
-- or did not come and the job is being offered again): to_person is NULL until a worker
-- accepts, who then receives those messages. SQLite cannot drop a NOT NULL, so the table is
-- rebuilt with its rows.
CREATE TABLE booking_thread_new (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES bookings(id),
    from_person INTEGER NOT NULL REFERENCES people(id),
    to_person   INTEGER REFERENCES people(id),
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (chat_id, message_id)
);
INSERT INTO booking_thread_new SELECT * FROM booking_thread;
DROP TABLE booking_thread;
ALTER TABLE booking_thread_new RENAME TO booking_thread;
CREATE INDEX thread_by_booking ON booking_thread(booking_id, id);
