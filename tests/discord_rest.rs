//! End to end: rest countdowns with real short rests through the fake Discord.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::Method;
use bfr_coach::domain::ids::{ChannelId, GuildId, UserId};
use serde_json::{json, Value};
use support::*;

const CHANNEL_MESSAGES: &str = "/api/v10/channels/1300000000000000001/messages";

fn start_options(seconds: u64, label: &str) -> Value {
    json!([{"name": "start", "type": 1, "options": [opt("seconds", 4, json!(seconds)), opt("label", 3, json!(label))]}])
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The end of the rest, from the `<t:UNIX:R>` in a reply.
fn end_secs(text: &str) -> i64 {
    let start = text.find("<t:").expect("a timestamp") + 3;
    text[start..].split(':').next().unwrap().parse().unwrap()
}

fn is_ping(r: &Recorded) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && r.body["content"]
            .as_str()
            .unwrap_or_default()
            .contains("rest over")
}

fn is_countdown(r: &Recorded) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && r.body["content"]
            .as_str()
            .unwrap_or_default()
            .contains("Rest for")
}

async fn start_rest(bot: &TestBot, user: &str, seconds: u64, label: &str) -> i64 {
    let ack = interact(
        &bot.fake,
        slash_command(&bot.fake, "rest", start_options(seconds, label), user),
    )
    .await;
    assert_eq!(ack["data"]["flags"], 64, "{ack}");
    end_secs(ack["data"]["content"].as_str().unwrap())
}

