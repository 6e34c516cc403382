//! Typed commands: what the Discord adapter builds from typed options and the console
//! parses from text (src/console/request_parse.rs). Both end up as a [`Request`], so a
//! command's validation rules live in one place, the core.

pub use crate::app::challenge::{Authority, ChallengeCommand, CreateChallenge};
pub use crate::app::one_rep_max::EstimateInput;
pub use crate::app::rest::StartRest;
pub use crate::app::session::SessionRequest;
pub use crate::app::settings::SettingsChange;
use crate::domain::ids::{ChannelId, UserId};
use crate::domain::learn::LearnTopic;
use crate::domain::strength::Unit;

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Learn {
        topic: Option<LearnTopic>,
    },
    OneRepMaxSet {
        exercise: String,
        weight: f64,
        unit: Option<Unit>,
        public: bool,
    },
    OneRepMaxEstimate(EstimateInput),
    OneRepMaxList {
        public: bool,
    },
    OneRepMaxHistory {
        exercise: String,
        public: bool,
    },
    OneRepMaxDelete {
        exercise: String,
    },
    Settings(SettingsChange),
    Session(SessionRequest),
    Screening,
    RestStart(StartRest),
    RestCancel,
    RestList,
    /// The owner takes someone out of their running rest here (and so out of their group).
    RestRemove {
        user_id: UserId,
    },
    Ask {
        question: String,
        public: bool,
    },
    /// Set (or with `None`, clear) the server's ask-channel. Needs Manage Server.
    ConfigAskChannel {
        channel_id: Option<ChannelId>,
    },
    /// `/data export`: everything stored about the caller, as a file.
    DataExport,
    /// `/data delete`: asks to confirm, then deletes everything stored about the caller.
    DataDelete,
    /// `/challenge …` and `/config coach-role` (boxed: the largest request by far).
    Challenge(Box<ChallengeCommand>),
    /// The hidden `/ping` of benchmarks (`BENCH_FLOOR_COMMAND`): "pong", no database.
    Ping,
}

/// The token of the interaction a command came in: a credential for 15 minutes, so its
/// Debug form never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct InteractionToken(pub String);

impl std::fmt::Debug for InteractionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InteractionToken(<redacted>)")
    }
}
