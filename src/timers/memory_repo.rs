//! An in-memory [`TimerRepo`] with the same atomicity as the SQL contract: each method runs
//! under one lock, as one statement would. Meant for tests; several engines may share one.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;

use super::model::{NewRestTimer, RestTimer, TimerId};
use super::repo::{Inserted, PendingTimer, RepoError, TimerRepo, TimerState, MAX_CLAIM_ATTEMPTS};
use crate::domain::ids::{ChannelId, MessageId, UserId};

#[derive(Debug, Clone)]
struct Row {
    timer: RestTimer,
    state: TimerState,
    claimed_by: Option<String>,
    claimed_until: i64,
    sent_message_id: Option<MessageId>,
    failure: Option<String>,
    claim_attempts: i32,
}

impl Row {
    fn claimable(&self, now_ms: i64) -> bool {
        self.timer.ends_at_ms <= now_ms
            && (self.state == TimerState::Pending
                || (self.state == TimerState::Claimed && self.claimed_until < now_ms))
    }

    fn held_by(&self, owner: &str) -> bool {
        self.state == TimerState::Claimed && self.claimed_by.as_deref() == Some(owner)
    }
}

#[derive(Debug, Default)]
struct Rows {
    next_id: i64,
    by_id: BTreeMap<i64, Row>,
    /// The latest timer inserted per (user, channel); checked against its state on use.
    latest_by_owner: HashMap<(UserId, ChannelId), i64>,
}

impl Rows {
    /// The row of a running (pending) timer.
    fn pending_mut(&mut self, id: TimerId) -> Option<&mut Row> {
        self.by_id
            .get_mut(&id.0)
            .filter(|row| row.state == TimerState::Pending)
    }
}

/// Rest timers kept in a map behind a mutex.
#[derive(Debug, Default)]
pub struct MemoryTimerRepo {
    rows: Mutex<Rows>,
}

impl MemoryTimerRepo {
    /// An empty repository.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Rows> {
        self.rows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The state of a timer, if it exists.
    pub fn state(&self, id: TimerId) -> Option<TimerState> {
        self.lock().by_id.get(&id.0).map(|row| row.state)
    }

    /// The stored row of a timer, if it exists.
    pub fn get(&self, id: TimerId) -> Option<RestTimer> {
        self.lock().by_id.get(&id.0).map(|row| row.timer.clone())
    }

    /// Why a timer failed, if it did.
    pub fn failure(&self, id: TimerId) -> Option<String> {
        self.lock()
            .by_id
            .get(&id.0)
            .and_then(|row| row.failure.clone())
    }

    /// The ping message recorded for a sent timer.
    pub fn sent_message_id(&self, id: TimerId) -> Option<MessageId> {
        self.lock()
            .by_id
            .get(&id.0)
            .and_then(|row| row.sent_message_id)
    }

    /// Number of timers in each state `state`.
    pub fn count(&self, state: TimerState) -> usize {
        self.lock()
            .by_id
            .values()
            .filter(|row| row.state == state)
            .count()
    }
}

fn pending_of(row: &Row) -> PendingTimer {
    PendingTimer::from(&row.timer)
}

#[async_trait]
impl TimerRepo for MemoryTimerRepo {
    async fn insert(&self, timer: &NewRestTimer) -> Result<Inserted, RepoError> {
        let mut rows = self.lock();
        let rows = &mut *rows;
        let owner = (timer.user_id, timer.channel_id);
        let mut replaced = None;
        if let Some(latest) = rows.latest_by_owner.get(&owner) {
            if let Some(row) = rows.by_id.get_mut(latest) {
                if row.state == TimerState::Pending {
                    row.state = TimerState::Canceled;
                    replaced = Some(row.timer.clone());
                }
            }
        }
        rows.next_id += 1;
        rows.latest_by_owner.insert(owner, rows.next_id);
        let stored = RestTimer {
            id: TimerId(rows.next_id),
            user_id: timer.user_id,
            channel_id: timer.channel_id,
            guild_id: timer.guild_id,
            ends_at_ms: timer.ends_at_ms,
            label: timer.label.clone(),
            next_set: timer.next_set.clone(),
            ping_user_ids: timer.ping_user_ids.clone(),
            ping_role_ids: timer.ping_role_ids.clone(),
            followup: timer.followup.clone(),
            countdown_message_id: None,
            via_interaction: timer.via_interaction,
        };
        let row = Row {
            timer: stored.clone(),
            state: TimerState::Pending,
            claimed_by: None,
            claimed_until: 0,
            sent_message_id: None,
            failure: None,
            claim_attempts: 0,
        };
        rows.by_id.insert(stored.id.0, row);
        Ok(Inserted {
            timer: stored,
            replaced,
        })
    }

    async fn load_pending(
        &self,
        after: Option<TimerId>,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        let start = after.map_or(i64::MIN, |id| id.0.saturating_add(1));
        Ok(self
            .lock()
            .by_id
            .range(start..)
            .map(|(_, row)| row)
            .filter(|row| row.state == TimerState::Pending)
            .take(limit)
            .map(pending_of)
            .collect())
    }

