//! A time limit on every storage call of the engine and its handle.
//!
//! The store's own timeouts (pool acquire, statement) cover a database that answers "no".
//! They do not cover one that never answers: a connection whose link died silently waits
//! for the kernel to give up on it, which takes many minutes. A claim or "mark sent" stuck
//! that long would hold every rest behind it. Cut at the limit, the call fails like any
//! storage error: the engine retries claims and "mark sent" until they succeed, so the
//! rests fire once the database is back, and a command gets its answer in time.

use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;
use tokio::time::{timeout, Duration};

use super::model::{NewRestTimer, RestTimer, TimerId};
use super::repo::{Inserted, PendingTimer, RepoError, TimerRepo};
use crate::domain::ids::{ChannelId, MessageId, UserId};

/// Longer than any healthy call, and than a call that fails by itself after waiting for
/// both a pooled connection (5 s) and a statement (5 s) to time out; well below the 30 s
/// claim lease, so a stuck renewal is retried before the lease runs out.
pub const DATABASE_CALL_LIMIT: Duration = Duration::from_secs(12);

pub struct BoundedRepo {
    inner: Arc<dyn TimerRepo>,
    limit: Duration,
}

impl BoundedRepo {
    pub fn new(inner: Arc<dyn TimerRepo>) -> Self {
        Self::with_limit(inner, DATABASE_CALL_LIMIT)
    }

    pub fn with_limit(inner: Arc<dyn TimerRepo>, limit: Duration) -> Self {
        Self { inner, limit }
    }

    async fn bounded<T>(
        &self,
        call: &'static str,
        work: impl Future<Output = Result<T, RepoError>> + Send,
    ) -> Result<T, RepoError> {
        match timeout(self.limit, work).await {
            Ok(outcome) => outcome,
            Err(_) => Err(RepoError::unavailable(format!(
                "{call}: no answer from the database within {} ms",
                self.limit.as_millis()
            ))),
        }
    }
}

#[async_trait]
impl TimerRepo for BoundedRepo {
    async fn insert(&self, timer: &NewRestTimer) -> Result<Inserted, RepoError> {
        self.bounded("insert", self.inner.insert(timer)).await
    }

    async fn load_pending(
        &self,
        after: Option<TimerId>,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        self.bounded("load_pending", self.inner.load_pending(after, limit))
            .await
    }

