-- Users, their settings, and server settings.
-- Discord IDs are snowflakes below 2^63, stored as signed 64-bit integers.
CREATE TABLE users (
    user_id    BIGINT PRIMARY KEY NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE user_settings (
    user_id    BIGINT PRIMARY KEY NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    units      TEXT   NOT NULL DEFAULT 'kg' CHECK (units IN ('kg', 'lb')),
    -- Smallest load step in the user's units; NULL means the default for those units.
    load_step  DOUBLE PRECISION CHECK (load_step IS NULL OR load_step > 0),
    time_zone  TEXT   NOT NULL DEFAULT 'UTC',
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE guild_settings (
    guild_id       BIGINT PRIMARY KEY NOT NULL,
    ask_channel_id BIGINT,
    updated_at     TIMESTAMPTZ NOT NULL
);
