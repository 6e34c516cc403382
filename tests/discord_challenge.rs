//! End to end: `/challenge` through the fake Discord, on SQLite and (when
//! `TEST_POSTGRES_URL` is set) PostgreSQL: who may create, the living leaderboard posted
//! once and then edited, joining (also anonymously), credit from workout cards, bounded
//! logs, voids and the audit trail, the chart, the weekly and final posts across a restart.
//!
//! Challenges take days; the tests do not wait for them. They open their own connection to
//! the bot's database and move a challenge's instants into the past ("time travel"): the
//! poster reads everything it does from the database, so it cannot tell the difference.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::Method;
use serde_json::{json, Value};
use sqlx::Connection as _;
use support::*;

const CHANNEL_MESSAGES: &str = "/api/v10/channels/1300000000000000001/messages";
/// The coach role of these tests (a role of the fake guild).
const COACH_ROLE_ID: &str = STAFF_ROLE_ID;
const THIRD_USER_ID: &str = "1400000000000000003";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Long enough for a poster that polls every 5 s on a busy machine; no wait is unbounded.
const POSTER_WAIT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------
// Interactions

/// What the bot answered to an interaction: the callback body (`{"type", "data"}`), with a
/// deferred answer folded in, and the files it carried.
struct Answer {
    body: Value,
    files: Vec<(String, Vec<u8>)>,
}

impl Answer {
    fn text(&self) -> String {
        reply_text(&self.body)
    }

    fn ephemeral(&self) -> bool {
        is_ephemeral(&self.body)
    }
}

/// Sends an interaction and waits for its answer. The bot defers an answer that takes
/// more than 1.5 s (a busy machine): the deferral is private and the answer then edits
/// it, or (when public) goes out as a follow-up; either way the answer is returned.
async fn send(fake: &FakeDiscord, (id, payload): (String, Value)) -> Answer {
    let token = payload["token"].as_str().unwrap().to_owned();
    fake.dispatch("INTERACTION_CREATE", payload);
    let prefix = format!("/api/v10/interactions/{id}/");
    let callback = fake
        .wait_for(&format!("callback of {id}"), Duration::from_secs(10), |r| {
            r.method == Method::POST && r.path.starts_with(&prefix)
        })
        .await;
    assert!(
        callback.refused.is_none(),
        "the callback was refused: {:?} {}",
        callback.refused,
        callback.body
    );
    if callback.body["type"] != 5 {
        return Answer {
            body: callback.body,
            files: callback.files,
        };
    }
    let original = format!("/api/v10/webhooks/{APP_ID}/{token}/messages/@original");
    let edit = fake
        .wait_for("the deferred answer", Duration::from_secs(15), |r| {
            r.method == Method::PATCH && r.path == original
        })
        .await;
    if edit.body["content"] != "Posted in the channel." {
        let mut data = edit.body.clone();
        data["flags"] = json!(64);
        return Answer {
            body: json!({"type": 4, "data": data}),
            files: edit.files,
        };
    }
    let followup_path = format!("/api/v10/webhooks/{APP_ID}/{token}");
    let followup = fake
        .wait_for("the public follow-up", Duration::from_secs(10), |r| {
            r.method == Method::POST && r.path == followup_path
        })
        .await;
    Answer {
        body: json!({"type": 4, "data": followup.body}),
        files: followup.files,
    }
}

/// A member of the test guild with `permissions` and `roles`.
fn member_with_roles(user_id: &str, permissions: &str, roles: &[&str]) -> Value {
    let mut member = member(user_id, permissions);
    member["roles"] = json!(roles);
    member
}

/// Who sends an interaction.
#[derive(Clone, Copy)]
struct Who<'a> {
    user: &'a str,
    permissions: &'a str,
    roles: &'a [&'a str],
}

const fn plain(user: &str) -> Who<'_> {
    Who {
        user,
        permissions: MEMBER_PERMISSIONS,
        roles: &[],
    }
}

const fn admin(user: &str) -> Who<'_> {
    Who {
        user,
        permissions: ADMIN_PERMISSIONS,
        roles: &[],
    }
}

fn as_who(who: Who, (id, mut payload): (String, Value)) -> (String, Value) {
    payload["member"] = member_with_roles(who.user, who.permissions, who.roles);
    (id, payload)
}

/// `/challenge <sub> …options` from `who`.
async fn challenge(fake: &FakeDiscord, who: Who<'_>, sub: &str, options: Value) -> Answer {
    let options = json!([{"name": sub, "type": 1, "options": options}]);
    let interaction = slash_command(fake, "challenge", options, who.user);
    send(fake, as_who(who, interaction)).await
}

/// `/challenge create` of a `days`-long challenge; metric 0 sessions, 1 reps.
async fn create(fake: &FakeDiscord, who: Who<'_>, name: &str, metric: u8, days: i64) -> Answer {
    challenge(
        fake,
        who,
        "create",
        json!([
            opt("name", 3, json!(name)),
            opt("metric", 4, json!(metric)),
            opt("days", 4, json!(days))
        ]),
    )
    .await
}

