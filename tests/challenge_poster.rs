//! The challenge poster survives a sender that panics: the failed post is tried again after
//! its claim's lease, and the board is posted exactly once in the end.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use bfr_coach::app::challenge::poster::{self, PosterConfig};
use bfr_coach::app::challenge::{ChallengePostSender, PostError};
use bfr_coach::app::reply::Reply;
use bfr_coach::config::Config;
use bfr_coach::console::ConsoleTimerSender;
use bfr_coach::domain::challenge::{ChallengeDefinition, ChallengeMetric};
use bfr_coach::domain::ids::{ChannelId, GuildId, UserId};
use bfr_coach::store::{self, GuildScope, NewChallenge};
use bfr_coach::timers::{self, Side};
use support::temp_sqlite;
use tokio::sync::{mpsc, watch, Notify};

/// Panics on its first call, then records posts.
#[derive(Default)]
struct FlakySender {
    calls: AtomicUsize,
    posts: Mutex<Vec<String>>,
}

#[async_trait]
impl ChallengePostSender for FlakySender {
    async fn post(&self, _channel_id: ChannelId, reply: &Reply) -> Result<u64, PostError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("a bug while posting");
        }
        let title = reply
            .embeds
            .first()
            .map(|e| e.title.clone())
            .unwrap_or_default();
        self.posts.lock().unwrap().push(title);
        Ok(1_500_000_000_000_000_001)
    }

    async fn edit(&self, _: ChannelId, _: u64, _: &Reply) -> Result<(), PostError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_panicking_post_is_retried_and_made_once() {
    let db = temp_sqlite();
    let store = store::connect(&db.url).await.unwrap();
    let now = chrono::Utc::now();
    let definition =
        ChallengeDefinition::new("Flaky", ChallengeMetric::Sessions, 7, now, None).unwrap();
    store
        .create_challenge(&NewChallenge {
            guild_id: GuildId::new(1_200_000_000_000_000_001).unwrap(),
            channel_id: ChannelId::new(1_300_000_000_000_000_001).unwrap(),
            creator_id: UserId::new(1_400_000_000_000_000_001).unwrap(),
            definition,
            exercise: None,
            created_at: now,
            next_post_at: None,
        })
        .await
        .unwrap()
        .unwrap();

    let config = Config::from_lookup(|_| None).unwrap();
    let (lines, _printed) = mpsc::unbounded_channel();
    let (stop, stopped) = watch::channel(false);
    let engine = timers::start_engine(
        store.clone(),
        Side::Console,
        Arc::new(ConsoleTimerSender::new(lines)),
        config.engine_limits(),
        stopped,
    )
    .await
    .unwrap();
    let sender = Arc::new(FlakySender::default());
    let mut poster_config = PosterConfig::new(
        "flaky-test".to_owned(),
        GuildScope::AllBut(GuildId::new(1).unwrap()),
    );
    poster_config.lease = Duration::from_millis(500);
    poster_config.idle_poll = Duration::from_millis(100);
    let task = tokio::spawn(poster::run(
        store.clone(),
        sender.clone(),
        engine.handle(),
        Arc::new(Notify::new()),
        stop.subscribe(),
        poster_config,
    ));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while sender.posts.lock().unwrap().is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        sender.posts.lock().unwrap().clone(),
        ["Flaky"],
        "posted once, after the panic"
    );
    assert!(!task.is_finished(), "the poster is still running");
    let _ = stop.send(true);
    task.await.unwrap();
    engine.join().await;
    store.close().await;
}
