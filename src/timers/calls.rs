//! The asynchronous steps the outbox runs beside its loop: claims, Discord calls and the
//! bookkeeping after them. Each returns a [`Done`] for the loop to act on.

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use tokio::time::{sleep, Duration};
use tracing::warn;

use super::clock::EngineClock;
use super::model::{RestTimer, TimerId};
use super::pacing::{Admitted, Route};
use super::repo::{RepoError, TimerRepo};
use super::schedule::{nonce_for, Announcement, PlannedAnnouncement};
use super::sender::{RouteLimitSeen, SendError, TimerSender};
use super::texts;
use crate::domain::ids::{ChannelId, MessageId};

/// First retry delay after a server error; doubled per attempt up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Longest delay between retries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Most ids passed to one repository call, to stay within SQL parameter limits.
pub const MAX_IDS_PER_CALL: usize = 1000;

/// Delay before retry number `attempt` (0 for the first retry).
pub fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF
        .saturating_mul(1u32 << attempt.min(16))
        .min(MAX_BACKOFF)
}

/// A Discord call waiting in the pacing queue.
#[derive(Debug, Clone)]
pub enum Call {
    /// A rest-over ping or missed note for timers this process holds claims on.
    Ping {
        announcement: Announcement,
        timers: Vec<RestTimer>,
    },
    PostCountdown {
        timer: RestTimer,
    },
    FinishCountdown {
        channel_id: ChannelId,
        message_id: MessageId,
        content: String,
    },
    /// A turn for a call made elsewhere; see [`SendSlot`].
    Slot {
        grant: SendSlot,
    },
}

/// A turn in the pacing queue for a call another part of the bot makes itself (the
/// challenge poster's posts and edits): it is granted when the queue admits it, so those
/// calls count against the same global and per-channel budget, and wait behind pings.
#[derive(Debug, Clone)]
pub struct SendSlot(Arc<Mutex<Option<oneshot::Sender<()>>>>);

impl SendSlot {
    pub fn new(grant: oneshot::Sender<()>) -> Self {
        Self(Arc::new(Mutex::new(Some(grant))))
    }

    /// Gives the turn; `false` if whoever asked has stopped waiting.
    pub fn give(&self) -> bool {
        let grant = self.0.lock().ok().and_then(|mut grant| grant.take());
        grant.is_some_and(|grant| grant.send(()).is_ok())
    }
}

impl Call {
    /// Discord's rate-limit route of the call. A granted turn is counted as a message
    /// create, the stricter guess for a call made elsewhere.
    pub fn route(&self) -> Route {
        match self {
            Call::FinishCountdown { .. } => Route::Edit,
            Call::Ping { .. } | Call::PostCountdown { .. } | Call::Slot { .. } => Route::Create,
        }
    }

    /// The timers whose claims this call relies on.
    pub fn claimed_ids(&self) -> &[TimerId] {
        match self {
            Call::Ping { announcement, .. } => &announcement.timer_ids,
            _ => &[],
        }
    }
}

/// A call and how often it was tried.
#[derive(Debug, Clone)]
pub struct Paced {
    pub call: Call,
    pub attempt: u32,
}

/// What a finished step reports to the outbox loop.
// One value per Discord call, moved once: cheaper than a heap allocation for the large one.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Done {
    Claimed {
        plans: Vec<PlannedAnnouncement>,
        won: Vec<RestTimer>,
        claimed_at_ms: i64,
    },
    Sent {
        admitted: Admitted<Paced>,
        outcome: Result<Option<MessageId>, SendError>,
        /// Route limits Discord announced on the calls that finished meanwhile.
        limits: Vec<RouteLimitSeen>,
    },
    Renewed {
        asked: Vec<TimerId>,
        held: Result<Vec<TimerId>, RepoError>,
        at_ms: i64,
    },
    Settled {
        ids: Vec<TimerId>,
    },
    Stored,
}

impl Done {
    /// The step's name, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Done::Claimed { .. } => "claim",
            Done::Sent { .. } => "send",
            Done::Renewed { .. } => "renew",
            Done::Settled { .. } => "settle",
            Done::Stored => "store countdown",
        }
    }
}

/// Everything the steps need, cheap to clone into each task.
#[derive(Clone)]
pub struct Steps {
    pub repo: Arc<dyn TimerRepo>,
    pub sender: Arc<dyn TimerSender>,
    pub owner: Arc<str>,
    pub lease_ms: i64,
    pub clock: EngineClock,
}

impl Steps {
    /// Claims the planned timers, retrying storage errors until it gets an answer: a due
    /// timer must not be forgotten because the database hiccuped.
    pub async fn claim(self, plans: Vec<PlannedAnnouncement>) -> Done {
        let now_ms = self.clock.now_ms();
        let ids: Vec<TimerId> = plans
            .iter()
            .flat_map(|plan| plan.timer_ids.iter().copied())
            .collect();
        let mut won = Vec::new();
        for chunk in ids.chunks(MAX_IDS_PER_CALL) {
            let mut attempt = 0;
            loop {
                // A retry keeps the first attempt's time, which only makes the lease
                // end sooner, never later than the database's.
                match self
                    .repo
                    .claim(chunk, &self.owner, now_ms, self.lease_ms)
                    .await
                {
                    Ok(rows) => {
                        won.extend(rows);
                        break;
                    }
                    Err(error) => {
                        warn!(%error, timers = chunk.len(), "claiming due rest timers failed; retrying");
                        sleep(backoff(attempt)).await;
                        attempt = attempt.saturating_add(1);
                    }
                }
            }
        }
        Done::Claimed {
            plans,
            won,
            claimed_at_ms: now_ms,
        }
    }

