//! Improvement: the percentage gain of a member's 1RM on the challenge's exercise since
//! they joined, which is fair between beginners and veterans where absolute kilos are not.

use crate::domain::ids::UserId;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::member::Member;
use super::metric::IMPROVEMENT_UNITS_PER_PERCENT;
use super::scoring::MemberScore;

/// One member's 1RM on the challenge's exercise: when they joined and the best since.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OneRepMaxProgress {
    /// Discord user ID.
    pub user_id: UserId,
    /// The 1RM on record when the member joined, in kg.
    pub baseline_kg: f64,
    /// The best 1RM recorded during the run, in kg.
    pub best_kg: f64,
    /// When the best was recorded.
    pub best_at: DateTime<Utc>,
}

/// The gain from `baseline_kg` to `current_kg` in hundredths of a percent, rounded (a loss
/// is negative). `None` when the baseline is not a positive number or the current value is
/// not finite: there is nothing fair to compare against.
pub fn improvement_units(baseline_kg: f64, current_kg: f64) -> Option<i64> {
    if !baseline_kg.is_finite() || baseline_kg <= 0.0 || !current_kg.is_finite() {
        return None;
    }
    let units =
        ((current_kg - baseline_kg) / baseline_kg * 100.0 * IMPROVEMENT_UNITS_PER_PERCENT as f64)
            .round();
    // 1RMs are at most 1000 kg and at least 0.01 kg, so the ratio is far inside i64.
    Some(units as i64)
}

/// Every member's improvement score, in the order of `members`. A member without a usable
/// baseline, or without progress recorded, scores 0 reached when they joined.
pub fn improvement_scores(members: &[Member], progress: &[OneRepMaxProgress]) -> Vec<MemberScore> {
    let by_member: HashMap<UserId, &OneRepMaxProgress> =
        progress.iter().map(|p| (p.user_id, p)).collect();
    members
        .iter()
        .map(|member| {
            let gain = by_member
                .get(&member.user_id)
                .and_then(|p| Some((improvement_units(p.baseline_kg, p.best_kg)?, p.best_at)));
            match gain {
                Some((value, reached_at)) if value != 0 => MemberScore {
                    user_id: member.user_id,
                    value,
                    reached_at,
                },
                _ => MemberScore {
                    user_id: member.user_id,
                    value: 0,
                    reached_at: member.joined_at,
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::member::Visibility;

    fn member(user_id: u64) -> Member {
        Member {
            user_id: UserId::test(user_id),
            number: 1,
            joined_at: "2027-01-04T09:00:00Z".parse().unwrap(),
            visibility: Visibility::Public,
            ranked: true,
            time_zone: chrono_tz::UTC,
        }
    }

    #[test]
    fn gains_are_relative_to_the_baseline() {
        assert_eq!(improvement_units(100.0, 112.5), Some(1250));
        // A beginner's 10 kg gain beats a veteran's 20 kg one.
        assert!(improvement_units(40.0, 50.0) > improvement_units(200.0, 220.0));
        assert_eq!(improvement_units(80.0, 80.0), Some(0));
        assert_eq!(improvement_units(80.0, 76.0), Some(-500));
        assert_eq!(improvement_units(60.0, 60.1), Some(17));
        for (baseline, current) in [
            (0.0, 50.0),
            (-5.0, 50.0),
            (f64::NAN, 50.0),
            (50.0, f64::INFINITY),
        ] {
            assert_eq!(improvement_units(baseline, current), None);
        }
    }

    #[test]
    fn members_without_progress_score_zero_at_joining() {
        let best_at = "2027-01-10T09:00:00Z".parse().unwrap();
        let members = [member(1), member(2), member(3)];
        let progress = [
            OneRepMaxProgress {
                user_id: UserId::test(1),
                baseline_kg: 100.0,
                best_kg: 110.0,
                best_at,
            },
            OneRepMaxProgress {
                user_id: UserId::test(3),
                baseline_kg: 0.0,
                best_kg: 110.0,
                best_at,
            },
        ];
        let scores = improvement_scores(&members, &progress);
        assert_eq!(scores[0].value, 1000);
        assert_eq!(scores[0].reached_at, best_at);
        assert_eq!(scores[1].value, 0);
        assert_eq!(scores[1].reached_at, members[1].joined_at);
        assert_eq!(scores[2].value, 0);
    }
}
