//! The fake Discord refuses what the real one refuses, and the bot's slow answers are deferred
//! within Discord's 3 s and then completed by editing the original response.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use axum::http::Method;
use serde_json::{json, Value};
use serenity::all as sy;
use sqlx::Connection;
use support::*;

/// serenity's own REST client, pointed at the fake as the bot's is.
fn http(fake: &FakeDiscord) -> sy::Http {
    let http = sy::HttpBuilder::new("fake-token")
        .proxy(fake.base_url())
        .ratelimiter_disabled(true)
        .build();
    http.set_application_id(sy::ApplicationId::new(APP_ID.parse().unwrap()));
    http
}

/// A command interaction the fake has dispatched (no bot needs to be connected).
fn dispatched_command(fake: &FakeDiscord) -> (sy::InteractionId, String) {
    dispatched(fake, 2)
}

fn dispatched(fake: &FakeDiscord, kind: u64) -> (sy::InteractionId, String) {
    let (id, mut payload) = slash_command(fake, "learn", json!([]), USER_ID);
    payload["type"] = json!(kind);
    let token = payload["token"].as_str().unwrap().to_owned();
    fake.dispatch("INTERACTION_CREATE", payload);
    (sy::InteractionId::new(id.parse().unwrap()), token)
}

fn safe() -> Value {
    json!({"parse": [], "users": [], "roles": []})
}

fn text_message(content: &str) -> Value {
    json!({"content": content, "allowed_mentions": safe()})
}

fn answer(content: &str) -> Value {
    json!({"type": 4, "data": text_message(content)})
}

/// (HTTP status, Discord error code, field paths of a 50035) of a refused call.
fn refusal<T: std::fmt::Debug>(outcome: serenity::Result<T>) -> (u16, isize, Vec<String>) {
    match outcome {
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))) => (
            response.status_code.as_u16(),
            response.error.code,
            response
                .error
                .errors
                .iter()
                .map(|e| e.path.clone())
                .collect(),
        ),
        other => panic!("expected Discord to refuse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_interaction_is_acknowledged_once_and_within_3_s() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake);

    let (id, token) = dispatched_command(&fake);
    http.create_interaction_response(id, &token, &answer("hi"), vec![])
        .await
        .expect("the first callback is accepted");
    let again = http
        .create_interaction_response(id, &token, &answer("hi again"), vec![])
        .await;
    assert_eq!(refusal(again), (400, 40060, vec![]));

    let (id, token) = dispatched_command(&fake);
    tokio::time::sleep(CALLBACK_DEADLINE + Duration::from_millis(100)).await;
    let late = http
        .create_interaction_response(id, &token, &answer("too late"), vec![])
        .await;
    assert_eq!(refusal(late), (404, 10062, vec![]));

    let never_dispatched = http
        .create_interaction_response(sy::InteractionId::new(1), "tok-1", &answer("?"), vec![])
        .await;
    assert_eq!(refusal(never_dispatched), (404, 10062, vec![]));
    assert_eq!(fake.take_refusals().len(), 3);
}

#[tokio::test]
async fn webhook_calls_need_a_callback_first() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake);
    let (id, token) = dispatched_command(&fake);

    let followup = http
        .create_followup_message(&token, &text_message("early"), vec![])
        .await;
    assert_eq!(refusal(followup), (404, 10015, vec![]));
    let edit = http
        .edit_original_interaction_response(&token, &text_message("early"), vec![])
        .await;
    assert_eq!(refusal(edit), (404, 10015, vec![]));
    let delete = http.delete_original_interaction_response(&token).await;
    assert_eq!(refusal(delete), (404, 10015, vec![]));

    let deferred = json!({"type": 5, "data": {"flags": 64}});
    http.create_interaction_response(id, &token, &deferred, vec![])
        .await
        .expect("a deferral needs no message and no allowed_mentions");
    http.edit_original_interaction_response(&token, &text_message("ready"), vec![])
        .await
        .expect("the deferred response is completed by an edit");
    http.create_followup_message(&token, &text_message("and more"), vec![])
        .await
        .expect("follow-ups after the callback");
    assert_eq!(fake.take_refusals().len(), 3);
}

