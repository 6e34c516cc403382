//! Two bot processes as shards 0 and 1 of 2 on one PostgreSQL database: Discord sends each
//! guild's events to one shard, so each interaction is answered by exactly one process, and
//! rests stored by either are pinged exactly once.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

/// A guild whose events go to shard 0 of 2 (the test guild's go to shard 1).
const SHARD_ZERO_GUILD: &str = "1200000000004194305";
const SHARD_ZERO_CHANNEL: &str = "1300000000000000077";

fn rest_start_in(fake: &FakeDiscord, guild: &str, channel: &str, user: &str) -> (String, Value) {
    let options = json!([{"name": "start", "type": 1, "options": [opt("seconds", 4, json!(5))]}]);
    let (id, mut payload) = slash_command(fake, "rest", options, user);
    payload["guild_id"] = json!(guild);
    payload["channel_id"] = json!(channel);
    (id, payload)
}

fn callbacks_for(fake: &FakeDiscord, interaction: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| {
            r.method == Method::POST && r.path.contains(&format!("/interactions/{interaction}/"))
        })
        .count()
}

#[tokio::test]
async fn two_shard_processes_answer_each_interaction_once_and_ping_each_rest_once() {
    assert_eq!(shard_of(GUILD_ID.parse().unwrap(), 2), 1);
    assert_eq!(shard_of(SHARD_ZERO_GUILD.parse().unwrap(), 2), 0);
    let Some(url) = temp_postgres("two_shards").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let shard = |range: &'static str| {
        [
            ("DISCORD_GUILD_ID", GUILD_ID),
            ("SHARD_COUNT", "2"),
            ("SHARD_RANGE", range),
        ]
    };
    let zero = TestBot::start_with(fake.clone(), &url, &shard("0")).await;
    let one = TestBot::start_with(fake.clone(), &url, &shard("1")).await;
    let identified = tokio::time::Instant::now() + Duration::from_secs(20);
    while fake.identify_count() < 2 && tokio::time::Instant::now() < identified {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fake.wait_until_ready().await;
    // Both processes register commands; give the later one its moment too.
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Users in both guilds start rests.
    let mut interactions = Vec::new();
    for (i, (guild, channel)) in [
        (GUILD_ID, CHANNEL_ID),
        (SHARD_ZERO_GUILD, SHARD_ZERO_CHANNEL),
    ]
    .into_iter()
    .cycle()
    .take(8)
    .enumerate()
    {
        let user = format!("14000000000001000{i:02}");
        let interaction = rest_start_in(&fake, guild, channel, &user);
        interactions.push(interaction.0.clone());
        let reply = interact(&fake, interaction).await;
        assert!(reply_text(&reply).contains("Rest started"), "{reply}");
    }
    // Each ping lists its user; every user exactly once across both processes.
    let pinged = || -> Vec<String> {
        fake.requests()
            .into_iter()
            .filter(|r| r.method == Method::POST && r.path.ends_with("/messages"))
            .flat_map(|r| {
                r.body["allowed_mentions"]["users"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|u| u.as_str().map(str::to_owned))
            .collect()
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while pinged().len() < 8 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut seen = pinged();
    seen.sort();
    let mut expected: Vec<String> = (0..8).map(|i| format!("14000000000001000{i:02}")).collect();
    expected.sort();
    assert_eq!(seen, expected, "every rest pinged exactly once");
    for interaction in &interactions {
        assert_eq!(
            callbacks_for(&fake, interaction),
            1,
            "{interaction} answered once"
        );
    }

    // With shard 0's process gone, its guild goes unanswered and the other still answers:
    // each guild really is served by its own shard's process.
    zero.stop().await;
    let orphan = rest_start_in(&fake, SHARD_ZERO_GUILD, SHARD_ZERO_CHANNEL, USER_ID);
    let orphan_id = orphan.0.clone();
    fake.dispatch("INTERACTION_CREATE", orphan.1);
    let served = interact(
        &fake,
        rest_start_in(&fake, GUILD_ID, CHANNEL_ID, OTHER_USER_ID),
    )
    .await;
    assert!(reply_text(&served).contains("Rest started"), "{served}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(callbacks_for(&fake, &orphan_id), 0, "shard 0 is down");
    one.stop().await;
}
