//! End to end: the real serenity/poise client against the fake Discord.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

/// `/learn` topics in the order Discord offers them (the option is an integer choice).
const TOPICS: [(&str, &str); 7] = [
    ("overview", "Overview"),
    ("benefits", "Benefits"),
    ("how-it-works", "How it works"),
    ("how-to", "How to do it"),
    ("pressure", "Cuff pressure"),
    ("safety", "Safety"),
    ("evidence", "What the evidence says"),
];

fn embed(callback: &Value) -> &Value {
    &callback["data"]["embeds"][0]
}

#[tokio::test]
async fn starts_up_and_registers_commands_in_the_guild() {
    let (bot, _db) = TestBot::start().await;
    let registered = bot.fake.wait_until_ready().await;
    assert_eq!(
        registered.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    let commands = registered.body.as_array().unwrap();
    let learn = commands
        .iter()
        .find(|c| c["name"] == "learn")
        .expect("learn registered");
    assert!(!learn["description"].as_str().unwrap().is_empty());
    let topic = &learn["options"][0];
    assert_eq!(topic["name"], "topic");
    assert_eq!(topic["required"], json!(false));
    let choices: Vec<&str> = topic["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(choices, TOPICS.map(|(_, name)| name));
    assert_eq!(bot.fake.identify_count(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn the_benchmark_s_ping_exists_only_when_asked_for() {
    let (bot, _db) = TestBot::start().await;
    let registered = bot.fake.wait_until_ready().await;
    let names: Vec<&str> = registered
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(!names.contains(&"ping"), "{names:?}");
    bot.stop().await;

    let db = temp_sqlite();
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(
        fake,
        &db.url,
        &[
            ("DISCORD_GUILD_ID", GUILD_ID),
            ("BENCH_FLOOR_COMMAND", "true"),
        ],
    )
    .await;
    let registered = bot.fake.wait_until_ready().await;
    assert!(registered
        .body
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "ping"));
    let pong = interact(
        &bot.fake,
        slash_command(&bot.fake, "ping", json!([]), USER_ID),
    )
    .await;
    assert_eq!(pong["data"]["content"], "pong");
    assert!(is_ephemeral(&pong));
    assert_safe_mentions(&pong);
    bot.stop().await;
}

#[tokio::test]
async fn registers_globally_without_a_guild() {
    let db = temp_sqlite();
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, &db.url, &[]).await;
    let registered = bot.fake.wait_until_ready().await;
    assert_eq!(
        registered.path,
        format!("/api/v10/applications/{APP_ID}/commands")
    );
    bot.stop().await;
}

#[tokio::test]
async fn learn_answers_every_topic() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    let default = interact(
        &bot.fake,
        slash_command(&bot.fake, "learn", json!([]), USER_ID),
    )
    .await;
    assert_eq!(default["type"], 4, "a message response: {default}");
    assert_safe_mentions(&default);
    let overview_title = embed(&default)["title"].clone();

    for (index, (slug, _)) in TOPICS.iter().enumerate() {
        let options = json!([{"name": "topic", "type": 4, "value": index}]);
        // One asker per topic: a single person posting every topic at once would meet the
        // public-post limit (tested in discord_abuse.rs).
        let asker = format!("14000000000000001{index:02}");
        let callback = interact(
            &bot.fake,
            slash_command(&bot.fake, "learn", options, &asker),
        )
        .await;
        assert_eq!(callback["type"], 4);
        assert_safe_mentions(&callback);
        let embed = embed(&callback);
        assert!(
            !embed["title"].as_str().unwrap().is_empty(),
            "{slug}: {callback}"
        );
        assert!(!embed["fields"].as_array().unwrap().is_empty(), "{slug}");
        assert!(embed["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Sources:"));
        // Public: /learn is general information, not personal data.
        assert_ne!(
            callback["data"]["flags"],
            json!(64),
            "{slug} should be public"
        );
        let menu = &callback["data"]["components"][0]["components"][0];
        assert_eq!(menu["type"], 3, "a select menu: {callback}");
        assert_eq!(menu["custom_id"], "learn:topic");
        let chosen: Vec<&Value> = menu["options"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["default"] == json!(true))
            .collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0]["value"], *slug);
        if index == 0 {
            assert_eq!(
                embed["title"], overview_title,
                "no topic means the overview"
            );
        }
    }
    bot.stop().await;
}