async fn leaderboard(fake: &FakeDiscord, user: &str, name: &str, public: bool) -> Answer {
    challenge(
        fake,
        plain(user),
        "leaderboard",
        json!([opt("name", 3, json!(name)), opt("public", 5, json!(public))]),
    )
    .await
}

async fn log(fake: &FakeDiscord, user: &str, name: &str, amount: &str) -> Answer {
    challenge(
        fake,
        plain(user),
        "log",
        json!([opt("name", 3, json!(name)), opt("amount", 3, json!(amount))]),
    )
    .await
}

/// `/config coach-role role:<role>` from `who`, with the role resolved as Discord sends it.
async fn set_coach_role(fake: &FakeDiscord, who: Who<'_>, role_id: &str) -> Answer {
    let options =
        json!([{"name": "coach-role", "type": 1, "options": [opt("role", 8, json!(role_id))]}]);
    let (id, mut payload) = as_who(who, slash_command(fake, "config", options, who.user));
    payload["data"]["resolved"] = json!({"roles": {role_id: {
        "id": role_id, "name": "Coach", "color": 0, "colors": {"primary_color": 0},
        "hoist": false, "managed": false, "mentionable": false, "permissions": "0",
        "position": 2, "flags": 0
    }}});
    send(fake, (id, payload)).await
}

/// Starts a bot on `url` (fresh fake Discord) and waits until it is ready.
async fn start_bot(url: &str) -> TestBot {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    bot.fake.wait_until_ready().await;
    bot
}

// ---------------------------------------------------------------------------------------
// What the poster sends

/// The Join buttons' custom IDs in a message.
fn join_buttons(body: &Value) -> Vec<String> {
    buttons(body)
        .into_iter()
        .map(|(_, id)| id)
        .filter(|id| id.starts_with("challenge:join:"))
        .collect()
}

fn is_announcement(r: &Recorded) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && r.body["content"]
            .as_str()
            .unwrap_or_default()
            .contains("New challenge by")
}

fn is_board_edit(r: &Recorded) -> bool {
    r.method == Method::PATCH && r.path.starts_with(&format!("{CHANNEL_MESSAGES}/"))
}

/// A scheduled post (weekly summary or final results) of the challenge named `name`.
fn is_post_titled(r: &Recorded, title_prefix: &str, name: &str) -> bool {
    r.method == Method::POST
        && r.path == CHANNEL_MESSAGES
        && title(&r.body).starts_with(title_prefix)
        && reply_text(&r.body).contains(name)
}

fn count(fake: &FakeDiscord, matches: impl Fn(&Recorded) -> bool) -> usize {
    fake.requests().iter().filter(|r| matches(r)).count()
}

/// A message the poster sent pings nobody: nothing parsed, no users, no roles.
fn assert_pings_nobody(body: &Value) {
    let mentions = &body["allowed_mentions"];
    assert!(mentions.is_object(), "allowed_mentions not set: {body}");
    assert_eq!(mentions["parse"], json!([]), "{body}");
    for key in ["users", "roles"] {
        assert!(
            mentions[key].as_array().is_none_or(Vec::is_empty),
            "{key} pinged: {body}"
        );
    }
}

/// Waits for the announcement of `name` and returns it with the challenge's ID.
async fn announcement(fake: &FakeDiscord, name: &str) -> (Recorded, i64) {
    let posted = fake
        .wait_for(&format!("the announcement of {name}"), POSTER_WAIT, |r| {
            is_announcement(r) && reply_text(&r.body).contains(name)
        })
        .await;
    let joins = join_buttons(&posted.body);
    assert_eq!(joins.len(), 1, "one Join button: {}", posted.body);
    let id = joins[0]
        .strip_prefix("challenge:join:")
        .unwrap()
        .parse()
        .unwrap();
    (posted, id)
}

// ---------------------------------------------------------------------------------------
// The test's own connection to the bot's database

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

enum Db {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Db {
    async fn open(url: &str) -> Db {
        if url.starts_with("sqlite:") {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                .unwrap()
                .busy_timeout(Duration::from_secs(10));
            Db::Sqlite(
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .unwrap(),
            )
        } else {
            Db::Postgres(sqlx::PgConnection::connect(url).await.unwrap())
        }
    }

    async fn execute(&mut self, statement: &str) -> u64 {
        match self {
            Db::Sqlite(conn) => sqlx::query(statement)
                .execute(conn)
                .await
                .unwrap()
                .rows_affected(),
            Db::Postgres(conn) => sqlx::query(statement)
                .execute(conn)
                .await
                .unwrap()
                .rows_affected(),
        }
    }

    async fn number(&mut self, query: &str) -> Option<i64> {
        match self {
            Db::Sqlite(conn) => sqlx::query_scalar::<_, Option<i64>>(query)
                .fetch_one(conn)
                .await
                .unwrap(),
            Db::Postgres(conn) => sqlx::query_scalar::<_, Option<i64>>(query)
                .fetch_one(conn)
                .await
                .unwrap(),
        }
    }

