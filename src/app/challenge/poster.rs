//! The challenge poster: one background task per process that keeps each challenge's living
//! leaderboard message up to date (edited at most once a minute) and makes the weekly
//! summaries and the final results.
//!
//! What is due lives in the database (`board_due_at_ms`, `next_post_at_ms` and the posted
//! markers), and a challenge is claimed with a lease before anything is sent, like a rest
//! timer: a restart neither skips nor repeats a post, and processes sharing one PostgreSQL
//! database post each exactly once (a process dying between sending and recording gives
//! the post to the next owner after the lease, the same trade-off as rest pings).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures::FutureExt as _;
use tokio::sync::{watch, Notify};

use super::board::{board_chart, board_reply, BoardData, BOARD_CHART_FILENAME};
use crate::app::reply::{Colour, Embed, Reply};
use crate::domain::challenge::{
    announcement_text, due_posts, final_results_text, next_post, weekly_summary_text, Board,
    ChallengeStatus, ScheduledPost,
};
use crate::domain::ids::ChannelId;
use crate::domain::strength::Unit;
use crate::error::AppError;
use crate::store::{Challenge, GuildScope, PostClaim, Store};
use crate::timers::TimerHandle;

/// Why a post or an edit failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    /// The message (or the channel) is gone or the bot may no longer post there.
    #[error("message or channel unavailable: {0}")]
    Gone(String),
    /// Anything else: tried again later.
    #[error("post failed: {0}")]
    Failed(String),
}

/// Posts and edits the challenge messages: in a channel, with no pings
/// (`allowed_mentions` empty), attachments and the Join button as in the [`Reply`].
#[async_trait]
pub trait ChallengePostSender: Send + Sync + 'static {
    /// Posts a message; returns its ID.
    async fn post(&self, channel_id: ChannelId, reply: &Reply) -> Result<u64, PostError>;

    /// Replaces a message the bot posted.
    async fn edit(
        &self,
        channel_id: ChannelId,
        message_id: u64,
        reply: &Reply,
    ) -> Result<(), PostError>;
}

/// The sender, with every call waiting for its turn in the process's outbound budget
/// (shared with rest pings and countdowns, which go first), so a busy leaderboard never
/// delays a ping or pushes the bot past Discord's limits.
#[derive(Clone, Copy)]
struct Paced<'a> {
    sender: &'a dyn ChallengePostSender,
    budget: &'a TimerHandle,
}

impl Paced<'_> {
    async fn post(self, channel_id: ChannelId, reply: &Reply) -> Result<u64, PostError> {
        self.turn(channel_id).await?;
        self.sender.post(channel_id, reply).await
    }

    async fn edit(
        self,
        channel_id: ChannelId,
        message_id: u64,
        reply: &Reply,
    ) -> Result<(), PostError> {
        self.turn(channel_id).await?;
        self.sender.edit(channel_id, message_id, reply).await
    }

    async fn turn(self, channel_id: ChannelId) -> Result<(), PostError> {
        if self.budget.send_slot(channel_id).await {
            Ok(())
        } else {
            Err(PostError::Failed(
                "no turn in the outbound budget (busy or stopping)".to_owned(),
            ))
        }
    }
}

/// How the poster runs.
#[derive(Debug, Clone)]
pub struct PosterConfig {
    /// This process's claim owner.
    pub owner: String,
    /// How long a claim holds; longer than any one challenge's posting takes.
    pub lease: Duration,
    /// The longest sleep without checking the database (other processes may add work).
    pub idle_poll: Duration,
    /// How long a failed post waits before the next try.
    pub retry_after: Duration,
    /// Whose challenges this process posts.
    pub scope: GuildScope,
}

impl PosterConfig {
    pub fn new(owner: String, scope: GuildScope) -> Self {
        Self {
            owner,
            scope,
            lease: Duration::from_secs(60),
            idle_poll: Duration::from_secs(5),
            retry_after: Duration::from_secs(60),
        }
    }
}

/// Challenges handled per round.
const CLAIM_BATCH: u32 = 20;

