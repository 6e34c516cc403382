-- Rest countdowns. A row goes pending -> claimed -> sent | failed, or pending -> canceled;
-- a claim holds a lease (claimed_by, claimed_until) so that a process that dies mid-send is
-- replaced by another after the lease, and no timer is announced twice.
CREATE TABLE rest_timers (
    id                   BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id              BIGINT  NOT NULL,
    channel_id           BIGINT  NOT NULL,
    guild_id             BIGINT,
    ends_at_ms           BIGINT  NOT NULL,
    label                TEXT,
    next_set             TEXT,
    -- Comma-separated user IDs to ping, the owner first.
    ping_user_ids        TEXT    NOT NULL,
    countdown_message_id BIGINT,
    state                TEXT    NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'claimed', 'sent', 'failed', 'canceled')),
    claimed_by           TEXT,
    claimed_until        BIGINT,
    sent_message_id      BIGINT,
    failure              TEXT,
    created_at_ms        BIGINT  NOT NULL
);
-- One running rest per user per channel.
CREATE UNIQUE INDEX rest_timers_one_pending ON rest_timers (user_id, channel_id)
    WHERE state = 'pending';
CREATE INDEX rest_timers_due ON rest_timers (state, ends_at_ms);
CREATE INDEX rest_timers_by_channel ON rest_timers (channel_id, state);
