-- One-rep maxes (every entry kept, so history can be charted) and planned/completed sessions.
CREATE TABLE one_rep_maxes (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT  NOT NULL,
    -- Built-in exercise key, or "custom:" + the lower-cased name.
    exercise_key  TEXT    NOT NULL,
    exercise_name TEXT    NOT NULL,
    value_kg      DOUBLE PRECISION NOT NULL CHECK (value_kg > 0),
    unit_entered  TEXT    NOT NULL CHECK (unit_entered IN ('kg', 'lb')),
    source        TEXT    NOT NULL CHECK (source IN ('entered', 'estimated')),
    -- For estimates: the set it was estimated from.
    reps          INTEGER,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX one_rep_maxes_by_user_exercise ON one_rep_maxes (user_id, exercise_key, id);

CREATE TABLE training_sessions (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT  NOT NULL,
    exercise_key   TEXT    NOT NULL,
    exercise_name  TEXT    NOT NULL,
    protocol       TEXT    NOT NULL,
    load_kg        DOUBLE PRECISION NOT NULL,
    -- The 1RM the load was planned from, and the limb the wrap goes on.
    one_rep_max_kg DOUBLE PRECISION NOT NULL,
    limb           TEXT    NOT NULL CHECK (limb IN ('arm', 'leg')),
    -- Planned reps per set, e.g. "30,15,15,15".
    planned_reps   TEXT    NOT NULL,
    rest_seconds   INTEGER NOT NULL,
    sets_done      INTEGER NOT NULL DEFAULT 0,
    total_reps     INTEGER,
    created_at     TIMESTAMPTZ NOT NULL,
    completed_at   TIMESTAMPTZ
);
CREATE INDEX training_sessions_by_user ON training_sessions (user_id, completed_at);
