-- Group workouts of a challenge (/challenge session): one leader paces the sets, one rest
-- pings everyone in, and the finish credits every participant. Instants are Unix ms.
CREATE TABLE challenge_group_sessions (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id    BIGINT  NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    leader_id       BIGINT  NOT NULL,
    exercise_key    TEXT    NOT NULL,
    exercise_name   TEXT    NOT NULL,
    protocol        TEXT    NOT NULL,
    -- The percent of 1RM the plan used: each participant's load is this share of their own.
    percent         DOUBLE PRECISION NOT NULL,
    limb            TEXT    NOT NULL CHECK (limb IN ('arm', 'leg')),
    -- Planned reps per set, e.g. "30,15,15,15".
    planned_reps    TEXT    NOT NULL,
    rest_seconds    INTEGER NOT NULL,
    sets_done       INTEGER NOT NULL DEFAULT 0,
    created_at_ms   BIGINT  NOT NULL,
    completed_at_ms BIGINT
);
CREATE INDEX challenge_group_sessions_by_challenge ON challenge_group_sessions (challenge_id);

CREATE TABLE challenge_group_participants (
    group_session_id BIGINT  NOT NULL
        REFERENCES challenge_group_sessions (id) ON DELETE CASCADE,
    user_id          BIGINT  NOT NULL,
    joined_at_ms     BIGINT  NOT NULL,
    -- Sets already done when they joined: only the sets after it are credited to them.
    joined_after_set INTEGER NOT NULL,
    PRIMARY KEY (group_session_id, user_id)
);
