//! The cheap-to-clone front of the engine used by commands and buttons.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::time::Duration;
use tracing::debug;

use super::calls::SendSlot;
use super::clock::millis;
use super::clock::EngineClock;
use super::engine_command::EngineCommand;
use super::model::{
    join_or_leave, ping_list, role_list, GroupChange, NewRestTimer, OwnerFollowup, RestRequest,
    RestTimer, TimerId, FOLLOWUP_VALIDITY, MAX_LABEL_CHARS, MAX_NEXT_SET_CHARS, MAX_REST, MIN_REST,
};
use super::outbox::OutboundJob;
use super::pacing::Priority;
use super::repo::{Inserted, PendingTimer, RepoError, TimerRepo};
use super::texts;
use crate::domain::ids::{ChannelId, MessageId, UserId};

/// Why a rest request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestError {
    #[error("a rest lasts between {min} and {max} seconds", min = MIN_REST.as_secs(), max = MAX_REST.as_secs())]
    InvalidDuration,
    #[error("the rest changed under too many presses at once")]
    Contended,
    #[error("the user already has {limit} rests running")]
    TooManyRunning { limit: usize },
    #[error("the rest already ends as late as a rest may")]
    AtLongest,
    #[error(transparent)]
    Storage(#[from] RepoError),
}

/// What a press of Join did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined(RestTimer),
    Left(RestTimer),
    OwnRest,
    Full,
    /// The rest has ended or was cancelled.
    NotRunning,
}

/// What `/rest remove` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveOutcome {
    Removed(RestTimer),
    NotInRest,
    /// The owner has no running rest in that channel.
    NoRest,
}

/// Presses that lose the compare-and-set to another press retry this often.
const JOIN_ATTEMPTS: usize = 5;

/// Schedules, cancels, extends and lists rests. Every change is stored first and only then
/// passed to the engine, so an acknowledged rest survives a crash.
#[derive(Clone)]
pub struct TimerHandle {
    repo: Arc<dyn TimerRepo>,
    commands: mpsc::UnboundedSender<EngineCommand>,
    outbound: mpsc::UnboundedSender<OutboundJob>,
    clock: EngineClock,
    max_running_per_user: usize,
}

impl TimerHandle {
    pub(crate) fn new(
        repo: Arc<dyn TimerRepo>,
        commands: mpsc::UnboundedSender<EngineCommand>,
        outbound: mpsc::UnboundedSender<OutboundJob>,
        clock: EngineClock,
        max_running_per_user: usize,
    ) -> Self {
        Self {
            repo,
            commands,
            outbound,
            clock,
            max_running_per_user,
        }
    }

    /// Unix milliseconds on the engine's clock.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Starts a rest, replacing the user's running rest in that channel. The end is rounded
    /// up to a whole second, so rests started together end together and are announced in
    /// one message, and the countdown's `<t:…>` shows the exact end.
    pub async fn schedule(&self, request: RestRequest) -> Result<Inserted, RestError> {
        if request.duration < MIN_REST || request.duration > MAX_REST {
            return Err(RestError::InvalidDuration);
        }
        let running = self.repo.running_channels(request.user_id).await?;
        // A new rest in a channel replaces the one running there, so it never adds to the count.
        if running.len() >= self.max_running_per_user && !running.contains(&request.channel_id) {
            return Err(RestError::TooManyRunning {
                limit: self.max_running_per_user,
            });
        }
        let ends_at_ms = round_up_to_second(self.now_ms() + millis(request.duration));
        let new = NewRestTimer {
            user_id: request.user_id,
            channel_id: request.channel_id,
            guild_id: request.guild_id,
            ends_at_ms,
            label: texts::clean_user_text(request.label.as_deref(), MAX_LABEL_CHARS),
            next_set: texts::clean_user_text(request.next_set.as_deref(), MAX_NEXT_SET_CHARS),
            ping_user_ids: ping_list(request.user_id, &request.also_ping),
            ping_role_ids: role_list(&request.also_ping_roles),
            followup: request.interaction_token.map(|token| OwnerFollowup {
                token,
                until_ms: self.now_ms() + millis(FOLLOWUP_VALIDITY),
            }),
            via_interaction: request.via_interaction,
        };
        let inserted = self.repo.insert(&new).await?;
        if let Some(replaced) = &inserted.replaced {
            self.forget(replaced, texts::replaced_text(replaced));
            self.queue_countdown_edit(replaced, texts::replaced_text(replaced), Priority::Optional);
        }
        self.tell(EngineCommand::Upsert(vec![PendingTimer::from(
            &inserted.timer,
        )]));
        if request.post_countdown {
            self.send_out(OutboundJob::PostCountdown(inserted.timer.clone()));
        }
        Ok(inserted)
    }

