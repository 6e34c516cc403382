//! End to end: health triage in /ask, mentions and ask-channels; the screening and its effect
//! on workout cards.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

async fn ask(bot: &TestBot, question: &str, public: bool) -> Value {
    let options = json!([
        opt("question", 3, json!(question)),
        opt("public", 5, json!(public))
    ]);
    interact(&bot.fake, slash_command(&bot.fake, "ask", options, USER_ID)).await
}

#[tokio::test]
async fn ask_gives_each_of_the_four_answers() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    let emergency = ask(
        &bot,
        "crushing chest pain right now and my left arm is numb",
        false,
    )
    .await;
    assert!(title(&emergency).contains("emergency"), "{emergency}");
    assert!(reply_text(&emergency).contains("911"));
    assert_eq!(
        emergency["data"]["flags"], 64,
        "private unless asked publicly"
    );

    let heart = ask(
        &bot,
        "I'm on blood thinners after a DVT, can I do occlusion training?",
        true,
    )
    .await;
    assert!(title(&heart).contains("doctor"), "{heart}");
    assert_ne!(
        heart["data"]["flags"], 64,
        "public because the user asked publicly"
    );
    let shown = reply_text(&heart).to_lowercase();
    assert!(
        !shown.contains("dvt") && !shown.contains("thinner"),
        "no health details repeated"
    );
    assert!(!shown.contains("30-15-15-15"), "no training advice");
    assert_safe_mentions(&heart);

    let caution = ask(
        &bot,
        "I had knee surgery last month, how tight should the wrap be?",
        false,
    )
    .await;
    let text = reply_text(&caution);
    assert!(text.contains("doctor or physiotherapist"), "{text}");

    let fitness = ask(&bot, "how long should I rest between sets?", false).await;
    assert!(!title(&fitness).is_empty(), "an FAQ answer: {fitness}");
    assert!(
        !reply_text(&fitness).contains("doctor or physiotherapist"),
        "no false alarm"
    );

    let unknown = ask(&bot, "which football team is best", false).await;
    assert!(reply_text(&unknown).contains("/learn"), "{unknown}");
    bot.stop().await;
}

#[tokio::test]
async fn mentions_are_answered_and_ask_channels_only_for_safety() {
    let db = temp_sqlite();
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(
        fake,
        &db.url,
        &[
            ("DISCORD_GUILD_ID", GUILD_ID),
            ("DISCORD_MESSAGE_CONTENT", "true"),
        ],
    )
    .await;
    bot.fake.wait_until_ready().await;

    let faq = bot_reply_to(
        &bot.fake,
        message_create(&bot.fake, "how tight should the bands be?", true, USER_ID),
    )
    .await;
    assert!(!title(&faq).is_empty(), "{faq}");
    assert_eq!(faq["allowed_mentions"]["parse"], json!([]), "{faq}");

    let heart = bot_reply_to(
        &bot.fake,
        message_create(&bot.fake, "can I do this with a pacemaker?", true, USER_ID),
    )
    .await;
    assert!(title(&heart).contains("doctor"), "{heart}");

    // Not yet an ask-channel: a heart message without a mention is ignored.
    let (quiet_id, quiet) = message_create(
        &bot.fake,
        "my heart races at rest, is bfr ok?",
        false,
        USER_ID,
    );
    bot.fake.dispatch("MESSAGE_CREATE", quiet);
    // serenity handles events concurrently: let this one be read before the channel
    // becomes an ask-channel, or the test races the bot instead of testing it.
    tokio::time::sleep(Duration::from_secs(1)).await;

    // A member without Manage Server cannot set it.
    let (id, mut payload) = slash_command(&bot.fake, "config", json!([]), USER_ID);
    let channel =
        json!({"id": CHANNEL_ID, "name": "gym", "type": 0, "permissions": MEMBER_PERMISSIONS});
    payload["data"]["options"] = json!([{"name": "ask-channel", "type": 1, "options": [opt("channel", 7, json!(CHANNEL_ID))]}]);
    payload["data"]["resolved"] = json!({"channels": {CHANNEL_ID: channel}});
    let refused = interact(&bot.fake, (id, payload.clone())).await;
    assert_eq!(refused["data"]["flags"], 64, "{refused}");
    assert!(reply_text(&refused).contains("Manage"), "{refused}");

    let admin_id = bot.fake.next_snowflake();
    payload["id"] = json!(admin_id);
    payload["token"] = json!(format!("tok-{admin_id}"));
    payload["member"] = member(USER_ID, ADMIN_PERMISSIONS);
    let set = interact(&bot.fake, (admin_id, payload)).await;
    assert!(reply_text(&set).contains(CHANNEL_ID), "{set}");

    let ignored = message_create(&bot.fake, "what's a good leg day routine", false, USER_ID);
    bot.fake.dispatch("MESSAGE_CREATE", ignored.1.clone());
    let emergency = bot_reply_to(
        &bot.fake,
        message_create(
            &bot.fake,
            "I just fainted during my set and my chest hurts",
            false,
            USER_ID,
        ),
    )
    .await;
    assert!(title(&emergency).contains("emergency"), "{emergency}");

    tokio::time::sleep(Duration::from_millis(300)).await;
    let replies: Vec<Value> = bot
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.method == Method::POST && r.path.ends_with("/messages"))
        .map(|r| r.body["message_reference"]["message_id"].clone())
        .collect();
    assert!(
        !replies.contains(&json!(quiet_id)),
        "no reply before it was an ask-channel"
    );
    assert!(
        !replies.contains(&json!(ignored.0)),
        "ordinary questions in an ask-channel stay quiet"
    );
    assert_eq!(replies.len(), 3, "{replies:?}");
    bot.stop().await;
}