    async fn text(&mut self, query: &str) -> Option<String> {
        match self {
            Db::Sqlite(conn) => sqlx::query_scalar::<_, Option<String>>(query)
                .fetch_one(conn)
                .await
                .unwrap(),
            Db::Postgres(conn) => sqlx::query_scalar::<_, Option<String>>(query)
                .fetch_one(conn)
                .await
                .unwrap(),
        }
    }

    async fn close(self) {
        match self {
            Db::Sqlite(conn) => conn.close().await.unwrap(),
            Db::Postgres(conn) => conn.close().await.unwrap(),
        }
    }
}

/// Moves everything about challenge `id` `by_ms` into the past, as if that much time had
/// passed: its run, its due and edit times, its members and its entries.
async fn time_travel(url: &str, id: i64, by_ms: i64) {
    let mut db = Db::open(url).await;
    let moved = db
        .execute(&format!(
            "UPDATE challenges SET starts_at_ms = starts_at_ms - {by_ms}, \
               ends_at_ms = ends_at_ms - {by_ms}, created_at_ms = created_at_ms - {by_ms}, \
               next_post_at_ms = next_post_at_ms - {by_ms}, \
               board_due_at_ms = board_due_at_ms - {by_ms}, \
               board_edited_at_ms = board_edited_at_ms - {by_ms} \
             WHERE id = {id}"
        ))
        .await;
    assert_eq!(moved, 1, "challenge {id} exists");
    db.execute(&format!(
        "UPDATE challenge_members SET joined_at_ms = joined_at_ms - {by_ms}, \
           reached_at_ms = reached_at_ms - {by_ms}, left_at_ms = left_at_ms - {by_ms} \
         WHERE challenge_id = {id}"
    ))
    .await;
    db.execute(&format!(
        "UPDATE challenge_entries SET at_ms = at_ms - {by_ms} WHERE challenge_id = {id}"
    ))
    .await;
    db.close().await;
}

/// Runs `scenario` on SQLite, then on PostgreSQL when `TEST_POSTGRES_URL` is set.
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

// ---------------------------------------------------------------------------------------
// 1. Who may create a challenge

on_both_backends!(
    create_needs_manage_server_or_the_coach_role_sqlite,
    create_needs_manage_server_or_the_coach_role_postgres,
    create_needs_manage_server_or_the_coach_role
);

async fn create_needs_manage_server_or_the_coach_role(url: &str) {
    let bot = start_bot(url).await;
    let fake = &bot.fake;

    let refused = create(fake, plain(USER_ID), "Plain BFR", 0, 30).await;
    assert!(refused.ephemeral(), "{}", refused.body);
    assert_safe_mentions(&refused.body);
    assert!(refused.text().contains("Manage Server"), "{}", refused.body);
    // Having the role that will become the coach role changes nothing before it is set.
    let early_coach = Who {
        user: OTHER_USER_ID,
        permissions: MEMBER_PERMISSIONS,
        roles: &[COACH_ROLE_ID],
    };
    let early = create(fake, early_coach, "Early BFR", 0, 30).await;
    assert!(early.text().contains("Manage Server"), "{}", early.body);

    let created = create(fake, admin(USER_ID), "Admin BFR", 0, 30).await;
    assert!(created.ephemeral(), "{}", created.body);
    assert_safe_mentions(&created.body);
    assert_eq!(
        title(&created.body),
        "Challenge created",
        "{}",
        created.body
    );
    assert!(created.text().contains("Admin BFR"), "{}", created.body);

    // Only Manage Server sets the coach role.
    let not_allowed = set_coach_role(fake, plain(OTHER_USER_ID), COACH_ROLE_ID).await;
    assert!(not_allowed.ephemeral(), "{}", not_allowed.body);
    assert!(
        not_allowed.text().contains("Manage"),
        "{}",
        not_allowed.body
    );
    let coach_set = set_coach_role(fake, admin(USER_ID), COACH_ROLE_ID).await;
    assert!(coach_set.ephemeral(), "{}", coach_set.body);
    assert!(
        coach_set.text().contains(&format!("<@&{COACH_ROLE_ID}>")),
        "{}",
        coach_set.body
    );
    assert_safe_mentions(&coach_set.body);

    let by_coach = create(fake, early_coach, "Coach BFR", 1, 14).await;
    assert_eq!(
        title(&by_coach.body),
        "Challenge created",
        "{}",
        by_coach.body
    );
    assert!(by_coach.ephemeral());

    let other_role = Who {
        user: THIRD_USER_ID,
        permissions: MEMBER_PERMISSIONS,
        roles: &[MENTIONABLE_ROLE_ID],
    };
    let still_refused = create(fake, other_role, "Other BFR", 0, 30).await;
    assert!(still_refused.ephemeral());
    assert!(
        still_refused.text().contains("Manage Server"),
        "another role is not the coach role: {}",
        still_refused.body
    );

    // Exactly the two created challenges are announced, once each.
    announcement(fake, "Admin BFR").await;
    announcement(fake, "Coach BFR").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(count(fake, is_announcement), 2);
    bot.stop().await;
}

// ---------------------------------------------------------------------------------------
// 2, 3, 7. The living leaderboard: posted once with a Join button, then edited

on_both_backends!(
    the_living_leaderboard_is_posted_once_then_edited_sqlite,
    the_living_leaderboard_is_posted_once_then_edited_postgres,
    the_living_leaderboard_is_posted_once_then_edited
);

async fn the_living_leaderboard_is_posted_once_then_edited(url: &str) {
    let bot = start_bot(url).await;
    let fake = &bot.fake;
    let name = "December BFR";
    create(fake, admin(USER_ID), name, 0, 30).await;
    let (posted, id) = announcement(fake, name).await;
    assert_pings_nobody(&posted.body);
    assert!(
        posted.body["content"]
            .as_str()
            .unwrap()
            .contains(&format!("<@{USER_ID}>")),
        "the announcement names its creator (without a ping): {}",
        posted.body
    );
    assert_eq!(
        buttons(&posted.body),
        vec![("Join".to_owned(), format!("challenge:join:{id}"))]
    );

    // Joining by the button: private, by name.
    let join_id = format!("challenge:join:{id}");
    let joined = send(fake, component(fake, &join_id, &[], USER_ID)).await;
    assert!(joined.ephemeral(), "{}", joined.body);
    assert!(
        joined.text().contains("You joined December BFR"),
        "{}",
        joined.body
    );
    let again = send(fake, component(fake, &join_id, &[], USER_ID)).await;
    assert!(again.text().contains("already in"), "{}", again.body);

    // The board was just posted: the change waits for the once-a-minute edit.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        count(fake, is_board_edit),
        0,
        "edited within a minute of posting"
    );

