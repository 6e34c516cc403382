-- The length of each user's last rest: the default for their next `/rest start`.
CREATE TABLE rest_defaults (
    user_id           BIGINT  PRIMARY KEY NOT NULL,
    last_rest_seconds INTEGER NOT NULL CHECK (last_rest_seconds > 0)
);
