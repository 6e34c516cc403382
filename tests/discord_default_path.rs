//! End to end without a proxy: the bot keeps serenity's own ratelimiter and calls discord.com
//! over TLS, which `DISCORD_API_ADDR` and `DISCORD_CA_FILE` point at the fake Discord, here
//! enforcing Discord's limits with 429s.
// A test stops at the first failed step, in the test or in the support code it calls.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::Method;
use serde_json::json;
use support::*;

const CHANNEL_MESSAGES: &str = "/api/v10/channels/1300000000000000001/messages";

fn is_ping(r: &Recorded) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && r.status == 200
        && r.body["content"]
            .as_str()
            .unwrap_or_default()
            .contains("rest over")
}

#[tokio::test]
async fn a_rest_started_by_interaction_pings_with_serenitys_ratelimiter_on() {
    let db = temp_sqlite();
    let fake = FakeDiscord::start_tls(true).await;
    let bot = TestBot::start_with(fake, &db.url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    let registered = bot.fake.wait_until_ready().await;
    assert!(
        registered.over_tls,
        "the commands were registered without TLS: the bot did not call discord.com"
    );

    let options = json!([{"name": "start", "type": 1, "options": [opt("seconds", 4, json!(5))]}]);
    let ack = interact(
        &bot.fake,
        slash_command(&bot.fake, "rest", options, USER_ID),
    )
    .await;
    assert_eq!(ack["data"]["flags"], 64, "{ack}");
    let content = ack["data"]["content"].as_str().unwrap();
    let start = content.find("<t:").expect("the end as a timestamp") + 3;
    let ends: i64 = content[start..].split(':').next().unwrap().parse().unwrap();

    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let late_ms = now_ms - ping.at.elapsed().as_millis() as i64 - ends * 1000;
    assert!(
        (0..1000).contains(&late_ms),
        "ping {late_ms} ms after the end"
    );
    assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));

    let requests = bot.fake.requests();
    let plain: Vec<String> = requests
        .iter()
        .filter(|r| !r.over_tls)
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(plain.is_empty(), "calls that bypassed TLS: {plain:?}");
    let too_many: Vec<String> = requests
        .iter()
        .filter(|r| r.status == 429)
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(too_many.is_empty(), "429s at this load: {too_many:?}");
    bot.stop().await;
}
