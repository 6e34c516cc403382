//! Team goals: everyone's sessions add up towards one target; nobody is ranked.

use std::error::Error;
use std::fmt;

use super::scoring::MemberScore;

/// Largest team target, in sessions.
pub const MAX_TEAM_TARGET: u32 = 100_000;

/// A validated team target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamTarget(u32);

/// The target was not 1 to [`MAX_TEAM_TARGET`] sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamTargetError;

impl fmt::Display for TeamTargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "A team goal needs a target of 1 to {MAX_TEAM_TARGET} sessions. Type a number, \
             e.g. `100`."
        )
    }
}

impl Error for TeamTargetError {}

impl TeamTarget {
    /// Accepts 1 to [`MAX_TEAM_TARGET`] sessions.
    pub fn new(sessions: i64) -> Result<TeamTarget, TeamTargetError> {
        u32::try_from(sessions)
            .ok()
            .filter(|s| (1..=MAX_TEAM_TARGET).contains(s))
            .map(TeamTarget)
            .ok_or(TeamTargetError)
    }

    /// The target in sessions.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// How far the team has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamProgress {
    /// Sessions so far, by everyone (members excluded from ranking included).
    pub total: i64,
    /// The target.
    pub target: TeamTarget,
}

impl TeamProgress {
    /// The team's progress from every member's session score.
    pub fn from_scores(scores: &[MemberScore], target: TeamTarget) -> TeamProgress {
        let total = scores
            .iter()
            .fold(0i64, |sum, score| sum.saturating_add(score.value.max(0)));
        TeamProgress { total, target }
    }

    /// Percent of the target, rounded down and capped at 100: 99.9% is not yet done.
    pub fn percent(self) -> u8 {
        let target = i64::from(self.target.get());
        let percent = self.total.max(0).saturating_mul(100) / target.max(1);
        u8::try_from(percent.min(100)).unwrap_or(100)
    }

    /// Whether the target is met.
    pub fn reached(self) -> bool {
        self.total >= i64::from(self.target.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;

    fn score(value: i64) -> MemberScore {
        MemberScore {
            user_id: UserId::test(1),
            value,
            reached_at: "2027-01-04T09:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn targets_are_bounded() {
        assert_eq!(TeamTarget::new(1).map(TeamTarget::get), Ok(1));
        assert_eq!(TeamTarget::new(100_000).map(TeamTarget::get), Ok(100_000));
        for bad in [0, -3, 100_001, i64::MAX] {
            assert_eq!(TeamTarget::new(bad), Err(TeamTargetError));
        }
        assert!(TeamTargetError.to_string().contains("Type"));
    }

    #[test]
    fn progress_adds_everyone_and_caps_at_100_percent() -> Result<(), TeamTargetError> {
        let target = TeamTarget::new(200)?;
        let progress = TeamProgress::from_scores(&[score(50), score(49), score(0)], target);
        assert_eq!(progress.total, 99);
        assert_eq!(progress.percent(), 49);
        assert!(!progress.reached());
        let almost = TeamProgress::from_scores(&[score(199)], target);
        assert_eq!(almost.percent(), 99);
        let done = TeamProgress::from_scores(&[score(150), score(150)], target);
        assert_eq!(done.percent(), 100);
        assert!(done.reached());
        let empty = TeamProgress::from_scores(&[], target);
        assert_eq!(empty.percent(), 0);
        Ok(())
    }
}
