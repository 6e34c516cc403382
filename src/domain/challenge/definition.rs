//! A whole challenge definition, validated in one step for `/challenge create`.

use std::error::Error;
use std::fmt;

use chrono::{DateTime, Utc};

use super::metric::ChallengeMetric;
use super::name::{sanitize_challenge_name, ChallengeNameError};
use super::team_goal::{TeamTarget, TeamTargetError};
use super::texts::ChallengeHeading;
use super::window::{ChallengeDays, ChallengeWindow, WindowError};

/// What a challenge is: its name, metric, run and, for a team goal, the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeDefinition {
    /// The cleaned name.
    pub name: String,
    /// What it measures.
    pub metric: ChallengeMetric,
    /// When it runs.
    pub window: ChallengeWindow,
    /// The target of a team goal; `None` for every other metric.
    pub team_target: Option<TeamTarget>,
}

/// Why a challenge could not be created; the message says what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionError {
    /// The name breaks a rule.
    Name(ChallengeNameError),
    /// The length or start is out of range.
    Window(WindowError),
    /// The team target is out of range.
    TeamTarget(TeamTargetError),
    /// A team goal without a target.
    MissingTeamTarget,
    /// A target given for a metric that ranks members.
    TargetWithoutTeamGoal,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DefinitionError::Name(error) => error.fmt(f),
            DefinitionError::Window(error) => error.fmt(f),
            DefinitionError::TeamTarget(error) => error.fmt(f),
            DefinitionError::MissingTeamTarget => f.write_str(
                "A team goal needs a target: add the number of sessions to reach together, \
                 e.g. `100`.",
            ),
            DefinitionError::TargetWithoutTeamGoal => f.write_str(
                "A target only applies to the `team-goal` metric. Leave the target out, or \
                 choose `team-goal`.",
            ),
        }
    }
}

impl Error for DefinitionError {}

impl ChallengeDefinition {
    /// Validates a new challenge: the name (see [`sanitize_challenge_name`]), 1-90 days
    /// from `start`, and a target exactly when the metric is the team goal.
    pub fn new(
        raw_name: &str,
        metric: ChallengeMetric,
        days: i64,
        start: DateTime<Utc>,
        team_target: Option<i64>,
    ) -> Result<ChallengeDefinition, DefinitionError> {
        let name = sanitize_challenge_name(raw_name).map_err(DefinitionError::Name)?;
        let days = ChallengeDays::new(days).map_err(DefinitionError::Window)?;
        let team_target = match (metric, team_target) {
            (ChallengeMetric::TeamGoal, Some(target)) => {
                Some(TeamTarget::new(target).map_err(DefinitionError::TeamTarget)?)
            }
            (ChallengeMetric::TeamGoal, None) => return Err(DefinitionError::MissingTeamTarget),
            (_, Some(_)) => return Err(DefinitionError::TargetWithoutTeamGoal),
            (_, None) => None,
        };
        Ok(ChallengeDefinition {
            name,
            metric,
            window: ChallengeWindow::new(start, days),
            team_target,
        })
    }

    /// What the texts need to know about the challenge.
    pub fn heading(&self) -> ChallengeHeading<'_> {
        ChallengeHeading {
            name: &self.name,
            metric: self.metric,
            window: self.window,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::strength::ExerciseNameError;

    fn start() -> DateTime<Utc> {
        "2027-01-04T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_valid_challenge() {
        let definition = ChallengeDefinition::new(
            "  December  sessions ",
            ChallengeMetric::Sessions,
            30,
            start(),
            None,
        )
        .unwrap();
        assert_eq!(definition.name, "December sessions");
        assert_eq!(
            definition.window.end,
            "2027-02-03T09:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        assert_eq!(definition.team_target, None);
        assert_eq!(definition.heading().name, "December sessions");
        let team =
            ChallengeDefinition::new("Team", ChallengeMetric::TeamGoal, 7, start(), Some(100))
                .unwrap();
        assert_eq!(team.team_target.map(TeamTarget::get), Some(100));
    }

    #[test]
    fn each_rule_has_its_error() {
        let cases = [
            (
                ChallengeDefinition::new("", ChallengeMetric::Reps, 30, start(), None),
                DefinitionError::Name(ChallengeNameError(ExerciseNameError::Empty)),
            ),
            (
                ChallengeDefinition::new("Reps", ChallengeMetric::Reps, 91, start(), None),
                DefinitionError::Window(WindowError::DaysOutOfRange { days: 91 }),
            ),
            (
                ChallengeDefinition::new("Team", ChallengeMetric::TeamGoal, 30, start(), None),
                DefinitionError::MissingTeamTarget,
            ),
            (
                ChallengeDefinition::new("Team", ChallengeMetric::TeamGoal, 30, start(), Some(0)),
                DefinitionError::TeamTarget(TeamTargetError),
            ),
            (
                ChallengeDefinition::new("Reps", ChallengeMetric::Reps, 30, start(), Some(10)),
                DefinitionError::TargetWithoutTeamGoal,
            ),
        ];
        for (result, error) in cases {
            assert_eq!(result, Err(error));
            let text = error.to_string();
            assert_eq!(text.matches('`').count() % 2, 0, "{text}");
        }
    }
}
