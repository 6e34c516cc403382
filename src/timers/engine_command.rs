//! The messages handles and the recovery task send to the engine's owner task. A module of
//! its own so that neither side depends on the other.

use super::model::TimerId;
use super::repo::PendingTimer;

/// What handles and the recovery task tell the owner task.
#[derive(Debug)]
pub enum EngineCommand {
    /// Timers to wake for (new, extended, or found in the database).
    Upsert(Vec<PendingTimer>),
    /// A timer that will not end here (cancelled or replaced).
    Remove(TimerId),
}
