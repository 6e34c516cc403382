//! Fixed option lists as Discord shows them, mapped to domain types.

use crate::domain::strength::{ProtocolKind, Unit};

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum UnitChoice {
    #[name = "kg"]
    Kg,
    #[name = "lb"]
    Lb,
}

impl From<UnitChoice> for Unit {
    fn from(choice: UnitChoice) -> Self {
        match choice {
            UnitChoice::Kg => Unit::Kg,
            UnitChoice::Lb => Unit::Lb,
        }
    }
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum ProtocolChoice {
    #[name = "standard (evidence-based: 20-40% 1RM, 30-15-15-15)"]
    Standard,
    #[name = "article (the original article: 25-50% 1RM, 3 sets)"]
    Article,
}

impl From<ProtocolChoice> for ProtocolKind {
    fn from(choice: ProtocolChoice) -> Self {
        match choice {
            ProtocolChoice::Standard => ProtocolKind::Standard,
            ProtocolChoice::Article => ProtocolKind::Article,
        }
    }
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum MetricChoice {
    #[name = "sessions (completed BFR workouts)"]
    Sessions,
    #[name = "reps (total reps of BFR sets)"]
    Reps,
    #[name = "volume (load × reps)"]
    Volume,
    #[name = "streak (longest run of training days)"]
    Streak,
    #[name = "improvement (% 1RM gain on one exercise)"]
    Improvement,
    #[name = "team-goal (everyone's sessions towards a target)"]
    TeamGoal,
}

impl From<MetricChoice> for crate::domain::challenge::ChallengeMetric {
    fn from(choice: MetricChoice) -> Self {
        use crate::domain::challenge::ChallengeMetric as Metric;
        match choice {
            MetricChoice::Sessions => Metric::Sessions,
            MetricChoice::Reps => Metric::Reps,
            MetricChoice::Volume => Metric::Volume,
            MetricChoice::Streak => Metric::Streak,
            MetricChoice::Improvement => Metric::Improvement,
            MetricChoice::TeamGoal => Metric::TeamGoal,
        }
    }
}

#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum VisibilityChoice {
    #[name = "public (shown by name)"]
    Public,
    #[name = "anonymous (shown as Member #N)"]
    Anonymous,
}

impl From<VisibilityChoice> for crate::domain::challenge::Visibility {
    fn from(choice: VisibilityChoice) -> Self {
        match choice {
            VisibilityChoice::Public => Self::Public,
            VisibilityChoice::Anonymous => Self::Anonymous,
        }
    }
}
