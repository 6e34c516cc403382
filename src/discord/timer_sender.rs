//! The rest engine's Discord calls: countdown posts, pings and final edits.
//!
//! Calls are made once and their failures classified; the engine owns pacing and retries.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use poise::serenity_prelude as serenity;

use crate::app::reply::Reply;
use crate::app::rest as rest_app;
use crate::discord::ids;
use crate::discord::observe::observe;
use crate::discord::render;
use crate::domain::ids::{ChannelId, MessageId, RoleId, UserId};
use crate::timers::{RestTimer, SendError, TimerSender};

/// Well below the engine's 30 s lease, so a claim never expires while its call is running.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

pub struct DiscordTimerSender {
    http: Arc<serenity::Http>,
}

impl DiscordTimerSender {
    pub fn new(http: Arc<serenity::Http>) -> Self {
        Self { http }
    }

    async fn post(
        &self,
        channel_id: ChannelId,
        reply: Reply,
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let message = render::channel_message(reply)
            .nonce(serenity::Nonce::String(nonce.to_owned()))
            .enforce_nonce(true);
        let call = ids::to_serenity_channel(channel_id).send_message(&self.http, message);
        match tokio::time::timeout(CALL_TIMEOUT, call)
            .await
            .inspect(observe)
        {
            Ok(Ok(sent)) => ids::message(sent.id).ok_or_else(|| {
                SendError::Internal(format!("Discord returned message ID {}", sent.id))
            }),
            Ok(Err(error)) => Err(classify_discord_api_error(error)),
            Err(_) => Err(SendError::Server("timed out".into())),
        }
    }
}

#[async_trait]
impl TimerSender for DiscordTimerSender {
    async fn post_countdown(
        &self,
        timer: &RestTimer,
        content: &str,
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let reply = Reply::text(content).with_row(rest_app::countdown_row(timer));
        self.post(timer.channel_id, reply, nonce).await
    }

    async fn post_ping(
        &self,
        channel_id: ChannelId,
        content: &str,
        ping_user_ids: &[UserId],
        ping_role_ids: &[RoleId],
        nonce: &str,
    ) -> Result<MessageId, SendError> {
        let mut reply = Reply::text(content);
        reply.ping_users = ping_user_ids.iter().map(|id| id.get()).collect();
        reply.ping_roles = ping_role_ids.iter().map(|id| id.get()).collect();
        self.post(channel_id, reply, nonce).await
    }

    async fn tell_owner(&self, token: &str, content: &str) -> Result<(), SendError> {
        let followup = serenity::CreateInteractionResponseFollowup::new()
            .content(content)
            .ephemeral(true)
            .allowed_mentions(render::no_pings());
        let call = self
            .http
            .create_followup_message(token, &followup, Vec::new());
        match tokio::time::timeout(CALL_TIMEOUT, call)
            .await
            .inspect(observe)
        {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify_discord_api_error(error)),
            Err(_) => Err(SendError::Server("timed out".into())),
        }
    }

    async fn finish_countdown(
        &self,
        channel_id: ChannelId,
        message_id: MessageId,
        content: &str,
    ) -> Result<(), SendError> {
        let edit = serenity::EditMessage::new()
            .content(content)
            .components(Vec::new())
            .allowed_mentions(render::no_pings());
        let call = ids::to_serenity_channel(channel_id).edit_message(
            &self.http,
            ids::to_serenity_message(message_id),
            edit,
        );
        match tokio::time::timeout(CALL_TIMEOUT, call)
            .await
            .inspect(observe)
        {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify_discord_api_error(error)),
            Err(_) => Err(SendError::Server("timed out".into())),
        }
    }
}

/// What a failed Discord API call means for the engine: retry, pause, or give up.
fn classify_discord_api_error(error: serenity::Error) -> SendError {
    match &error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code.as_u16();
            let text = format!("{status} {}", response.error.message);
            match status {
                // Without a proxy, serenity's own ratelimiter already waited out the
                // Retry-After of a 429 and retried, so a 429 reaches here only through a
                // proxy, and serenity's error keeps neither the header nor `retry_after`.
                429 => SendError::RateLimited {
                    retry_after: Duration::from_secs(1),
                    global: false,
                },
                401 => SendError::Unauthorized(text),
                403 | 404 => SendError::Gone(text),
                500..=599 => SendError::Server(text),
                _ => SendError::Other(text),
            }
        }
        serenity::Error::Http(serenity::HttpError::Request(_)) => {
            SendError::Server(error.to_string())
        }
        _ => SendError::Other(error.to_string()),
    }
}