#[tokio::test]
async fn countdown_then_a_ping_on_time_then_rest_over() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let ends = start_rest(&bot, USER_ID, 5, "squats").await;

    let countdown = bot
        .fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    let content = countdown.body["content"].as_str().unwrap();
    assert!(
        content.contains(&format!("<t:{ends}:R>")) && content.contains("squats"),
        "{content}"
    );
    assert_eq!(
        countdown.body["allowed_mentions"]["users"],
        json!([]),
        "the countdown never pings"
    );
    assert_eq!(countdown.body["enforce_nonce"], true);
    assert!(countdown.body["nonce"].is_string());
    let labels: Vec<&str> = countdown.body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["+15 s", "Cancel", "Join / leave"]);

    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    let late_ms = now_ms() - ping.at.elapsed().as_millis() as i64 - ends * 1000;
    assert!(
        (0..1000).contains(&late_ms),
        "ping {late_ms} ms after the end"
    );
    assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));
    assert_eq!(ping.body["allowed_mentions"]["parse"], json!([]));
    assert!(ping.body["content"]
        .as_str()
        .unwrap()
        .contains(&format!("<@{USER_ID}>")));

    let over = bot
        .fake
        .wait_for("rest over edit", Duration::from_secs(5), |r| {
            r.method == Method::PATCH && r.path.starts_with(CHANNEL_MESSAGES)
        })
        .await;
    assert!(
        over.body["content"].as_str().unwrap().contains("Rest over"),
        "{}",
        over.body
    );
    assert_eq!(over.body["components"], json!([]));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(bot.fake.requests().iter().filter(|r| is_ping(r)).count(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn extend_and_cancel_buttons_are_for_the_owner() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let ends = start_rest(&bot, USER_ID, 5, "curls").await;
    let countdown = bot
        .fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    let buttons = countdown.body["components"][0]["components"]
        .as_array()
        .unwrap()
        .clone();
    let extend_id = buttons[0]["custom_id"].as_str().unwrap().to_owned();
    let cancel_id = buttons[1]["custom_id"].as_str().unwrap().to_owned();

    let stranger = interact(
        &bot.fake,
        component(&bot.fake, &extend_id, &[], OTHER_USER_ID),
    )
    .await;
    assert_eq!(stranger["data"]["flags"], 64, "{stranger}");

    let extended = interact(&bot.fake, component(&bot.fake, &extend_id, &[], USER_ID)).await;
    assert_eq!(extended["type"], 7);
    let new_end = end_secs(extended["data"]["content"].as_str().unwrap());
    assert_eq!(new_end, ends + 15);

    let canceled = interact(&bot.fake, component(&bot.fake, &cancel_id, &[], USER_ID)).await;
    assert_eq!(canceled["type"], 7);
    assert!(
        canceled["data"]["content"]
            .as_str()
            .unwrap()
            .contains("cancelled"),
        "{canceled}"
    );

    // Past the original end: nothing is announced.
    tokio::time::sleep(Duration::from_millis(
        (ends * 1000 - now_ms()).max(0) as u64 + 1500,
    ))
    .await;
    assert_eq!(bot.fake.requests().iter().filter(|r| is_ping(r)).count(), 0);
    bot.stop().await;
}

#[tokio::test]
async fn rests_ending_in_the_same_second_share_one_ping() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    // Start both early in a second, so both round up to the same end second.
    let into_second = now_ms() % 1000;
    tokio::time::sleep(Duration::from_millis((1050 - into_second) as u64)).await;
    let a = slash_command(&bot.fake, "rest", start_options(5, "a"), USER_ID);
    let b = slash_command(&bot.fake, "rest", start_options(5, "b"), OTHER_USER_ID);
    let (a_ack, b_ack) = tokio::join!(interact(&bot.fake, a), interact(&bot.fake, b));
    let a_end = end_secs(a_ack["data"]["content"].as_str().unwrap());
    assert_eq!(a_end, end_secs(b_ack["data"]["content"].as_str().unwrap()));

    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    let mut users: Vec<String> = ping.body["allowed_mentions"]["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_owned())
        .collect();
    users.sort();
    assert_eq!(users, [USER_ID, OTHER_USER_ID]);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(bot.fake.requests().iter().filter(|r| is_ping(r)).count(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_429_is_retried_and_a_404_does_not_stop_the_loop() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    start_rest(&bot, USER_ID, 5, "first").await;
    bot.fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    bot.fake.fail_next(Method::POST, CHANNEL_MESSAGES, 429, 1);
    let ping = bot
        .fake
        .wait_for("a ping after the 429", Duration::from_secs(15), |r| {
            is_ping(r) && bot.fake.requests().iter().filter(|x| is_ping(x)).count() >= 2
        })
        .await;
    let attempts: Vec<Recorded> = bot.fake.requests().into_iter().filter(is_ping).collect();
    assert_eq!(attempts.len(), 2, "one 429, one success");
    assert_eq!(
        attempts[0].body["nonce"], attempts[1].body["nonce"],
        "same nonce on retry"
    );
    drop(ping);

    // The channel "disappears" for the next ping: the timer fails, the next one still works.
    start_rest(&bot, USER_ID, 5, "second").await;
    bot.fake.fail_next(Method::POST, CHANNEL_MESSAGES, 404, 2);
    tokio::time::sleep(Duration::from_secs(7)).await;
    start_rest(&bot, OTHER_USER_ID, 5, "third").await;
    bot.fake
        .wait_for("the third rest's ping", Duration::from_secs(12), |r| {
            is_ping(r)
                && r.body["content"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("third")
        })
        .await;
    bot.stop().await;
}

#[tokio::test]
async fn a_429_is_waited_out_as_long_as_discord_says() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    start_rest(&bot, USER_ID, 5, "rows").await;
    bot.fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    bot.fake
        .rate_limit_next(Method::POST, CHANNEL_MESSAGES, 2.5, true);
    bot.fake
        .wait_for("a ping after the 429", Duration::from_secs(15), |r| {
            is_ping(r) && r.status == 200
        })
        .await;
    let attempts: Vec<Recorded> = bot.fake.requests().into_iter().filter(is_ping).collect();
    assert_eq!(attempts.len(), 2, "one 429, one success");
    assert_eq!(attempts[0].status, 429);
    let waited = attempts[1].at - attempts[0].at;
    assert!(
        waited >= Duration::from_millis(2500),
        "retried after {waited:?}, before the 2.5 s Discord asked for"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_rest_pending_across_a_restart_is_announced_once_with_its_lateness() {
    let db = temp_sqlite();
    let fake = FakeDiscord::start().await;
    let first = TestBot::start_with(fake.clone(), &db.url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    fake.wait_until_ready().await;
    let ends = start_rest(&first, USER_ID, 5, "legs").await;
    first.stop().await;

    tokio::time::sleep(Duration::from_millis(
        (ends * 1000 - now_ms()).max(0) as u64 + 2000,
    ))
    .await;
    let second =
        TestBot::start_with(fake.clone(), &db.url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    let ping = fake
        .wait_for("the late ping", Duration::from_secs(10), is_ping)
        .await;
    assert!(
        ping.body["content"].as_str().unwrap().contains("late by"),
        "{}",
        ping.body
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(fake.requests().iter().filter(|r| is_ping(r)).count(), 1);
    second.stop().await;
}

#[tokio::test]
async fn two_bot_processes_on_one_postgres_database_ping_every_timer_once() {
    use std::sync::Arc;

    use bfr_coach::timers::{NewRestTimer, TimerRepo};

    let Some(url) = temp_postgres("two_bots_one_db").await else {
        return;
    };
    let fake = FakeDiscord::start().await;
    let store = bfr_coach::store::connect(&url).await.unwrap();
    let repo: Arc<dyn TimerRepo> = store.clone();
    let first_end = (now_ms() / 1000 + 6) * 1000;
    let users: Vec<u64> = (0..60).map(|i| 1_400_000_000_000_100_000 + i).collect();
    for (i, &user_id) in users.iter().enumerate() {
        let user_id = UserId::new(user_id).unwrap();
        repo.insert(&NewRestTimer {
            user_id,
            channel_id: ChannelId::new(1_300_000_000_000_000_001 + (i as u64 % 6)).unwrap(),
            guild_id: GuildId::new(1_200_000_000_000_000_001),
            ends_at_ms: first_end + (i as i64 / 12) * 1000,
            label: None,
            next_set: None,
            ping_user_ids: vec![user_id],
            ping_role_ids: Vec::new(),
            followup: None,
            via_interaction: false,
        })
        .await
        .unwrap();
    }
    store.close().await;

    let extra = [("DISCORD_GUILD_ID", GUILD_ID)];
    let a = TestBot::start_with(fake.clone(), &url, &extra).await;
    let b = TestBot::start_with(fake.clone(), &url, &extra).await;

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
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while pinged().len() < users.len() && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut seen = pinged();
    seen.sort();
    let mut expected: Vec<String> = users.iter().map(u64::to_string).collect();
    expected.sort();
    assert_eq!(
        seen, expected,
        "every user pinged exactly once by the two processes"
    );
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn a_group_rest_pings_its_people_and_role_in_one_message() {
    const ROLE_ID: &str = MENTIONABLE_ROLE_ID;
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let as_moderator = |options: Value| {
        let (id, mut payload) = slash_command(&bot.fake, "rest", options, USER_ID);
        payload["member"] = member(USER_ID, MODERATOR_PERMISSIONS);
        (id, payload)
    };

    let options = start_for(5, &format!("<@{OTHER_USER_ID}> <@&{ROLE_ID}>"));
    let refusal = rest_command(&bot, options.clone(), USER_ID).await;
    assert_eq!(refusal["data"]["flags"], 64, "{refusal}");
    assert!(
        reply_text(&refusal).contains("Manage Messages"),
        "{refusal}"
    );

    let staff = start_for(5, &format!("<@&{STAFF_ROLE_ID}>"));
    let refusal = interact(&bot.fake, as_moderator(staff)).await;
    assert!(
        reply_text(&refusal).contains("Mention @everyone"),
        "a role not everyone may mention needs that permission: {refusal}"
    );

    let ack = interact(&bot.fake, as_moderator(options)).await;
    assert!(reply_text(&ack).contains("Rest started"), "{ack}");
    assert!(
        reply_text(&ack).contains("role"),
        "explains role pings: {ack}"
    );

    let countdown = bot
        .fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    let text = countdown.body["content"].as_str().unwrap();
    assert!(
        text.contains(&format!("<@{USER_ID}> <@{OTHER_USER_ID}> <@&{ROLE_ID}>")),
        "{text}"
    );
    assert_eq!(countdown.body["allowed_mentions"]["roles"], json!([]));
    assert_eq!(countdown.body["allowed_mentions"]["users"], json!([]));

    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    let mentions = &ping.body["allowed_mentions"];
    assert_eq!(
        mentions["users"],
        json!([USER_ID, OTHER_USER_ID]),
        "{ping:?}"
    );
    assert_eq!(mentions["roles"], json!([ROLE_ID]), "{ping:?}");
    assert_eq!(mentions["parse"], json!([]), "@everyone is never parsed");
    bot.stop().await;
}

/// `/rest` with `options` from `user`, as an ordinary member; returns the callback.
async fn rest_command(bot: &TestBot, options: Value, user: &str) -> Value {
    interact(&bot.fake, slash_command(&bot.fake, "rest", options, user)).await
}

fn start_for(seconds: u64, group: &str) -> Value {
    json!([{"name": "start", "type": 1, "options": [
        opt("seconds", 4, json!(seconds)), opt("for", 3, json!(group))
    ]}])
}

#[tokio::test]
async fn join_puts_a_partner_in_the_ping_and_makes_them_your_group() {
    const STRANGER_ID: &str = "1400000000000000003";
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    // Without Manage Messages, nobody can be named before they rested with you.
    let partner = format!("<@{OTHER_USER_ID}>");
    let refused = rest_command(&bot, start_for(5, &partner), USER_ID).await;
    assert!(reply_text(&refused).contains("Join"), "{refused}");

    start_rest(&bot, USER_ID, 5, "rows").await;
    let countdown = bot
        .fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;
    let join_id = countdown.body["components"][0]["components"][2]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = interact(&bot.fake, component(&bot.fake, &join_id, &[], USER_ID)).await;
    assert_eq!(
        own["data"]["flags"], 64,
        "the owner is told, privately: {own}"
    );

    let joined = interact(
        &bot.fake,
        component(&bot.fake, &join_id, &[], OTHER_USER_ID),
    )
    .await;
    assert_eq!(joined["type"], 7, "{joined}");
    let text = joined["data"]["content"].as_str().unwrap();
    assert!(
        text.contains(&format!("<@{USER_ID}> <@{OTHER_USER_ID}>")),
        "{text}"
    );
    assert_eq!(joined["data"]["allowed_mentions"]["users"], json!([]));
    let list = rest_command(
        &bot,
        json!([{"name": "list", "type": 1, "options": []}]),
        OTHER_USER_ID,
    )
    .await;
    assert!(
        reply_text(&list).contains(&format!("<@{USER_ID}> with <@{OTHER_USER_ID}> (rows)")),
        "{list}"
    );

    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    assert_eq!(
        ping.body["allowed_mentions"]["users"],
        json!([USER_ID, OTHER_USER_ID])
    );

    // Now they are the owner's group: naming them needs no permission, a stranger still does.
    let accepted = rest_command(&bot, start_for(30, &partner), USER_ID).await;
    assert!(reply_text(&accepted).contains("Rest started"), "{accepted}");
    let with_role = format!("<@{OTHER_USER_ID}> <@&{MENTIONABLE_ROLE_ID}>");
    let refused = rest_command(&bot, start_for(30, &with_role), USER_ID).await;
    assert!(reply_text(&refused).contains("Roles always"), "{refused}");
    let stranger = format!("<@{OTHER_USER_ID}> <@{STRANGER_ID}>");
    let refused = rest_command(&bot, start_for(30, &stranger), USER_ID).await;
    assert!(
        reply_text(&refused).contains("Manage Messages"),
        "{refused}"
    );

    // Without `for`, the people of the latest rest rest along again.
    let again = rest_command(&bot, start_options(30, "squats"), USER_ID).await;
    assert!(
        reply_text(&again).contains(&format!("<@{OTHER_USER_ID}> rest with you from before")),
        "{again}"
    );
    bot.stop().await;
}

/// Waits until `check` holds, polling the store the bot uses.
async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !check().await {
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn ask_channel() -> bfr_coach::store::GuildSettings {
    bfr_coach::store::GuildSettings {
        ask_channel_id: ChannelId::new(CHANNEL_ID.parse().unwrap()),
        ..Default::default()
    }
}

#[tokio::test]
async fn removed_from_a_server_the_bot_drops_its_rests_silently_and_its_settings() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let guild_id = GuildId::new(GUILD_ID.parse().unwrap()).unwrap();
    bot.store
        .save_guild_settings(guild_id, &ask_channel())
        .await
        .unwrap();
    let ends = start_rest(&bot, USER_ID, 5, "squats").await;
    bot.fake
        .wait_for("countdown", Duration::from_secs(5), is_countdown)
        .await;

    bot.fake.dispatch("GUILD_DELETE", json!({"id": GUILD_ID}));
    eventually("the settings are deleted", || async {
        bot.store.guild_settings(guild_id).await.unwrap() == Default::default()
    })
    .await;
    let calls_before = bot.fake.requests().len();
    let channel_id = ChannelId::new(CHANNEL_ID.parse().unwrap()).unwrap();
    assert!(bot.store.list_running(channel_id).await.unwrap().is_empty());

    tokio::time::sleep(Duration::from_millis(
        (ends * 1000 - now_ms()).max(0) as u64 + 2000,
    ))
    .await;
    let after: Vec<String> = bot.fake.requests()[calls_before..]
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        after.is_empty(),
        "no ping and no countdown edit: {after:#?}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn a_server_outage_changes_nothing() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let guild_id = GuildId::new(GUILD_ID.parse().unwrap()).unwrap();
    bot.store
        .save_guild_settings(guild_id, &ask_channel())
        .await
        .unwrap();
    start_rest(&bot, USER_ID, 5, "squats").await;

    bot.fake
        .dispatch("GUILD_DELETE", json!({"id": GUILD_ID, "unavailable": true}));
    let ping = bot
        .fake
        .wait_for("ping", Duration::from_secs(10), is_ping)
        .await;
    assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));
    assert_eq!(
        bot.store.guild_settings(guild_id).await.unwrap(),
        ask_channel()
    );
    bot.stop().await;
}
