//! The living leaderboard: one message per challenge, edited rather than re-posted, and
//! edited at most once a minute however many workouts are credited meanwhile.

use chrono::{DateTime, Duration, Utc};

/// Shortest time between two edits of a challenge's leaderboard message.
pub const LEADERBOARD_EDIT_INTERVAL_SECONDS: i64 = 60;

/// When the leaderboard message may next be edited, given the last edit: `now` if a
/// minute has passed (or it was never edited), otherwise a minute after the last edit.
/// Changes that arrive before then are folded into that one edit.
pub fn next_leaderboard_edit(
    last_edit: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    match last_edit {
        Some(last) => now.max(last + Duration::seconds(LEADERBOARD_EDIT_INTERVAL_SECONDS)),
        None => now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        let base: DateTime<Utc> = "2027-01-04T09:00:00Z".parse().unwrap();
        base + Duration::seconds(seconds)
    }

    #[test]
    fn at_most_one_edit_a_minute() {
        assert_eq!(next_leaderboard_edit(None, at(5)), at(5));
        assert_eq!(next_leaderboard_edit(Some(at(0)), at(1)), at(60));
        assert_eq!(next_leaderboard_edit(Some(at(0)), at(59)), at(60));
        assert_eq!(next_leaderboard_edit(Some(at(0)), at(60)), at(60));
        assert_eq!(next_leaderboard_edit(Some(at(0)), at(600)), at(600));
    }

    #[test]
    fn a_burst_of_credits_is_one_edit() {
        let last = Some(at(0));
        let edits: std::collections::BTreeSet<_> = (1..60)
            .map(|second| next_leaderboard_edit(last, at(second)))
            .collect();
        assert_eq!(edits.len(), 1);
    }
}
