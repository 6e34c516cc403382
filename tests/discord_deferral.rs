//! End to end: answers that take longer than Discord's 3 s window are deferred privately,
//! and only an answer that is public when ready reaches the channel. A command is made slow
//! the way production makes it slow: another connection holds the database's write lock.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use axum::http::Method;
use bfr_coach::domain::ids::UserId;
use bfr_coach::domain::screening::ScreeningOutcome;
use serde_json::{json, Value};
use sqlx::Connection;
use support::*;

/// How long the database stays locked: past the bot's deferral point (1.5 s), well within its
/// busy timeout (5 s).
const LOCK_FOR: Duration = Duration::from_millis(2500);

/// Takes the SQLite write lock from a connection of its own and holds it for `LOCK_FOR`:
/// the bot's next write waits, as behind a long write of another process. Returns once the
/// lock is held. (Readers go on under WAL, so the command under test must write.)
async fn lock_database(url: &str) -> tokio::task::JoinHandle<()> {
    let mut connection = sqlx::SqliteConnection::connect(url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut connection)
        .await
        .unwrap();
    tokio::spawn(async move {
        tokio::time::sleep(LOCK_FOR).await;
        sqlx::query("COMMIT")
            .execute(&mut connection)
            .await
            .unwrap();
        connection.close().await.unwrap();
    })
}

fn public_session() -> Value {
    json!([
        opt("exercise", 3, json!("leg press")),
        opt("public", 5, json!(true))
    ])
}

fn webhook(interaction_id: &str) -> String {
    format!("/api/v10/webhooks/{APP_ID}/tok-{interaction_id}")
}

/// The calls the bot made with the interaction's token, after its callback.
fn token_calls(fake: &FakeDiscord, interaction_id: &str) -> Vec<Recorded> {
    let prefix = webhook(interaction_id);
    fake.requests()
        .into_iter()
        .filter(|r| r.path.starts_with(&prefix))
        .collect()
}

#[tokio::test]
async fn a_slow_public_request_with_a_private_answer_stays_private() {
    let (bot, db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let user_id: u64 = USER_ID.parse().unwrap();
    // Told to see a doctor first: the workout card is then never shown to the channel.
    bot.store
        .record_screening(
            UserId::new(user_id).unwrap(),
            ScreeningOutcome::NeedsClearance,
        )
        .await
        .unwrap();
    set_one_rep_max(&bot.fake, USER_ID, "leg press", 107.0).await;

    let lock = lock_database(&db.url).await;
    let (id, payload) = slash_command(&bot.fake, "session", public_session(), USER_ID);
    let callback = interact(&bot.fake, (id.clone(), payload)).await;
    assert_eq!(callback["type"], 5, "deferred: {callback}");
    assert!(is_ephemeral(&callback), "deferred privately: {callback}");

    let original = format!("{}/messages/@original", webhook(&id));
    let answer = bot
        .fake
        .wait_for("the answer", Duration::from_secs(10), |r| {
            r.method == Method::PATCH && r.path == original
        })
        .await;
    lock.await.unwrap();
    let text = reply_text(&answer.body);
    assert!(
        text.contains("talk to your doctor") && text.contains("Set 1"),
        "the private card replaces the private deferral: {text}"
    );
    assert!(
        answer.body["allowed_mentions"].is_object(),
        "{}",
        answer.body
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let calls: Vec<String> = token_calls(&bot.fake, &id)
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(calls, [format!("PATCH {original}")], "no follow-up at all");
    bot.stop().await;
}

#[tokio::test]
async fn a_slow_public_answer_is_a_public_follow_up() {
    let (bot, db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let user_id: u64 = USER_ID.parse().unwrap();
    bot.store
        .record_screening(UserId::new(user_id).unwrap(), ScreeningOutcome::Clear)
        .await
        .unwrap();
    set_one_rep_max(&bot.fake, USER_ID, "leg press", 107.0).await;

    let lock = lock_database(&db.url).await;
    let (id, payload) = slash_command(&bot.fake, "session", public_session(), USER_ID);
    let callback = interact(&bot.fake, (id.clone(), payload)).await;
    assert_eq!(callback["type"], 5, "deferred: {callback}");
    assert!(is_ephemeral(&callback), "deferred privately: {callback}");

    let follow_up = bot
        .fake
        .wait_for("the public card", Duration::from_secs(10), |r| {
            r.method == Method::POST && r.path == webhook(&id)
        })
        .await;
    lock.await.unwrap();
    assert_eq!(
        follow_up.body["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "public: {}",
        follow_up.body
    );
    assert!(
        reply_text(&follow_up.body).contains("Set 1"),
        "{}",
        follow_up.body
    );
    assert_eq!(follow_up.body["allowed_mentions"]["parse"], json!([]));

    let calls = token_calls(&bot.fake, &id);
    let original = format!("{}/messages/@original", webhook(&id));
    assert_eq!(calls.len(), 2, "{calls:#?}");
    assert_eq!(
        (&calls[0].method, calls[0].path.as_str()),
        (&Method::PATCH, original.as_str()),
        "the private deferral is settled first"
    );
    assert_eq!(calls[0].body["content"], "Posted in the channel.");
    assert!(calls[0].body["allowed_mentions"].is_object());
    bot.stop().await;
}