    async fn recoverable(
        &self,
        now_ms: i64,
        ends_before_ms: i64,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError> {
        self.bounded(
            "recoverable",
            self.inner.recoverable(now_ms, ends_before_ms, limit),
        )
        .await
    }

    async fn claim(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<RestTimer>, RepoError> {
        self.bounded("claim", self.inner.claim(ids, owner, now_ms, lease_ms))
            .await
    }

    async fn renew(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<TimerId>, RepoError> {
        self.bounded("renew", self.inner.renew(ids, owner, now_ms, lease_ms))
            .await
    }

    async fn release(&self, ids: &[TimerId], owner: &str) -> Result<(), RepoError> {
        self.bounded("release", self.inner.release(ids, owner))
            .await
    }

    async fn mark_sent(
        &self,
        ids: &[TimerId],
        owner: &str,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        self.bounded("mark_sent", self.inner.mark_sent(ids, owner, message_id))
            .await
    }

    async fn mark_failed(
        &self,
        ids: &[TimerId],
        owner: &str,
        reason: &str,
    ) -> Result<(), RepoError> {
        self.bounded("mark_failed", self.inner.mark_failed(ids, owner, reason))
            .await
    }

    async fn cancel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.bounded("cancel", self.inner.cancel(user_id, channel_id))
            .await
    }

    async fn cancel_timer(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.bounded("cancel_timer", self.inner.cancel_timer(id, user_id))
            .await
    }

    async fn extend(
        &self,
        id: TimerId,
        user_id: UserId,
        by_ms: i64,
    ) -> Result<Option<RestTimer>, RepoError> {
        self.bounded("extend", self.inner.extend(id, user_id, by_ms))
            .await
    }

    async fn set_countdown_message(
        &self,
        id: TimerId,
        message_id: MessageId,
    ) -> Result<(), RepoError> {
        self.bounded(
            "set_countdown_message",
            self.inner.set_countdown_message(id, message_id),
        )
        .await
    }

    async fn running_channels(&self, user_id: UserId) -> Result<Vec<ChannelId>, RepoError> {
        self.bounded("running_channels", self.inner.running_channels(user_id))
            .await
    }

    async fn list_running(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RepoError> {
        self.bounded("list_running", self.inner.list_running(channel_id))
            .await
    }

    async fn running(&self, id: TimerId) -> Result<Option<RestTimer>, RepoError> {
        self.bounded("running", self.inner.running(id)).await
    }

    async fn replace_ping_users(
        &self,
        id: TimerId,
        expected: &[UserId],
        new: &[UserId],
    ) -> Result<Option<RestTimer>, RepoError> {
        self.bounded(
            "replace_ping_users",
            self.inner.replace_ping_users(id, expected, new),
        )
        .await
    }

    async fn latest_ping_list(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        since_ms: i64,
    ) -> Result<Option<Vec<UserId>>, RepoError> {
        self.bounded(
            "latest_ping_list",
            self.inner.latest_ping_list(owner, channel_id, since_ms),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;
    use crate::timers::MemoryTimerRepo;

    /// The in-memory repository, except that while `hang` is set no call ever returns, as
    /// on a connection whose link died silently.
    #[derive(Default)]
    struct HangingRepo {
        inner: MemoryTimerRepo,
        hang: AtomicBool,
    }

    impl HangingRepo {
        async fn gate(&self) {
            if self.hang.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
        }
    }

    #[async_trait]
    impl TimerRepo for HangingRepo {
        async fn insert(&self, timer: &NewRestTimer) -> Result<Inserted, RepoError> {
            self.gate().await;
            self.inner.insert(timer).await
        }
        async fn load_pending(
            &self,
            after: Option<TimerId>,
            limit: usize,
        ) -> Result<Vec<PendingTimer>, RepoError> {
            self.gate().await;
            self.inner.load_pending(after, limit).await
        }
        async fn recoverable(
            &self,
            now_ms: i64,
            ends_before_ms: i64,
            limit: usize,
        ) -> Result<Vec<PendingTimer>, RepoError> {
            self.gate().await;
            self.inner.recoverable(now_ms, ends_before_ms, limit).await
        }
        async fn claim(
            &self,
            ids: &[TimerId],
            owner: &str,
            now_ms: i64,
            lease_ms: i64,
        ) -> Result<Vec<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.claim(ids, owner, now_ms, lease_ms).await
        }
        async fn renew(
            &self,
            ids: &[TimerId],
            owner: &str,
            now_ms: i64,
            lease_ms: i64,
        ) -> Result<Vec<TimerId>, RepoError> {
            self.gate().await;
            self.inner.renew(ids, owner, now_ms, lease_ms).await
        }
        async fn release(&self, ids: &[TimerId], owner: &str) -> Result<(), RepoError> {
            self.gate().await;
            self.inner.release(ids, owner).await
        }
        async fn mark_sent(
            &self,
            ids: &[TimerId],
            owner: &str,
            message_id: MessageId,
        ) -> Result<(), RepoError> {
            self.gate().await;
            self.inner.mark_sent(ids, owner, message_id).await
        }
        async fn mark_failed(
            &self,
            ids: &[TimerId],
            owner: &str,
            reason: &str,
        ) -> Result<(), RepoError> {
            self.gate().await;
            self.inner.mark_failed(ids, owner, reason).await
        }
        async fn cancel(
            &self,
            user_id: UserId,
            channel_id: ChannelId,
        ) -> Result<Option<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.cancel(user_id, channel_id).await
        }
        async fn cancel_timer(
            &self,
            id: TimerId,
            user_id: UserId,
        ) -> Result<Option<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.cancel_timer(id, user_id).await
        }
        async fn extend(
            &self,
            id: TimerId,
            user_id: UserId,
            by_ms: i64,
        ) -> Result<Option<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.extend(id, user_id, by_ms).await
        }
        async fn set_countdown_message(
            &self,
            id: TimerId,
            message_id: MessageId,
        ) -> Result<(), RepoError> {
            self.gate().await;
            self.inner.set_countdown_message(id, message_id).await
        }
        async fn running_channels(&self, user_id: UserId) -> Result<Vec<ChannelId>, RepoError> {
            self.gate().await;
            self.inner.running_channels(user_id).await
        }
        async fn list_running(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.list_running(channel_id).await
        }
        async fn running(&self, id: TimerId) -> Result<Option<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.running(id).await
        }
        async fn replace_ping_users(
            &self,
            id: TimerId,
            expected: &[UserId],
            new: &[UserId],
        ) -> Result<Option<RestTimer>, RepoError> {
            self.gate().await;
            self.inner.replace_ping_users(id, expected, new).await
        }
        async fn latest_ping_list(
            &self,
            owner: UserId,
            channel_id: ChannelId,
            since_ms: i64,
        ) -> Result<Option<Vec<UserId>>, RepoError> {
            self.gate().await;
            self.inner
                .latest_ping_list(owner, channel_id, since_ms)
                .await
        }
    }

