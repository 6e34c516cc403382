//! End to end: what a hostile or careless user tries through the fake Discord (malformed
//! mentions, link labels, floods of rests and commands, channels the bot cannot post in)
//! is refused politely, and never stops other people's rests.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

const CHANNEL_MESSAGES: &str = "/api/v10/channels/1300000000000000001/messages";

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as i64
}

fn rest_start(options: Vec<Value>) -> Value {
    json!([{"name": "start", "type": 1, "options": options}])
}

/// `/rest start` from `user` in `channel`, with the bot's own permissions there.
fn rest_start_in(
    fake: &FakeDiscord,
    options: Vec<Value>,
    user: &str,
    channel: &str,
    app_permissions: &str,
) -> (String, Value) {
    let (id, mut payload) = slash_command(fake, "rest", rest_start(options), user);
    payload["channel_id"] = json!(channel);
    payload["app_permissions"] = json!(app_permissions);
    (id, payload)
}

/// The same command from a DM with the bot: no guild, no member, a top-level user.
fn in_dm((id, mut payload): (String, Value)) -> (String, Value) {
    let user = payload["member"]["user"].clone();
    let object = payload.as_object_mut().expect("an object");
    object.remove("guild_id");
    object.remove("member");
    object.insert("user".into(), user);
    (id, payload)
}

fn text(callback: &Value) -> String {
    callback["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn countdowns_in(fake: &FakeDiscord, channel: &str) -> usize {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.requests()
        .iter()
        .filter(|r| r.method == Method::POST && r.path == path)
        .filter(|r| {
            r.body["content"]
                .as_str()
                .unwrap_or_default()
                .contains("Rest for")
        })
        .count()
}

/// Guards every test: a stuck bot fails the test instead of hanging the suite.
async fn bounded<F: std::future::Future<Output = ()>>(limit_secs: u64, test: F) {
    tokio::time::timeout(Duration::from_secs(limit_secs), test)
        .await
        .expect("the test finished in time");
}

#[tokio::test]
async fn malformed_mentions_are_refused_in_a_dm_and_in_a_server() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        for mention in ["<@0>", "<@&0>", "<@!0>", "<@99999999999999999999>", "<@-5>"] {
            let options = vec![opt("seconds", 4, json!(5)), opt("for", 3, json!(mention))];
            let command = slash_command(&bot.fake, "rest", rest_start(options.clone()), USER_ID);
            let in_guild = interact(&bot.fake, command).await;
            assert!(is_ephemeral(&in_guild), "{in_guild}");
            assert!(
                text(&in_guild).contains("not a mention I can ping"),
                "{in_guild}"
            );

            let command = in_dm(slash_command(
                &bot.fake,
                "rest",
                rest_start(options),
                USER_ID,
            ));
            let in_dm = interact(&bot.fake, command).await;
            assert!(is_ephemeral(&in_dm), "{in_dm}");
            assert!(text(&in_dm).contains("not a mention I can ping"), "{in_dm}");
        }
        assert_eq!(
            countdowns_in(&bot.fake, CHANNEL_ID),
            0,
            "nothing was started"
        );
        bot.stop().await;
    })
    .await;
}