/// Runs until `shutdown` turns true. Wakes when `wake` is notified (a command changed
/// something), when the next post is due, or every `idle_poll`.
pub async fn run(
    store: Arc<dyn Store>,
    sender: Arc<dyn ChallengePostSender>,
    budget: TimerHandle,
    wake: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
    config: PosterConfig,
) {
    loop {
        if *shutdown.borrow() {
            return;
        }
        // A panic anywhere in a round (a bug, a malformed row) is logged and the next
        // round runs: the poster never dies silently.
        let round = round(store.as_ref(), sender.as_ref(), &budget, &config);
        let pause = match AssertUnwindSafe(round).catch_unwind().await {
            Ok(pause) => pause,
            Err(_) => {
                tracing::error!("a challenge poster round panicked; trying again");
                config.retry_after.min(config.idle_poll)
            }
        };
        // Work due now that another process holds is retried after a short pause, not in
        // a busy loop.
        let pause = pause.max(Duration::from_millis(200));
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = wake.notified() => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// Claims and posts what is due, then says how long to wait before the next round.
async fn round(
    store: &dyn Store,
    sender: &dyn ChallengePostSender,
    budget: &TimerHandle,
    config: &PosterConfig,
) -> Duration {
    let now = Utc::now();
    let lease_until = now + chrono::Duration::from_std(config.lease).unwrap_or_default();
    let claim = PostClaim {
        owner: &config.owner,
        now,
        lease_until,
        scope: config.scope,
    };
    match store.claim_due_challenges(claim, CLAIM_BATCH).await {
        Ok(claimed) => {
            for challenge in claimed {
                let id = challenge.id;
                let paced = Paced { sender, budget };
                let step = post_due(store, paced, config, challenge);
                let bounded = tokio::time::timeout(config.lease, step);
                match AssertUnwindSafe(bounded).catch_unwind().await {
                    Ok(Ok(())) => {}
                    Ok(Err(_)) => {
                        tracing::error!(challenge = %id, "challenge posts timed out");
                    }
                    Err(_) => {
                        // The claim runs out by itself; the lease is the retry delay.
                        tracing::error!(challenge = %id, "challenge posts panicked");
                    }
                }
            }
        }
        Err(error) => tracing::error!(%error, "could not claim due challenge posts"),
    }
    match store.next_challenge_post_at(config.scope).await {
        Ok(Some(next)) => (next - Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(config.idle_poll),
        Ok(None) => config.idle_poll,
        Err(error) => {
            tracing::error!(%error, "could not read the next challenge post");
            config.idle_poll
        }
    }
}

/// Makes what is due for one claimed challenge, then gives the claim back.
async fn post_due(
    store: &dyn Store,
    sender: Paced<'_>,
    config: &PosterConfig,
    challenge: Challenge,
) {
    let owner = config.owner.as_str();
    let now = Utc::now();
    let retry_at = now + chrono::Duration::from_std(config.retry_after).unwrap_or_default();
    let outcome = post_scheduled(store, sender, owner, &challenge, now).await;
    let board_outcome = match &outcome {
        Ok(challenge) => update_board(store, sender, owner, challenge, now).await,
        Err(_) => Ok(()),
    };
    let retry = match (outcome, board_outcome) {
        (Ok(_), Ok(())) => None,
        (Err(error), _) | (_, Err(error)) => {
            tracing::warn!(challenge = %challenge.id, %error, "challenge post failed; retrying later");
            Some(retry_at)
        }
    };
    if let Err(error) = store.release_challenge(challenge.id, owner, retry).await {
        tracing::error!(challenge = %challenge.id, %error, "could not release a challenge claim");
    }
}

#[derive(Debug, thiserror::Error)]
enum PostFailure {
    #[error(transparent)]
    Send(#[from] PostError),
    #[error("{0}")]
    Store(String),
}

impl From<AppError> for PostFailure {
    fn from(error: AppError) -> Self {
        Self::Store(error.to_string())
    }
}

impl From<crate::store::StoreError> for PostFailure {
    fn from(error: crate::store::StoreError) -> Self {
        Self::Store(error.to_string())
    }
}

/// Weekly summaries and the final results that are due, oldest first; each is recorded
/// as soon as it is out. Returns the challenge with the markers updated.
async fn post_scheduled(
    store: &dyn Store,
    sender: Paced<'_>,
    owner: &str,
    challenge: &Challenge,
    now: DateTime<Utc>,
) -> Result<Challenge, PostFailure> {
    let window = challenge.definition.window;
    let due = due_posts(&window, challenge.posted, now);
    let mut challenge = challenge.clone();
    if due.is_empty() {
        return Ok(challenge);
    }
    let data = BoardData::load(store, &challenge, None).await?;
    for planned in due {
        let reply = scheduled_reply(&challenge, &data, planned.post, now);
        match sender.post(challenge.channel_id, &reply).await {
            Ok(_) => {}
            // The channel is gone or closed to the bot: trying again would never end.
            Err(PostError::Gone(reason)) => {
                tracing::warn!(challenge = %challenge.id, %reason, "challenge post skipped");
            }
            Err(error) => return Err(error.into()),
        }
        let posted = challenge.posted.after(planned.post);
        let next = next_post(&window, posted).map(|p| p.due_at);
        store.posts_done(challenge.id, owner, posted, next).await?;
        challenge.posted = posted;
        challenge.next_post_at = next;
        if planned.post == ScheduledPost::FinalResults {
            // The board shows the final standings and loses its Join button.
            challenge.board_due_at = Some(challenge.board_due_at.unwrap_or(now).min(now));
        }
    }
    Ok(challenge)
}

fn scheduled_reply(
    challenge: &Challenge,
    data: &BoardData,
    post: ScheduledPost,
    now: DateTime<Utc>,
) -> Reply {
    let heading = challenge.definition.heading();
    let view = data.view(None);
    let board = match data.team_progress(challenge) {
        Some(progress) => Board::Team(progress),
        None => Board::Ranked(&view),
    };
    let text = match post {
        ScheduledPost::WeeklySummary { week } => {
            weekly_summary_text(&heading, week, board, Unit::Kg, now)
        }
        ScheduledPost::FinalResults => {
            final_results_text(&heading, board, &data.winners(), Unit::Kg)
        }
    };
    let title = match post {
        ScheduledPost::WeeklySummary { week } => format!("Week {week}"),
        ScheduledPost::FinalResults => "Final results".to_owned(),
    };
    let mut embed = Embed::new(title, text).colour(Colour::Info);
    let chart = board_chart(challenge, data, None, Unit::Kg);
    if chart.is_some() {
        embed = embed.image(BOARD_CHART_FILENAME);
    }
    let mut reply = Reply::embed(embed);
    reply.attachments.extend(chart);
    reply
}

/// Posts the living leaderboard the first time, then edits it (posting a new one if the
/// old message was deleted).
async fn update_board(
    store: &dyn Store,
    sender: Paced<'_>,
    owner: &str,
    challenge: &Challenge,
    now: DateTime<Utc>,
) -> Result<(), PostFailure> {
    let Some(due_seen) = challenge.board_due_at.filter(|due| *due <= now) else {
        return Ok(());
    };
    let data = BoardData::load(store, challenge, None).await?;
    let status = challenge.definition.window.status(now);
    let join_open = !challenge.posted.final_posted
        && matches!(status, ChallengeStatus::Upcoming | ChallengeStatus::Active);
    let mut reply = board_reply(challenge, &data, now, join_open);
    reply.content = Some(announcement_text(
        &challenge.definition.heading(),
        challenge.creator_id,
        challenge.definition.team_target,
        now,
    ));
    let edited = match challenge.board_message_id {
        Some(message_id) => sender.edit(challenge.channel_id, message_id, &reply).await,
        None => Err(PostError::Gone("not posted yet".to_owned())),
    };
    let message_id = match edited {
        Ok(()) => challenge.board_message_id,
        Err(PostError::Gone(_)) => match sender.post(challenge.channel_id, &reply).await {
            Ok(message_id) => Some(message_id),
            Err(PostError::Gone(reason)) => {
                // Nowhere to post: the board stays as it is until something changes.
                tracing::warn!(challenge = %challenge.id, %reason, "leaderboard not posted");
                None
            }
            Err(error) => return Err(error.into()),
        },
        Err(error) => return Err(error.into()),
    };
    store
        .board_done(challenge.id, owner, message_id, now, due_seen)
        .await?;
    Ok(())
}