    // A minute later (time travel), another member joins by command, anonymously.
    let mut db = Db::open(url).await;
    let message_id = db
        .number(&format!(
            "SELECT board_message_id FROM challenges WHERE id = {id}"
        ))
        .await
        .expect("the board's message is recorded");
    let past = now_ms() - 120_000;
    db.execute(&format!(
        "UPDATE challenges SET board_edited_at_ms = {past}, \
           board_due_at_ms = CASE WHEN board_due_at_ms IS NULL THEN NULL ELSE {past} END \
         WHERE id = {id}"
    ))
    .await;
    db.close().await;
    let anonymous = challenge(
        fake,
        plain(OTHER_USER_ID),
        "join",
        json!([
            opt("name", 3, json!("december bfr")),
            opt("visibility", 4, json!(1))
        ]),
    )
    .await;
    assert!(anonymous.ephemeral());
    assert!(
        anonymous.text().contains("Others see you as Member #2"),
        "{}",
        anonymous.body
    );

    let edit = fake
        .wait_for("the board edit", POSTER_WAIT, |r| {
            is_board_edit(r) && reply_text(&r.body).contains("Member #2")
        })
        .await;
    assert_eq!(
        edit.path,
        format!("{CHANNEL_MESSAGES}/{message_id}"),
        "the posted message is edited"
    );
    assert_pings_nobody(&edit.body);
    assert!(
        reply_text(&edit.body).contains(&format!("<@{USER_ID}>")),
        "{}",
        edit.body
    );
    assert_eq!(join_buttons(&edit.body), vec![join_id.clone()]);
    assert!(
        !reply_text(&edit.body).contains(OTHER_USER_ID),
        "an anonymous member is not named: {}",
        edit.body
    );
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(count(fake, is_announcement), 1, "never re-posted");

    // The anonymous member is "Member #2" to others and "You (Member #2 …)" to themselves.
    let public = leaderboard(fake, USER_ID, "December BFR", true).await;
    assert!(!public.ephemeral(), "public:true shares it");
    assert_safe_mentions(&public.body);
    let text = public.text();
    assert!(text.contains("Member #2"), "{text}");
    assert!(!text.contains(OTHER_USER_ID), "{text}");
    assert!(
        !text.contains("You"),
        "a shared board has no \"You\": {text}"
    );
    let own = leaderboard(fake, OTHER_USER_ID, "December BFR", false).await;
    assert!(own.ephemeral());
    assert!(
        own.text().contains("You (Member #2 to others)"),
        "{}",
        own.text()
    );
    let first = leaderboard(fake, USER_ID, "December BFR", false).await;
    assert!(first.text().contains("Member #2"), "{}", first.text());
    assert!(!first.text().contains("You (Member"), "{}", first.text());

    // Pressing Join again keeps an anonymous member anonymous.
    let pressed = send(fake, component(fake, &join_id, &[], OTHER_USER_ID)).await;
    assert!(
        pressed
            .text()
            .contains("already in December BFR; others now see you as Member #2"),
        "{}",
        pressed.body
    );
    let public = leaderboard(fake, USER_ID, "December BFR", true).await;
    assert!(public.text().contains("Member #2"), "{}", public.text());
    assert!(!public.text().contains(OTHER_USER_ID), "{}", public.text());

