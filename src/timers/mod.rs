//! Rest timers between sets: `/rest start`, countdowns, and the ping when a rest ends.
//!
//! The engine is independent of Discord and of the database; it talks to them through two
//! traits, [`TimerSender`] and [`TimerRepo`]. Its guarantees:
//! - **Precise**: one owner task sleeps until the earliest end ([`DueQueue`]); a ping is
//!   handed to the outbound queue at its end, whole seconds, no polling.
//! - **Durable**: a rest is stored before it is acknowledged; at start every pending timer is
//!   reloaded. Ends missed while offline are announced "late by N s" up to the late limit
//!   (10 min), past it with one "missed while offline" note per channel.
//! - **Exactly once**, also with several processes on one database: a due timer is claimed
//!   atomically ([`TimerRepo::claim`]) before its ping; the claim carries a lease that the
//!   holder renews, and a claim whose process died is taken over after the lease. Message
//!   nonces derived from the timer ids make a retried post idempotent on Discord's side.
//! - **Polite**: every background call goes through one paced queue ([`PacingQueue`]): a
//!   global budget and a window per channel and route (message creates, message edits),
//!   learned from Discord's rate-limit headers; pings before edits before optional calls,
//!   and calls other than pings leave room for pings.
//!   Rests ending in the same second in one channel share one message. 429 and 5xx are
//!   retried; 403/404 mark the timer failed.
//!
//! Wiring: implement [`TimerRepo`] on the store and [`TimerSender`] on the Discord HTTP
//! client, call [`TimerEngine::start`] once at startup and hand the [`TimerHandle`] to the
//! command and button handlers.

mod bounded_repo;
mod calls;
mod clock;
mod engine;
mod engine_command;
mod handle;
mod leases;
#[cfg(any(test, feature = "test-util"))]
mod memory_repo;
mod model;
mod outbox;
mod pacing;
mod recovery;
mod repo;
mod schedule;
mod scoped_repo;
mod sender;
mod start;
pub mod texts;

#[cfg(test)]
mod tests;

pub use clock::EngineClock;
pub use engine::{EngineConfig, TimerEngine, DEFAULT_MAX_RUNNING_PER_USER};
pub use handle::{JoinOutcome, RemoveOutcome, RestError, TimerHandle};
#[cfg(any(test, feature = "test-util"))]
pub use memory_repo::MemoryTimerRepo;
pub use model::{Lateness, ON_TIME_MS};
pub use model::{
    NewRestTimer, OwnerFollowup, RestRequest, RestTimer, TimerId, MAX_GROUP_ROLES, MAX_GROUP_SIZE,
    MAX_LABEL_CHARS, MAX_NEXT_SET_CHARS, MAX_REST, MAX_REST_SECONDS, MIN_REST, MIN_REST_SECONDS,
};
pub use pacing::{Admitted, Counted, PacingConfig, PacingQueue, Priority, Route};
pub use repo::{Inserted, PendingTimer, RepoError, TimerRepo, TimerState, MAX_CLAIM_ATTEMPTS};
pub use schedule::{
    nonce_for, plan_announcements, Announcement, DueQueue, DueTimer, PlannedAnnouncement,
    MAX_NOTE_MENTIONS, MAX_TIMERS_PER_ANNOUNCEMENT,
};
pub use scoped_repo::{ScopedRepo, Side, CONSOLE_CHANNEL_ID};
pub use sender::{RouteLimitSeen, SendError, TimerSender};
pub use start::{owner_id, start_engine, EngineLimits};
