//! Shared test support: the fake Discord, a bot running against it, interaction payloads
//! and database fixtures for both backends.
#![allow(dead_code)]
// Test support: a failed setup step should stop the test on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod fake_discord;

use std::sync::Arc;
use std::time::Duration;

use bfr_coach::config::Config;
use bfr_coach::store::{self, Store};
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use fake_discord::*;

/// Runs `suite` with a store and its URL on a fresh SQLite database, then, when
/// `TEST_POSTGRES_URL` is set, on a fresh PostgreSQL schema: every store test runs on both.
pub async fn on_each_backend<F, Fut>(test: &str, suite: F)
where
    F: Fn(Arc<dyn Store>, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let sqlite = temp_sqlite();
    let store = store::connect(&sqlite.url).await.unwrap();
    assert_eq!(store.backend(), store::Backend::Sqlite);
    suite(store.clone(), sqlite.url.clone()).await;
    store.close().await;

    if let Some(url) = temp_postgres(test).await {
        let store = store::connect(&url).await.unwrap();
        assert_eq!(store.backend(), store::Backend::Postgres);
        suite(store.clone(), url).await;
        store.close().await;
    }
}

/// A temporary SQLite database, deleted when dropped.
pub struct TempSqlite {
    pub url: String,
    _dir: tempfile::TempDir,
}

pub fn temp_sqlite() -> TempSqlite {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    TempSqlite { url, _dir: dir }
}