/// Rows written before IDs were checked (ID 0 in the ping lists) must neither crash the
/// sender nor hold up an ordinary rest that ends after them.
#[tokio::test]
async fn fifty_poisoned_rests_do_not_stop_an_ordinary_ping() {
    bounded(90, async {
        let (bot, db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        let pool = sqlx::SqlitePool::connect(&db.url).await.expect("the test database");
        let due = now_ms() - 1000;
        for channel in 0..50_i64 {
            sqlx::query(
                "INSERT INTO rest_timers (user_id, channel_id, guild_id, ends_at_ms, \
                 ping_user_ids, ping_role_ids, created_at_ms) VALUES (0, $1, NULL, $2, '0', '0', $2)",
            )
            .bind(1_300_000_000_000_000_100 + channel)
            .bind(due)
            .execute(&pool)
            .await
            .expect("a poisoned row");
        }
        let options = vec![opt("seconds", 4, json!(5))];
        let ack = interact(&bot.fake, slash_command(&bot.fake, "rest", rest_start(options), USER_ID)).await;
        assert!(is_ephemeral(&ack), "{ack}");
        let started = now_ms();
        let ping = bot
            .fake
            .wait_for("the ordinary ping", Duration::from_secs(15), |r| {
                r.method == Method::POST
                    && r.path == CHANNEL_MESSAGES
                    && r.body["content"].as_str().unwrap_or_default().contains("rest over")
            })
            .await;
        assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));
        let late_ms = now_ms() - started;
        assert!(late_ms < 7_000, "pinged {late_ms} ms after a 5 s rest started");
        // Every message the bot sent named only valid IDs in its allowed mentions.
        for request in bot.fake.requests() {
            for key in ["users", "roles"] {
                for id in request.body["allowed_mentions"][key].as_array().into_iter().flatten() {
                    assert_ne!(id, &json!("0"), "{}", request.body);
                }
            }
        }
        // None of the poisoned rows is left claimed, to come back after a restart.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let stuck: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM rest_timers WHERE state IN ('pending', 'claimed') AND user_id = 0",
        )
        .fetch_one(&pool)
        .await
        .expect("a count");
        assert_eq!(stuck, 0);
        pool.close().await;
        bot.stop().await;
    })
    .await;
}

#[tokio::test]
async fn labels_with_links_are_refused() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        for label in [
            "FREE NITRO https://example.com discord.gg/abc",
            "join discord.gg/abc",
            "www.example.com",
        ] {
            let options = vec![opt("seconds", 4, json!(30)), opt("label", 3, json!(label))];
            let ack = interact(
                &bot.fake,
                slash_command(&bot.fake, "rest", rest_start(options), USER_ID),
            )
            .await;
            assert!(is_ephemeral(&ack), "{ack}");
            assert!(text(&ack).contains("can't hold links"), "{ack}");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(countdowns_in(&bot.fake, CHANNEL_ID), 0);
        bot.stop().await;
    })
    .await;
}

#[tokio::test]
async fn one_user_runs_at_most_five_rests() {
    bounded(60, async {
        let db = temp_sqlite();
        let fake = FakeDiscord::start().await;
        let extra = [
            ("DISCORD_GUILD_ID", GUILD_ID),
            ("PUBLIC_POSTS_PER_USER", "100"),
        ];
        let bot = TestBot::start_with(fake, &db.url, &extra).await;
        bot.fake.wait_until_ready().await;
        for n in 0..8 {
            let channel = format!("13000000000000001{n:02}");
            let options = vec![opt("seconds", 4, json!(300))];
            let ack = interact(
                &bot.fake,
                rest_start_in(&bot.fake, options, USER_ID, &channel, "2248473465835073"),
            )
            .await;
            if n < 5 {
                assert!(text(&ack).contains("Rest started"), "rest {n}: {ack}");
            } else {
                assert!(is_ephemeral(&ack));
                assert!(
                    text(&ack).contains("already have 5 rests running"),
                    "rest {n}: {ack}"
                );
            }
        }
        bot.stop().await;
    })
    .await;
}