    // Leaving takes a member off the board; joining again puts them back on it.
    allow_board_edit(url, id).await;
    let edits = count(fake, is_board_edit);
    let left = challenge(
        fake,
        plain(USER_ID),
        "leave",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    assert!(left.text().contains("You left"), "{}", left.body);
    let without = next_board_edit(fake, edits).await;
    assert!(
        !reply_text(&without.body).contains(&format!("<@{USER_ID}> —")),
        "{}",
        without.body
    );
    allow_board_edit(url, id).await;
    let edits = count(fake, is_board_edit);
    let back = challenge(
        fake,
        plain(USER_ID),
        "join",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    assert!(back.text().contains("Welcome back"), "{}", back.body);
    let with = next_board_edit(fake, edits).await;
    assert!(
        reply_text(&with.body).contains(&format!("<@{USER_ID}> —")),
        "the member is back on the board: {}",
        with.body
    );

    // Someone deleted the board: the next change posts a new one and keeps its ID.
    allow_board_edit(url, id).await;
    let old_board = format!("{CHANNEL_MESSAGES}/{message_id}");
    fake.fail_next(Method::PATCH, &old_board, 404, 1);
    let third = send(fake, component(fake, &join_id, &[], THIRD_USER_ID)).await;
    assert!(third.text().contains("You joined"), "{}", third.body);
    let reposted = fake
        .wait_for("a new board", POSTER_WAIT, |r| {
            is_announcement(r) && reply_text(&r.body).contains(&format!("<@{THIRD_USER_ID}>"))
        })
        .await;
    assert_pings_nobody(&reposted.body);
    assert_eq!(join_buttons(&reposted.body), vec![join_id.clone()]);
    let failed_edits = fake
        .requests()
        .iter()
        .filter(|r| r.method == Method::PATCH && r.path == old_board && r.status == 404)
        .count();
    assert_eq!(failed_edits, 1, "the old board was tried first");
    // The poster records the new message right after Discord answered the post.
    let mut new_message = board_message(url, id).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while new_message == message_id && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        new_message = board_message(url, id).await;
    }
    assert_ne!(new_message, message_id, "the new board's ID is kept");

    // The chart (an image, which cannot show mentions) names public members by the name
    // they had when joining, by button as by command; anonymous members by number only.
    let mut db = Db::open(url).await;
    for (user, expected) in [
        (USER_ID, Some(format!("user{USER_ID}"))),
        (OTHER_USER_ID, None),
        (THIRD_USER_ID, Some(format!("user{THIRD_USER_ID}"))),
    ] {
        let name = db
            .text(&format!(
                "SELECT display_name FROM challenge_members \
                 WHERE challenge_id = {id} AND user_id = {user}"
            ))
            .await;
        assert_eq!(name, expected, "the chart name of {user}");
    }
    db.close().await;
    bot.stop().await;
}

// ---------------------------------------------------------------------------------------
// 4, 5, 6. Credit from workout cards, bounded logs, voids and the audit trail, the chart

on_both_backends!(
    workouts_and_logs_count_and_moderators_void_sqlite,
    workouts_and_logs_count_and_moderators_void_postgres,
    workouts_and_logs_count_and_moderators_void
);

async fn workouts_and_logs_count_and_moderators_void(url: &str) {
    let bot = start_bot(url).await;
    let fake = &bot.fake;
    create(fake, admin(OTHER_USER_ID), "Sessions Dec", 0, 30).await;
    create(fake, admin(OTHER_USER_ID), "Reps Dec", 1, 30).await;
    for name in ["Sessions Dec", "Reps Dec"] {
        let joined = challenge(
            fake,
            plain(USER_ID),
            "join",
            json!([opt("name", 3, json!(name))]),
        )
        .await;
        assert!(joined.text().contains("You joined"), "{}", joined.body);
    }

    // A whole workout card: three sets, then the last set finishes it.
    set_one_rep_max(fake, USER_ID, "leg press", 107.0).await;
    let options = json!([opt("exercise", 3, json!("leg press"))]);
    let mut card = send(fake, slash_command(fake, "session", options, USER_ID))
        .await
        .body;
    let mut planned_reps = 0;
    for set in 1..=4 {
        let (label, custom_id) = buttons(&card)[0].clone();
        if set < 4 {
            assert_eq!(label, format!("Set {set} done – start rest"), "{card}");
            assert_eq!(custom_id.rsplit(':').next(), Some(set.to_string().as_str()));
        } else {
            assert_eq!(label, "Set 4 done – finish", "{card}");
            assert!(custom_id.starts_with("session:finish:"), "{custom_id}");
        }
        card = send(fake, component(fake, &custom_id, &[], USER_ID))
            .await
            .body;
        assert_eq!(card["type"], 7, "the card updates: {card}");
        planned_reps += if set == 1 { 30 } else { 15 };
    }
    assert!(buttons(&card).is_empty(), "a finished card has no buttons");
    // The standard protocol is 30-15-15-15.
    assert_eq!(planned_reps, 75);

    let sessions = leaderboard(fake, USER_ID, "Sessions Dec", false).await;
    assert!(
        sessions.text().contains("— 1 session"),
        "the finished workout counts once: {}",
        sessions.text()
    );
    let reps = leaderboard(fake, USER_ID, "Reps Dec", false).await;
    assert!(
        reps.text().contains("— 75 reps"),
        "every set's reps count: {}",
        reps.text()
    );

    // 6. The leaderboard carries its chart, a real PNG, shown in the embed.
    assert_eq!(reps.files.len(), 1, "one chart: {}", reps.body);
    let (filename, png) = &reps.files[0];
    assert_eq!(filename, "leaderboard.png");
    assert!(png.starts_with(PNG_SIGNATURE), "a valid PNG");
    assert!(png.len() > 1000, "a real image: {} bytes", png.len());
    assert_eq!(
        reps.body["data"]["embeds"][0]["image"]["url"],
        "attachment://leaderboard.png"
    );

    // 5. Manual logs are bounded.
    let too_many = log(fake, USER_ID, "Sessions Dec", "5").await;
    assert!(too_many.ephemeral());
    assert!(
        too_many
            .text()
            .contains("One log can hold at most 2 sessions"),
        "{}",
        too_many.body
    );
    let logged = log(fake, USER_ID, "Sessions Dec", "1").await;
    assert!(logged.ephemeral());
    let text = logged.text();
    assert!(text.contains("Logged 1 session"), "{text}");
    assert!(text.contains("Your total: 2 sessions"), "{text}");
    let entry: i64 = text
        .split("(entry ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("an entry number: {text}"));
    let board = leaderboard(fake, USER_ID, "Sessions Dec", false).await;
    assert!(board.text().contains("— 2 sessions"), "{}", board.text());

    // Someone who is neither the creator, a coach nor Manage Server can't void or audit.
    let void = |who: Who<'static>, entry: i64| {
        let options = json!([
            opt("name", 3, json!("Sessions Dec")),
            opt("entry", 4, json!(entry))
        ]);
        async move { challenge(fake, who, "void", options).await }
    };
    let audit = |who: Who<'static>| async move {
        challenge(
            fake,
            who,
            "audit",
            json!([opt("name", 3, json!("Sessions Dec"))]),
        )
        .await
    };
    for refused in [
        void(plain(THIRD_USER_ID), entry).await,
        audit(plain(USER_ID)).await,
    ] {
        assert!(refused.ephemeral());
        assert!(
            refused.text().contains("Only the challenge's creator"),
            "{}",
            refused.body
        );
    }
    let board = leaderboard(fake, USER_ID, "Sessions Dec", false).await;
    assert!(
        board.text().contains("— 2 sessions"),
        "unchanged: {}",
        board.text()
    );

