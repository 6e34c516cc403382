//! What the store returns: plain domain structs, no database types.

use crate::domain::strength::Unit;

#[derive(Debug, Clone, PartialEq)]
pub struct UserSettings {
    pub units: Unit,
    /// Smallest load step in `units`; `None` means the default for those units.
    pub load_step: Option<f64>,
    /// IANA time zone name, e.g. `Europe/Berlin`.
    pub time_zone: String,
}

impl Default for UserSettings {
    fn default() -> Self {
        Self {
            units: Unit::Kg,
            load_step: None,
            time_zone: "UTC".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuildSettings {
    /// A channel where every message is checked for health questions.
    pub ask_channel_id: Option<u64>,
}
