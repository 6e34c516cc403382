//! End to end: `/challenge session`, a group workout for a challenge, through the fake
//! Discord on SQLite and (when `TEST_POSTGRES_URL` is set) PostgreSQL: the public card,
//! joining (members only), each presser's own loads in private, the leader's set starting
//! one rest whose end pings everyone in one message, and the finish crediting everyone.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::str::FromStr;
use std::time::Duration;

use axum::http::Method;
use serde_json::{json, Value};
use sqlx::Connection as _;
use support::*;

const CHANNEL_MESSAGES: &str = "/api/v10/channels/1300000000000000001/messages";
const THIRD_USER_ID: &str = "1400000000000000003";
/// Every wait is bounded; a rest of 5 s ends well within it.
const WAIT: Duration = Duration::from_secs(20);

/// Sends an interaction and returns the bot's callback body.
async fn send(fake: &FakeDiscord, (id, payload): (String, Value)) -> Value {
    fake.dispatch("INTERACTION_CREATE", payload);
    let prefix = format!("/api/v10/interactions/{id}/");
    let callback = fake
        .wait_for(&format!("callback of {id}"), WAIT, |r| {
            r.method == Method::POST && r.path.starts_with(&prefix)
        })
        .await;
    assert_ne!(
        callback.body["type"], 5,
        "no deferral expected: {}",
        callback.body
    );
    callback.body
}

/// `/challenge <sub> …options` from `user` (`admin`: with Manage Server).
async fn challenge(
    fake: &FakeDiscord,
    user: &str,
    admin: bool,
    sub: &str,
    options: Value,
) -> Value {
    let options = json!([{"name": sub, "type": 1, "options": options}]);
    let (id, mut payload) = slash_command(fake, "challenge", options, user);
    if admin {
        payload["member"] = member(user, ADMIN_PERMISSIONS);
    }
    send(fake, (id, payload)).await
}

async fn press(fake: &FakeDiscord, custom_id: &str, user: &str) -> Value {
    send(fake, component(fake, custom_id, &[], user)).await
}

/// The custom ID of the card's button labelled `label`.
fn button(card: &Value, label: &str) -> String {
    buttons(card)
        .into_iter()
        .find(|(shown, _)| shown == label)
        .unwrap_or_else(|| panic!("no {label} button: {card}"))
        .1
}

fn is_ping(r: &Recorded) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && r.body["content"]
            .as_str()
            .unwrap_or_default()
            .contains("rest over")
}

/// Shortens the rest of every group workout to 5 s (the shortest rest), as if the protocol
/// planned it: the tests do not wait for a real rest.
async fn shorten_rests(url: &str) {
    let statement = "UPDATE challenge_group_sessions SET rest_seconds = 5";
    if url.starts_with("sqlite:") {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
            .unwrap()
            .busy_timeout(Duration::from_secs(10));
        let mut conn = sqlx::SqliteConnection::connect_with(&options)
            .await
            .unwrap();
        sqlx::query(statement).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(statement).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    }
}

macro_rules! on_both_backends {
    ($sqlite:ident, $postgres:ident, $scenario:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            let db = temp_sqlite();
            $scenario(&db.url).await;
        }

        #[tokio::test]
        async fn $postgres() {
            let Some(url) = temp_postgres(stringify!($postgres)).await else {
                return;
            };
            $scenario(&url).await;
        }
    };
}

on_both_backends!(
    a_group_workout_rests_together_and_credits_everyone_sqlite,
    a_group_workout_rests_together_and_credits_everyone_postgres,
    a_group_workout_rests_together_and_credits_everyone
);