#[tokio::test]
async fn callback_types_must_fit_the_interaction() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake);

    let (id, token) = dispatched_command(&fake);
    let deferred_with_text =
        json!({"type": 5, "data": {"content": "thinking", "allowed_mentions": safe()}});
    let outcome = http
        .create_interaction_response(id, &token, &deferred_with_text, vec![])
        .await;
    assert_eq!(
        refusal(outcome),
        (400, 50035, vec!["data.content".to_owned()])
    );

    let (id, token) = dispatched_command(&fake);
    let update = json!({"type": 7, "data": text_message("a command has no message to update")});
    let outcome = http
        .create_interaction_response(id, &token, &update, vec![])
        .await;
    assert_eq!(refusal(outcome).1, 50035);

    let (id, token) = dispatched(&fake, 3);
    let update = json!({"type": 7, "data": {"content": "updated"}});
    let outcome = http
        .create_interaction_response(id, &token, &update, vec![])
        .await;
    assert_eq!(
        refusal(outcome),
        (400, 50035, vec!["data.allowed_mentions".to_owned()])
    );
    // The refused update left the interaction unacknowledged.
    http.create_interaction_response(id, &token, &json!({"type": 6}), vec![])
        .await
        .expect("a deferred update carries no message");

    let (id, token) = dispatched(&fake, 4);
    let choices =
        json!({"type": 8, "data": {"choices": [{"name": "Leg press", "value": "Leg press"}]}});
    http.create_interaction_response(id, &token, &choices, vec![])
        .await
        .expect("autocomplete results have no allowed_mentions");
    assert_eq!(fake.take_refusals().len(), 3);
}

#[tokio::test]
async fn every_message_states_its_allowed_mentions() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake);
    let channel = sy::ChannelId::new(CHANNEL_ID.parse().unwrap());
    let bare = json!({"content": "hello @everyone"});
    let field = vec!["allowed_mentions".to_owned()];

    assert_eq!(
        refusal(http.send_message(channel, vec![], &bare).await),
        (400, 50035, field.clone())
    );
    let sent = http
        .send_message(channel, vec![], &text_message("hello"))
        .await
        .expect("with allowed_mentions");
    assert_eq!(
        refusal(http.edit_message(channel, sent.id, &bare, vec![]).await),
        (400, 50035, field.clone())
    );

    let (id, token) = dispatched_command(&fake);
    let answer_without = json!({"type": 4, "data": bare.clone()});
    assert_eq!(
        refusal(
            http.create_interaction_response(id, &token, &answer_without, vec![])
                .await
        ),
        (400, 50035, vec!["data.allowed_mentions".to_owned()])
    );
    http.create_interaction_response(id, &token, &answer("hi"), vec![])
        .await
        .expect("the refused answer did not acknowledge the interaction");
    assert_eq!(
        refusal(http.create_followup_message(&token, &bare, vec![]).await),
        (400, 50035, field.clone())
    );
    assert_eq!(
        refusal(
            http.edit_original_interaction_response(&token, &bare, vec![])
                .await
        ),
        (400, 50035, field)
    );
    assert_eq!(fake.take_refusals().len(), 5);
}

#[tokio::test]
async fn content_and_embeds_within_discords_limits() {
    let fake = FakeDiscord::start().await;
    let http = http(&fake);
    let channel = sy::ChannelId::new(CHANNEL_ID.parse().unwrap());
    let send = |body: Value| {
        let http = &http;
        async move { http.send_message(channel, vec![], &body).await }
    };
    let with_embeds = |embeds: Value| json!({"embeds": embeds, "allowed_mentions": safe()});
    let text = |n: usize| "🦀".repeat(n);

    send(text_message(&text(2000)))
        .await
        .expect("2,000 characters, counted as characters not bytes");
    assert_eq!(
        refusal(send(text_message(&text(2001))).await),
        (400, 50035, vec!["content".to_owned()])
    );

    let fine = json!({
        "title": text(256), "description": text(4096),
        "footer": {"text": text(1000)}, "author": {"name": text(256)},
        "fields": (0..25).map(|i| json!({"name": format!("{i}"), "value": "x"})).collect::<Vec<_>>()
    });
    send(with_embeds(json!([fine])))
        .await
        .expect("an embed at its limits");

    let field = |name: String, value: String| json!({"fields": [{"name": name, "value": value}]});
    let too_much = [
        (json!([{"title": text(257)}]), "embeds.0.title"),
        (json!([{"description": text(4097)}]), "embeds.0.description"),
        (
            json!([{"footer": {"text": text(2049)}}]),
            "embeds.0.footer.text",
        ),
        (
            json!([{"author": {"name": text(257)}}]),
            "embeds.0.author.name",
        ),
        (
            json!([{}, field(text(257), "v".into())]),
            "embeds.1.fields.0.name",
        ),
        (
            json!([field("n".into(), text(1025))]),
            "embeds.0.fields.0.value",
        ),
        (
            json!([{"fields": (0..26).map(|_| json!({"name": "n", "value": "v"})).collect::<Vec<_>>()}]),
            "embeds.0.fields",
        ),
        (json!(vec![json!({"title": "t"}); 11]), "embeds"),
        (
            json!([{"description": text(3000)}, {"description": text(3001)}]),
            "embeds",
        ),
    ];
    for (embeds, path) in &too_much {
        assert_eq!(
            refusal(send(with_embeds(embeds.clone())).await),
            (400, 50035, vec![(*path).to_owned()]),
            "{path}"
        );
    }
    assert_eq!(fake.take_refusals().len(), 1 + too_much.len());
}

