//! A [`TimerSender`] that records every call and fails on request.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use tokio::time::{Duration, Instant};

use crate::domain::ids::{ChannelId, MessageId, RoleId, UserId};
use crate::timers::{RestTimer, SendError, TimerSender};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ping,
    Countdown,
    Finish,
    Followup,
}

/// One call as the sender saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub at: Instant,
    pub kind: Kind,
    pub channel_id: u64,
    pub content: String,
    pub users: Vec<u64>,
    pub roles: Vec<u64>,
    pub nonce: String,
    pub result: Result<u64, SendError>,
}

impl Recorded {
    pub fn ok(&self) -> bool {
        self.result.is_ok()
    }
}

#[derive(Default)]
struct State {
    calls: Vec<Recorded>,
    ping_script: VecDeque<SendError>,
    gone_channels: HashSet<u64>,
    panicking_channels: HashSet<u64>,
    by_nonce: HashMap<String, u64>,
}

/// Records calls; pings fail as scripted, calls to gone channels fail with `Gone`.
#[derive(Default)]
pub struct FakeSender {
    state: Mutex<State>,
    next_message_id: AtomicU64,
    latency: Duration,
}

impl FakeSender {
    pub fn new() -> Self {
        Self {
            next_message_id: AtomicU64::new(1000),
            ..Self::default()
        }
    }

    pub fn with_latency(latency: Duration) -> Self {
        Self {
            latency,
            ..Self::new()
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next pings fail with these errors, in order.
    pub fn fail_pings_with(&self, errors: impl IntoIterator<Item = SendError>) {
        self.lock().ping_script.extend(errors);
    }

    /// Calls to this channel panic, like a bug while building a message.
    pub fn make_panic(&self, channel_id: u64) {
        self.lock().panicking_channels.insert(channel_id);
    }

    pub fn make_gone(&self, channel_id: u64) {
        self.lock().gone_channels.insert(channel_id);
    }

    pub fn calls(&self) -> Vec<Recorded> {
        self.lock().calls.clone()
    }

    /// Ping calls, failed ones included.
    pub fn ping_attempts(&self) -> Vec<Recorded> {
        self.calls()
            .into_iter()
            .filter(|call| call.kind == Kind::Ping)
            .collect()
    }

    /// Pings that went out.
    pub fn pings(&self) -> Vec<Recorded> {
        self.ping_attempts()
            .into_iter()
            .filter(Recorded::ok)
            .collect()
    }

    async fn record(
        &self,
        kind: Kind,
        channel_id: u64,
        content: &str,
        (users, roles): (&[u64], &[u64]),
        nonce: &str,
    ) -> Result<u64, SendError> {
        if !self.latency.is_zero() {
            tokio::time::sleep(self.latency).await;
        }
        let panics = self.lock().panicking_channels.contains(&channel_id);
        if panics {
            panic!("building a message for channel {channel_id} failed");
        }
        let mut state = self.lock();
        let result = if state.gone_channels.contains(&channel_id) {
            Err(SendError::Gone("404 Unknown Channel".into()))
        } else if kind == Kind::Ping {
            match state.ping_script.pop_front() {
                Some(error) => Err(error),
                None => Ok(()),
            }
        } else {
            Ok(())
        };
        let result = result.map(|()| {
            // Like Discord with enforce_nonce: the same nonce yields the same message.
            *state
                .by_nonce
                .entry(nonce.to_owned())
                .or_insert_with(|| self.next_message_id.fetch_add(1, Ordering::Relaxed))
        });
        state.calls.push(Recorded {
            at: Instant::now(),
            kind,
            channel_id,
            content: content.to_owned(),
            users: users.to_vec(),
            roles: roles.to_vec(),
            nonce: nonce.to_owned(),
            result: result.clone(),
        });
        result
    }
}

#[async_trait]
impl TimerSender for FakeSender {
    async fn post_countdown(
        &self,
        timer: &RestTimer,
        content: &str,
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        self.record(
            Kind::Countdown,
            timer.channel_id.get(),
            content,
            (&[], &[]),
            nonce,
        )
        .await
        .and_then(message_id)
    }

    async fn post_ping(
        &self,
        channel_id: ChannelId,
        content: &str,
        ping_user_ids: &[UserId],
        ping_role_ids: &[RoleId],
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let users: Vec<u64> = ping_user_ids.iter().map(|id| id.get()).collect();
        let roles: Vec<u64> = ping_role_ids.iter().map(|id| id.get()).collect();
        self.record(
            Kind::Ping,
            channel_id.get(),
            content,
            (&users, &roles),
            nonce,
        )
        .await
        .and_then(message_id)
    }

    async fn tell_owner(&self, token: &str, content: &str) -> Result<(), SendError> {
        self.record(Kind::Followup, 0, content, (&[], &[]), token)
            .await
            .map(|_| ())
    }

    async fn finish_countdown(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        content: &str,
    ) -> Result<(), SendError> {
        let nonce = format!("edit{message_id}");
        self.record(Kind::Finish, channel_id.get(), content, (&[], &[]), &nonce)
            .await
            .map(|_| ())
    }
}

/// The fake's message numbers start at 1000, so each is a valid ID.
fn message_id(id: u64) -> Result<MessageId, SendError> {
    MessageId::new(id).ok_or_else(|| SendError::Internal(format!("message number {id}")))
}
