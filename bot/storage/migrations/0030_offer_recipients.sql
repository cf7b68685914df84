-- Who each offer went to, one row a person (issue 12): "the open offers sent to this person"
-- (a revocation takes them back, the console lists a person's jobs) is a range of this key
-- joined to the offer, instead of reading every open offer and parsing its JSON list.
-- booking_offers.recipients stays as it was (the people in the order they were told); the
-- repository writes both in the transaction that makes the offer.
CREATE TABLE offer_recipients (
    person_id  INTEGER NOT NULL,
    booking_id INTEGER NOT NULL,
    attempt    INTEGER NOT NULL,
    PRIMARY KEY (person_id, booking_id, attempt)
);

-- Backfill from the lists already written.
INSERT OR IGNORE INTO offer_recipients (person_id, booking_id, attempt)
SELECT CAST(j.value AS INTEGER), o.booking_id, o.attempt
  FROM booking_offers o, json_each(o.recipients) j;
