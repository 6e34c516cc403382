//! End to end: 1RMs, settings and workout cards through the fake Discord.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

async fn command(bot: &TestBot, name: &str, options: Value, user: &str) -> Value {
    interact(&bot.fake, slash_command(&bot.fake, name, options, user)).await
}

#[tokio::test]
async fn one_rep_max_commands_set_estimate_list_history_delete() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    let set = set_one_rep_max(&bot.fake, USER_ID, "bb squat", 140.0).await;
    assert!(is_ephemeral(&set), "personal numbers are private: {set}");
    assert_safe_mentions(&set);
    let text = reply_text(&set);
    assert!(
        text.contains("Back squat") && text.contains("140 kg"),
        "{text}"
    );

    let estimate = command(
        &bot,
        "1rm",
        sub(
            "estimate",
            json!([
                opt("exercise", 3, json!("back squat")),
                opt("weight", 10, json!(120)),
                opt("reps", 4, json!(10)),
                opt("save", 5, json!(true)),
                opt("public", 5, json!(true))
            ]),
        ),
        USER_ID,
    )
    .await;
    assert!(!is_ephemeral(&estimate), "public:true shares it");
    let text = reply_text(&estimate);
    // Epley and Brzycki agree at 10 reps: 120 × (1 + 10/30) = 160.
    assert!(text.contains("Epley") && text.contains("Brzycki"), "{text}");
    assert!(text.contains("160 kg"), "{text}");
    assert!(text.contains("Saved as your current 1RM"), "{text}");

    let refused = command(
        &bot,
        "1rm",
        sub(
            "estimate",
            json!([
                opt("exercise", 3, json!("squat")),
                opt("weight", 10, json!(60)),
                opt("reps", 4, json!(15))
            ]),
        ),
        USER_ID,
    )
    .await;
    assert!(is_ephemeral(&refused));
    assert!(reply_text(&refused).contains("12"), "{refused}");

    let list = command(&bot, "1rm", sub("list", json!([])), USER_ID).await;
    assert!(is_ephemeral(&list));
    assert!(
        reply_text(&list).contains("160 kg"),
        "the newest entry is current: {list}"
    );

    let (history_id, payload) = slash_command(
        &bot.fake,
        "1rm",
        sub("history", json!([opt("exercise", 3, json!("squat"))])),
        USER_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", payload);
    let prefix = format!("/api/v10/interactions/{history_id}/");
    let history = bot
        .fake
        .wait_for(
            "history callback",
            std::time::Duration::from_secs(10),
            |r| r.method == Method::POST && r.path.starts_with(&prefix),
        )
        .await;
    assert_eq!(history.files.len(), 1, "a chart is attached");
    let (name, png) = &history.files[0];
    assert_eq!(name, "1rm-history.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a valid PNG");
    assert!(png.len() > 1000);
    assert_eq!(
        history.body["data"]["embeds"][0]["image"]["url"],
        "attachment://1rm-history.png"
    );
    let text = reply_text(&history.body);
    assert!(
        text.contains("140 kg") && text.contains("estimated from 10 reps"),
        "{text}"
    );

    let delete = command(
        &bot,
        "1rm",
        sub("delete", json!([opt("exercise", 3, json!("Back Squat"))])),
        USER_ID,
    )
    .await;
    assert!(reply_text(&delete).contains("2 entries"), "{delete}");
    let empty = command(&bot, "1rm", sub("list", json!([])), USER_ID).await;
    assert!(reply_text(&empty).contains("no 1RMs"), "{empty}");
    bot.stop().await;
}

#[tokio::test]
async fn invalid_input_gets_an_ephemeral_explanation() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    for (options, needle) in [
        (
            json!([
                opt("exercise", 3, json!("squat")),
                opt("weight", 10, json!(-5))
            ]),
            "weight",
        ),
        (
            json!([
                opt("exercise", 3, json!("squat")),
                opt("weight", 10, json!(5000))
            ]),
            "1000",
        ),
        (
            json!([
                opt("exercise", 3, json!("@everyone lift")),
                opt("weight", 10, json!(50))
            ]),
            "mention",
        ),
    ] {
        let reply = command(&bot, "1rm", sub("set", options), USER_ID).await;
        assert!(is_ephemeral(&reply), "{reply}");
        assert_safe_mentions(&reply);
        assert!(
            reply_text(&reply).to_lowercase().contains(needle),
            "{needle}: {reply}"
        );
    }
    bot.stop().await;
}

#[tokio::test]
async fn autocomplete_offers_the_users_lifts_first() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    set_one_rep_max(&bot.fake, USER_ID, "Sled push", 150.0).await;

    let (id, mut payload) = slash_command(
        &bot.fake,
        "session",
        json!([{"name": "exercise", "type": 3, "value": "s", "focused": true}]),
        USER_ID,
    );
    payload["type"] = json!(4);
    let callback = interact(&bot.fake, (id, payload)).await;
    assert_eq!(callback["type"], 8, "autocomplete result: {callback}");
    let choices: Vec<&str> = callback["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(choices[0], "Sled push", "{choices:?}");
    assert!(choices.len() > 1 && choices.len() <= 25);
    assert!(choices.iter().any(|c| c.contains("squat")), "{choices:?}");
    bot.stop().await;
}

