//! The Discord seam: the three REST calls the engine makes, and how they fail.

use std::time::Duration;

use async_trait::async_trait;

use super::model::RestTimer;
use super::pacing::Route;
use crate::domain::ids::{ChannelId, MessageId, RoleId, UserId};

/// Why a Discord call failed, as far as retrying is concerned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// HTTP 429: wait `retry_after`; `global` stops every call, otherwise only this channel.
    #[error("rate limited for {retry_after:?} (global: {global})")]
    RateLimited { retry_after: Duration, global: bool },
    /// HTTP 5xx, a timeout or a network error: retried with backoff, never dropped.
    #[error("Discord or the network failed: {0}")]
    Server(String),
    /// HTTP 403 or 404: the channel or message is gone or the permission was removed.
    #[error("channel or message unavailable: {0}")]
    Gone(String),
    /// HTTP 401: the token was revoked or reset. Nothing is sent until an operator acts,
    /// and no ping is given up because of it.
    #[error("Discord refused the bot's token: {0}")]
    Unauthorized(String),
    /// Anything else (e.g. HTTP 400): not retried.
    #[error("rejected: {0}")]
    Other(String),
    /// The bot failed before the call left (a bug, such as a panic while building the
    /// message): not retried, and the call's budget is given back.
    #[error("internal failure before sending: {0}")]
    Internal(String),
}

/// What Discord announced about a route's bucket in the `X-RateLimit-*` headers of one
/// answer: `limit` calls per bucket, `remaining` of them left, reset `reset_after` later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteLimitSeen {
    pub channel_id: ChannelId,
    pub route: Route,
    pub limit: u32,
    pub remaining: u32,
    pub reset_after: Duration,
}

/// Sends what the engine asks for. Implementations map HTTP outcomes onto [`SendError`] and
/// must not retry on their own (the engine paces and retries every call). Messages are
/// posted with `nonce` and `enforce_nonce: true`, so a retried post returns the message the
/// first attempt created. The request timeout must stay well below the engine's lease.
#[async_trait]
pub trait TimerSender: Send + Sync + 'static {
    /// Posts the countdown message with the +15 s and Cancel buttons (their custom ids carry
    /// `timer.id`) and no pings (`allowed_mentions` empty). Returns the message id.
    async fn post_countdown(
        &self,
        timer: &RestTimer,
        content: &str,
        nonce: &str,
    ) -> Result<MessageId, SendError>;

    /// Posts a new message whose `allowed_mentions` names exactly `ping_user_ids` and
    /// `ping_role_ids` (never everyone). Returns the message id.
    async fn post_ping(
        &self,
        channel_id: ChannelId,
        content: &str,
        ping_user_ids: &[UserId],
        ping_role_ids: &[RoleId],
        nonce: &str,
    ) -> Result<MessageId, SendError>;

    /// Posts a rest's ping as a public follow-up of the interaction that started it
    /// (`token`), naming exactly `ping_user_ids`: the way to reach a channel where the bot
    /// is not a member. Senders without interactions have no such channel.
    async fn post_ping_by_interaction(
        &self,
        token: &str,
        content: &str,
        ping_user_ids: &[UserId],
    ) -> Result<MessageId, SendError> {
        let _ = (token, content, ping_user_ids);
        Err(SendError::Gone("no interaction to follow up here".into()))
    }

    /// Tells a rest's owner privately, through a follow-up of the interaction that started
    /// the rest (`token`), that its ping could not be posted. Pings nobody.
    async fn tell_owner(&self, token: &str, content: &str) -> Result<(), SendError>;

    /// Edits a countdown message to its final text ("Rest over", "replaced") and removes
    /// its buttons.
    async fn finish_countdown(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        content: &str,
    ) -> Result<(), SendError>;

    /// The route limits announced on calls answered since the last time this was asked,
    /// oldest first. Senders that see no headers have none to tell.
    fn take_route_limits(&self) -> Vec<RouteLimitSeen> {
        Vec::new()
    }
}
