-- Messages the bot answered (issue 11). Telegram sends an edit as a new update; an edit of a
-- message listed here is not read again (one answer per message). An edit of a message without
-- a row is read like a new message. update_id: the update whose handling answered it.
CREATE TABLE answered_messages (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    update_id   INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

-- How often each member of a group was answered lately, so one member flooding a group gets
-- one answer and one acknowledgement per window (bot/domain/requests/model.py: Pacing).
CREATE TABLE group_pace (
    chat_id      INTEGER NOT NULL,
    telegram_id  INTEGER NOT NULL,
    since        TEXT NOT NULL,
    answered     INTEGER NOT NULL,
    acknowledged INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, telegram_id)
);
