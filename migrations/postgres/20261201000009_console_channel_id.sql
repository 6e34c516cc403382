-- The console's channel was 0, which is no Discord ID and is now refused wherever IDs are
-- read back; it is 1, which no Discord channel ever is either.
UPDATE rest_timers SET channel_id = 1 WHERE channel_id = 0;