    fn rest(channel_id: u64, ends_at_ms: i64) -> NewRestTimer {
        NewRestTimer {
            user_id: UserId::from_const(7),
            channel_id: ChannelId::from_const(channel_id),
            guild_id: None,
            ends_at_ms,
            label: None,
            next_set: None,
            ping_user_ids: vec![UserId::from_const(7)],
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_hanging_call_fails_at_the_limit() {
        let hanging = Arc::new(HangingRepo::default());
        let repo = BoundedRepo::new(hanging.clone());
        let id = repo
            .insert(&rest(1, 1_000))
            .await
            .expect("answers")
            .timer
            .id;
        hanging.hang.store(true, Ordering::SeqCst);

        let started = tokio::time::Instant::now();
        let error = repo
            .claim(&[id], "me", 2_000, 30_000)
            .await
            .expect_err("a call that never returns is cut");
        assert_eq!(started.elapsed(), DATABASE_CALL_LIMIT);
        assert!(
            error.message.contains("claim") && error.unavailable,
            "{error}"
        );
        let started = tokio::time::Instant::now();
        assert!(repo
            .mark_sent(&[id], "me", MessageId::from_const(9))
            .await
            .is_err());
        assert!(repo.insert(&rest(2, 1_000)).await.is_err());
        assert_eq!(started.elapsed(), DATABASE_CALL_LIMIT * 2);

        // Once the database answers again, the retried claim wins the timer.
        hanging.hang.store(false, Ordering::SeqCst);
        let won = repo
            .claim(&[id], "me", 2_000, 30_000)
            .await
            .expect("answers");
        assert_eq!(won.len(), 1);
        repo.mark_sent(&[id], "me", MessageId::from_const(9))
            .await
            .expect("answers");
        assert_eq!(
            hanging.inner.sent_message_id(id),
            Some(MessageId::from_const(9))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn answers_and_errors_within_the_limit_pass_through() {
        let repo =
            BoundedRepo::with_limit(Arc::new(HangingRepo::default()), Duration::from_millis(50));
        let inserted = repo.insert(&rest(1, 1_000)).await.expect("answers");
        assert_eq!(
            repo.list_running(ChannelId::from_const(1))
                .await
                .expect("answers")
                .len(),
            1
        );
        let canceled = repo
            .cancel(UserId::from_const(7), ChannelId::from_const(1))
            .await
            .expect("answers");
        assert_eq!(canceled.map(|t| t.id), Some(inserted.timer.id));
    }
}
