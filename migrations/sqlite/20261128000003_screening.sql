-- Only the outcome of a screening is kept, with its date; never the answers.
CREATE TABLE screenings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('clear', 'needs-clearance', 'refer')),
    screened_at TEXT    NOT NULL
);
CREATE INDEX screenings_by_user ON screenings (user_id, id);
