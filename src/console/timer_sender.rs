//! The console's stand-in for Discord's channel: countdowns and pings become printed lines.

use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use tokio::sync::mpsc;

use crate::domain::ids::{ChannelId, MessageId, RoleId, UserId};
use crate::timers::{RestTimer, SendError, TimerSender};

pub struct ConsoleTimerSender {
    lines: mpsc::UnboundedSender<String>,
    next_message_id: AtomicU64,
}

impl ConsoleTimerSender {
    pub fn new(lines: mpsc::UnboundedSender<String>) -> Self {
        Self {
            lines,
            next_message_id: AtomicU64::new(1),
        }
    }

    fn print(&self, line: String) -> Result<MessageId, SendError> {
        self.lines
            .send(line)
            .map_err(|_| SendError::Gone("the console has closed".into()))?;
        let id = self.next_message_id.fetch_add(1, Ordering::Relaxed);
        MessageId::new(id).ok_or_else(|| SendError::Internal(format!("message number {id}")))
    }
}

#[async_trait]
impl TimerSender for ConsoleTimerSender {
    async fn post_countdown(
        &self,
        _timer: &RestTimer,
        content: &str,
        _nonce: &str,
    ) -> Result<MessageId, SendError> {
        self.print(format!("[channel] {content}"))
    }

    async fn post_ping(
        &self,
        _channel_id: ChannelId,
        content: &str,
        _ping_user_ids: &[UserId],
        _ping_role_ids: &[RoleId],
        _nonce: &str,
    ) -> Result<MessageId, SendError> {
        self.print(format!("[ping] {content}"))
    }

    async fn tell_owner(&self, _token: &str, content: &str) -> Result<(), SendError> {
        self.print(format!("[only you] {content}")).map(|_| ())
    }

    async fn finish_countdown(
        &self,
        _channel_id: ChannelId,
        _message_id: MessageId,
        content: &str,
    ) -> Result<(), SendError> {
        self.print(format!("[channel, edited] {content}"))
            .map(|_| ())
    }
}
