//! What a challenge measures, and how its values read.

use std::fmt;

use crate::domain::strength::{format_amount, format_load, Unit};

/// Volume is kept as whole gram-repetitions so that totals add up exactly (ties stay ties)
/// and sum as integers in the database.
pub const VOLUME_UNITS_PER_KG: i64 = 1000;

/// Improvement is kept in hundredths of a percent (basis points), for the same reason.
pub const IMPROVEMENT_UNITS_PER_PERCENT: i64 = 100;

/// What a challenge counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChallengeMetric {
    /// Completed BFR workouts.
    Sessions,
    /// Total reps of recorded BFR sets.
    Reps,
    /// Load × reps of recorded BFR sets.
    Volume,
    /// Longest run of days with a session, in each member's own time zone.
    Streak,
    /// Percentage gain of a member's 1RM on one exercise since joining.
    Improvement,
    /// Everyone's sessions added up towards one target; nobody is ranked.
    TeamGoal,
}

impl ChallengeMetric {
    /// Every metric, in the order they are offered.
    pub const ALL: [ChallengeMetric; 6] = [
        ChallengeMetric::Sessions,
        ChallengeMetric::Reps,
        ChallengeMetric::Volume,
        ChallengeMetric::Streak,
        ChallengeMetric::Improvement,
        ChallengeMetric::TeamGoal,
    ];

    /// Stable name, as stored and as typed in commands.
    pub fn slug(self) -> &'static str {
        match self {
            ChallengeMetric::Sessions => "sessions",
            ChallengeMetric::Reps => "reps",
            ChallengeMetric::Volume => "volume",
            ChallengeMetric::Streak => "streak",
            ChallengeMetric::Improvement => "improvement",
            ChallengeMetric::TeamGoal => "team-goal",
        }
    }

    /// What the challenge is about, for headings: "Most sessions".
    pub fn label(self) -> &'static str {
        match self {
            ChallengeMetric::Sessions => "Most sessions",
            ChallengeMetric::Reps => "Most reps",
            ChallengeMetric::Volume => "Most volume",
            ChallengeMetric::Streak => "Longest streak",
            ChallengeMetric::Improvement => "Biggest 1RM improvement",
            ChallengeMetric::TeamGoal => "Team goal",
        }
    }

    /// Inverse of [`ChallengeMetric::slug`]; case, surrounding spaces and `_` or a space in
    /// place of `-` are accepted.
    pub fn parse(input: &str) -> Option<ChallengeMetric> {
        let normalized = input.trim().to_lowercase().replace(['_', ' '], "-");
        ChallengeMetric::ALL
            .into_iter()
            .find(|metric| metric.slug() == normalized)
    }

    /// Whether members are ranked against each other (every metric but the team goal).
    pub fn is_ranked(self) -> bool {
        self != ChallengeMetric::TeamGoal
    }

    /// A score of this metric as a reader sees it, e.g. `"12 sessions"`, `"1250 kg"`,
    /// `"+12.5%"`. Volume is converted to the viewer's `unit`.
    pub fn format_value(self, value: i64, unit: Unit) -> String {
        match self {
            ChallengeMetric::Sessions | ChallengeMetric::TeamGoal => {
                counted(value, "session", "sessions")
            }
            ChallengeMetric::Reps => counted(value, "rep", "reps"),
            ChallengeMetric::Streak => counted(value, "day", "days"),
            ChallengeMetric::Volume => format_load(value as f64 / VOLUME_UNITS_PER_KG as f64, unit),
            ChallengeMetric::Improvement => {
                let percent = value as f64 / IMPROVEMENT_UNITS_PER_PERCENT as f64;
                let sign = if value > 0 { "+" } else { "" };
                format!("{sign}{}%", format_amount(percent))
            }
        }
    }
}

impl fmt::Display for ChallengeMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

fn counted(value: i64, one: &str, many: &str) -> String {
    if value == 1 {
        format!("1 {one}")
    } else {
        format!("{value} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_parse_back() {
        for metric in ChallengeMetric::ALL {
            assert_eq!(ChallengeMetric::parse(metric.slug()), Some(metric));
            assert_eq!(metric.to_string(), metric.slug());
            assert!(!metric.label().is_empty());
        }
        assert_eq!(
            ChallengeMetric::parse(" Team Goal "),
            Some(ChallengeMetric::TeamGoal)
        );
        assert_eq!(
            ChallengeMetric::parse("team_goal"),
            Some(ChallengeMetric::TeamGoal)
        );
        assert_eq!(ChallengeMetric::parse("REPS"), Some(ChallengeMetric::Reps));
        assert_eq!(ChallengeMetric::parse(""), None);
        assert_eq!(ChallengeMetric::parse("steps"), None);
    }

    #[test]
    fn only_the_team_goal_is_unranked() {
        let unranked: Vec<_> = ChallengeMetric::ALL
            .into_iter()
            .filter(|m| !m.is_ranked())
            .collect();
        assert_eq!(unranked, [ChallengeMetric::TeamGoal]);
    }

    #[test]
    fn values_read_in_the_viewers_unit() {
        use ChallengeMetric::*;
        assert_eq!(Sessions.format_value(1, Unit::Kg), "1 session");
        assert_eq!(Sessions.format_value(12, Unit::Kg), "12 sessions");
        assert_eq!(TeamGoal.format_value(0, Unit::Kg), "0 sessions");
        assert_eq!(Reps.format_value(450, Unit::Lb), "450 reps");
        assert_eq!(Streak.format_value(5, Unit::Kg), "5 days");
        assert_eq!(Volume.format_value(1_250_000, Unit::Kg), "1250 kg");
        assert_eq!(Volume.format_value(100_000, Unit::Lb), "220.46 lb");
        assert_eq!(Improvement.format_value(1250, Unit::Kg), "+12.5%");
        assert_eq!(Improvement.format_value(0, Unit::Kg), "0%");
        assert_eq!(Improvement.format_value(-300, Unit::Kg), "-3%");
    }
}