    // A moderator (Manage Server, not the creator) voids the log.
    let voided = void(admin(THIRD_USER_ID), entry).await;
    assert!(voided.ephemeral());
    assert_safe_mentions(&voided.body);
    assert!(
        voided
            .text()
            .contains(&format!("Voided entry {entry}: 1 session for <@{USER_ID}>")),
        "{}",
        voided.body
    );
    let twice = void(admin(THIRD_USER_ID), entry).await;
    assert!(twice.text().contains("voided already"), "{}", twice.body);
    let board = leaderboard(fake, USER_ID, "Sessions Dec", false).await;
    assert!(
        board.text().contains("— 1 session"),
        "the void no longer counts: {}",
        board.text()
    );

    // The creator (no Manage Server) sees the log and the void in the audit trail.
    let trail = audit(plain(OTHER_USER_ID)).await;
    assert!(trail.ephemeral());
    let text = trail.text();
    assert!(
        text.contains(&format!("entry {entry}: <@{USER_ID}> logged 1 session")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "entry {entry}: <@{THIRD_USER_ID}> voided 1 session of <@{USER_ID}>"
        )),
        "{text}"
    );
    assert!(
        !text.contains("75"),
        "workout credit is not a manual log: {text}"
    );
    bot.stop().await;
}

// ---------------------------------------------------------------------------------------
// 8. Weekly and final posts across a restart: none skipped, none repeated

on_both_backends!(
    weekly_and_final_posts_survive_a_restart_sqlite,
    weekly_and_final_posts_survive_a_restart_postgres,
    weekly_and_final_posts_survive_a_restart
);

