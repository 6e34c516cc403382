//! Each member's score from their entries.
//!
//! A score carries the instant it reached its final value, which breaks ties: whoever got
//! there first ranks higher. A member with nothing counted has 0, reached when they joined.

use crate::domain::ids::UserId;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::entry::Entry;
use super::member::Member;
use super::metric::ChallengeMetric;
use super::streak::longest_streak;
use super::window::ChallengeWindow;

/// One member's score in a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberScore {
    /// Discord user ID.
    pub user_id: UserId,
    /// In the metric's stored unit (see [`ChallengeMetric::format_value`]).
    pub value: i64,
    /// When the value was reached; earlier wins a tie.
    pub reached_at: DateTime<Utc>,
}

/// Every member's score from `entries` (any order, any members; voided entries and
/// training outside the run are ignored):
/// - sessions, reps, volume and team goal: the sum of the amounts, reached at the last
///   counted entry;
/// - streak: the longest streak of session days in the member's time zone (see
///   [`super::longest_streak`]);
/// - improvement: 0 for everyone, since it comes from 1RMs rather than entries (see
///   [`super::improvement_scores`]).
///
/// Scores are returned in the order of `members`. For the summed metrics a store may
/// compute the same in SQL: `SUM(amount)` and `MAX(at)` over the member's entries that are
/// not voided, have a positive amount and lie in `[start, end)`.
pub fn entry_scores(
    metric: ChallengeMetric,
    window: &ChallengeWindow,
    members: &[Member],
    entries: &[Entry],
) -> Vec<MemberScore> {
    let mut by_member: HashMap<UserId, Vec<&Entry>> = HashMap::new();
    for entry in entries.iter().filter(|entry| entry.counts_in(window)) {
        by_member.entry(entry.user_id).or_default().push(entry);
    }
    members
        .iter()
        .map(|member| {
            let own = by_member
                .get(&member.user_id)
                .map_or(&[][..], Vec::as_slice);
            score_member(metric, member, own)
        })
        .collect()
}

fn score_member(metric: ChallengeMetric, member: &Member, entries: &[&Entry]) -> MemberScore {
    let zero = MemberScore {
        user_id: member.user_id,
        value: 0,
        reached_at: member.joined_at,
    };
    match metric {
        ChallengeMetric::Sessions
        | ChallengeMetric::Reps
        | ChallengeMetric::Volume
        | ChallengeMetric::TeamGoal => {
            let Some(last) = entries.iter().map(|entry| entry.at).max() else {
                return zero;
            };
            let value = entries
                .iter()
                .fold(0i64, |sum, entry| sum.saturating_add(entry.amount));
            MemberScore {
                value,
                reached_at: last,
                ..zero
            }
        }
        ChallengeMetric::Streak => {
            let streak = longest_streak(entries.iter().map(|entry| entry.at), member.time_zone);
            match streak.reached_at {
                Some(reached_at) => MemberScore {
                    value: i64::from(streak.days),
                    reached_at,
                    ..zero
                },
                None => zero,
            }
        }
        ChallengeMetric::Improvement => zero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::entry::EntrySource;
    use crate::domain::challenge::member::Visibility;
    use crate::domain::challenge::window::ChallengeDays;
    use chrono::Duration;

    fn start() -> DateTime<Utc> {
        "2027-01-04T09:00:00Z".parse().unwrap()
    }

    fn window() -> ChallengeWindow {
        ChallengeWindow::new(start(), ChallengeDays::new(30).unwrap())
    }

    fn member(user_id: u64) -> Member {
        Member {
            user_id: UserId::test(user_id),
            number: u32::try_from(user_id).unwrap(),
            joined_at: start() - Duration::hours(1),
            visibility: Visibility::Public,
            ranked: true,
            time_zone: chrono_tz::UTC,
        }
    }

    fn entry(user_id: u64, hours: i64, amount: i64) -> Entry {
        Entry {
            user_id: UserId::test(user_id),
            at: start() + Duration::hours(hours),
            amount,
            source: EntrySource::Workout,
            voided: false,
        }
    }

    #[test]
    fn sums_count_sessions_reps_volume_and_team_sessions() {
        let members = [member(1), member(2)];
        let entries = [
            entry(1, 30, 1),
            entry(2, 5, 1),
            entry(1, 2, 1),
            entry(1, 60, 2),
        ];
        for metric in [
            ChallengeMetric::Sessions,
            ChallengeMetric::Reps,
            ChallengeMetric::Volume,
            ChallengeMetric::TeamGoal,
        ] {
            let scores = entry_scores(metric, &window(), &members, &entries);
            assert_eq!(scores[0].value, 4, "{metric}");
            assert_eq!(scores[0].reached_at, start() + Duration::hours(60));
            assert_eq!(scores[1].value, 1);
            assert_eq!(scores[1].reached_at, start() + Duration::hours(5));
        }
    }

    #[test]
    fn voided_and_out_of_run_entries_are_ignored() {
        let members = [member(1)];
        let mut voided = entry(1, 50, 500);
        voided.voided = true;
        let entries = [
            entry(1, 10, 100),
            voided,
            entry(1, -2, 100),
            entry(1, 30 * 24, 100),
            entry(3, 10, 100),
        ];
        let scores = entry_scores(ChallengeMetric::Reps, &window(), &members, &entries);
        assert_eq!(scores[0].value, 100);
        assert_eq!(scores[0].reached_at, start() + Duration::hours(10));
    }

    #[test]
    fn nothing_counted_is_zero_reached_at_joining() {
        let members = [member(1)];
        for metric in ChallengeMetric::ALL {
            let scores = entry_scores(metric, &window(), &members, &[]);
            assert_eq!(
                scores,
                [MemberScore {
                    user_id: UserId::test(1),
                    value: 0,
                    reached_at: members[0].joined_at
                }],
                "{metric}"
            );
        }
    }

    #[test]
    fn streaks_use_each_members_time_zone() {
        let mut tokyo = member(1);
        tokyo.time_zone = chrono_tz::Asia::Tokyo;
        let utc = member(2);
        // Sessions at 23:00 and 11:00 UTC alternate: in UTC every day has one, in Tokyo
        // two sessions fall on one day and the next day is missed.
        let hours = [14, 26, 62, 74];
        let entries: Vec<Entry> = hours
            .iter()
            .flat_map(|h| [entry(1, *h, 1), entry(2, *h, 1)])
            .collect();
        let scores = entry_scores(ChallengeMetric::Streak, &window(), &[tokyo, utc], &entries);
        // Tokyo: Jan 5, 5, 7, 7 (14 h and 26 h after 09:00 UTC on the 4th are 08:00 and
        // 20:00 on the 5th); UTC: Jan 4, 5, 6, 7.
        assert_eq!(scores[0].value, 2);
        assert_eq!(scores[1].value, 4);
        assert_eq!(scores[1].reached_at, start() + Duration::hours(74));
    }

    #[test]
    fn improvement_is_not_scored_from_entries() {
        let scores = entry_scores(
            ChallengeMetric::Improvement,
            &window(),
            &[member(1)],
            &[entry(1, 1, 5)],
        );
        assert_eq!(scores[0].value, 0);
    }
}
