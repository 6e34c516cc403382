-- Group rests: roles to ping (`for:@role`), comma-separated role IDs, empty for none.
ALTER TABLE rest_timers ADD COLUMN ping_role_ids TEXT NOT NULL DEFAULT '';
-- The people who rested with an owner lately in a channel (the Join button), for group rests.
CREATE INDEX rest_timers_by_owner ON rest_timers (user_id, channel_id, ends_at_ms);
