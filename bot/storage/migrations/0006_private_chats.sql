-- Who can be written to privately. Telegram refuses a private message to someone who never
-- opened a chat with the bot ("chat not found"), so an alert to them reaches nobody: such a
-- person must not count as told. Set on the first private update from them.
ALTER TABLE people ADD COLUMN private_since TEXT;

-- Those the bot has already written to successfully, or who redeemed an invite (in private).
UPDATE people SET private_since = created_at
 WHERE telegram_id IN (SELECT chat_id FROM outbox WHERE status = 'sent' AND chat_id > 0)
    OR id IN (SELECT used_by FROM invites WHERE used_by IS NOT NULL);
