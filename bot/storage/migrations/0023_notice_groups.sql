-- A one-off notice may go to chosen groups only (the console's Notices page, issue 15):
-- chats is a JSON list of chat ids, NULL for every bound group (as before).
ALTER TABLE notices ADD COLUMN chats TEXT;
