-- Group rests: roles to ping (`for:@role`), comma-separated role IDs, empty for none.
ALTER TABLE rest_timers ADD COLUMN ping_role_ids TEXT NOT NULL DEFAULT '';
-- An owner's latest rest in a channel: whom they rest with (the Join button).
CREATE INDEX rest_timers_by_owner ON rest_timers (user_id, channel_id, id);