#[tokio::test]
async fn settings_show_and_change() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    let shown = command(&bot, "settings", json!([]), USER_ID).await;
    assert!(is_ephemeral(&shown));
    assert!(reply_text(&shown).contains("2.5 kg"), "{shown}");

    let changed = command(
        &bot,
        "settings",
        json!([
            opt("units", 4, json!(1)),
            opt("timezone", 3, json!("america/new_york"))
        ]),
        USER_ID,
    )
    .await;
    let text = reply_text(&changed);
    assert!(
        text.contains("5 lb") && text.contains("America/New_York"),
        "{text}"
    );

    let bad = command(
        &bot,
        "settings",
        json!([opt("timezone", 3, json!("Mars/Base"))]),
        USER_ID,
    )
    .await;
    assert!(
        is_ephemeral(&bad) && reply_text(&bad).contains("IANA"),
        "{bad}"
    );
    bot.stop().await;
}

#[tokio::test]
async fn workout_cards_in_kg_and_lb_with_owner_only_buttons() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;

    let missing = command(
        &bot,
        "session",
        json!([opt("exercise", 3, json!("leg press"))]),
        USER_ID,
    )
    .await;
    assert!(is_ephemeral(&missing));
    assert!(reply_text(&missing).contains("/1rm estimate"), "{missing}");

    set_one_rep_max(&bot.fake, USER_ID, "leg press", 107.0).await;
    let card = command(
        &bot,
        "session",
        json!([opt("exercise", 3, json!("leg press"))]),
        USER_ID,
    )
    .await;
    assert!(is_ephemeral(&card), "private by default");
    let text = reply_text(&card);
    // 30% of 107 kg = 32.1 kg, rounded to the 2.5 kg step: 32.5 kg.
    assert!(text.contains("32.5 kg"), "{text}");
    assert!(
        text.contains("30 reps") && text.contains("15 reps"),
        "{text}"
    );
    assert!(text.contains("Stop if"), "{text}");
    let card_buttons = buttons(&card);
    assert_eq!(card_buttons[0].0, "Set 1 done – start rest");
    assert_eq!(card_buttons[1].0, "End workout here");

    let stranger = interact(
        &bot.fake,
        component(&bot.fake, &card_buttons[0].1, &[], OTHER_USER_ID),
    )
    .await;
    assert_eq!(stranger["type"], 4);
    assert!(is_ephemeral(&stranger));
    assert!(
        reply_text(&stranger).contains("not your workout"),
        "{stranger}"
    );

    let after_set = interact(
        &bot.fake,
        component(&bot.fake, &card_buttons[0].1, &[], USER_ID),
    )
    .await;
    assert_eq!(after_set["type"], 7, "the card updates in place");
    assert!(
        reply_text(&after_set).contains("Set 1 recorded"),
        "{after_set}"
    );
    assert_eq!(buttons(&after_set)[0].0, "Set 2 done – start rest");
    let countdown = bot
        .fake
        .wait_for(
            "the rest countdown",
            std::time::Duration::from_secs(5),
            |r| r.method == Method::POST && r.path.ends_with("/messages"),
        )
        .await;
    let countdown = countdown.body["content"].as_str().unwrap();
    assert!(countdown.contains("Set 2: 15 reps"), "{countdown}");
    assert!(
        !countdown.contains("kg"),
        "a private card's load stays private: {countdown}"
    );

    let repeat = interact(
        &bot.fake,
        component(&bot.fake, &card_buttons[0].1, &[], USER_ID),
    )
    .await;
    assert!(
        is_ephemeral(&repeat),
        "a double press changes nothing: {repeat}"
    );

    // Cards posted before "End workout here" existed carry `session:done:ID` mid-workout:
    // it ends the workout with the sets recorded, not with every planned set.
    let legacy_done = card_buttons[1].1.replace("session:end:", "session:done:");
    let done = interact(&bot.fake, component(&bot.fake, &legacy_done, &[], USER_ID)).await;
    assert_eq!(done["type"], 7);
    assert!(
        reply_text(&done).contains("Ended after 1 of 4 sets"),
        "only the recorded set counts: {done}"
    );
    assert!(buttons(&done).is_empty());

    // In pounds with the article protocol: 107 kg = 235.9 lb; 40% = 94.4 lb → 95 lb (5 lb step).
    command(
        &bot,
        "settings",
        json!([opt("units", 4, json!(1))]),
        USER_ID,
    )
    .await;
    let article = command(
        &bot,
        "session",
        json!([
            opt("exercise", 3, json!("leg press")),
            opt("protocol", 4, json!(1)),
            opt("percent", 10, json!(40)),
            opt("public", 5, json!(true))
        ]),
        USER_ID,
    )
    .await;
    assert!(!is_ephemeral(&article));
    let text = reply_text(&article);
    assert!(text.contains("95 lb"), "{text}");

    let out_of_range = command(
        &bot,
        "session",
        json!([
            opt("exercise", 3, json!("leg press")),
            opt("percent", 10, json!(45))
        ]),
        USER_ID,
    )
    .await;
    assert!(is_ephemeral(&out_of_range));
    assert!(
        reply_text(&out_of_range).contains("20-40"),
        "{out_of_range}"
    );
    bot.stop().await;
}
