//! Keeps the console's rests and Discord's rests apart when they share a database.
//!
//! The console's channel is [`CONSOLE_CHANNEL_ID`], which no Discord channel ever is. Each engine reloads and
//! recovers only its own side's timers, so a console never prints a server's pings and the
//! bot never posts a console rest to Discord.

use std::sync::Arc;

use async_trait::async_trait;

use super::model::{NewRestTimer, RestTimer, TimerId};
use super::repo::{Inserted, PendingTimer, RepoError, TimerRepo};
use crate::domain::ids::{ChannelId, MessageId, UserId};

/// The channel of rests started in the console.
/// The smallest valid ID: real Discord IDs carry a timestamp since 2015 (about 10^17),
/// so none is ever this small, and it still passes every ID check.
pub const CONSOLE_CHANNEL_ID: ChannelId = ChannelId::from_const(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Console,
    Discord,
}

impl Side {
    fn owns(self, channel_id: ChannelId) -> bool {
        (channel_id == CONSOLE_CHANNEL_ID) == (self == Side::Console)
    }
}

pub struct ScopedRepo {
    inner: Arc<dyn TimerRepo>,
    side: Side,
}

impl ScopedRepo {
    pub fn new(inner: Arc<dyn TimerRepo>, side: Side) -> Self {
        Self { inner, side }
    }
}

#[async_trait]
impl TimerRepo for ScopedRepo {
    async fn insert(&self, timer: &NewRestTimer) -> Result<Inserted, RepoError> {
        self.inner.insert(timer).await
    }

    /// Pages through the inner rows until `limit` of this side's are found or rows run out,
    /// so the engine's "a short page is the last page" rule still holds.
    async fn load_pending(
        &self,
        after: Option<TimerId>,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        let mut found = Vec::new();
        let mut cursor = after;
        loop {
            let page = self.inner.load_pending(cursor, limit).await?;
            let exhausted = page.len() < limit;
            cursor = page.last().map(|timer| timer.id).or(cursor);
            found.extend(page.into_iter().filter(|t| self.side.owns(t.channel_id)));
            if exhausted || found.len() >= limit {
                found.truncate(limit);
                return Ok(found);
            }
        }
    }

    async fn recoverable(
        &self,
        now_ms: i64,
        ends_before_ms: i64,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        let rows = self
            .inner
            .recoverable(now_ms, ends_before_ms, limit)
            .await?;
        Ok(rows
            .into_iter()
            .filter(|t| self.side.owns(t.channel_id))
            .collect())
    }

    async fn claim(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<RestTimer>, RepoError> {
        self.inner.claim(ids, owner, now_ms, lease_ms).await
    }

    async fn renew(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<TimerId>, RepoError> {
        self.inner.renew(ids, owner, now_ms, lease_ms).await
    }

    async fn release(&self, ids: &[TimerId], owner: &str) -> Result<(), RepoError> {
        self.inner.release(ids, owner).await
    }

    async fn mark_sent(
        &self,
        ids: &[TimerId],
        owner: &str,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        self.inner.mark_sent(ids, owner, message_id).await
    }

    async fn mark_failed(
        &self,
        ids: &[TimerId],
        owner: &str,
        reason: &str,
    ) -> Result<(), RepoError> {
        self.inner.mark_failed(ids, owner, reason).await
    }

    async fn cancel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.inner.cancel(user_id, channel_id).await
    }

    async fn cancel_timer(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.inner.cancel_timer(id, user_id).await
    }

    async fn extend(
        &self,
        id: TimerId,
        user_id: UserId,
        by_ms: i64,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.inner.extend(id, user_id, by_ms).await
    }

    async fn set_countdown_message(
        &self,
        id: TimerId,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        self.inner.set_countdown_message(id, message_id).await
    }

    async fn running_channels(&self, user_id: UserId) -> Result<Vec<ChannelId>, RepoError> {
        let channels = self.inner.running_channels(user_id).await?;
        Ok(channels
            .into_iter()
            .filter(|&channel| self.side.owns(channel))
            .collect())
    }

    async fn list_running(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RepoError> {
        self.inner.list_running(channel_id).await
    }

    async fn running(&self, id: TimerId) -> Result<Option<RestTimer>, RepoError> {
        self.inner.running(id).await
    }

    async fn replace_ping_users(
        &self,
        id: TimerId,
        expected: &[UserId],
        new: &[UserId],
    ) -> Result<Option<RestTimer>, RepoError> {
        self.inner.replace_ping_users(id, expected, new).await
    }

    async fn latest_ping_list(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        since_ms: i64,
    ) -> Result<Option<Vec<UserId>>, RepoError> {
        self.inner
            .latest_ping_list(owner, channel_id, since_ms)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timers::MemoryTimerRepo;

    fn timer(user_id: u64, channel_id: u64) -> NewRestTimer {
        let user_id = UserId::from_const(user_id);
        NewRestTimer {
            user_id,
            channel_id: ChannelId::from_const(channel_id),
            guild_id: None,
            ends_at_ms: 1_000,
            label: None,
            next_set: None,
            ping_user_ids: vec![user_id],
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
        }
    }

    #[tokio::test]
    async fn each_side_reloads_only_its_own_timers_across_pages() {
        let inner: Arc<dyn TimerRepo> = Arc::new(MemoryTimerRepo::new());
        for user in 1..8 {
            inner.insert(&timer(user, 5)).await.unwrap();
        }
        inner
            .insert(&timer(100, CONSOLE_CHANNEL_ID.get()))
            .await
            .unwrap();
        inner.insert(&timer(101, 6)).await.unwrap();

        let console = ScopedRepo::new(inner.clone(), Side::Console);
        let page = console.load_pending(None, 2).await.unwrap();
        assert_eq!(page.len(), 1, "found past several pages of Discord rows");
        assert_eq!(page[0].channel_id, CONSOLE_CHANNEL_ID);

        let discord = ScopedRepo::new(inner, Side::Discord);
        let first = discord.load_pending(None, 4).await.unwrap();
        assert_eq!(first.len(), 4);
        let second = discord
            .load_pending(first.last().map(|t| t.id), 4)
            .await
            .unwrap();
        assert_eq!(second.len(), 4);
        assert!(second.iter().all(|t| t.channel_id != CONSOLE_CHANNEL_ID));
        let recoverable = discord.recoverable(2_000, 2_000, 100).await.unwrap();
        assert_eq!(recoverable.len(), 8);
    }
}
