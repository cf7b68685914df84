-- A booking for someone else ("帮我妈约个保洁 她住3栋2单元401", issue 13 retest F7): its
-- address is the one the request named (kept on the booking only, never saved as the
-- writer's own), or asked for this booking; the writer's saved address is never used for it.
ALTER TABLE bookings ADD COLUMN for_other INTEGER NOT NULL DEFAULT 0;
