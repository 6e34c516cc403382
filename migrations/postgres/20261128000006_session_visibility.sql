-- Whether the workout card was shared in the channel: only then may the public rest
-- countdown name the next set's load.
ALTER TABLE training_sessions ADD COLUMN public BOOLEAN NOT NULL DEFAULT FALSE;