/// /1rm set while another connection holds the database's write lock for 2 s: the bot defers
/// (type 5) before Discord's 3 s are up, then edits the original response with the answer.
#[tokio::test]
async fn a_slow_answer_is_deferred_then_edited_in() {
    tokio::time::timeout(Duration::from_secs(40), async {
        let (bot, db) = TestBot::start().await;
        bot.fake.wait_until_ready().await;
        set_one_rep_max(&bot.fake, USER_ID, "Leg press", 100.0).await;

        let mut blocker = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
        sqlx::query("BEGIN EXCLUSIVE")
            .execute(&mut blocker)
            .await
            .unwrap();
        let options = json!([{"name": "set", "type": 1, "options": [
            opt("exercise", 3, json!("Leg press")),
            opt("weight", 10, json!(120.0))
        ]}]);
        let (id, payload) = slash_command(&bot.fake, "1rm", options, USER_ID);
        let token = payload["token"].as_str().unwrap().to_owned();
        let dispatched = Instant::now();
        bot.fake.dispatch("INTERACTION_CREATE", payload);

        let deferred = bot.fake.callback_for(&id).await;
        assert_eq!(deferred["type"], 5, "deferred: {deferred}");
        assert_eq!(deferred["data"]["flags"], 64, "private like the answer");
        tokio::time::sleep_until((dispatched + Duration::from_secs(2)).into()).await;
        sqlx::query("COMMIT").execute(&mut blocker).await.unwrap();

        let original = format!("/api/v10/webhooks/{APP_ID}/{token}/messages/@original");
        let edit = bot
            .fake
            .wait_for("the answer edited in", Duration::from_secs(10), |r| {
                r.method == Method::PATCH && r.path == original
            })
            .await;
        assert_eq!(edit.status, 200, "accepted: {:?}", edit.refused);
        assert!(
            edit.at.duration_since(dispatched) >= Duration::from_secs(2),
            "the answer waited for the lock"
        );
        assert!(reply_text(&edit.body).contains("120"), "{}", edit.body);
        assert_eq!(edit.body["allowed_mentions"]["parse"], json!([]));
        let followup = format!("/api/v10/webhooks/{APP_ID}/{token}");
        let followups = bot
            .fake
            .requests()
            .into_iter()
            .filter(|r| r.method == Method::POST && r.path.starts_with(&followup))
            .count();
        assert_eq!(followups, 0, "no second message besides the edited one");

        blocker.close().await.unwrap();
        bot.stop().await;
    })
    .await
    .expect("the deferred answer arrives within 40 s");
}

/// Many lifts with long names still make one /1rm list that Discord accepts: the list is cut
/// to fit the embed, not sent whole.
#[tokio::test]
async fn a_long_one_rep_max_list_fits_discords_limits() {
    let (bot, _db) = TestBot::start().await;
    bot.fake.wait_until_ready().await;
    for i in 0..60 {
        let name = format!("Custom lift {i:02} with a long descriptive name");
        let saved = set_one_rep_max(&bot.fake, USER_ID, &name, 100.0 + f64::from(i)).await;
        assert!(!reply_text(&saved).contains("not valid"), "{saved}");
    }
    let options = json!([{"name": "list", "type": 1, "options": []}]);
    let list = interact(&bot.fake, slash_command(&bot.fake, "1rm", options, USER_ID)).await;
    let text = reply_text(&list);
    assert!(text.contains("Custom lift 00"), "{text}");
    assert!(text.contains("more"), "the rest is summed up: {text}");
    bot.stop().await;
}