/// A fresh, empty PostgreSQL schema when `TEST_POSTGRES_URL` is set; None (and a note on
/// stderr) when it is not, so the PostgreSQL half of a test reports that it skipped.
pub async fn temp_postgres(test: &str) -> Option<String> {
    let Ok(base) = std::env::var("TEST_POSTGRES_URL") else {
        eprintln!("{test}: PostgreSQL part skipped: TEST_POSTGRES_URL is not set");
        return None;
    };
    let schema = format!(
        "t_{}_{}",
        test.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(30)
            .collect::<String>()
            .to_lowercase(),
        rand_suffix()
    );
    let admin = sqlx::PgPool::connect(&base)
        .await
        .expect("connect to TEST_POSTGRES_URL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let separator = if base.contains('?') { '&' } else { '?' };
    Some(format!(
        "{base}{separator}options=-c%20search_path%3D{schema}"
    ))
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// The bot, built the way `bfr-coach run` builds it, connected to a fake Discord.
pub struct TestBot {
    pub fake: FakeDiscord,
    pub store: Arc<dyn Store>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl TestBot {
    /// A bot on a fresh SQLite database, registering its commands in the test guild.
    pub async fn start() -> (Self, TempSqlite) {
        let db = temp_sqlite();
        let fake = FakeDiscord::start().await;
        let bot = Self::start_with(fake, &db.url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
        (bot, db)
    }

    pub async fn start_with(fake: FakeDiscord, database_url: &str, extra: &[(&str, &str)]) -> Self {
        let mut vars = vec![
            ("DISCORD_TOKEN".to_owned(), "fake-token".to_owned()),
            ("DATABASE_URL".to_owned(), database_url.to_owned()),
        ];
        vars.extend(fake.bot_env().into_iter().map(|(k, v)| (k.to_owned(), v)));
        vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let config = Config::from_lookup(|name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
        .unwrap();
        let store = store::connect(&config.database_url).await.unwrap();
        let bot_store = store.clone();
        let (shutdown, stop) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let stop = async move {
                let _ = stop.await;
            };
            if let Err(error) = bfr_coach::discord::run(&config, bot_store, stop).await {
                eprintln!("bot stopped with an error: {error}");
            }
        });
        Self {
            fake,
            store,
            shutdown: Some(shutdown),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
        self.store.close().await;
        self.fake.assert_no_refusals();
    }
}

/// A user inside the test guild, with the given permission bits.
pub fn member(user_id: &str, permissions: &str) -> Value {
    json!({
        "deaf": false, "flags": 0, "mute": false, "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "permissions": permissions,
        "user": {"id": user_id, "username": format!("user{user_id}")}
    })
}

/// Permissions of an ordinary member (no Manage Messages / Manage Server).
pub const MEMBER_PERMISSIONS: &str = "2248473465835073";

/// A slash-command interaction from `user_id` in the test guild. `options` as Discord sends them:
/// `[{"name": "topic", "type": 4, "value": 5}]`.
pub fn slash_command(
    fake: &FakeDiscord,
    name: &str,
    options: Value,
    user_id: &str,
) -> (String, Value) {
    let id = fake.next_snowflake();
    let payload = json!({
        "id": id, "application_id": APP_ID, "type": 2,
        "token": format!("tok-{id}"), "version": 1, "locale": "en-US",
        "entitlements": [], "attachment_size_limit": 8388608,
        "guild_id": GUILD_ID, "channel_id": CHANNEL_ID,
        "app_permissions": "2248473465835073",
        "member": member(user_id, MEMBER_PERMISSIONS),
        "data": {"id": "1600000000000000001", "name": name, "type": 1, "options": options}
    });
    (id, payload)
}

/// A component interaction (button: component_type 2; string select: 3) on a bot message.
pub fn component(
    fake: &FakeDiscord,
    custom_id: &str,
    values: &[&str],
    user_id: &str,
) -> (String, Value) {
    let id = fake.next_snowflake();
    let component_type = if values.is_empty() { 2 } else { 3 };
    let payload = json!({
        "id": id, "application_id": APP_ID, "type": 3,
        "token": format!("tok-{id}"), "version": 1, "locale": "en-US",
        "entitlements": [], "attachment_size_limit": 8388608,
        "guild_id": GUILD_ID, "channel_id": CHANNEL_ID,
        "app_permissions": "2248473465835073",
        "member": member(user_id, MEMBER_PERMISSIONS),
        "message": {
            "id": "1500000000000000001", "channel_id": CHANNEL_ID,
            "author": {"id": BOT_ID, "username": "bfr-coach", "bot": true},
            "content": "", "embeds": [], "attachments": [], "components": [],
            "mention_everyone": false, "mention_roles": [], "mentions": [], "pinned": false,
            "timestamp": "2026-11-28T07:00:27.000000+00:00", "tts": false, "type": 0
        },
        "data": {"custom_id": custom_id, "component_type": component_type, "values": values}
    });
    (id, payload)
}

/// Sends the interaction and returns the body of the bot's callback.
pub async fn interact(fake: &FakeDiscord, (id, payload): (String, Value)) -> Value {
    fake.dispatch("INTERACTION_CREATE", payload);
    fake.callback_for(&id).await
}

/// Checks the callback never allows mass or role pings.
pub fn assert_safe_mentions(callback: &Value) {
    let mentions = &callback["data"]["allowed_mentions"];
    assert!(mentions.is_object(), "allowed_mentions not set: {callback}");
    assert_eq!(
        mentions["parse"],
        json!([]),
        "nothing parsed from text may ping: {callback}"
    );
    assert_eq!(mentions["roles"], json!([]), "no roles: {callback}");
}

/// Permissions of a server admin: an ordinary member plus Manage Server and Manage Messages.
pub const ADMIN_PERMISSIONS: &str = "2248473465843297";
/// A moderator: Manage Messages, but not Mention @everyone (so not every role).
pub const MODERATOR_PERMISSIONS: &str = "2248473465712225";

/// A MESSAGE_CREATE from `user_id` in the test channel; `mention_bot` adds the bot mention.
pub fn message_create(
    fake: &FakeDiscord,
    content: &str,
    mention_bot: bool,
    user_id: &str,
) -> (String, Value) {
    let id = fake.next_snowflake();
    let mentions = if mention_bot {
        json!([{"id": BOT_ID, "username": "bfr-coach", "bot": true}])
    } else {
        json!([])
    };
    let content = if mention_bot {
        format!("<@{BOT_ID}> {content}")
    } else {
        content.to_owned()
    };
    let payload = json!({
        "id": id, "channel_id": CHANNEL_ID, "guild_id": GUILD_ID,
        "author": {"id": user_id, "username": "lifter"},
        "member": {"roles": [], "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0},
        "content": content, "timestamp": "2026-11-28T07:00:27.000000+00:00",
        "tts": false, "mention_everyone": false, "mentions": mentions, "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0
    });
    (id, payload)
}

/// Sends the message and waits for the bot's reply in the channel (a message referencing it).
pub async fn bot_reply_to(fake: &FakeDiscord, (id, payload): (String, Value)) -> Value {
    fake.dispatch("MESSAGE_CREATE", payload);
    fake.wait_for(
        &format!("a reply to message {id}"),
        Duration::from_secs(10),
        |r| {
            r.method == axum::http::Method::POST
                && r.path == format!("/api/v10/channels/{CHANNEL_ID}/messages")
                && r.body["message_reference"]["message_id"] == json!(id)
        },
    )
    .await
    .body
}

/// A slash-command option as Discord sends it.
pub fn opt(name: &str, kind: u8, value: Value) -> Value {
    json!({"name": name, "type": kind, "value": value})
}

/// A callback's `data`, or a channel message body itself.
fn message_data(body: &Value) -> &Value {
    if body["data"].is_object() {
        &body["data"]
    } else {
        body
    }
}

/// Everything a reader sees: content, embed titles, descriptions and fields.
pub fn reply_text(body: &Value) -> String {
    let data = message_data(body);
    let mut text = data["content"].as_str().unwrap_or_default().to_owned();
    for embed in data["embeds"].as_array().into_iter().flatten() {
        text.push_str(&format!("\n{}\n{}", embed["title"], embed["description"]));
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(&format!("\n{}: {}", field["name"], field["value"]));
        }
    }
    text
}

/// The first embed's title, or "".
pub fn title(body: &Value) -> String {
    message_data(body)["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub fn is_ephemeral(callback: &Value) -> bool {
    callback["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// (label, custom_id) of every button, row by row.
pub fn buttons(callback: &Value) -> Vec<(String, String)> {
    message_data(callback)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["label"].as_str().unwrap_or_default().to_owned(),
                b["custom_id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// `/1rm set exercise:… weight:…` from `user_id`; returns the bot's callback.
pub async fn set_one_rep_max(
    fake: &FakeDiscord,
    user_id: &str,
    exercise: &str,
    weight: f64,
) -> Value {
    let options = json!([{"name": "set", "type": 1, "options": [
        opt("exercise", 3, json!(exercise)),
        opt("weight", 10, json!(weight))
    ]}]);
    interact(fake, slash_command(fake, "1rm", options, user_id)).await
}