#[tokio::test]
async fn public_posts_are_limited_per_user() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        let mut refused = 0;
        for _ in 0..7 {
            let options = vec![opt("seconds", 4, json!(300))];
            let ack = interact(
                &bot.fake,
                slash_command(&bot.fake, "rest", rest_start(options), USER_ID),
            )
            .await;
            assert!(is_ephemeral(&ack));
            if text(&ack).contains("please wait") {
                refused += 1;
            }
        }
        assert_eq!(refused, 2, "5 posts per 30 s by default");
        // Someone else is not held back by it.
        let options = vec![opt("seconds", 4, json!(300))];
        let other = interact(
            &bot.fake,
            slash_command(&bot.fake, "rest", rest_start(options), OTHER_USER_ID),
        )
        .await;
        assert!(text(&other).contains("Rest started"), "{other}");
        bot.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_channel_the_bot_cannot_post_in_is_refused_up_front() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        // View Channel only: no Send Messages.
        let options = vec![opt("seconds", 4, json!(30))];
        let ack = interact(
            &bot.fake,
            rest_start_in(&bot.fake, options, USER_ID, CHANNEL_ID, "1024"),
        )
        .await;
        assert!(is_ephemeral(&ack), "{ack}");
        assert!(text(&ack).contains("**Send Messages**"), "{ack}");
        assert!(!text(&ack).contains("I'll ping you"), "{ack}");
        let options = vec![opt("seconds", 4, json!(30))];
        let ack = interact(
            &bot.fake,
            rest_start_in(&bot.fake, options, USER_ID, CHANNEL_ID, "0"),
        )
        .await;
        assert!(text(&ack).contains("**View Channel**"), "{ack}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(countdowns_in(&bot.fake, CHANNEL_ID), 0);
        bot.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_owner_removes_someone_from_their_rest() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        let mention = format!("<@{OTHER_USER_ID}>");
        let options = vec![opt("seconds", 4, json!(6)), opt("for", 3, json!(mention))];
        let (id, mut payload) = slash_command(&bot.fake, "rest", rest_start(options), USER_ID);
        payload["member"] = member(USER_ID, MODERATOR_PERMISSIONS);
        let ack = interact(&bot.fake, (id, payload)).await;
        assert!(text(&ack).contains("Rest started"), "{ack}");

        let remove = json!([{"name": "remove", "type": 1, "options": [opt("user", 6, json!(OTHER_USER_ID))]}]);
        let (id, mut payload) = slash_command(&bot.fake, "rest", remove, USER_ID);
        payload["data"]["resolved"] = json!({"users": {OTHER_USER_ID: {"id": OTHER_USER_ID, "username": "other", "discriminator": "0", "global_name": null, "avatar": null}}});
        let removed = interact(&bot.fake, (id, payload)).await;
        assert!(is_ephemeral(&removed), "{removed}");
        assert!(text(&removed).contains("is out of your rest"), "{removed}");

        let ping = bot
            .fake
            .wait_for("the ping", Duration::from_secs(15), |r| {
                r.method == Method::POST
                    && r.path == CHANNEL_MESSAGES
                    && r.body["content"].as_str().unwrap_or_default().contains("rest over")
            })
            .await;
        assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));
        bot.stop().await;
    })
    .await;
}

/// The bot lost Send Messages after the rest started: the ping fails with 403, and the
/// owner hears of it once, privately, through the interaction that started the rest.
#[tokio::test]
async fn a_ping_refused_by_discord_is_told_to_the_owner_once() {
    bounded(60, async {
        let (bot, _db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        let (id, payload) = slash_command(
            &bot.fake,
            "rest",
            rest_start(vec![opt("seconds", 4, json!(5))]),
            USER_ID,
        );
        let ack = interact(&bot.fake, (id.clone(), payload)).await;
        assert!(text(&ack).contains("Rest started"), "{ack}");
        bot.fake
            .wait_for("the countdown", Duration::from_secs(5), |r| {
                r.method == Method::POST
                    && r.path == CHANNEL_MESSAGES
                    && r.body["content"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("Rest for")
            })
            .await;
        // From now on the channel refuses the bot.
        bot.fake.fail_next(Method::POST, CHANNEL_MESSAGES, 403, 10);
        let webhook = format!("/api/v10/webhooks/{APP_ID}/tok-{id}");
        let note = bot
            .fake
            .wait_for("the private note", Duration::from_secs(15), |r| {
                r.method == Method::POST && r.path == webhook
            })
            .await;
        let content = note.body["content"].as_str().unwrap_or_default();
        assert!(content.contains("couldn't post the ping"), "{content}");
        assert_eq!(
            note.body["flags"], 64,
            "only the owner sees it: {}",
            note.body
        );
        assert_eq!(note.body["allowed_mentions"]["users"], json!([]));
        tokio::time::sleep(Duration::from_secs(2)).await;
        let notes = bot
            .fake
            .requests()
            .iter()
            .filter(|r| r.method == Method::POST && r.path == webhook)
            .count();
        assert_eq!(notes, 1, "told once");
        bot.stop().await;
    })
    .await;
}
