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
