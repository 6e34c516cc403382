//! Commands a user installed for themselves: registered for user installs and DMs, answered
//! in a DM and in a server without the bot, where nothing is posted in the channel and a
//! rest runs through the interaction (countdown as the answer, ping as a follow-up).
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{json, Value};
use support::*;

/// A server that never added the bot, where the user's own install is used.
const STRANGE_GUILD: &str = "1200000000000000099";

fn in_strange_guild(fake: &FakeDiscord, name: &str, options: Value) -> (String, Value) {
    let (id, mut payload) = slash_command(fake, name, options, USER_ID);
    payload["guild_id"] = json!(STRANGE_GUILD);
    payload["context"] = json!(0);
    // Only the user's install authorised this interaction (key "1" = user install).
    payload["authorizing_integration_owners"] = json!({"1": USER_ID});
    (id, payload)
}

fn in_dm(fake: &FakeDiscord, name: &str, options: Value) -> (String, Value) {
    let (id, mut payload) = slash_command(fake, name, options, USER_ID);
    let user = payload["member"]["user"].clone();
    let object = payload.as_object_mut().unwrap();
    object.remove("guild_id");
    object.remove("member");
    object.insert("user".into(), user);
    object.insert("channel_id".into(), json!("1300000000000000555"));
    object.insert("context".into(), json!(1));
    object.insert(
        "authorizing_integration_owners".into(),
        json!({"1": USER_ID}),
    );
    (id, payload)
}

#[tokio::test]
async fn personal_commands_work_where_the_bot_is_not_a_member() {
    let (bot, _db) = TestBot::start().await;
    let registered = bot.fake.wait_until_ready().await;
    let commands = registered.body.as_array().unwrap();
    let contexts = |name: &str| -> (Value, Value) {
        let command = commands.iter().find(|c| c["name"] == name).unwrap();
        (
            command["integration_types"].clone(),
            command["contexts"].clone(),
        )
    };
    assert_eq!(contexts("learn"), (json!([0, 1]), json!([0, 1, 2])));
    assert_eq!(contexts("rest"), (json!([0, 1]), json!([0, 1, 2])));
    assert_eq!(
        contexts("challenge"),
        (json!([0]), json!([0])),
        "server only"
    );
    assert_eq!(contexts("config"), (json!([0]), json!([0])), "server only");

    // In a DM with the bot: answers as anywhere else.
    let set = json!([{"name": "set", "type": 1, "options": [
        opt("exercise", 3, json!("leg press")), opt("weight", 10, json!(120))]}]);
    let saved = interact(&bot.fake, in_dm(&bot.fake, "1rm", set)).await;
    assert!(reply_text(&saved).contains("120"), "{saved}");
    let learn = interact(&bot.fake, in_dm(&bot.fake, "learn", json!([]))).await;
    assert!(!reply_text(&learn).is_empty());

    // In a server without the bot: answers come through the interaction, and so does a
    // rest: its countdown is the answer itself and its ping a follow-up of the interaction.
    let asked = interact(
        &bot.fake,
        in_strange_guild(
            &bot.fake,
            "ask",
            json!([opt("question", 3, json!("what is bfr"))]),
        ),
    )
    .await;
    assert!(!reply_text(&asked).is_empty(), "{asked}");
    let with_others = json!([{"name": "start", "type": 1, "options": [
        opt("seconds", 4, json!(30)), opt("for", 3, json!(format!("<@{OTHER_USER_ID}>")))]}]);
    let refused = interact(&bot.fake, in_strange_guild(&bot.fake, "rest", with_others)).await;
    assert!(is_ephemeral(&refused), "{refused}");
    assert!(
        reply_text(&refused).contains("not a member of this server"),
        "{refused}"
    );

    let rest = json!([{"name": "start", "type": 1, "options": [opt("seconds", 4, json!(5))]}]);
    let (interaction_id, payload) = in_strange_guild(&bot.fake, "rest", rest);
    let token = payload["token"].as_str().unwrap().to_owned();
    let countdown = interact(&bot.fake, (interaction_id, payload)).await;
    assert!(
        !is_ephemeral(&countdown),
        "the countdown is the answer: {countdown}"
    );
    assert!(reply_text(&countdown).contains("<t:"), "{countdown}");
    assert!(
        !buttons(&countdown).is_empty(),
        "+15 s and Cancel: {countdown}"
    );
    let followups = format!("/webhooks/{APP_ID}/{token}");
    let ping = bot
        .fake
        .wait_for(
            "the ping follow-up",
            std::time::Duration::from_secs(15),
            |r| r.method == axum::http::Method::POST && r.path.contains(&followups),
        )
        .await;
    assert!(
        reply_text(&ping.body).contains("rest over"),
        "{}",
        ping.body
    );
    assert_eq!(ping.body["allowed_mentions"]["users"], json!([USER_ID]));
    assert_eq!(
        ping.body["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "public: {}",
        ping.body
    );
    let channel_posts = bot
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == axum::http::Method::POST && r.path.ends_with("/messages"))
        .count();
    assert_eq!(channel_posts, 0, "nothing posted in a channel");
    bot.stop().await;
}
