-- The price the resident confirmed (issue 15 retest, finding 2): whole fen and its unit, kept
-- on the booking at confirmation. A re-dispatch or a staff assignment to another provider
-- quotes this price to the next worker and to the resident, not the chosen provider's price
-- as edited since, nor the new provider's. NULL: no price (a work order, a service nobody
-- prices) or a booking confirmed before this migration (then the chosen provider's price).
ALTER TABLE bookings ADD COLUMN agreed_fen INTEGER;
ALTER TABLE bookings ADD COLUMN agreed_unit_zh TEXT;
ALTER TABLE bookings ADD COLUMN agreed_unit_en TEXT;

-- Which working roles staff revoked, and from whom (issue 15 retest, finding 4): a grid worker
-- whose housekeeper was revoked is described as revoked ("已被撤销"), not as someone who has
-- not joined the bot yet, in the daily gap warning and the escalation staff receive.
CREATE TABLE revoked_roles (
    role        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    telegram_id INTEGER NOT NULL,
    revoked_at  TEXT NOT NULL,
    PRIMARY KEY (role, ref, telegram_id)
);