    /// Performs one Discord call.
    pub async fn send(self, admitted: Admitted<Paced>) -> Done {
        let outcome = match &admitted.job.call {
            Call::Ping {
                announcement,
                timers,
            } if timers.iter().any(|timer| timer.via_interaction) => {
                // Alone in its announcement (see `Outbox::claimed`).
                match timers.first().and_then(|timer| timer.followup.as_ref()) {
                    Some(followup) if followup.until_ms > self.clock.now_ms() => self
                        .sender
                        .post_ping_by_interaction(
                            &followup.token,
                            &announcement.content,
                            &announcement.ping_user_ids,
                        )
                        .await
                        .map(Some),
                    _ => Err(SendError::Gone(
                        "the interaction's follow-up window has closed".into(),
                    )),
                }
            }
            Call::Ping { announcement, .. } => self
                .sender
                .post_ping(
                    announcement.channel_id,
                    &announcement.content,
                    &announcement.ping_user_ids,
                    &announcement.ping_role_ids,
                    &announcement.nonce,
                )
                .await
                .map(Some),
            Call::PostCountdown { timer } => self
                .sender
                .post_countdown(
                    timer,
                    &texts::countdown_text(timer),
                    &nonce_for('c', &[timer.id]),
                )
                .await
                .map(Some),
            Call::FinishCountdown {
                channel_id,
                message_id,
                content,
            } => self
                .sender
                .finish_countdown(*channel_id, *message_id, content)
                .await
                .map(|()| None),
            // Granted when admitted (see `Outbox::start_sends`); nothing to send here.
            Call::Slot { .. } => Ok(None),
        };
        let limits = self.sender.take_route_limits();
        Done::Sent {
            admitted,
            outcome,
            limits,
        }
    }

    /// Extends the leases of the claims this process holds.
    pub async fn renew(self, asked: Vec<TimerId>) -> Done {
        let at_ms = self.clock.now_ms();
        let mut still_held = Vec::with_capacity(asked.len());
        for chunk in asked.chunks(MAX_IDS_PER_CALL) {
            match self
                .repo
                .renew(chunk, &self.owner, at_ms, self.lease_ms)
                .await
            {
                Ok(ids) => still_held.extend(ids),
                Err(error) => {
                    return Done::Renewed {
                        asked,
                        held: Err(error),
                        at_ms,
                    }
                }
            }
        }
        Done::Renewed {
            asked,
            held: Ok(still_held),
            at_ms,
        }
    }

    /// Records a sent ping; retried until stored, since an unrecorded ping would be sent
    /// again by whoever takes over the expired claim.
    pub async fn mark_sent(self, ids: Vec<TimerId>, message_id: MessageId) -> Done {
        for chunk in ids.chunks(MAX_IDS_PER_CALL) {
            let mut attempt = 0;
            while let Err(error) = self.repo.mark_sent(chunk, &self.owner, message_id).await {
                warn!(%error, "recording a sent rest ping failed; retrying");
                sleep(backoff(attempt)).await;
                attempt = attempt.saturating_add(1);
            }
        }
        Done::Settled { ids }
    }

    /// Records a ping that can never be sent.
    pub async fn mark_failed(self, ids: Vec<TimerId>, reason: String) -> Done {
        for chunk in ids.chunks(MAX_IDS_PER_CALL) {
            let mut attempt = 0;
            while let Err(error) = self.repo.mark_failed(chunk, &self.owner, &reason).await {
                warn!(%error, "recording a failed rest ping failed; retrying");
                sleep(backoff(attempt)).await;
                attempt = attempt.saturating_add(1);
            }
        }
        Done::Settled { ids }
    }

    /// Tells owners privately that their ping was lost; tried once each, since the note is
    /// only a courtesy and the token may already be gone.
    pub async fn tell_owners(self, notes: Vec<(String, String)>) -> Done {
        for (token, content) in notes {
            if let Err(error) = self.sender.tell_owner(&token, &content).await {
                warn!(%error, "could not tell a rest's owner that its ping was lost");
            }
        }
        Done::Stored
    }

    /// Stores the id of a posted countdown message so the "Rest over" edit can find it.
    pub async fn store_countdown(self, id: TimerId, message_id: MessageId) -> Done {
        let mut attempt = 0;
        while let Err(error) = self.repo.set_countdown_message(id, message_id).await {
            warn!(%error, timer_id = %id, "storing a countdown message id failed; retrying");
            sleep(backoff(attempt)).await;
            attempt = attempt.saturating_add(1);
            if attempt > 8 {
                // Only the cosmetic "Rest over" edit depends on it.
                break;
            }
        }
        Done::Stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(10), MAX_BACKOFF);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }
}
