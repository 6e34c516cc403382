//! The challenge poster's Discord calls: the living leaderboard, weekly summaries and the
//! final results, posted and edited with no pings.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use poise::serenity_prelude as serenity;

use crate::app::challenge::{ChallengePostSender, PostError};
use crate::app::reply::Reply;
use crate::discord::observe::observe;
use crate::discord::render;
use crate::domain::ids::ChannelId;
use crate::domain::snowflake;

/// Well below the poster's lease, so a claim never expires while its call is running.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

pub struct DiscordChallengeSender {
    http: Arc<serenity::Http>,
}

impl DiscordChallengeSender {
    pub fn new(http: Arc<serenity::Http>) -> Self {
        Self { http }
    }
}

#[async_trait]
impl ChallengePostSender for DiscordChallengeSender {
    async fn post(&self, channel_id: ChannelId, reply: &Reply) -> Result<u64, PostError> {
        let mut reply = reply.clone();
        // Challenge posts name members but never ping them.
        reply.ping_users.clear();
        reply.ping_roles.clear();
        let message = render::channel_message(reply);
        let channel = serenity::ChannelId::new(channel_id.get());
        match tokio::time::timeout(CALL_TIMEOUT, channel.send_message(&self.http, message))
            .await
            .inspect(observe)
        {
            Ok(Ok(sent)) => Ok(sent.id.get()),
            Ok(Err(error)) => Err(classify(error)),
            Err(_) => Err(PostError::Failed("timed out".to_owned())),
        }
    }

    async fn edit(
        &self,
        channel_id: ChannelId,
        message_id: u64,
        reply: &Reply,
    ) -> Result<(), PostError> {
        let Some(message_id) = snowflake::checked(message_id).map(serenity::MessageId::new) else {
            return Err(PostError::Gone(format!("invalid message ID {message_id}")));
        };
        let reply = reply.clone();
        let mut edit = serenity::EditMessage::new()
            .allowed_mentions(render::no_pings())
            .components(render::action_rows(&reply.rows))
            .embeds(
                reply
                    .embeds
                    .into_iter()
                    .map(render::embed_builder)
                    .collect(),
            );
        if let Some(content) = reply.content {
            edit = edit.content(content);
        }
        let channel = serenity::ChannelId::new(channel_id.get());
        let call = channel.edit_message(&self.http, message_id, edit);
        match tokio::time::timeout(CALL_TIMEOUT, call)
            .await
            .inspect(observe)
        {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(classify(error)),
            Err(_) => Err(PostError::Failed("timed out".to_owned())),
        }
    }
}

/// 403 and 404 mean the message or channel is gone (or closed to the bot): the poster
/// posts anew or skips; anything else is tried again later.
fn classify(error: serenity::Error) -> PostError {
    match &error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))
            if matches!(response.status_code.as_u16(), 403 | 404) =>
        {
            PostError::Gone(format!(
                "{} {}",
                response.status_code.as_u16(),
                response.error.message
            ))
        }
        _ => PostError::Failed(error.to_string()),
    }
}
