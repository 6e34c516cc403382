-- Group challenges. Instants are Unix milliseconds (as in rest_timers), so claims and due
-- times compare the same way on both backends.
ALTER TABLE guild_settings ADD COLUMN coach_role_id BIGINT;

CREATE TABLE challenges (
    id                      BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id                BIGINT  NOT NULL,
    channel_id              BIGINT  NOT NULL,
    creator_id              BIGINT  NOT NULL,
    name                    TEXT    NOT NULL,
    -- The name folded for comparison: unique among the guild's open challenges.
    name_key                TEXT    NOT NULL,
    metric                  TEXT    NOT NULL CHECK (metric IN
        ('sessions', 'reps', 'volume', 'streak', 'improvement', 'team-goal')),
    -- The exercise of an improvement challenge.
    exercise_key            TEXT,
    exercise_name           TEXT,
    team_target             INTEGER,
    starts_at_ms            BIGINT  NOT NULL,
    ends_at_ms              BIGINT  NOT NULL,
    ended_early             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at_ms           BIGINT  NOT NULL,
    announcement_message_id BIGINT,
    -- The living leaderboard: one message, edited when due (at most once a minute).
    board_message_id        BIGINT,
    board_due_at_ms         BIGINT,
    board_edited_at_ms      BIGINT,
    -- Scheduled posts done so far; next_post_at_ms is when the next one is due (NULL: none).
    last_week_posted        INTEGER NOT NULL DEFAULT 0,
    final_posted            BOOLEAN NOT NULL DEFAULT FALSE,
    next_post_at_ms         BIGINT,
    -- A poster holding the challenge while it posts; another takes over after the lease.
    claimed_by              TEXT,
    claimed_until_ms        BIGINT
);
CREATE UNIQUE INDEX challenges_open_name ON challenges (guild_id, name_key)
    WHERE final_posted = FALSE;
CREATE INDEX challenges_by_guild ON challenges (guild_id, ends_at_ms);
CREATE INDEX challenges_board_due ON challenges (board_due_at_ms);
CREATE INDEX challenges_post_due ON challenges (next_post_at_ms);

-- Members and their current score, kept up to date on every credit so a leaderboard reads
-- one row per member instead of every entry.
CREATE TABLE challenge_members (
    challenge_id  BIGINT  NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL,
    -- "Member #N" for anonymous members; never reused within a challenge.
    number        INTEGER NOT NULL,
    joined_at_ms  BIGINT  NOT NULL,
    visibility    TEXT    NOT NULL CHECK (visibility IN ('public', 'anonymous')),
    ranked        BOOLEAN NOT NULL DEFAULT TRUE,
    -- The name a public member had in the server when joining, for the chart (an image
    -- cannot resolve a mention).
    display_name  TEXT,
    -- Set when the member left: no further credit, no place on the leaderboard.
    left_at_ms    BIGINT,
    -- Improvement: the 1RM (kg) the gain is measured from.
    baseline_kg   DOUBLE PRECISION,
    score         BIGINT  NOT NULL DEFAULT 0,
    reached_at_ms BIGINT  NOT NULL,
    PRIMARY KEY (challenge_id, user_id),
    UNIQUE (challenge_id, number)
);
CREATE INDEX challenge_members_by_user ON challenge_members (user_id);
-- A leaderboard page reads the top members in ranking order without sorting them all.
CREATE INDEX challenge_members_board
    ON challenge_members (challenge_id, score DESC, reached_at_ms, number);

CREATE TABLE challenge_entries (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id BIGINT  NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    user_id      BIGINT  NOT NULL,
    at_ms        BIGINT  NOT NULL,
    amount       BIGINT  NOT NULL CHECK (amount > 0),
    source       TEXT    NOT NULL CHECK (source IN ('workout', 'manual')),
    voided       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX challenge_entries_by_member ON challenge_entries (challenge_id, user_id, at_ms);

-- Every manual log and every void, for moderators.
CREATE TABLE challenge_audit (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    challenge_id BIGINT  NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    entry_id     BIGINT  NOT NULL,
    action       TEXT    NOT NULL CHECK (action IN ('log', 'void')),
    actor_id     BIGINT  NOT NULL,
    member_id    BIGINT  NOT NULL,
    amount       BIGINT  NOT NULL,
    at_ms        BIGINT  NOT NULL
);
CREATE INDEX challenge_audit_by_challenge ON challenge_audit (challenge_id, id);
