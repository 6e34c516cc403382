//! The console's stand-in for the challenge channel: leaderboards, summaries and results
//! become printed lines.

use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use tokio::sync::mpsc;

use crate::app::challenge::{ChallengePostSender, PostError};
use crate::app::reply::Reply;
use crate::domain::ids::ChannelId;

pub struct ConsoleChallengeSender {
    lines: mpsc::UnboundedSender<String>,
    next_message_id: AtomicU64,
}

impl ConsoleChallengeSender {
    pub fn new(lines: mpsc::UnboundedSender<String>) -> Self {
        Self {
            lines,
            next_message_id: AtomicU64::new(1),
        }
    }

    fn print(&self, what: &str, reply: &Reply) -> Result<(), PostError> {
        let text = super::render::render(reply);
        self.lines
            .send(format!("[challenge {what}]\n{text}"))
            .map_err(|_| PostError::Gone("the console has closed".to_owned()))
    }
}

#[async_trait]
impl ChallengePostSender for ConsoleChallengeSender {
    async fn post(&self, _channel_id: ChannelId, reply: &Reply) -> Result<u64, PostError> {
        self.print("post", reply)?;
        Ok(self.next_message_id.fetch_add(1, Ordering::Relaxed))
    }

    async fn edit(
        &self,
        _channel_id: ChannelId,
        _message_id: u64,
        reply: &Reply,
    ) -> Result<(), PostError> {
        self.print("leaderboard updated", reply)
    }
}
