-- Who each offer went to, one row a person, as 0033_offer_recipients.sql
-- (jsonb_array_elements_text for SQLite's json_each).
CREATE TABLE offer_recipients (
    person_id  BIGINT NOT NULL,
    booking_id BIGINT NOT NULL,
    attempt    BIGINT NOT NULL,
    PRIMARY KEY (person_id, booking_id, attempt)
);

INSERT INTO offer_recipients (person_id, booking_id, attempt)
SELECT DISTINCT j.value::BIGINT, o.booking_id, o.attempt
  FROM booking_offers o, jsonb_array_elements_text(o.recipients::jsonb) AS j(value)
    ON CONFLICT DO NOTHING;
