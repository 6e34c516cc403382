//! `/data export` and `/data delete` through the fake Discord.
// A test stops at the first failed step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use axum::http::Method;
use serde_json::{json, Value};
use support::*;

fn sub(name: &str) -> Value {
    json!([{"name": name, "type": 1, "options": []}])
}

#[tokio::test]
async fn export_is_a_private_file_and_delete_needs_the_owners_confirmation() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    set_one_rep_max(&bot.fake, USER_ID, "bb squat", 140.0).await;

    let (export_id, payload) = slash_command(&bot.fake, "data", sub("export"), USER_ID);
    bot.fake.dispatch("INTERACTION_CREATE", payload);
    let prefix = format!("/api/v10/interactions/{export_id}/");
    let export = bot
        .fake
        .wait_for("export callback", std::time::Duration::from_secs(10), |r| {
            r.method == Method::POST && r.path.starts_with(&prefix)
        })
        .await;
    assert!(
        is_ephemeral(&export.body),
        "only for the caller: {}",
        export.body
    );
    assert_safe_mentions(&export.body);
    assert!(
        reply_text(&export.body).contains("1RM entries: 1"),
        "{}",
        export.body
    );
    assert_eq!(export.files.len(), 1, "the JSON is attached");
    let (name, bytes) = &export.files[0];
    assert_eq!(name, "bfr-coach-data.json");
    let data: Value = serde_json::from_slice(bytes).unwrap();
    assert_eq!(data["schema_version"], 1);
    assert_eq!(data["user_id"], USER_ID);
    assert_eq!(data["one_rep_maxes"][0]["value_kg"], 140.0);

    let prompt = interact(
        &bot.fake,
        slash_command(&bot.fake, "data", sub("delete"), USER_ID),
    )
    .await;
    assert!(is_ephemeral(&prompt), "{prompt}");
    let offered = buttons(&prompt);
    let confirm = format!("data:delete:confirm:{USER_ID}");
    assert!(
        offered.contains(&("Delete everything".to_owned(), confirm.clone())),
        "{offered:?}"
    );
    assert!(
        offered.iter().any(|(label, _)| label == "Cancel"),
        "{offered:?}"
    );
    // Nothing is deleted before the press.
    let list = interact(
        &bot.fake,
        slash_command(&bot.fake, "1rm", sub("list"), USER_ID),
    )
    .await;
    assert!(reply_text(&list).contains("140"), "{list}");

    let stranger = interact(
        &bot.fake,
        component(&bot.fake, &confirm, &[], OTHER_USER_ID),
    )
    .await;
    assert_eq!(
        stranger["type"], 4,
        "a new private message, not an update: {stranger}"
    );
    assert!(is_ephemeral(&stranger));
    assert!(
        reply_text(&stranger).contains("Only the person"),
        "{stranger}"
    );
    let still = interact(
        &bot.fake,
        slash_command(&bot.fake, "1rm", sub("list"), USER_ID),
    )
    .await;
    assert!(reply_text(&still).contains("140"), "{still}");

    let done = interact(&bot.fake, component(&bot.fake, &confirm, &[], USER_ID)).await;
    assert_eq!(done["type"], 7, "the prompt becomes the result: {done}");
    let text = reply_text(&done);
    assert!(text.contains("1RM entries: 1"), "{text}");
    assert!(buttons(&done).is_empty(), "no second press: {done}");
    let empty = interact(
        &bot.fake,
        slash_command(&bot.fake, "1rm", sub("list"), USER_ID),
    )
    .await;
    assert!(reply_text(&empty).contains("no 1RMs"), "{empty}");
    bot.stop().await;
}

#[tokio::test]
async fn cancel_deletes_nothing() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    set_one_rep_max(&bot.fake, USER_ID, "bb squat", 120.0).await;
    interact(
        &bot.fake,
        slash_command(&bot.fake, "data", sub("delete"), USER_ID),
    )
    .await;
    let cancel = format!("data:delete:cancel:{USER_ID}");
    let canceled = interact(&bot.fake, component(&bot.fake, &cancel, &[], USER_ID)).await;
    assert!(
        reply_text(&canceled).contains("Nothing was deleted"),
        "{canceled}"
    );
    let list = interact(
        &bot.fake,
        slash_command(&bot.fake, "1rm", sub("list"), USER_ID),
    )
    .await;
    assert!(reply_text(&list).contains("120"), "{list}");
    bot.stop().await;
}
