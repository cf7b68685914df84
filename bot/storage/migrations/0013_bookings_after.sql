-- After a job is accepted (issue 13): the worker's arrival promise and lateness, work orders'
-- priority and place, photos attached to a request, and the private line between a resident
-- and their worker (relayed through the bot; numbers masked before they are stored).

-- eta_at: by when the worker promised to arrive (until they say, the slot's end or two hours for
-- as soon as possible); eta_said: 1 once the worker said it themselves (then "师傅几点到" names
-- it); late_at: when that promise (plus grace) passed without an arrival (the resident is asked). priority: a work order's urgent | normal;
-- issue: what is broken (door | water | power | lift | other); place: where, in the resident's
-- words ("3栋1单元大门"): a common area, not a home, so it is not private.
ALTER TABLE bookings ADD COLUMN eta_at TEXT;
ALTER TABLE bookings ADD COLUMN eta_said INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN late_at TEXT;
ALTER TABLE bookings ADD COLUMN priority TEXT;
ALTER TABLE bookings ADD COLUMN issue TEXT;
ALTER TABLE bookings ADD COLUMN place TEXT;

-- Photos a resident attached to a request or work order: copied to the worker who accepts.
CREATE TABLE booking_photos (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES bookings(id),
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (booking_id, chat_id, message_id)
);

-- The private line: every message relayed between resident and worker, for staff's /booking.
-- text is the relayed text with phone numbers and usernames masked ('' for media); kind is
-- text | photo | voice | media. chat_id/message_id: the original, which is what gets copied.
CREATE TABLE booking_thread (
    id          INTEGER PRIMARY KEY,
    booking_id  INTEGER NOT NULL REFERENCES bookings(id),
    from_person INTEGER NOT NULL REFERENCES people(id),
    to_person   INTEGER NOT NULL REFERENCES people(id),
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX thread_by_booking ON booking_thread(booking_id, id);