    async fn recoverable(
        &self,
        now_ms: i64,
        ends_before_ms: i64,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        let rows = self.lock();
        let mut found: Vec<PendingTimer> = rows
            .by_id
            .values()
            .filter(|row| {
                (row.state == TimerState::Pending && row.timer.ends_at_ms <= ends_before_ms)
                    || (row.state == TimerState::Claimed && row.claimed_until < now_ms)
            })
            .map(pending_of)
            .collect();
        found.sort_by_key(|timer| (timer.ends_at_ms, timer.id));
        found.truncate(limit);
        Ok(found)
    }

    async fn claim(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<RestTimer>, RepoError> {
        let mut rows = self.lock();
        let mut won = Vec::new();
        for id in ids {
            if let Some(row) = rows.by_id.get_mut(&id.0) {
                let lapsed = row.state == TimerState::Claimed && row.claimed_until < now_ms;
                if lapsed && row.claim_attempts >= MAX_CLAIM_ATTEMPTS {
                    row.state = TimerState::Failed;
                    row.failure = Some(format!("gave up after {MAX_CLAIM_ATTEMPTS} claims"));
                    continue;
                }
                if row.claimable(now_ms) && row.claim_attempts < MAX_CLAIM_ATTEMPTS {
                    row.claim_attempts += 1;
                    row.state = TimerState::Claimed;
                    row.claimed_by = Some(owner.to_owned());
                    row.claimed_until = now_ms + lease_ms;
                    won.push(row.timer.clone());
                }
            }
        }
        Ok(won)
    }

    async fn renew(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<TimerId>, RepoError> {
        let mut rows = self.lock();
        let mut held = Vec::new();
        for id in ids {
            if let Some(row) = rows.by_id.get_mut(&id.0) {
                if row.held_by(owner) {
                    row.claimed_until = now_ms + lease_ms;
                    held.push(*id);
                }
            }
        }
        Ok(held)
    }

    async fn release(&self, ids: &[TimerId], owner: &str) -> Result<(), RepoError> {
        let mut rows = self.lock();
        for id in ids {
            if let Some(row) = rows.by_id.get_mut(&id.0) {
                if row.held_by(owner) {
                    row.claimed_until = i64::MIN;
                }
            }
        }
        Ok(())
    }

    async fn mark_sent(
        &self,
        ids: &[TimerId],
        owner: &str,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        let mut rows = self.lock();
        for id in ids {
            if let Some(row) = rows.by_id.get_mut(&id.0) {
                if row.held_by(owner) {
                    row.state = TimerState::Sent;
                    row.sent_message_id = Some(message_id);
                }
            }
        }
        Ok(())
    }

    async fn mark_failed(
        &self,
        ids: &[TimerId],
        owner: &str,
        reason: &str,
    ) -> Result<(), RepoError> {
        let mut rows = self.lock();
        for id in ids {
            if let Some(row) = rows.by_id.get_mut(&id.0) {
                if row.held_by(owner) {
                    row.state = TimerState::Failed;
                    row.failure = Some(reason.to_owned());
                }
            }
        }
        Ok(())
    }

    async fn cancel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Option<RestTimer>, RepoError> {
        let mut rows = self.lock();
        let rows = &mut *rows;
        // Only the latest insert of a (user, channel) can still be pending.
        let Some(latest) = rows.latest_by_owner.get(&(user_id, channel_id)) else {
            return Ok(None);
        };
        let row = rows
            .by_id
            .get_mut(latest)
            .filter(|row| row.state == TimerState::Pending);
        Ok(row.map(|row| {
            row.state = TimerState::Canceled;
            row.timer.clone()
        }))
    }

    async fn cancel_timer(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<Option<RestTimer>, RepoError> {
        let mut rows = self.lock();
        let row = rows
            .pending_mut(id)
            .filter(|row| row.timer.user_id == user_id);
        Ok(row.map(|row| {
            row.state = TimerState::Canceled;
            row.timer.clone()
        }))
    }

    async fn extend(
        &self,
        id: TimerId,
        user_id: UserId,
        by_ms: i64,
    ) -> Result<Option<RestTimer>, RepoError> {
        let mut rows = self.lock();
        let row = rows
            .pending_mut(id)
            .filter(|row| row.timer.user_id == user_id);
        Ok(row.map(|row| {
            row.timer.ends_at_ms += by_ms;
            row.timer.clone()
        }))
    }

    async fn set_countdown_message(
        &self,
        id: TimerId,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        if let Some(row) = self.lock().by_id.get_mut(&id.0) {
            row.timer.countdown_message_id = Some(message_id);
        }
        Ok(())
    }

    async fn running_channels(&self, user_id: UserId) -> Result<Vec<ChannelId>, RepoError> {
        let rows = self.lock();
        Ok(rows
            .by_id
            .values()
            .filter(|row| row.timer.user_id == user_id && row.state == TimerState::Pending)
            .map(|row| row.timer.channel_id)
            .collect())
    }

    async fn list_running(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RepoError> {
        let rows = self.lock();
        let mut running: Vec<RestTimer> = rows
            .by_id
            .values()
            .filter(|row| {
                row.timer.channel_id == channel_id
                    && matches!(row.state, TimerState::Pending | TimerState::Claimed)
            })
            .map(|row| row.timer.clone())
            .collect();
        running.sort_by_key(|timer| (timer.ends_at_ms, timer.id));
        Ok(running)
    }

    async fn running(&self, id: TimerId) -> Result<Option<RestTimer>, RepoError> {
        Ok(self.lock().pending_mut(id).map(|row| row.timer.clone()))
    }

    async fn replace_ping_users(
        &self,
        id: TimerId,
        expected: &[UserId],
        new: &[UserId],
    ) -> Result<Option<RestTimer>, RepoError> {
        let mut rows = self.lock();
        let row = rows
            .pending_mut(id)
            .filter(|row| row.timer.ping_user_ids == expected);
        Ok(row.map(|row| {
            row.timer.ping_user_ids = new.to_vec();
            row.timer.clone()
        }))
    }

    async fn latest_ping_list(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        since_ms: i64,
    ) -> Result<Option<Vec<UserId>>, RepoError> {
        let rows = self.lock();
        Ok(rows
            .by_id
            .values()
            .rev()
            .find(|row| row.timer.user_id == owner && row.timer.channel_id == channel_id)
            .filter(|row| row.timer.ends_at_ms >= since_ms)
            .map(|row| row.timer.ping_user_ids.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_timer(user_id: u64, channel_id: u64, ends_at_ms: i64) -> NewRestTimer {
        let user_id = UserId::from_const(user_id);
        NewRestTimer {
            user_id,
            channel_id: ChannelId::from_const(channel_id),
            guild_id: None,
            ends_at_ms,
            label: None,
            next_set: None,
            ping_user_ids: vec![user_id],
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
        }
    }

    #[tokio::test]
    async fn insert_replaces_the_running_rest_of_that_user_and_channel() -> Result<(), RepoError> {
        let repo = MemoryTimerRepo::new();
        let first = repo.insert(&new_timer(1, 10, 1000)).await?;
        let other_channel = repo.insert(&new_timer(1, 11, 1000)).await?;
        let second = repo.insert(&new_timer(1, 10, 2000)).await?;
        assert_eq!(second.replaced.map(|t| t.id), Some(first.timer.id));
        assert_eq!(repo.state(first.timer.id), Some(TimerState::Canceled));
        assert_eq!(
            repo.state(other_channel.timer.id),
            Some(TimerState::Pending)
        );
        Ok(())
    }

    #[tokio::test]
    async fn a_claim_is_won_once_until_its_lease_expires() -> Result<(), RepoError> {
        let repo = MemoryTimerRepo::new();
        let id = repo.insert(&new_timer(1, 10, 1000)).await?.timer.id;
        assert!(repo.claim(&[id], "a", 999, 100).await?.is_empty());
        assert_eq!(repo.claim(&[id], "a", 1000, 100).await?.len(), 1);
        assert!(repo.claim(&[id], "b", 1100, 100).await?.is_empty());
        assert_eq!(repo.claim(&[id], "b", 1101, 100).await?.len(), 1);
        assert!(repo.renew(&[id], "a", 1102, 100).await?.is_empty());
        repo.mark_sent(&[id], "a", MessageId::from_const(5)).await?;
        assert_eq!(repo.state(id), Some(TimerState::Claimed));
        repo.mark_sent(&[id], "b", MessageId::from_const(6)).await?;
        assert_eq!(repo.sent_message_id(id), Some(MessageId::from_const(6)));
        Ok(())
    }

    #[tokio::test]
    async fn a_claim_that_keeps_lapsing_is_given_up() -> Result<(), RepoError> {
        let repo = MemoryTimerRepo::new();
        let id = repo.insert(&new_timer(1, 2, 1000)).await?.timer.id;
        let mut now = 1000;
        for _ in 0..MAX_CLAIM_ATTEMPTS {
            assert_eq!(repo.claim(&[id], "a", now, 100).await?.len(), 1);
            now += 101;
        }
        assert!(repo.claim(&[id], "b", now, 100).await?.is_empty());
        assert_eq!(repo.state(id), Some(TimerState::Failed));
        Ok(())
    }

    #[tokio::test]
    async fn extended_timers_cannot_be_claimed_early() -> Result<(), RepoError> {
        let repo = MemoryTimerRepo::new();
        let id = repo.insert(&new_timer(1, 10, 1000)).await?.timer.id;
        assert!(repo
            .extend(id, UserId::from_const(2), 15_000)
            .await?
            .is_none());
        assert!(repo
            .extend(id, UserId::from_const(1), 15_000)
            .await?
            .is_some());
        assert!(repo.claim(&[id], "a", 1000, 100).await?.is_empty());
        assert_eq!(repo.claim(&[id], "a", 16_000, 100).await?.len(), 1);
        Ok(())
    }
}
