//! What the fake Discord received, matched against the timers that should have pinged.

use std::collections::{HashMap, HashSet};

use axum::http::Method;

use crate::clock::ClockAnchor;
use crate::fake_discord::Recorded;

/// What the fake Discord received, checked against the timers.
#[derive(Debug, Default)]
pub(crate) struct PingCount {
    /// Ping messages ("rest over").
    pub(crate) messages: usize,
    /// Timers never pinged.
    pub(crate) missing: usize,
    /// Pings of a user already pinged.
    pub(crate) duplicates: usize,
    /// Users pinged who own no timer, or pinged in another channel than their timer's.
    pub(crate) wrong: usize,
    /// Pings that said "late by" (the engine saw them more than 1 s after their end).
    pub(crate) marked_late: usize,
    /// Other channel messages (e.g. "missed while offline" notes).
    pub(crate) other_messages: usize,
}

pub(crate) fn is_ping(request: &Recorded) -> bool {
    request.method == Method::POST
        && request.path.starts_with("/api/v10/channels/")
        && request.path.ends_with("/messages")
        && request.body["content"]
            .as_str()
            .is_some_and(|content| content.contains("rest over"))
}

fn mentioned_users(request: &Recorded) -> Vec<u64> {
    request.body["allowed_mentions"]["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|user| match user {
                    serde_json::Value::String(text) => text.parse().ok(),
                    other => other.as_u64(),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn count_pinged_users(
    requests: &[Recorded],
    expected: &HashMap<u64, (i64, u64)>,
) -> usize {
    requests
        .iter()
        .filter(|r| is_ping(r))
        .flat_map(mentioned_users)
        .filter(|user| expected.contains_key(user))
        .collect::<HashSet<_>>()
        .len()
}

/// Lateness of every timer's first ping (ms, unsorted) and the counts of what went wrong.
pub(crate) fn analyse_pings(
    requests: &[Recorded],
    expected: &HashMap<u64, (i64, u64)>,
    anchor: &ClockAnchor,
) -> (Vec<f64>, PingCount) {
    let mut count = PingCount::default();
    let mut seen = HashSet::new();
    let mut lateness = Vec::with_capacity(expected.len());
    for request in requests {
        if request.method != Method::POST
            || !request.path.starts_with("/api/v10/channels/")
            || !request.path.ends_with("/messages")
        {
            continue;
        }
        if !is_ping(request) {
            count.other_messages += 1;
            continue;
        }
        count.messages += 1;
        if request.body["content"]
            .as_str()
            .is_some_and(|content| content.contains("late by"))
        {
            count.marked_late += 1;
        }
        let channel: Option<u64> = request
            .path
            .trim_start_matches("/api/v10/channels/")
            .split('/')
            .next()
            .and_then(|id| id.parse().ok());
        let received_ms = anchor.unix_ms_at(request.at);
        for user in mentioned_users(request) {
            match expected.get(&user) {
                Some(&(ends_at_ms, channel_id)) if channel == Some(channel_id) => {
                    if seen.insert(user) {
                        lateness.push(received_ms - ends_at_ms as f64);
                    } else {
                        count.duplicates += 1;
                    }
                }
                _ => count.wrong += 1,
            }
        }
    }
    count.missing = expected.len() - seen.len();
    (lateness, count)
}