async fn screening_answers(bot: &TestBot, first: Value, answers: &[bool]) -> Value {
    let mut current = first;
    for &yes in answers {
        let buttons = current["data"]["components"][0]["components"]
            .as_array()
            .unwrap()
            .clone();
        let label = if yes { "Yes" } else { "No" };
        let button = buttons.iter().find(|b| b["label"] == label).unwrap();
        let custom_id = button["custom_id"].as_str().unwrap().to_owned();
        current = interact(&bot.fake, component(&bot.fake, &custom_id, &[], USER_ID)).await;
        assert_eq!(current["type"], 7, "{current}");
    }
    current
}

#[tokio::test]
async fn screening_outcomes_gate_workout_cards() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    set_one_rep_max(&bot.fake, USER_ID, "leg press", 100.0).await;
    let session = || {
        slash_command(
            &bot.fake,
            "session",
            json!([opt("exercise", 3, json!("leg press"))]),
            USER_ID,
        )
    };

    let unscreened = interact(&bot.fake, session()).await;
    assert!(
        reply_text(&unscreened).contains("screening"),
        "{unscreened}"
    );
    let start = unscreened["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().unwrap().clone())
        .find(|b| b["label"] == "Take the screening")
        .expect("a button to the screening");
    let from_card = interact(
        &bot.fake,
        component(
            &bot.fake,
            start["custom_id"].as_str().unwrap(),
            &[],
            USER_ID,
        ),
    )
    .await;
    assert_eq!(from_card["data"]["flags"], 64);
    assert!(title(&from_card).contains("question 1"), "{from_card}");

    // All "no": clear, and the card has no notice any more.
    let first = interact(
        &bot.fake,
        slash_command(&bot.fake, "screening", json!([]), USER_ID),
    )
    .await;
    assert_eq!(first["data"]["flags"], 64, "the screening is private");
    let total: usize = title(&first).rsplit(' ').next().unwrap().parse().unwrap();
    let clear = screening_answers(&bot, first, &vec![false; total]).await;
    assert!(reply_text(&clear).contains("clear"), "{clear}");
    let card = interact(&bot.fake, session()).await;
    assert!(card["data"]["content"].is_null() || !reply_text(&card).contains("screening first"));
    assert!(reply_text(&card).contains("kg"));

    // A "yes" on the first (refer) question: no workout, the doctor redirect instead.
    let first = interact(
        &bot.fake,
        slash_command(&bot.fake, "screening", json!([]), USER_ID),
    )
    .await;
    let refer = screening_answers(&bot, first, &[true]).await;
    assert!(reply_text(&refer).contains("don't start BFR"), "{refer}");
    let refused = interact(&bot.fake, session()).await;
    assert!(title(&refused).contains("doctor"), "{refused}");
    assert!(
        !reply_text(&refused).contains("Set 1"),
        "no workout for refer"
    );

    // Only yes on the last (needs-clearance) question: a prominent note on the card.
    let first = interact(
        &bot.fake,
        slash_command(&bot.fake, "screening", json!([]), USER_ID),
    )
    .await;
    let mut answers = vec![false; total - 1];
    answers.push(true);
    let clearance = screening_answers(&bot, first, &answers).await;
    assert!(
        reply_text(&clearance).contains("talk to your doctor"),
        "{clearance}"
    );
    let noted = interact(&bot.fake, session()).await;
    assert!(
        noted["data"]["content"]
            .as_str()
            .unwrap()
            .contains("talk to your doctor"),
        "{noted}"
    );
    assert!(reply_text(&noted).contains("Set 1"));
    bot.stop().await;
}
