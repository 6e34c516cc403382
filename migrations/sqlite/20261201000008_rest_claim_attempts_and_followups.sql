-- How often a timer was claimed. A claim whose process died mid-send (or keeps dying on
-- this row) is taken over after its lease; after a few tries the row is marked failed, so
-- one bad row can never come back after every restart.
ALTER TABLE rest_timers ADD COLUMN claim_attempts INTEGER NOT NULL DEFAULT 0;
-- The token of the interaction that started the rest, while Discord accepts follow-ups
-- through it (15 minutes): a ping that cannot be posted is then told to its owner privately.
ALTER TABLE rest_timers ADD COLUMN followup_token TEXT;
ALTER TABLE rest_timers ADD COLUMN followup_until_ms BIGINT;
