-- A rest started where the bot is not a member (a user install): its countdown is the
-- interaction's own answer and its ping a follow-up through the interaction's token, never
-- a post in the channel.
ALTER TABLE rest_timers ADD COLUMN via_interaction BOOLEAN NOT NULL DEFAULT FALSE;