    /// `/rest cancel`: cancels the user's running rest in the channel, if any. The caller
    /// updates the countdown (e.g. with [`texts::canceled_text`]), typically in its
    /// interaction response, or through [`TimerHandle::queue_countdown_edit`].
    pub async fn cancel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Option<RestTimer>, RestError> {
        let canceled = self.repo.cancel(user_id, channel_id).await?;
        if let Some(timer) = &canceled {
            self.forget(timer, texts::canceled_text(timer));
        }
        Ok(canceled)
    }

    /// The Cancel button: cancels the timer if `user_id` owns it and it is still running.
    pub async fn cancel_timer(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<Option<RestTimer>, RestError> {
        let canceled = self.repo.cancel_timer(id, user_id).await?;
        if let Some(timer) = &canceled {
            self.forget(timer, texts::canceled_text(timer));
        }
        Ok(canceled)
    }

    /// The +15 s button: moves the end if `user_id` owns the timer and it is still running.
    /// Returns the updated timer, whose [`texts::countdown_text`] the caller shows.
    pub async fn extend(
        &self,
        id: TimerId,
        user_id: UserId,
        by: Duration,
    ) -> Result<Option<RestTimer>, RestError> {
        if by.is_zero() || by > MAX_REST {
            return Err(RestError::InvalidDuration);
        }
        let Some(timer) = self.repo.running(id).await? else {
            return Ok(None);
        };
        if timer.user_id != user_id {
            return Ok(None);
        }
        // No rest may end later than the longest rest started now: +15 s presses stop there.
        let latest_end = (self.now_ms() + millis(MAX_REST)).div_euclid(1000) * 1000;
        let by_ms = millis(by).min(latest_end - timer.ends_at_ms);
        if by_ms <= 0 {
            return Err(RestError::AtLongest);
        }
        let extended = self.repo.extend(id, user_id, by_ms).await?;
        if let Some(timer) = &extended {
            self.tell(EngineCommand::Upsert(vec![PendingTimer::from(timer)]));
        }
        Ok(extended)
    }

    /// The Join button: adds `user_id` to the people the rest pings, or removes them if
    /// they had joined. Lists change by compare-and-set, so simultaneous presses all count.
    pub async fn join_or_leave(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<JoinOutcome, RestError> {
        for _ in 0..JOIN_ATTEMPTS {
            let Some(timer) = self.repo.running(id).await? else {
                return Ok(JoinOutcome::NotRunning);
            };
            let (users, joined) = match join_or_leave(&timer, user_id) {
                GroupChange::Join(users) => (users, true),
                GroupChange::Leave(users) => (users, false),
                GroupChange::Owner => return Ok(JoinOutcome::OwnRest),
                GroupChange::Full => return Ok(JoinOutcome::Full),
            };
            let replaced = self
                .repo
                .replace_ping_users(id, &timer.ping_user_ids, &users)
                .await?;
            if let Some(updated) = replaced {
                return Ok(if joined {
                    JoinOutcome::Joined(updated)
                } else {
                    JoinOutcome::Left(updated)
                });
            }
        }
        Err(RestError::Contended)
    }

    /// The owner takes `user_id` out of their running rest in the channel, by the same
    /// compare-and-set as Join, so a simultaneous Join press is not lost.
    pub async fn remove_member(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        user_id: UserId,
    ) -> Result<RemoveOutcome, RestError> {
        for _ in 0..JOIN_ATTEMPTS {
            let running = self.repo.list_running(channel_id).await?;
            let Some(timer) = running.into_iter().find(|timer| timer.user_id == owner) else {
                return Ok(RemoveOutcome::NoRest);
            };
            if !timer.ping_user_ids.contains(&user_id) {
                return Ok(RemoveOutcome::NotInRest);
            }
            let users: Vec<UserId> = timer
                .ping_user_ids
                .iter()
                .copied()
                .filter(|&user| user != user_id)
                .collect();
            if let Some(updated) = self
                .repo
                .replace_ping_users(timer.id, &timer.ping_user_ids, &users)
                .await?
            {
                return Ok(RemoveOutcome::Removed(updated));
            }
        }
        Err(RestError::Contended)
    }

    /// The people in `owner`'s latest rest in the channel (by joining it or being named),
    /// if it ended within `within`: the owner's own group. Leaving that rest leaves it.
    pub async fn current_group(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        within: Duration,
    ) -> Result<Vec<UserId>, RestError> {
        let since_ms = self.now_ms() - millis(within);
        let latest = self
            .repo
            .latest_ping_list(owner, channel_id, since_ms)
            .await?;
        Ok(latest
            .unwrap_or_default()
            .into_iter()
            .filter(|&user| user != owner)
            .collect())
    }

    /// Records the countdown message the caller posted itself (e.g. as its interaction
    /// response), so that it is edited to "Rest over" when the rest ends.
    pub async fn attach_countdown(
        &self,
        id: TimerId,
        message_id: MessageId,
    ) -> Result<(), RestError> {
        self.repo.set_countdown_message(id, message_id).await?;
        Ok(())
    }

    /// `/rest list`: the channel's running rests, soonest end first.
    pub async fn list(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RestError> {
        Ok(self.repo.list_running(channel_id).await?)
    }

    /// Edits the timer's countdown message (if it has one) through the paced outbound queue.
    pub fn queue_countdown_edit(&self, timer: &RestTimer, content: String, priority: Priority) {
        if let Some(message_id) = timer.countdown_message_id {
            self.send_out(OutboundJob::FinishCountdown {
                channel_id: timer.channel_id,
                message_id,
                content,
                priority,
            });
        }
    }

    /// Rests canceled in storage behind the engine's back (the bot left their server): it
    /// stops waking for them and drops their queued pings and countdowns, without a word.
    pub fn forget_canceled(&self, ids: &[TimerId]) {
        if ids.is_empty() {
            return;
        }
        for &id in ids {
            self.tell(EngineCommand::Remove(id));
        }
        self.send_out(OutboundJob::Drop { ids: ids.to_vec() });
    }

    /// Stops waking for a timer and posting its countdown.
    fn forget(&self, timer: &RestTimer, final_text: String) {
        self.tell(EngineCommand::Remove(timer.id));
        self.send_out(OutboundJob::Withdraw {
            id: timer.id,
            final_text,
        });
    }

    fn tell(&self, command: EngineCommand) {
        if self.commands.send(command).is_err() {
            debug!("rest engine stopped; the change is stored and applies at the next start");
        }
    }

    /// Waits for a turn in this process's outbound budget to make one Discord call in
    /// `channel_id` (the challenge poster's posts), after the pings and countdown edits
    /// already waiting. `false` when the engine has stopped or the queue, over its bound,
    /// dropped the turn: the caller tries again later.
    pub async fn send_slot(&self, channel_id: ChannelId) -> bool {
        let (grant, granted) = tokio::sync::oneshot::channel();
        self.send_out(OutboundJob::Slot {
            channel_id,
            grant: SendSlot::new(grant),
        });
        granted.await.is_ok()
    }

    fn send_out(&self, job: OutboundJob) {
        if self.outbound.send(job).is_err() {
            debug!("rest outbox stopped; dropped a countdown call");
        }
    }
}

/// The next whole second at or after `unix_ms`.
fn round_up_to_second(unix_ms: i64) -> i64 {
    unix_ms.saturating_add(999).div_euclid(1000) * 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_are_rounded_up_to_whole_seconds() {
        assert_eq!(round_up_to_second(1000), 1000);
        assert_eq!(round_up_to_second(1001), 2000);
        assert_eq!(round_up_to_second(1999), 2000);
    }
}