async fn a_group_workout_rests_together_and_credits_everyone(url: &str) {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    bot.fake.wait_until_ready().await;
    let fake = &bot.fake;

    // A reps challenge the session is for, and a sessions challenge both also joined.
    for (name, metric) in [("Group Reps", 1), ("Group Sessions", 0)] {
        let created = challenge(
            fake,
            USER_ID,
            true,
            "create",
            json!([
                opt("name", 3, json!(name)),
                opt("metric", 4, json!(metric)),
                opt("days", 4, json!(30))
            ]),
        )
        .await;
        assert!(reply_text(&created).contains(name), "{created}");
        for user in [USER_ID, OTHER_USER_ID] {
            let joined = challenge(
                fake,
                user,
                false,
                "join",
                json!([opt("name", 3, json!(name))]),
            )
            .await;
            assert!(reply_text(&joined).contains("You joined"), "{joined}");
        }
    }
    set_one_rep_max(fake, USER_ID, "leg press", 200.0).await;
    set_one_rep_max(fake, OTHER_USER_ID, "leg press", 100.0).await;

    // The leader opens the group workout: a public card.
    let card = challenge(
        fake,
        USER_ID,
        false,
        "session",
        json!([
            opt("name", 3, json!("group reps")),
            opt("exercise", 3, json!("leg press"))
        ]),
    )
    .await;
    assert!(!is_ephemeral(&card), "the card is for the channel: {card}");
    assert_safe_mentions(&card);
    assert!(
        card["data"]["allowed_mentions"]["users"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "the card names people without pinging them: {card}"
    );
    let text = reply_text(&card);
    assert!(
        title(&card).starts_with("Group BFR workout: Leg press"),
        "{card}"
    );
    assert!(text.contains(&format!("Led by <@{USER_ID}>")), "{text}");
    assert!(
        text.contains("Set 1: 30 reps") && text.contains("Set 4: 15 reps"),
        "{text}"
    );
    assert!(
        !text.contains("60 kg"),
        "no one's load on the public card: {text}"
    );
    let labels: Vec<String> = buttons(&card).into_iter().map(|(label, _)| label).collect();
    assert_eq!(
        labels,
        [
            "I'm in",
            "My loads",
            "Set 1 done – start rest",
            "End workout"
        ]
    );
    let im_in = button(&card, "I'm in");

    // A member joins; someone outside the challenge is refused.
    let joined = press(fake, &im_in, OTHER_USER_ID).await;
    assert_eq!(joined["type"], 7, "the card updates: {joined}");
    assert_safe_mentions(&joined);
    let text = reply_text(&joined);
    assert!(text.contains("In (2/10)"), "{text}");
    assert!(text.contains(&format!("<@{OTHER_USER_ID}>")), "{text}");
    let refused = press(fake, &im_in, THIRD_USER_ID).await;
    assert!(is_ephemeral(&refused), "{refused}");
    assert!(
        reply_text(&refused).contains("/challenge join"),
        "{refused}"
    );

    // My loads: private, from the presser's own 1RM (30% of 100 kg).
    let loads = press(fake, &button(&card, "My loads"), OTHER_USER_ID).await;
    assert!(is_ephemeral(&loads), "{loads}");
    let text = reply_text(&loads);
    assert!(text.contains("Set 1: 30 reps at **30 kg**"), "{text}");
    assert!(!text.contains("60 kg"), "not the leader's load: {text}");
    let no_max = press(fake, &button(&card, "My loads"), THIRD_USER_ID).await;
    assert!(is_ephemeral(&no_max));
    assert!(reply_text(&no_max).contains("/1rm set"), "{no_max}");

    // Only the leader records sets.
    let set_one = button(&card, "Set 1 done – start rest");
    let not_yours = press(fake, &set_one, OTHER_USER_ID).await;
    assert!(is_ephemeral(&not_yours), "{not_yours}");
    assert!(reply_text(&not_yours).contains("Only <@"), "{not_yours}");

    // The leader's Set 1 starts one rest; its end pings both in one message.
    shorten_rests(url).await;
    let after = press(fake, &set_one, USER_ID).await;
    assert_eq!(after["type"], 7, "{after}");
    let text = reply_text(&after);
    assert!(text.contains("Set 1 recorded. Rest 5 s"), "{text}");
    assert!(text.contains("the person resting with you"), "{text}");
    let ping = fake.wait_for("the group's ping", WAIT, is_ping).await;
    let mut pinged: Vec<String> = ping.body["allowed_mentions"]["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_owned())
        .collect();
    pinged.sort();
    assert_eq!(pinged, [USER_ID, OTHER_USER_ID], "{}", ping.body);
    let content = ping.body["content"].as_str().unwrap();
    assert!(
        content.contains(&format!("<@{USER_ID}>"))
            && content.contains(&format!("<@{OTHER_USER_ID}>")),
        "{content}"
    );
    assert_eq!(
        fake.requests().iter().filter(|r| is_ping(r)).count(),
        1,
        "one message"
    );

    // Ending after set 1 credits both, once.
    let end = button(&after, "End workout");
    let ended = press(fake, &end, USER_ID).await;
    assert_eq!(ended["type"], 7, "{ended}");
    let text = reply_text(&ended);
    assert!(text.contains("Ended after 1 of 4 sets"), "{text}");
    assert!(text.contains("2 participants are credited"), "{text}");
    assert!(buttons(&ended).is_empty(), "an ended card has no buttons");
    let again = press(fake, &end, USER_ID).await;
    assert!(is_ephemeral(&again), "{again}");

    let reps = challenge(
        fake,
        USER_ID,
        false,
        "leaderboard",
        json!([opt("name", 3, json!("Group Reps"))]),
    )
    .await;
    // The viewer sees themselves as "You".
    let text = reply_text(&reps);
    assert!(text.contains("You — 30 reps"), "{text}");
    assert!(
        text.contains(&format!("<@{OTHER_USER_ID}> — 30 reps")),
        "{text}"
    );
    let sessions = challenge(
        fake,
        OTHER_USER_ID,
        false,
        "leaderboard",
        json!([opt("name", 3, json!("Group Sessions"))]),
    )
    .await;
    let text = reply_text(&sessions);
    assert!(text.contains("You — 1 session"), "{text}");
    assert!(
        text.contains(&format!("<@{USER_ID}> — 1 session")),
        "{text}"
    );
    bot.stop().await;
}

on_both_backends!(
    a_workout_whose_leader_deleted_their_data_stays_but_cannot_advance_sqlite,
    a_workout_whose_leader_deleted_their_data_stays_but_cannot_advance_postgres,
    a_workout_whose_leader_deleted_their_data_stays_but_cannot_advance
);

/// `/data <sub>` from `user`.
fn data(fake: &FakeDiscord, sub: &str, user: &str) -> (String, Value) {
    slash_command(
        fake,
        "data",
        json!([{"name": sub, "type": 1, "options": []}]),
        user,
    )
}

/// `/data export` from `user`: the reply's body and the attached JSON.
async fn export(fake: &FakeDiscord, user: &str) -> (Value, Value) {
    let (id, payload) = data(fake, "export", user);
    fake.dispatch("INTERACTION_CREATE", payload);
    let prefix = format!("/api/v10/interactions/{id}/");
    let export = fake
        .wait_for("export callback", WAIT, |r| {
            r.method == Method::POST && r.path.starts_with(&prefix)
        })
        .await;
    let file = serde_json::from_slice(&export.files[0].1).unwrap();
    (export.body, file)
}

async fn a_workout_whose_leader_deleted_their_data_stays_but_cannot_advance(url: &str) {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    bot.fake.wait_until_ready().await;
    let fake = &bot.fake;
    challenge(
        fake,
        OTHER_USER_ID,
        true,
        "create",
        json!([
            opt("name", 3, json!("Group Reps")),
            opt("metric", 4, json!(1)),
            opt("days", 4, json!(30))
        ]),
    )
    .await;
    for user in [USER_ID, OTHER_USER_ID] {
        let joined = challenge(
            fake,
            user,
            false,
            "join",
            json!([opt("name", 3, json!("Group Reps"))]),
        )
        .await;
        assert!(reply_text(&joined).contains("You joined"), "{joined}");
    }
    set_one_rep_max(fake, USER_ID, "leg press", 200.0).await;
    let card = challenge(
        fake,
        USER_ID,
        false,
        "session",
        json!([
            opt("name", 3, json!("group reps")),
            opt("exercise", 3, json!("leg press"))
        ]),
    )
    .await;
    let joined = press(fake, &button(&card, "I'm in"), OTHER_USER_ID).await;
    assert!(reply_text(&joined).contains("In (2/10)"), "{joined}");

    // The export holds the workout: the leader's from their side, the participant's from
    // theirs.
    for (user, led) in [(USER_ID, true), (OTHER_USER_ID, false)] {
        let (reply, file) = export(fake, user).await;
        assert!(reply_text(&reply).contains("group workouts: 1"), "{reply}");
        assert_eq!(file["schema_version"], 1, "new keys keep the version");
        let group = &file["group_sessions"][0];
        assert_eq!(group["led"], led, "{file}");
        assert_eq!(group["challenge_name"], "Group Reps");
        assert_eq!(group["exercise_name"], "Leg press");
        assert_eq!(group["sets_done"], 0);
        assert_eq!(group["joined_after_set"], 0);
        assert!(group["joined_at"].is_string(), "{group}");
        assert!(
            group.get("leader_id").is_none(),
            "the leader's ID is not the participant's to see: {group}"
        );
    }

    // The leader deletes their data: their place goes, the workout stays for the others.
    send(fake, data(fake, "delete", USER_ID)).await;
    let confirm = format!("data:delete:confirm:{USER_ID}");
    let done = press(fake, &confirm, USER_ID).await;
    let text = reply_text(&done);
    assert!(text.contains("group workout places: 1"), "{text}");
    assert!(text.contains("group workouts led, anonymised: 1"), "{text}");

    // No one can advance it now, and every button says so instead of naming a leader.
    for (label, user) in [
        ("Set 1 done – start rest", OTHER_USER_ID),
        ("End workout", OTHER_USER_ID),
        ("I'm in", OTHER_USER_ID),
        ("Set 1 done – start rest", USER_ID),
        ("I'm in", THIRD_USER_ID),
    ] {
        let answer = press(fake, &button(&card, label), user).await;
        assert!(is_ephemeral(&answer), "{label} by {user}: {answer}");
        let text = reply_text(&answer);
        assert!(
            text.contains("no longer has a leader") && !text.contains("<@"),
            "{label} by {user}: {text}"
        );
    }
    let (_, file) = export(fake, OTHER_USER_ID).await;
    assert_eq!(
        file["group_sessions"][0]["sets_done"], 0,
        "nothing advanced"
    );
    assert_eq!(file["group_sessions"][0]["led"], false);
    bot.stop().await;
}
