//! What the challenge store takes and returns: plain structs over the domain's types.

use chrono::{DateTime, Utc};

use super::ExerciseRef;
use crate::domain::challenge::{
    ChallengeDefinition, Entry, EntrySource, Member, MemberScore, PostedMarkers, Visibility,
};
use crate::domain::ids::{ChannelId, GuildId, UserId};
use crate::domain::strength::Limb;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(i64);

        impl $name {
            /// The ID, if it can be a row's (database IDs start at 1).
            pub fn new(id: i64) -> Option<Self> {
                (id > 0).then_some(Self(id))
            }

            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

row_id!(
    /// A stored challenge.
    ChallengeId
);
row_id!(
    /// One credited amount in a challenge.
    EntryId
);
row_id!(
    /// A group workout of a challenge (`/challenge session`).
    GroupSessionId
);

/// A challenge to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewChallenge {
    pub guild_id: GuildId,
    /// Where the announcement, the living leaderboard and the results go.
    pub channel_id: ChannelId,
    pub creator_id: UserId,
    pub definition: ChallengeDefinition,
    /// The exercise of an improvement challenge.
    pub exercise: Option<ExerciseRef>,
    pub created_at: DateTime<Utc>,
    /// When the first scheduled post (a weekly summary or the results) is due.
    pub next_post_at: Option<DateTime<Utc>>,
}

/// A stored challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    pub id: ChallengeId,
    pub guild_id: GuildId,
    pub channel_id: ChannelId,
    pub creator_id: UserId,
    pub definition: ChallengeDefinition,
    pub exercise: Option<ExerciseRef>,
    pub created_at: DateTime<Utc>,
    /// The living leaderboard message (with the Join button), once posted.
    pub board_message_id: Option<u64>,
    pub board_due_at: Option<DateTime<Utc>>,
    pub board_edited_at: Option<DateTime<Utc>>,
    /// Scheduled posts already made.
    pub posted: PostedMarkers,
    pub next_post_at: Option<DateTime<Utc>>,
}

/// Someone joining a challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMember {
    pub user_id: UserId,
    pub visibility: Visibility,
    /// `false` for a creator who takes part without a place on the leaderboard.
    pub ranked: bool,
    pub joined_at: DateTime<Utc>,
    /// Improvement: the member's 1RM of the challenge's exercise when joining.
    pub baseline_kg: Option<f64>,
    /// Their server display name, shown on the chart while they are public.
    pub display_name: Option<String>,
}

/// The result of joining.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Joined {
    /// A new member.
    New(Member),
    /// A member who had left is back, with their number and earlier entries.
    Back(Member),
    /// Already a member; their visibility and ranking were updated.
    Already(Member),
}

impl Joined {
    pub fn member(&self) -> &Member {
        match self {
            Joined::New(member) | Joined::Back(member) | Joined::Already(member) => member,
        }
    }
}

/// A member with the score kept up to date on every credit.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub member: Member,
    pub score: MemberScore,
    /// Improvement: the 1RM the gain is measured from, once known.
    pub baseline_kg: Option<f64>,
    /// Their server display name when they joined, for the chart.
    pub display_name: Option<String>,
}

/// What a leaderboard shows, read without loading every member.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaderboardPage {
    /// Ranked members, best first (highest score, then whoever reached it first, then join
    /// order), at most the number asked for.
    pub top: Vec<Standing>,
    /// The viewer, if a current member, with their rank if they are ranked.
    pub viewer: Option<(Standing, Option<u32>)>,
    /// How many members are ranked.
    pub ranked_count: u32,
    /// Everyone's scores added up (the team goal's progress).
    pub total: i64,
}

/// An amount to credit to one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    pub challenge_id: ChallengeId,
    pub amount: i64,
}

/// A stored entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredEntry {
    pub id: EntryId,
    pub entry: Entry,
}

/// What a moderator did or a member logged by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Log,
    Void,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Log => "log",
            AuditAction::Void => "void",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "log" => Some(Self::Log),
            "void" => Some(Self::Void),
            _ => None,
        }
    }
}

/// One line of a challenge's audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditRecord {
    pub entry_id: EntryId,
    pub action: AuditAction,
    /// Who logged or voided.
    pub actor_id: UserId,
    /// Whose entry it is.
    pub member_id: UserId,
    pub amount: i64,
    pub at: DateTime<Utc>,
}

/// A manual log with its audit line, written together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManualLog {
    pub challenge_id: ChallengeId,
    pub user_id: UserId,
    /// When the training is credited (see `ChallengeWindow::manual_log_instant`).
    pub at: DateTime<Utc>,
    pub amount: i64,
    pub logged_at: DateTime<Utc>,
}

/// A group workout to open; its leader is its first participant.
#[derive(Debug, Clone, PartialEq)]
pub struct NewGroupSession {
    pub challenge_id: ChallengeId,
    pub leader_id: UserId,
    pub exercise: ExerciseRef,
    pub protocol: String,
    /// The percent of 1RM the leader's plan used; each participant's load is this share of
    /// their own 1RM.
    pub percent: f64,
    pub limb: Limb,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: u32,
    pub created_at: DateTime<Utc>,
}

/// Someone in a group workout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupParticipant {
    pub user_id: UserId,
    /// Sets already done when they joined: only later sets are theirs.
    pub joined_after_set: u32,
}

/// A stored group workout with its participants, in join order (the leader first).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSession {
    pub id: GroupSessionId,
    pub challenge_id: ChallengeId,
    pub leader_id: UserId,
    pub exercise: ExerciseRef,
    pub protocol: String,
    pub percent: f64,
    pub limb: Limb,
    pub planned_reps: Vec<u32>,
    pub rest_seconds: u32,
    pub sets_done: u32,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub participants: Vec<GroupParticipant>,
}

impl GroupSession {
    pub fn is_completed(&self) -> bool {
        self.completed_at.is_some()
    }

    pub fn planned_sets(&self) -> u32 {
        u32::try_from(self.planned_reps.len()).unwrap_or(u32::MAX)
    }

    pub fn participant_ids(&self) -> Vec<UserId> {
        self.participants.iter().map(|p| p.user_id).collect()
    }
}

/// What pressing "I'm in" did.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupToggle {
    Joined(GroupSession),
    Left(GroupSession),
    /// The leader pressed it: they stay in.
    LeaderStays,
    /// The group is full.
    Full,
    /// The workout is over (or does not exist).
    Closed,
}

/// Source of an entry as stored.
pub(super) fn source_from_db(text: &str) -> Option<EntrySource> {
    EntrySource::parse(text)
}