async fn weekly_and_final_posts_survive_a_restart(url: &str) {
    let name = "Eight Days";
    let fake = FakeDiscord::start().await;
    let extra = [("DISCORD_GUILD_ID", GUILD_ID)];
    let first = TestBot::start_with(fake.clone(), url, &extra).await;
    fake.wait_until_ready().await;
    // Eight days: a summary after week 1, then the final results.
    create(&fake, admin(OTHER_USER_ID), name, 0, 8).await;
    let (_, id) = announcement(&fake, name).await;
    for user in [USER_ID, THIRD_USER_ID] {
        challenge(
            &fake,
            plain(user),
            "join",
            json!([opt("name", 3, json!(name))]),
        )
        .await;
    }
    let logged = log(&fake, USER_ID, name, "2").await;
    assert!(
        logged.text().contains("Logged 2 sessions"),
        "{}",
        logged.body
    );
    log(&fake, THIRD_USER_ID, name, "1").await;

    // A week and a minute later.
    time_travel(url, id, 7 * DAY_MS + 60_000).await;
    let week = fake
        .wait_for("the week 1 summary", POSTER_WAIT, |r| {
            is_post_titled(r, "Week", name)
        })
        .await;
    assert_eq!(title(&week.body), "Week 1");
    assert_pings_nobody(&week.body);
    let text = reply_text(&week.body);
    assert!(
        text.contains(&format!("<@{USER_ID}> — 2 sessions")),
        "{text}"
    );
    assert_eq!(week.files.len(), 1, "the summary has its chart");
    assert!(week.files[0].1.starts_with(PNG_SIGNATURE));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(count(&fake, |r| is_post_titled(r, "Week", name)), 1);
    first.stop().await;

    // Down for the end of the challenge and its grace period.
    time_travel(url, id, DAY_MS + 12 * 60 * 60 * 1000 + 60_000).await;
    let registered = |r: &Recorded| r.method == Method::PUT && r.path.ends_with("/commands");
    let before = count(&fake, registered);
    let second = TestBot::start_with(fake.clone(), url, &extra).await;
    let last = fake
        .wait_for("the final results", POSTER_WAIT, |r| {
            is_post_titled(r, "Final results", name)
        })
        .await;
    assert_pings_nobody(&last.body);
    let text = reply_text(&last.body);
    assert!(
        text.contains(&format!("Winner: <@{USER_ID}> with 2 sessions")),
        "{text}"
    );
    assert_eq!(last.files.len(), 1, "the results have their chart");
    assert!(last.files[0].1.starts_with(PNG_SIGNATURE));
    // The board shows the end and loses its Join button.
    let closed = fake
        .wait_for("the closed board", POSTER_WAIT, |r| {
            is_board_edit(r) && join_buttons(&r.body).is_empty()
        })
        .await;
    assert_pings_nobody(&closed.body);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while count(&fake, registered) == before {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second bot never started"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        count(&fake, |r| is_post_titled(r, "Final results", name)),
        1,
        "the results are posted once"
    );
    assert_eq!(
        count(&fake, |r| is_post_titled(r, "Week", name)),
        1,
        "week 1 is not repeated after the restart"
    );
    assert_eq!(count(&fake, is_announcement), 1);
    second.stop().await;
}

// ---------------------------------------------------------------------------------------
// 9 and `/challenge end`: the list, autocomplete, ending early

on_both_backends!(
    list_autocomplete_and_ending_early_sqlite,
    list_autocomplete_and_ending_early_postgres,
    list_autocomplete_and_ending_early
);

