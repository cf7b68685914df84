-- The last message sent to a chat (bot.outbox.Outbox.last_sent_key: the private line asks it
-- for a resident's private message, "is this an answer to a relayed message?") was found by
-- walking the outbox back from its newest row until that chat's turned up: every row kept
-- (sent rows stay 30 days) for someone not written to lately, ~25 ms at 100,000 rows, on the
-- event loop (issue 12). One entry per send; a row's status changes do not touch it.
CREATE INDEX outbox_sends_by_chat ON outbox(chat_id, id) WHERE method = 'send';
