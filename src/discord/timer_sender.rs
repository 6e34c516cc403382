//! The rest engine's Discord calls: countdown posts, pings and final edits.
//!
//! Calls are made once and their failures classified; the engine owns pacing and retries.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use poise::serenity_prelude as serenity;

use crate::app::reply::Reply;
use crate::app::rest as rest_app;
use crate::discord::render;
use crate::domain::snowflake;
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

    async fn post(&self, channel_id: u64, reply: Reply, nonce: &str) -> Result<u64, SendError> {
        let message = render::channel_message(reply)
            .nonce(serenity::Nonce::String(nonce.to_owned()))
            .enforce_nonce(true);
        let call = discord_channel(channel_id)?.send_message(&self.http, message);
        match tokio::time::timeout(CALL_TIMEOUT, call).await {
            Ok(Ok(sent)) => Ok(sent.id.get()),
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
    ) -> Result<u64, SendError> {
        let reply = Reply::text(content).with_row(rest_app::countdown_row(timer));
        self.post(timer.channel_id, reply, nonce).await
    }

    async fn post_ping(
        &self,
        channel_id: u64,
        content: &str,
        ping_user_ids: &[u64],
        ping_role_ids: &[u64],
        nonce: &str,
    ) -> Result<u64, SendError> {
        let mut reply = Reply::text(content);
        reply.ping_users = ping_user_ids.to_vec();
        reply.ping_roles = ping_role_ids.to_vec();
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
        match tokio::time::timeout(CALL_TIMEOUT, call).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify_discord_api_error(error)),
            Err(_) => Err(SendError::Server("timed out".into())),
        }
    }

    async fn finish_countdown(
        &self,
        channel_id: u64,
        message_id: u64,
        content: &str,
    ) -> Result<(), SendError> {
        let edit = serenity::EditMessage::new()
            .content(content)
            .components(Vec::new())
            .allowed_mentions(render::no_pings());
        let message_id = snowflake::checked(message_id)
            .map(serenity::MessageId::new)
            .ok_or_else(|| SendError::Internal(format!("invalid message ID {message_id}")))?;
        let call = discord_channel(channel_id)?.edit_message(&self.http, message_id, edit);
        match tokio::time::timeout(CALL_TIMEOUT, call).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify_discord_api_error(error)),
            Err(_) => Err(SendError::Server("timed out".into())),
        }
    }
}

/// serenity's ID constructors panic on 0: an ID that cannot be Discord's is refused here.
fn discord_channel(channel_id: u64) -> Result<serenity::ChannelId, SendError> {
    snowflake::checked(channel_id)
        .map(serenity::ChannelId::new)
        .ok_or_else(|| SendError::Internal(format!("invalid channel ID {channel_id}")))
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
