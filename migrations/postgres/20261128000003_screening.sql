-- Only the outcome of a screening is kept, with its date; never the answers.
CREATE TABLE screenings (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('clear', 'needs-clearance', 'refer')),
    screened_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX screenings_by_user ON screenings (user_id, id);
