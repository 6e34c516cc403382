-- Group rests may ping roles (`for:@role`): comma-separated role IDs, empty for none.
ALTER TABLE rest_timers ADD COLUMN ping_role_ids TEXT NOT NULL DEFAULT '';
