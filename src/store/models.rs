//! What the store returns: plain domain structs, no database types.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::domain::ids::{ChannelId, RoleId, UserId};
use crate::domain::strength::{Limb, Unit};

/// A workout's row in `training_sessions` (1 or more): here beside the row, like `TimerId`
/// beside its timer, because the database assigns it and the domain never sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionId(i64);

impl SessionId {
    /// The ID, if it can be a row's: 0 and negative numbers (a forged button) are refused.
    pub fn new(id: i64) -> Option<Self> {
        (id > 0).then_some(Self(id))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for SessionId {
    type Err = ();

    /// Parses a custom ID's segment; only what [`SessionId::new`] accepts.
    fn from_str(text: &str) -> Result<Self, ()> {
        text.parse().ok().and_then(Self::new).ok_or(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserSettings {
    pub units: Unit,
    /// Smallest load step in `units`; `None` means the default for those units.
    pub load_step: Option<f64>,
    /// IANA time zone name, e.g. `Europe/Berlin`.
    pub time_zone: String,
}

impl UserSettings {
    /// The user's time zone; UTC when the stored name no longer parses (a zone renamed in a
    /// newer tz database), so dates still work rather than failing.
    pub fn zone(&self) -> chrono_tz::Tz {
        stored_zone(Some(&self.time_zone))
    }
}

/// A time zone as stored (`user_settings.time_zone`, absent for users without settings):
/// UTC when absent or unreadable.
pub fn stored_zone(name: Option<&str>) -> chrono_tz::Tz {
    name.and_then(|name| name.parse().ok())
        .unwrap_or(chrono_tz::UTC)
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
    pub ask_channel_id: Option<ChannelId>,
    /// A role whose members may create, end and moderate challenges.
    pub coach_role_id: Option<RoleId>,
}

/// Where a stored one-rep max came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneRepMaxSource {
    Entered,
    Estimated,
}

impl OneRepMaxSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entered => "entered",
            Self::Estimated => "estimated",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "entered" => Some(Self::Entered),
            "estimated" => Some(Self::Estimated),
            _ => None,
        }
    }
}

/// An exercise as stored: a stable key (built-in key, or `custom:` + lower-cased name) and
/// the name shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseRef {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOneRepMax {
    pub exercise: ExerciseRef,
    pub value_kg: f64,
    pub unit_entered: Unit,
    pub source: OneRepMaxSource,
    /// For estimates: the reps of the set it was estimated from.
    pub reps: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneRepMaxRecord {
    pub id: i64,
    pub exercise: ExerciseRef,
    pub value_kg: f64,
    pub unit_entered: Unit,
    pub source: OneRepMaxSource,
    pub reps: Option<u32>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewTrainingSession {
    pub user_id: UserId,
    pub exercise: ExerciseRef,
    pub protocol: String,
    pub load_kg: f64,
    pub one_rep_max_kg: f64,
    pub limb: Limb,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: u32,
    /// Shared in the channel (`public:true`) rather than shown to the user only.
    pub public: bool,
}

/// A session card: planned, partly done, or completed.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingSession {
    pub id: SessionId,
    pub user_id: UserId,
    pub exercise: ExerciseRef,
    pub protocol: String,
    pub load_kg: f64,
    pub one_rep_max_kg: f64,
    pub limb: Limb,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: u32,
    pub public: bool,
    pub sets_done: u32,
    pub total_reps: Option<u32>,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl TrainingSession {
    pub fn is_completed(&self) -> bool {
        self.completed_at.is_some()
    }
}

/// `30,15,15,15` ↔ `[30, 15, 15, 15]`: a short list does not deserve its own table.
pub(super) fn encode_reps(reps: &[u32]) -> String {
    reps.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn decode_reps(text: &str) -> Result<Vec<u32>, super::StoreError> {
    text.split(',')
        .map(|part| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| super::StoreError::Corrupt(format!("planned reps {text:?}")))
        })
        .collect()
}

/// What a workout card is planned from, read together: the user's latest screening, the
/// exercise's current 1RM and the user's settings (the defaults when none are saved).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInputs {
    pub screening: Option<super::ScreeningRecord>,
    pub one_rep_max: Option<OneRepMaxRecord>,
    pub settings: UserSettings,
}