#[tokio::test]
async fn learn_content_corrects_the_original_article_where_evidence_does() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let mut all = String::new();
    for index in 0..TOPICS.len() {
        let options = json!([{"name": "topic", "type": 4, "value": index}]);
        let callback = interact(
            &bot.fake,
            slash_command(&bot.fake, "learn", options, USER_ID),
        )
        .await;
        all.push_str(&reply_text(&callback).to_lowercase());
    }
    for needle in [
        "290", "2000", "20-40%", "25-50%", "30-60 s", "7/10", "doctor",
    ] {
        assert!(all.contains(needle), "/learn never mentions {needle:?}");
    }

    let safety = json!([{"name": "topic", "type": 4, "value": 5}]);
    let callback = interact(
        &bot.fake,
        slash_command(&bot.fake, "learn", safety, USER_ID),
    )
    .await;
    let fields = embed(&callback)["fields"].as_array().unwrap();
    let last = fields.last().unwrap().to_string().to_lowercase();
    assert!(
        last.contains("heart") && last.contains("doctor"),
        "the safety page ends with the heart-condition rule: {last}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn topic_menu_updates_the_message_in_place() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let callback = interact(
        &bot.fake,
        component(&bot.fake, "learn:topic", &["pressure"], OTHER_USER_ID),
    )
    .await;
    assert_eq!(callback["type"], 7, "UPDATE_MESSAGE: {callback}");
    assert_safe_mentions(&callback);
    let text = reply_text(&callback).to_lowercase();
    assert!(text.contains("7/10"), "{text}");
    let menu = &callback["data"]["components"][0]["components"][0];
    let chosen = menu["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["default"] == json!(true))
        .unwrap();
    assert_eq!(chosen["value"], "pressure");
    bot.stop().await;
}

#[tokio::test]
async fn another_users_learn_menu_answers_privately() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let (id, mut payload) = component(&bot.fake, "learn:topic", &["safety"], OTHER_USER_ID);
    payload["message"]["interaction_metadata"] = json!({
        "id": "1600000000000000009", "type": 2,
        "user": {"id": USER_ID, "username": "owner"},
        "authorizing_integration_owners": {}
    });
    let callback = interact(&bot.fake, (id, payload)).await;
    assert_eq!(
        callback["type"], 4,
        "a new message, the owner's page is left alone: {callback}"
    );
    assert_eq!(callback["data"]["flags"], 64);
    bot.stop().await;
}

#[tokio::test]
async fn unknown_and_broken_interactions_get_a_polite_answer_and_the_bot_goes_on() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    let unknown_command = interact(
        &bot.fake,
        slash_command(&bot.fake, "dance", json!([]), USER_ID),
    )
    .await;
    assert_eq!(unknown_command["type"], 4);
    assert_eq!(
        unknown_command["data"]["flags"], 64,
        "ephemeral: {unknown_command}"
    );
    assert_safe_mentions(&unknown_command);

    let unknown_button = interact(
        &bot.fake,
        component(&bot.fake, "gone:button:42", &[], USER_ID),
    )
    .await;
    assert_eq!(
        unknown_button["data"]["flags"], 64,
        "ephemeral: {unknown_button}"
    );
    assert!(unknown_button["data"]["content"]
        .as_str()
        .unwrap()
        .contains("no longer"));

    // A menu value from a message that predates a topic change falls back to the overview.
    let stale_value = interact(
        &bot.fake,
        component(&bot.fake, "learn:topic", &["retired"], USER_ID),
    )
    .await;
    assert_eq!(stale_value["type"], 7);

    // Malformed frames and payloads missing required keys are dropped without harm.
    bot.fake.send_raw_frame("{not json");
    bot.fake
        .dispatch("INTERACTION_CREATE", json!({"id": "1", "type": 2}));
    let (id, mut payload) = slash_command(&bot.fake, "learn", json!([]), USER_ID);
    payload["data"]["options"] = json!([{"name": "topic", "type": 4, "value": 99}]);
    bot.fake.dispatch("INTERACTION_CREATE", payload);
    let out_of_range = bot.fake.callback_for(&id).await;
    assert_eq!(
        out_of_range["data"]["flags"], 64,
        "ephemeral refusal: {out_of_range}"
    );

    let still_alive = interact(
        &bot.fake,
        slash_command(&bot.fake, "learn", json!([]), USER_ID),
    )
    .await;
    assert_eq!(still_alive["type"], 4);
    assert_eq!(
        bot.fake.identify_count(),
        1,
        "the shard did not have to reconnect"
    );
    bot.stop().await;
}

#[tokio::test]
async fn shuts_down_cleanly_on_request() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let fake = bot.fake.clone();
    tokio::time::timeout(Duration::from_secs(15), bot.stop())
        .await
        .expect("the bot stops within 15 s");
    let unexpected: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == Method::POST && r.path.contains("/channels/"))
        .collect();
    assert!(unexpected.is_empty(), "no stray messages: {unexpected:?}");
}
