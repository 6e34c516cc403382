//! What the privacy store returns: a person's stored data as plain serialisable rows, and
//! what forgetting them removed. Discord IDs are strings (JSON readers such as JavaScript
//! lose precision past 2^53); instants are RFC 3339 text.

use serde::Serialize;

/// Everything stored about one person.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserExport {
    pub settings: Option<ExportedSettings>,
    pub one_rep_maxes: Vec<ExportedOneRepMax>,
    pub workouts: Vec<ExportedWorkout>,
    /// Only the outcome and its date: the answers are never stored.
    pub screenings: Vec<ExportedScreening>,
    /// Rests they started, with whom they pinged.
    pub rests_owned: Vec<ExportedRest>,
    /// Others' rests that pinged them (their owner and other members are not theirs to see).
    pub rests_joined: Vec<ExportedJoinedRest>,
    pub challenge_memberships: Vec<ExportedMembership>,
    pub challenge_entries: Vec<ExportedEntry>,
    /// Audit lines about their entries, or of their moderation.
    pub challenge_audit: Vec<ExportedAudit>,
    pub challenges_created: Vec<ExportedChallenge>,
    /// Group workouts of a challenge they led or joined, with when they joined.
    pub group_sessions: Vec<ExportedGroupSession>,
}

impl UserExport {
    /// `(kind, rows)` for a summary.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("settings", usize::from(self.settings.is_some())),
            ("1RM entries", self.one_rep_maxes.len()),
            ("workouts", self.workouts.len()),
            ("screening outcomes", self.screenings.len()),
            ("rests started", self.rests_owned.len()),
            ("rests joined", self.rests_joined.len()),
            ("challenge memberships", self.challenge_memberships.len()),
            ("challenge entries", self.challenge_entries.len()),
            ("audit lines", self.challenge_audit.len()),
            ("challenges created", self.challenges_created.len()),
            ("group workouts", self.group_sessions.len()),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedSettings {
    pub first_seen_at: Option<String>,
    pub units: Option<String>,
    pub load_step: Option<f64>,
    pub time_zone: Option<String>,
    pub updated_at: Option<String>,
    pub last_rest_seconds: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedOneRepMax {
    pub id: i64,
    pub exercise_key: String,
    pub exercise_name: String,
    pub value_kg: f64,
    pub unit_entered: String,
    pub source: String,
    pub reps: Option<i64>,
    pub recorded_at: String,
}

/// A workout and its sets (planned reps per set, how many were done).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedWorkout {
    pub id: i64,
    pub exercise_key: String,
    pub exercise_name: String,
    pub protocol: String,
    pub load_kg: f64,
    pub one_rep_max_kg: f64,
    pub limb: String,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: i64,
    pub public: bool,
    pub sets_done: i64,
    pub total_reps: Option<i64>,
    pub created_at: String,
    pub completed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedScreening {
    pub outcome: String,
    pub screened_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedRest {
    pub id: i64,
    pub channel_id: String,
    pub guild_id: Option<String>,
    pub state: String,
    pub ends_at: String,
    pub label: Option<String>,
    pub next_set: Option<String>,
    pub ping_user_ids: Vec<String>,
    pub ping_role_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedJoinedRest {
    pub id: i64,
    pub channel_id: String,
    pub state: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedMembership {
    pub challenge_id: i64,
    pub challenge_name: String,
    pub number: i64,
    pub joined_at: String,
    pub visibility: String,
    pub ranked: bool,
    pub display_name: Option<String>,
    pub left_at: Option<String>,
    pub baseline_kg: Option<f64>,
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedEntry {
    pub id: i64,
    pub challenge_id: i64,
    pub at: String,
    pub amount: i64,
    pub source: String,
    pub voided: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedAudit {
    pub challenge_id: i64,
    pub entry_id: i64,
    pub action: String,
    pub actor_id: String,
    pub member_id: String,
    pub amount: i64,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedChallenge {
    pub id: i64,
    pub guild_id: String,
    pub channel_id: String,
    pub name: String,
    pub metric: String,
    pub starts_at: String,
    pub ends_at: String,
    pub created_at: String,
}

/// A group workout they led or joined. The leader of one they joined is not theirs to see,
/// like the owner of a rest that pinged them: `led` only says whether it was them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedGroupSession {
    pub id: i64,
    pub challenge_id: i64,
    pub challenge_name: String,
    pub led: bool,
    pub exercise_key: String,
    pub exercise_name: String,
    pub protocol: String,
    /// The share of each participant's own 1RM, in percent.
    pub percent: f64,
    pub limb: String,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: i64,
    pub sets_done: i64,
    pub created_at: String,
    pub completed_at: Option<String>,
    /// When they joined (the leader: when they opened it); `None` only if their
    /// participant row is missing.
    pub joined_at: Option<String>,
    /// Sets already done when they joined: only the later ones were credited to them.
    pub joined_after_set: Option<i64>,
}

/// What [`PrivacyStore::forget_user`](super::PrivacyStore::forget_user) removed, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForgottenUser {
    /// Rows of `users`, `user_settings` and `rest_defaults`.
    pub settings: u64,
    pub one_rep_maxes: u64,
    pub workouts: u64,
    pub screenings: u64,
    /// Their own rests, whatever their state.
    pub rests: u64,
    /// Others' rests they were taken out of.
    pub rests_left: u64,
    pub challenge_memberships: u64,
    pub challenge_entries: u64,
    /// Audit lines about their entries (deleted).
    pub audit_lines: u64,
    /// Audit lines of their moderation of others' entries, now by the stand-in.
    pub audit_lines_anonymised: u64,
    /// Challenges they created, kept for the others, now by the stand-in.
    pub challenges_anonymised: u64,
    /// Their places in group workouts, those they led included (deleted).
    pub group_participations: u64,
    /// Group workouts they led, kept for the others, now led by the stand-in (so nobody can
    /// advance them any more).
    pub group_sessions_anonymised: u64,
    /// Their rests that were still to be announced, for the running engine to drop.
    pub canceled_rests: Vec<crate::timers::TimerId>,
}

impl ForgottenUser {
    /// `(kind, rows)` for the reply.
    pub fn counts(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("settings rows", self.settings),
            ("1RM entries", self.one_rep_maxes),
            ("workouts", self.workouts),
            ("screening outcomes", self.screenings),
            ("rests", self.rests),
            ("group rests left", self.rests_left),
            ("challenge memberships", self.challenge_memberships),
            ("challenge entries", self.challenge_entries),
            ("audit lines", self.audit_lines),
            ("audit lines anonymised", self.audit_lines_anonymised),
            ("challenges anonymised", self.challenges_anonymised),
            ("group workout places", self.group_participations),
            (
                "group workouts led, anonymised",
                self.group_sessions_anonymised,
            ),
        ]
    }
}
