//! Credited entries: what a member did, when, and how it was recorded.

use crate::domain::ids::UserId;
use chrono::{DateTime, Utc};

use super::metric::{ChallengeMetric, VOLUME_UNITS_PER_KG};
use super::window::ChallengeWindow;

/// How an entry was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntrySource {
    /// Credited automatically from a workout card.
    Workout,
    /// Logged by the member with `/challenge log` (kept in the audit trail).
    Manual,
}

impl EntrySource {
    /// Stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EntrySource::Workout => "workout",
            EntrySource::Manual => "manual",
        }
    }

    /// Inverse of [`EntrySource::as_str`].
    pub fn parse(input: &str) -> Option<EntrySource> {
        [EntrySource::Workout, EntrySource::Manual]
            .into_iter()
            .find(|source| source.as_str().eq_ignore_ascii_case(input.trim()))
    }
}

/// One credit towards a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The member's Discord user ID.
    pub user_id: UserId,
    /// When the training happened.
    pub at: DateTime<Utc>,
    /// In the challenge metric's stored unit: sessions, reps, or gram-reps for volume
    /// (see [`VOLUME_UNITS_PER_KG`]).
    pub amount: i64,
    /// How the entry was recorded.
    pub source: EntrySource,
    /// Voided by a moderator: kept for the audit trail, never counted.
    pub voided: bool,
}

impl Entry {
    /// Whether the entry counts towards a challenge running in `window`.
    pub fn counts_in(&self, window: &ChallengeWindow) -> bool {
        !self.voided && self.amount > 0 && window.credits(self.at)
    }
}

/// Load × reps in gram-reps, the stored unit of volume. `None` for a load that is not a
/// finite, non-negative number.
pub fn volume_amount(load_kg: f64, reps: u32) -> Option<i64> {
    if !load_kg.is_finite() || load_kg < 0.0 {
        return None;
    }
    let grams = (load_kg * VOLUME_UNITS_PER_KG as f64).round();
    // Loads are validated to at most 1000 kg, so this never saturates in practice; the
    // check keeps a corrupt row from wrapping around.
    if grams > i64::MAX as f64 {
        return None;
    }
    (grams as i64).checked_mul(i64::from(reps))
}

/// What one recorded BFR set credits to a challenge of `metric`: its reps, its volume, or
/// nothing for metrics counted per session or from 1RMs.
pub fn set_credit(metric: ChallengeMetric, load_kg: f64, reps: u32) -> Option<i64> {
    let amount = match metric {
        ChallengeMetric::Reps => Some(i64::from(reps)),
        ChallengeMetric::Volume => volume_amount(load_kg, reps),
        ChallengeMetric::Sessions
        | ChallengeMetric::Streak
        | ChallengeMetric::Improvement
        | ChallengeMetric::TeamGoal => None,
    };
    amount.filter(|amount| *amount > 0)
}

/// What one completed BFR workout (a card finished or ended with at least one set done)
/// credits to a challenge of `metric`.
pub fn session_credit(metric: ChallengeMetric) -> Option<i64> {
    match metric {
        ChallengeMetric::Sessions | ChallengeMetric::Streak | ChallengeMetric::TeamGoal => Some(1),
        ChallengeMetric::Reps | ChallengeMetric::Volume | ChallengeMetric::Improvement => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::window::ChallengeDays;

    #[test]
    fn sources_parse_back() {
        for source in [EntrySource::Workout, EntrySource::Manual] {
            assert_eq!(EntrySource::parse(source.as_str()), Some(source));
        }
        assert_eq!(EntrySource::parse("bot"), None);
    }

    #[test]
    fn sets_credit_reps_or_volume() {
        assert_eq!(set_credit(ChallengeMetric::Reps, 20.0, 15), Some(15));
        assert_eq!(set_credit(ChallengeMetric::Volume, 22.5, 15), Some(337_500));
        assert_eq!(set_credit(ChallengeMetric::Volume, 0.0, 15), None);
        assert_eq!(set_credit(ChallengeMetric::Volume, f64::NAN, 15), None);
        assert_eq!(set_credit(ChallengeMetric::Reps, 20.0, 0), None);
        for metric in [
            ChallengeMetric::Sessions,
            ChallengeMetric::Streak,
            ChallengeMetric::Improvement,
            ChallengeMetric::TeamGoal,
        ] {
            assert_eq!(set_credit(metric, 20.0, 15), None, "{metric}");
        }
    }

    #[test]
    fn sessions_credit_session_metrics() {
        let credited: Vec<_> = ChallengeMetric::ALL
            .into_iter()
            .filter(|m| session_credit(*m).is_some())
            .collect();
        assert_eq!(
            credited,
            [
                ChallengeMetric::Sessions,
                ChallengeMetric::Streak,
                ChallengeMetric::TeamGoal
            ]
        );
    }

    #[test]
    fn voided_or_outside_entries_do_not_count() {
        let start: DateTime<Utc> = "2027-01-04T09:00:00Z".parse().unwrap();
        let window = ChallengeWindow::new(start, ChallengeDays::new(7).unwrap());
        let entry = Entry {
            user_id: UserId::test(1),
            at: start,
            amount: 1,
            source: EntrySource::Manual,
            voided: false,
        };
        assert!(entry.counts_in(&window));
        assert!(!Entry {
            voided: true,
            ..entry
        }
        .counts_in(&window));
        assert!(!Entry { amount: 0, ..entry }.counts_in(&window));
        assert!(!Entry {
            at: window.end,
            ..entry
        }
        .counts_in(&window));
    }
}