async fn list_autocomplete_and_ending_early(url: &str) {
    let bot = start_bot(url).await;
    let fake = &bot.fake;
    let name = "Spring Squats";
    create(fake, admin(OTHER_USER_ID), name, 1, 30).await;
    let (_, id) = announcement(fake, name).await;

    let list = challenge(fake, plain(USER_ID), "list", json!([])).await;
    assert!(list.ephemeral());
    let text = list.text();
    assert!(text.contains("Running and upcoming"), "{text}");
    assert!(text.contains("**Spring Squats** — "), "{text}");
    assert!(text.contains(&format!("<#{CHANNEL_ID}>")), "{text}");

    let (auto_id, mut payload) = slash_command(
        fake,
        "challenge",
        json!([{"name": "join", "type": 1, "options": [
            {"name": "name", "type": 3, "value": "spr", "focused": true}
        ]}]),
        USER_ID,
    );
    payload["type"] = json!(4);
    let suggested = interact(fake, (auto_id, payload)).await;
    assert_eq!(suggested["type"], 8, "{suggested}");
    let choices: Vec<&str> = suggested["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(choices, [name]);

    challenge(
        fake,
        plain(USER_ID),
        "join",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    let logged = log(fake, USER_ID, name, "40").await;
    assert!(logged.text().contains("Logged 40 reps"), "{}", logged.body);

    let refused = challenge(
        fake,
        plain(USER_ID),
        "end",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    assert!(refused.ephemeral());
    assert!(
        refused.text().contains("Only the challenge's creator"),
        "{}",
        refused.body
    );
    let ended = challenge(
        fake,
        plain(OTHER_USER_ID),
        "end",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    assert!(ended.ephemeral());
    assert!(ended.text().contains("has ended"), "{}", ended.body);

    let results = fake
        .wait_for("the final results", POSTER_WAIT, |r| {
            is_post_titled(r, "Final results", name)
        })
        .await;
    assert_pings_nobody(&results.body);
    let text = reply_text(&results.body);
    assert!(
        text.contains(&format!("Winner: <@{USER_ID}> with 40 reps")),
        "{text}"
    );
    let board_path = format!("{CHANNEL_MESSAGES}/{}", board_message(url, id).await);
    let closed = fake
        .wait_for("the closed board", POSTER_WAIT, |r| {
            r.method == Method::PATCH && r.path == board_path && join_buttons(&r.body).is_empty()
        })
        .await;
    assert!(
        reply_text(&closed.body).contains("40 reps"),
        "{}",
        closed.body
    );
    let late = send(
        fake,
        component(fake, &format!("challenge:join:{id}"), &[], THIRD_USER_ID),
    )
    .await;
    assert!(late.ephemeral());
    assert!(late.text().contains("has ended"), "{}", late.body);
    let again = challenge(
        fake,
        plain(OTHER_USER_ID),
        "end",
        json!([opt("name", 3, json!(name))]),
    )
    .await;
    assert!(again.text().contains("already ended"), "{}", again.body);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(count(fake, |r| is_post_titled(r, "Final results", name)), 1);
    assert_eq!(count(fake, |r| is_post_titled(r, "Week", name)), 0);

    let list = challenge(fake, plain(USER_ID), "list", json!([])).await;
    let text = list.text();
    assert!(text.contains("Recently ended"), "{text}");
    assert!(!text.contains("Running and upcoming"), "{text}");
    bot.stop().await;
}

/// A minute has passed since the board's last edit: the next change edits it at once.
async fn allow_board_edit(url: &str, id: i64) {
    let past = now_ms() - 120_000;
    let mut db = Db::open(url).await;
    db.execute(&format!(
        "UPDATE challenges SET board_edited_at_ms = {past}, \
           board_due_at_ms = CASE WHEN board_due_at_ms IS NULL THEN NULL ELSE {past} END \
         WHERE id = {id}"
    ))
    .await;
    db.close().await;
}

/// The first board edit after the first `seen` ones.
async fn next_board_edit(fake: &FakeDiscord, seen: usize) -> Recorded {
    let deadline = tokio::time::Instant::now() + POSTER_WAIT;
    loop {
        if let Some(edit) = fake.requests().into_iter().filter(is_board_edit).nth(seen) {
            return edit;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no board edit after the {seen} seen"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn board_message(url: &str, id: i64) -> i64 {
    let mut db = Db::open(url).await;
    let message = db
        .number(&format!(
            "SELECT board_message_id FROM challenges WHERE id = {id}"
        ))
        .await
        .expect("the board was posted");
    db.close().await;
    message
}

/// Two bot processes on one PostgreSQL database: every challenge gets one living
/// leaderboard and one final results post, never two, whichever process makes them.
#[tokio::test]
async fn two_bot_processes_post_each_challenge_post_once() {
    use bfr_coach::domain::challenge::{next_post, ChallengeDefinition, ChallengeMetric};
    use bfr_coach::domain::ids::{ChannelId, GuildId, UserId};
    use bfr_coach::store::NewChallenge;

    let Some(url) = temp_postgres("two_bots_challenge_posts").await else {
        return;
    };
    let store = bfr_coach::store::connect(&url).await.unwrap();
    // Eight challenges whose results are already due: each needs its board posted, its
    // results posted and its board closed.
    let now = chrono::Utc::now();
    let start = now - chrono::Duration::days(3);
    let names: Vec<String> = (1..=8).map(|n| format!("Shared {n}")).collect();
    for name in &names {
        let definition =
            ChallengeDefinition::new(name, ChallengeMetric::Sessions, 1, start, None).unwrap();
        let next_post_at =
            next_post(&definition.window, Default::default()).map(|planned| planned.due_at);
        store
            .create_challenge(&NewChallenge {
                guild_id: GuildId::new(GUILD_ID.parse().unwrap()).unwrap(),
                channel_id: ChannelId::new(CHANNEL_ID.parse().unwrap()).unwrap(),
                creator_id: UserId::new(USER_ID.parse().unwrap()).unwrap(),
                definition,
                exercise: None,
                created_at: now,
                next_post_at,
            })
            .await
            .unwrap()
            .unwrap();
    }
    store.close().await;

    let fake = FakeDiscord::start().await;
    let extra = [("DISCORD_GUILD_ID", GUILD_ID)];
    let a = TestBot::start_with(fake.clone(), &url, &extra).await;
    let b = TestBot::start_with(fake.clone(), &url, &extra).await;
    let done = |fake: &FakeDiscord| {
        names.iter().all(|name| {
            count(fake, |r| is_post_titled(r, "Final results", name)) > 0
                && count(fake, |r| {
                    is_announcement(r) && reply_text(&r.body).contains(name)
                }) > 0
        })
    };
    // 16 posts in one channel take their turns at 5 per 5 s.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while !done(&fake) && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Time for a duplicate to show up, if the claims let one through.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for name in &names {
        let finals = count(&fake, |r| is_post_titled(r, "Final results", name));
        assert_eq!(finals, 1, "{name}: one final results post");
        let boards = count(&fake, |r| {
            is_announcement(r) && reply_text(&r.body).contains(name.as_str())
        });
        assert_eq!(boards, 1, "{name}: one living leaderboard");
    }
    a.stop().await;
    b.stop().await;
}
