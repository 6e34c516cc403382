//! A fake Discord for end-to-end tests: REST and the gateway websocket on 127.0.0.1.
//!
//! The real serenity/poise client connects to it through `DISCORD_PROXY_URL` (serenity's
//! ratelimiter off), or, started with [`FakeDiscord::start_tls`], as discord.com over TLS
//! through `DISCORD_API_ADDR` and `DISCORD_CA_FILE` (serenity's ratelimiter on). Tests inject
//! gateway events (interactions) and assert on the REST calls the bot makes. Payload shapes
//! follow what serenity 0.12.5 requires (a dispatch missing a required key is silently dropped).
//!
//! It refuses what the real Discord refuses, with the same status and error code: a second
//! callback for one interaction, a callback after 3 s, webhook calls before the callback,
//! content and embeds over Discord's limits. One rule is this project's own: every message
//! must state `allowed_mentions`, because Discord's default parses every mention in the text.
//! Refusals are kept, and [`FakeDiscord::assert_no_refusals`] fails a test that caused any.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt as _;
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::{broadcast, Notify};

#[path = "fake_tls.rs"]
mod tls;
pub use tls::CA_FILE;

pub const APP_ID: &str = "1100000000000000001";
pub const BOT_ID: &str = "1100000000000000001";
pub const GUILD_ID: &str = "1200000000000000001";
pub const CHANNEL_ID: &str = "1300000000000000001";
pub const USER_ID: &str = "1400000000000000001";
pub const OTHER_USER_ID: &str = "1400000000000000002";
/// A role of the test guild that anyone may mention.
pub const MENTIONABLE_ROLE_ID: &str = "1700000000000000042";
/// A role of the test guild that only Mention @everyone may ping.
pub const STAFF_ROLE_ID: &str = "1700000000000000043";

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    /// The JSON body (for multipart: the `payload_json` part); Null when there is none.
    pub body: Value,
    /// Files of a multipart body: (filename, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    pub at: Instant,
    /// The status the fake answered with.
    pub status: u16,
    /// Why the fake refused the call as Discord would (not a scripted fault).
    pub refused: Option<String>,
    /// Whether it came as a call to discord.com over TLS rather than through a proxy URL.
    pub over_tls: bool,
}

/// Marks the router of the TLS listener, so recorded calls tell which way they came.
#[derive(Clone, Copy)]
struct ServedOverTls;

/// Discord forgets an interaction that has no callback after this long.
pub const CALLBACK_DEADLINE: Duration = Duration::from_secs(3);

/// An interaction the fake dispatched, and what the bot has done with it.
struct Interaction {
    id: String,
    /// 2 command, 3 component, 4 autocomplete, 5 modal submit.
    kind: u64,
    dispatched_at: Instant,
    /// The callback type, once one was accepted.
    callback: Option<u64>,
}

/// A refusal as Discord words it.
struct Refusal {
    status: StatusCode,
    code: u64,
    message: &'static str,
    /// For 50035: where the form is invalid and why, as Discord nests it.
    errors: Option<Value>,
}

impl Refusal {
    fn new(status: StatusCode, code: u64, message: &'static str) -> Self {
        Self {
            status,
            code,
            message,
            errors: None,
        }
    }

    fn unknown_interaction() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10062, "Unknown interaction")
    }

    fn unknown_webhook() -> Self {
        Self::new(StatusCode::NOT_FOUND, 10015, "Unknown Webhook")
    }

    /// 400 Invalid Form Body, with the field path (`embeds.0.title`) and the reason.
    fn invalid_form(path: &str, error_code: &str, why: String) -> Self {
        let mut errors = json!({"_errors": [{"code": error_code, "message": why}]});
        for key in path.rsplit('.') {
            errors = json!({ key: errors });
        }
        Self {
            status: StatusCode::BAD_REQUEST,
            code: 50035,
            message: "Invalid Form Body",
            errors: Some(errors),
        }
    }

    fn too_long(path: &str, max: usize) -> Self {
        Self::invalid_form(
            path,
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {max} or fewer in length."),
        )
    }

    fn body(&self) -> Value {
        let mut body = json!({"code": self.code, "message": self.message});
        if let Some(errors) = &self.errors {
            body["errors"] = errors.clone();
        }
        body
    }

    fn describe(&self) -> String {
        match &self.errors {
            Some(errors) => format!("{} {}: {errors}", self.code, self.message),
            None => format!("{} {}", self.code, self.message),
        }
    }
}

/// A scripted failure for the next matching calls.
struct Fault {
    method: Method,
    path_prefix: String,
    status: StatusCode,
    remaining: u32,
    retry_after: Option<f64>,
    global: bool,
}

struct Shared {
    /// The plain listener: REST for a proxy-mode bot, and the gateway for every bot.
    addr: SocketAddr,
    /// The TLS listener that answers as discord.com, when started with TLS.
    api_addr: Option<SocketAddr>,
    requests: Mutex<Vec<Recorded>>,
    request_added: Notify,
    /// Frames for the shards, with the guild they concern (a shard gets a guild's events
    /// only if the guild is its own, as Discord routes them).
    frames: broadcast::Sender<(Option<u64>, String)>,
    sequence: AtomicU64,
    next_id: AtomicU64,
    identifies: AtomicU64,
    faults: Mutex<VecDeque<Fault>>,
    /// Dispatched interactions by token (webhook routes only carry the token).
    interactions: Mutex<HashMap<String, Interaction>>,
    /// Refusals not yet taken by the test: (method path, why).
    refusals: Mutex<Vec<String>>,
    /// Discord's per-route buckets and global limit for message calls.
    rate: Mutex<RateState>,
}

/// Discord's limits on message creates and edits, as it announces them: per channel and
/// route a bucket of [`ROUTE_LIMIT`] calls that resets [`ROUTE_RESET`] after its first call,
/// and at most [`GLOBAL_LIMIT`] calls in any second across all routes (interaction callbacks
/// and webhooks are exempt, as on Discord). Every answer carries the `X-RateLimit-*`
/// headers; calls over a limit are refused with 429 only when the fake enforces them
/// ([`FakeDiscord::start_rate_limited`]).
pub const ROUTE_LIMIT: u32 = 5;
pub const ROUTE_RESET: Duration = Duration::from_secs(5);
pub const GLOBAL_LIMIT: usize = 50;

#[derive(Default)]
struct RateState {
    enforce: bool,
    /// (route, channel) → (first call of the bucket, calls in it).
    buckets: HashMap<(&'static str, String), (Instant, u32)>,
    /// Accepted message calls of the last second, oldest first.
    global: VecDeque<Instant>,
}

/// The rate-limit verdict on one call: headers to add, or the 429 to answer with.
// Called once per request; boxing the refusal would only add an allocation.
#[allow(clippy::result_large_err)]
fn rate_limit(shared: &Shared, method: &Method, path: &str) -> Result<HeaderMap, Response> {
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let (route, channel) = match (method.as_str(), segments.as_slice()) {
        ("POST", ["channels", channel, "messages"]) => ("create", *channel),
        ("PATCH", ["channels", channel, "messages", _]) => ("edit", *channel),
        _ => return Ok(HeaderMap::new()),
    };
    let mut rate = shared.rate.lock().unwrap();
    // Counted in the order calls take the lock: concurrent handlers stamp `at` before it in
    // any order, and an unsorted window would keep stale calls behind a newer first one.
    let at = Instant::now();
    while rate
        .global
        .front()
        .is_some_and(|first| at.duration_since(*first) >= Duration::from_secs(1))
    {
        rate.global.pop_front();
    }
    let enforce = rate.enforce;
    if enforce && rate.global.len() >= GLOBAL_LIMIT {
        let retry_after =
            (Duration::from_secs(1) - at.duration_since(rate.global[0])).as_secs_f64();
        // As Discord answers a global 429: no bucket headers, and `X-RateLimit-Global`, which
        // is what serenity's ratelimiter looks for to hold back every route.
        let mut headers = too_many_headers(retry_after, "global");
        headers.insert("x-ratelimit-global", "true".parse().unwrap());
        return Err(too_many(headers, retry_after, true));
    }
    let bucket = rate
        .buckets
        .entry((route, channel.to_owned()))
        .or_insert((at, 0));
    if at.duration_since(bucket.0) >= ROUTE_RESET {
        *bucket = (at, 0);
    }
    let reset_after = (ROUTE_RESET - at.duration_since(bucket.0)).as_secs_f64();
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-ratelimit-limit",
        ROUTE_LIMIT.to_string().parse().unwrap(),
    );
    headers.insert(
        "x-ratelimit-bucket",
        format!("fake-{route}").parse().unwrap(),
    );
    headers.insert(
        "x-ratelimit-reset-after",
        format!("{reset_after:.3}").parse().unwrap(),
    );
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        + reset_after;
    headers.insert("x-ratelimit-reset", format!("{reset:.3}").parse().unwrap());
    if bucket.1 >= ROUTE_LIMIT {
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        if enforce {
            headers.extend(too_many_headers(reset_after, "user"));
            return Err(too_many(headers, reset_after, false));
        }
    } else {
        bucket.1 += 1;
        let remaining = ROUTE_LIMIT - bucket.1;
        headers.insert(
            "x-ratelimit-remaining",
            remaining.to_string().parse().unwrap(),
        );
    }
    rate.global.push_back(at);
    Ok(headers)
}

/// What Discord adds to a 429: `Retry-After` in whole seconds, rounded up (the exact wait is
/// in the body), and whose limit it was.
fn too_many_headers(retry_after: f64, scope: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let whole_seconds = retry_after.ceil().max(1.0) as u64;
    headers.insert("retry-after", whole_seconds.to_string().parse().unwrap());
    headers.insert("x-ratelimit-scope", scope.parse().unwrap());
    headers
}

/// A 429 with Discord's body: the exact wait in seconds and whether the limit is global.
fn too_many(headers: HeaderMap, retry_after: f64, global: bool) -> Response {
    let body = json!({
        "message": "You are being rate limited.", "retry_after": retry_after,
        "global": global, "code": 0
    });
    (StatusCode::TOO_MANY_REQUESTS, headers, axum::Json(body)).into_response()
}

#[derive(Clone)]
pub struct FakeDiscord {
    shared: Arc<Shared>,
}

impl FakeDiscord {
    pub async fn start() -> Self {
        Self::start_with(false, false).await
    }

    /// A fake Discord that refuses calls over its route and global limits with 429, as
    /// Discord does.
    pub async fn start_rate_limited() -> Self {
        Self::start_with(true, false).await
    }

    /// A fake Discord whose REST API also answers over TLS as discord.com, at
    /// [`FakeDiscord::api_addr`], for a bot that keeps serenity's ratelimiter on
    /// ([`FakeDiscord::bot_env`]); over its limits it answers 429 when `enforce_limits`.
    pub async fn start_tls(enforce_limits: bool) -> Self {
        Self::start_with(enforce_limits, true).await
    }

    async fn start_with(enforce: bool, with_tls: bool) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let tls_listener = if with_tls {
            let bound = tls::TlsListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await;
            Some(bound.unwrap_or_else(|error| {
                panic!("the fake Discord cannot listen for TLS on 127.0.0.1: {error}")
            }))
        } else {
            None
        };
        let api_addr = tls_listener
            .as_ref()
            .map(|tls| axum::serve::Listener::local_addr(tls).unwrap());
        let (frames, _) = broadcast::channel(1024);
        let shared = Arc::new(Shared {
            addr,
            api_addr,
            requests: Mutex::new(Vec::new()),
            request_added: Notify::new(),
            frames,
            sequence: AtomicU64::new(10),
            next_id: AtomicU64::new(1_700_000_000_000_000_000),
            identifies: AtomicU64::new(0),
            faults: Mutex::new(VecDeque::new()),
            interactions: Mutex::new(HashMap::new()),
            refusals: Mutex::new(Vec::new()),
            rate: Mutex::new(RateState {
                enforce,
                ..RateState::default()
            }),
        });
        let router = Router::new()
            .route("/gateway", get(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        // Without TCP_NODELAY, a gateway frame written while the previous one is unacknowledged
        // waits for the bot's delayed ACK (40 ms on Linux): a delay Discord does not add, which
        // would hide the bot's own latency whenever several interactions arrive together.
        let listener = listener.tap_io(|stream| {
            let _ = stream.set_nodelay(true);
        });
        if let Some(tls_listener) = tls_listener {
            let router = router.clone().layer(axum::Extension(ServedOverTls));
            tokio::spawn(async move {
                let _ = axum::serve(tls_listener, router).await;
            });
        }
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// Where the TLS listener answers as discord.com; only for a fake started with TLS.
    pub fn api_addr(&self) -> SocketAddr {
        self.shared
            .api_addr
            .expect("the fake Discord was started without TLS (FakeDiscord::start_tls)")
    }

    /// The variables that point a bot at this fake: as discord.com over TLS with serenity's
    /// ratelimiter on when started with TLS, through `DISCORD_PROXY_URL` otherwise.
    pub fn bot_env(&self) -> Vec<(&'static str, String)> {
        match self.shared.api_addr {
            Some(api_addr) => vec![
                ("DISCORD_API_ADDR", api_addr.to_string()),
                ("DISCORD_CA_FILE", CA_FILE.to_owned()),
            ],
            None => vec![("DISCORD_PROXY_URL", self.base_url())],
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// How many calls have been recorded so far.
    pub fn request_count(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    /// The calls recorded from position `from` on: a load generator follows the log with a
    /// cursor instead of copying all of it for every answer it waits for.
    pub fn requests_from(&self, from: usize) -> Vec<Recorded> {
        let requests = self.shared.requests.lock().unwrap();
        requests
            .get(from..)
            .map(<[Recorded]>::to_vec)
            .unwrap_or_default()
    }

    /// Waits until more than `seen` calls are recorded; false if `timeout` passed first.
    pub async fn wait_for_more_than(&self, seen: usize, timeout: Duration) -> bool {
        // A `Notified` receives `notify_waiters` from its creation on, so a call recorded
        // between the count and the wait is not missed.
        let notified = self.shared.request_added.notified();
        if self.request_count() > seen {
            return true;
        }
        tokio::time::timeout(timeout, notified).await.is_ok()
    }

    pub fn identify_count(&self) -> u64 {
        self.shared.identifies.load(Ordering::SeqCst)
    }

    /// Waits for the first recorded call (from the start) that matches.
    pub async fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Recorded {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.request_added.notified();
            if let Some(found) = self.requests().into_iter().find(|r| matches(r)) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("timed out waiting for {what}; calls seen: {seen:#?}");
            }
        }
    }

    /// Waits for the interaction callback of `interaction_id` and returns its body; fails
    /// the test if the fake refused it.
    pub async fn callback_for(&self, interaction_id: &str) -> Value {
        let prefix = format!("/api/v10/interactions/{interaction_id}/");
        let callback = self
            .wait_for(
                &format!("callback of interaction {interaction_id}"),
                Duration::from_secs(10),
                |r| r.method == Method::POST && r.path.starts_with(&prefix),
            )
            .await;
        if let Some(why) = &callback.refused {
            panic!("the callback was refused ({why}): {}", callback.body);
        }
        callback.body
    }

    /// Waits until the bot has registered its commands, i.e. finished start-up.
    pub async fn wait_until_ready(&self) -> Recorded {
        let registered = self
            .wait_for("command registration", Duration::from_secs(20), |r| {
                r.method == Method::PUT && r.path.ends_with("/commands")
            })
            .await;
        // poise starts dispatching once setup has returned; it checks every 100 ms.
        tokio::time::sleep(Duration::from_millis(250)).await;
        registered
    }

    /// Sends a dispatch event to every connected shard. An interaction's dispatch time is
    /// kept: its callback must come within [`CALLBACK_DEADLINE`].
    pub fn dispatch(&self, event: &str, data: Value) {
        if event == "INTERACTION_CREATE" {
            if let (Some(id), Some(token)) = (data["id"].as_str(), data["token"].as_str()) {
                self.shared.interactions.lock().unwrap().insert(
                    token.to_owned(),
                    Interaction {
                        id: id.to_owned(),
                        kind: data["type"].as_u64().unwrap_or(0),
                        dispatched_at: Instant::now(),
                        callback: None,
                    },
                );
            }
        }
        let seq = self.shared.sequence.fetch_add(1, Ordering::SeqCst);
        let guild = data["guild_id"].as_str().and_then(|id| id.parse().ok());
        let frame = json!({"op": 0, "s": seq, "t": event, "d": data});
        let _ = self.shared.frames.send((guild, frame.to_string()));
    }

    /// Sends raw text to every connected shard (for malformed-frame tests).
    pub fn send_raw_frame(&self, text: &str) {
        let _ = self.shared.frames.send((None, text.to_owned()));
    }

    /// Makes the next `times` calls whose method and path match fail with `status`.
    pub fn fail_next(&self, method: Method, path_prefix: &str, status: u16, times: u32) {
        self.shared.faults.lock().unwrap().push_back(Fault {
            method,
            path_prefix: path_prefix.to_owned(),
            status: StatusCode::from_u16(status).unwrap(),
            remaining: times,
            retry_after: (status == 429).then_some(0.2),
            global: false,
        });
    }

    /// Makes the next call whose method and path match fail with a 429 asking for
    /// `retry_after` seconds, global or for its route, as Discord words it.
    pub fn rate_limit_next(
        &self,
        method: Method,
        path_prefix: &str,
        retry_after: f64,
        global: bool,
    ) {
        self.shared.faults.lock().unwrap().push_back(Fault {
            method,
            path_prefix: path_prefix.to_owned(),
            status: StatusCode::TOO_MANY_REQUESTS,
            remaining: 1,
            retry_after: Some(retry_after),
            global,
        });
    }

    /// The refusals so far, emptied: for tests that cause them on purpose.
    pub fn take_refusals(&self) -> Vec<String> {
        std::mem::take(&mut *self.shared.refusals.lock().unwrap())
    }

    /// Fails the test if the bot made a call that the real Discord would have refused.
    pub fn assert_no_refusals(&self) {
        let refusals = self.take_refusals();
        assert!(
            refusals.is_empty(),
            "Discord would have refused these calls: {refusals:#?}"
        );
    }

    pub fn next_snowflake(&self) -> String {
        self.shared
            .next_id
            .fetch_add(1, Ordering::SeqCst)
            .to_string()
    }
}

async fn gateway(ws: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    ws.on_upgrade(move |socket| serve_shard(socket, shared))
}

async fn serve_shard(mut socket: WebSocket, shared: Arc<Shared>) {
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}});
    if socket
        .send(WsMessage::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let mut injected = shared.frames.subscribe();
    // [shard id, shard count] from IDENTIFY; one shard of one until then.
    let mut shard = (0u64, 1u64);
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { return };
                let WsMessage::Text(text) = message else { continue };
                let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                let replies = match frame["op"].as_u64() {
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        if let (Some(id), Some(count)) =
                            (frame["d"]["shard"][0].as_u64(), frame["d"]["shard"][1].as_u64())
                        {
                            shard = (id, count.max(1));
                        }
                        let mut replies = vec![ready_frame(&shared)];
                        if shard_of(GUILD_ID.parse().unwrap_or(0), shard.1) == shard.0 {
                            replies.push(guild_create_frame());
                        }
                        replies
                    }
                    Some(1) => vec![json!({"op": 11})],
                    Some(6) => vec![json!({"op": 0, "s": 2, "t": "RESUMED", "d": {}})],
                    _ => vec![],
                };
                for reply in replies {
                    if socket.send(WsMessage::Text(reply.to_string().into())).await.is_err() {
                        return;
                    }
                }
            }
            frame = injected.recv() => {
                match frame {
                    Ok((guild, text)) => {
                        if guild.is_some_and(|guild| shard_of(guild, shard.1) != shard.0) {
                            continue;
                        }
                        if socket.send(WsMessage::Text(text.into())).await.is_err() {
                            return;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        }
    }
}

/// The shard Discord sends a guild's events to.
pub fn shard_of(guild_id: u64, shard_count: u64) -> u64 {
    (guild_id >> 22) % shard_count.max(1)
}

fn ready_frame(shared: &Shared) -> Value {
    json!({
        "op": 0, "s": 1, "t": "READY",
        "d": {
            "application": {"id": APP_ID, "flags": 0},
            "guilds": [{"id": GUILD_ID, "unavailable": true}],
            "resume_gateway_url": format!("ws://{}/gateway", shared.addr),
            "session_id": "fake-session",
            "user": {"id": BOT_ID, "username": "bfr-coach", "bot": true},
            "v": 10
        }
    })
}

fn guild_create_frame() -> Value {
    json!({
        "op": 0, "s": 2, "t": "GUILD_CREATE",
        "d": {
            "id": GUILD_ID, "name": "Lifters", "owner_id": USER_ID,
            "channels": [{"id": CHANNEL_ID, "name": "gym", "type": 0}],
            "default_message_notifications": 0, "emojis": [], "explicit_content_filter": 0,
            "features": [], "guild_scheduled_events": [], "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "large": false, "member_count": 2,
            "members": [{"deaf": false, "flags": 0, "mute": false, "roles": [],
                         "user": {"id": BOT_ID, "username": "bfr-coach", "bot": true}}],
            "mfa_level": 0, "nsfw_level": 0, "preferred_locale": "en-US",
            "premium_progress_bar_enabled": false, "premium_tier": 0, "presences": [],
            "roles": [{"color": 0, "colors": {"primary_color": 0}, "hoist": false, "id": GUILD_ID,
                       "managed": false, "name": "@everyone", "permissions": "2248473465835073",
                       "position": 0},
                      {"color": 0, "colors": {"primary_color": 0}, "hoist": false,
                       "id": MENTIONABLE_ROLE_ID, "managed": false, "mentionable": true,
                       "name": "BFR Crew", "permissions": "0", "position": 1},
                      {"color": 0, "colors": {"primary_color": 0}, "hoist": false,
                       "id": STAFF_ROLE_ID, "managed": false, "mentionable": false,
                       "name": "Staff", "permissions": "0", "position": 2}],
            "stage_instances": [], "stickers": [], "system_channel_flags": 0, "threads": [],
            "verification_level": 0, "voice_states": []
        }
    })
}

async fn rest(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    over_tls: Option<axum::Extension<ServedOverTls>>,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (json_body, files) = decode_body(&content_type, &body);
    let at = Instant::now();

    let (response, refused) = match scripted_fault(&shared, &method, &path) {
        Some(response) => (response, None),
        None => match check(&shared, &method, &path, &json_body, at) {
            Ok(()) => match rate_limit(&shared, &method, &path) {
                Ok(headers) => {
                    let mut response = respond(&shared, &method, &path, &json_body);
                    response.headers_mut().extend(headers);
                    (response, None)
                }
                Err(too_many) => {
                    let global = too_many.headers().contains_key("x-ratelimit-global");
                    let why = if global { "429 global" } else { "429 route" };
                    (too_many, Some(why.to_owned()))
                }
            },
            Err(refusal) => {
                let why = refusal.describe();
                shared
                    .refusals
                    .lock()
                    .unwrap()
                    .push(format!("{method} {path}: {why}"));
                let response = (refusal.status, axum::Json(refusal.body())).into_response();
                (response, Some(why))
            }
        },
    };
    shared.requests.lock().unwrap().push(Recorded {
        method,
        path,
        body: json_body,
        files,
        at,
        status: response.status().as_u16(),
        refused,
        over_tls: over_tls.is_some(),
    });
    shared.request_added.notify_waiters();
    response
}

/// What the real Discord would refuse, before the call is answered. An accepted callback
/// marks its interaction as acknowledged.
fn check(
    shared: &Shared,
    method: &Method,
    path: &str,
    body: &Value,
    at: Instant,
) -> Result<(), Refusal> {
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("POST", ["interactions", id, token, "callback"]) => {
            let mut interactions = shared.interactions.lock().unwrap();
            let interaction = interactions
                .get_mut(*token)
                .filter(|interaction| interaction.id == *id)
                .ok_or_else(Refusal::unknown_interaction)?;
            if interaction.callback.is_some() {
                return Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    40060,
                    "Interaction has already been acknowledged",
                ));
            }
            if at.duration_since(interaction.dispatched_at) > CALLBACK_DEADLINE {
                return Err(Refusal::unknown_interaction());
            }
            check_callback(interaction.kind, body)?;
            interaction.callback = body["type"].as_u64();
            Ok(())
        }
        (_, ["webhooks", _, token, rest @ ..]) => {
            let acknowledged = shared
                .interactions
                .lock()
                .unwrap()
                .get(*token)
                .is_some_and(|interaction| interaction.callback.is_some());
            if !acknowledged {
                return Err(Refusal::unknown_webhook());
            }
            match (method.as_str(), rest) {
                ("POST", []) | ("PATCH", ["messages", _]) => check_message(body, ""),
                _ => Ok(()),
            }
        }
        ("POST", ["channels", _, "messages"]) | ("PATCH", ["channels", _, "messages", _]) => {
            check_message(body, "")
        }
        _ => Ok(()),
    }
}

/// A callback's type must fit the interaction, and a message in it must be valid.
fn check_callback(interaction_kind: u64, body: &Value) -> Result<(), Refusal> {
    let is_component = interaction_kind == 3;
    let data = &body["data"];
    match body["type"].as_u64() {
        Some(4) if interaction_kind != 4 => {
            if data.is_object() {
                check_message(data, "data.")
            } else {
                Err(Refusal::invalid_form(
                    "data",
                    "BASE_TYPE_REQUIRED",
                    "This field is required".into(),
                ))
            }
        }
        // An update with no data leaves the message as it is.
        Some(7) if is_component && data.is_null() => Ok(()),
        Some(7) if is_component => check_message(data, "data."),
        // A deferral only shows "thinking…"; the message comes later by webhook.
        Some(5) if interaction_kind != 4 => no_message(data),
        Some(6) if is_component => no_message(data),
        Some(8) if interaction_kind == 4 => {
            let choices = data["choices"].as_array().map_or(0, Vec::len);
            match choices {
                0..=25 => Ok(()),
                _ => Err(Refusal::too_long("data.choices", 25)),
            }
        }
        Some(9) if interaction_kind != 4 && interaction_kind != 5 => Ok(()),
        _ => Err(Refusal::invalid_form(
            "type",
            "INTERACTION_RESPONSE_TYPE_INVALID",
            format!(
                "Callback type {} is not valid for interaction type {interaction_kind}",
                body["type"]
            ),
        )),
    }
}

fn no_message(data: &Value) -> Result<(), Refusal> {
    for key in ["content", "embeds", "components", "attachments"] {
        let present = match &data[key] {
            Value::Null => false,
            Value::String(text) => !text.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => true,
        };
        if present {
            return Err(Refusal::invalid_form(
                &format!("data.{key}"),
                "INTERACTION_DEFERRED_MESSAGE",
                "A deferred response carries no message".into(),
            ));
        }
    }
    Ok(())
}

const CONTENT_MAX: usize = 2000;
const EMBEDS_MAX: usize = 10;
const EMBED_TITLE_MAX: usize = 256;
const EMBED_DESCRIPTION_MAX: usize = 4096;
const EMBED_FIELDS_MAX: usize = 25;
const FIELD_NAME_MAX: usize = 256;
const FIELD_VALUE_MAX: usize = 1024;
const FOOTER_MAX: usize = 2048;
const AUTHOR_NAME_MAX: usize = 256;
const EMBEDS_TOTAL_MAX: usize = 6000;
const ACTION_ROWS_MAX: usize = 5;
const ROW_COMPONENTS_MAX: usize = 5;
const BUTTON_LABEL_MAX: usize = 80;
const CUSTOM_ID_MAX: usize = 100;
const SELECT_OPTIONS_MAX: usize = 25;
const SELECT_OPTION_TEXT_MAX: usize = 100;

/// Length as Discord counts it: in characters, not bytes.
fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |text| text.chars().count())
}

fn at_most(value: &Value, max: usize, path: String) -> Result<usize, Refusal> {
    let length = chars(value);
    if length > max {
        return Err(Refusal::too_long(&path, max));
    }
    Ok(length)
}

/// A message body (or a callback's `data`, with `prefix` "data.").
fn check_message(message: &Value, prefix: &str) -> Result<(), Refusal> {
    if !message["allowed_mentions"].is_object() {
        return Err(Refusal::invalid_form(
            &format!("{prefix}allowed_mentions"),
            "ALLOWED_MENTIONS_REQUIRED",
            "Every message states who it may ping (this project's rule)".into(),
        ));
    }
    at_most(&message["content"], CONTENT_MAX, format!("{prefix}content"))?;
    check_embeds(&message["embeds"], prefix)?;
    check_components(&message["components"], prefix)
}

fn check_embeds(embeds: &Value, prefix: &str) -> Result<(), Refusal> {
    let embeds = embeds.as_array().map(Vec::as_slice).unwrap_or_default();
    if embeds.len() > EMBEDS_MAX {
        return Err(Refusal::too_long(&format!("{prefix}embeds"), EMBEDS_MAX));
    }
    let mut total = 0;
    for (i, embed) in embeds.iter().enumerate() {
        let at = format!("{prefix}embeds.{i}");
        total += at_most(&embed["title"], EMBED_TITLE_MAX, format!("{at}.title"))?;
        total += at_most(
            &embed["description"],
            EMBED_DESCRIPTION_MAX,
            format!("{at}.description"),
        )?;
        total += at_most(
            &embed["footer"]["text"],
            FOOTER_MAX,
            format!("{at}.footer.text"),
        )?;
        total += at_most(
            &embed["author"]["name"],
            AUTHOR_NAME_MAX,
            format!("{at}.author.name"),
        )?;
        let fields = embed["fields"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if fields.len() > EMBED_FIELDS_MAX {
            return Err(Refusal::too_long(&format!("{at}.fields"), EMBED_FIELDS_MAX));
        }
        for (j, field) in fields.iter().enumerate() {
            total += at_most(
                &field["name"],
                FIELD_NAME_MAX,
                format!("{at}.fields.{j}.name"),
            )?;
            total += at_most(
                &field["value"],
                FIELD_VALUE_MAX,
                format!("{at}.fields.{j}.value"),
            )?;
        }
    }
    if total > EMBEDS_TOTAL_MAX {
        return Err(Refusal::invalid_form(
            &format!("{prefix}embeds"),
            "MAX_EMBED_SIZE_EXCEEDED",
            format!("Embed size exceeds maximum size of {EMBEDS_TOTAL_MAX}"),
        ));
    }
    Ok(())
}

fn check_components(rows: &Value, prefix: &str) -> Result<(), Refusal> {
    let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
    if rows.len() > ACTION_ROWS_MAX {
        return Err(Refusal::too_long(
            &format!("{prefix}components"),
            ACTION_ROWS_MAX,
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let at = format!("{prefix}components.{i}.components");
        let components = row["components"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        if components.len() > ROW_COMPONENTS_MAX {
            return Err(Refusal::too_long(&at, ROW_COMPONENTS_MAX));
        }
        for (j, component) in components.iter().enumerate() {
            let at = format!("{at}.{j}");
            at_most(&component["label"], BUTTON_LABEL_MAX, format!("{at}.label"))?;
            at_most(
                &component["custom_id"],
                CUSTOM_ID_MAX,
                format!("{at}.custom_id"),
            )?;
            let options = component["options"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            if options.len() > SELECT_OPTIONS_MAX {
                return Err(Refusal::too_long(
                    &format!("{at}.options"),
                    SELECT_OPTIONS_MAX,
                ));
            }
            for (k, option) in options.iter().enumerate() {
                for key in ["label", "value", "description"] {
                    at_most(
                        &option[key],
                        SELECT_OPTION_TEXT_MAX,
                        format!("{at}.options.{k}.{key}"),
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn scripted_fault(shared: &Shared, method: &Method, path: &str) -> Option<Response> {
    let mut faults = shared.faults.lock().unwrap();
    let fault = faults
        .iter_mut()
        .find(|f| f.remaining > 0 && f.method == method && path.starts_with(&f.path_prefix))?;
    fault.remaining -= 1;
    let status = fault.status;
    let mut headers = HeaderMap::new();
    if let Some(retry_after) = fault.retry_after {
        headers.insert("retry-after", retry_after.to_string().parse().unwrap());
    }
    if fault.global {
        headers.insert("x-ratelimit-global", "true".parse().unwrap());
        headers.insert("x-ratelimit-scope", "global".parse().unwrap());
    }
    let body = if status == StatusCode::TOO_MANY_REQUESTS {
        json!({"code": 0, "message": "You are being rate limited.", "retry_after": fault.retry_after, "global": fault.global})
    } else {
        json!({"code": 10003, "message": "Unknown Channel"})
    };
    faults.retain(|f| f.remaining > 0);
    Some((status, headers, axum::Json(body)).into_response())
}

fn respond(shared: &Shared, method: &Method, path: &str, body: &Value) -> Response {
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let ok = |value: Value| (StatusCode::OK, axum::Json(value)).into_response();
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": format!("ws://{}/gateway", shared.addr)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": format!("ws://{}/gateway", shared.addr), "shards": 1,
            "session_start_limit": {"max_concurrency": 1, "remaining": 999, "reset_after": 14400000, "total": 1000}
        })),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APP_ID, "name": "bfr-coach", "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "00"
        })),
        ("GET", ["users", "@me"]) => {
            ok(json!({"id": BOT_ID, "username": "bfr-coach", "bot": true}))
        }
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut command| {
                    command["id"] =
                        json!(shared.next_id.fetch_add(1, Ordering::SeqCst).to_string());
                    command["application_id"] = json!(APP_ID);
                    command["version"] = json!("1");
                    if command.get("type").is_none() {
                        command["type"] = json!(1);
                    }
                    command
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("DELETE", _) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["channels", channel, "messages"]) => ok(message(shared, channel, None, body)),
        ("PATCH", ["channels", channel, "messages", id]) => {
            ok(message(shared, channel, Some(id), body))
        }
        ("POST", ["webhooks", _, _]) => ok(message(shared, CHANNEL_ID, None, body)),
        ("PATCH", ["webhooks", _, _, "messages", id]) => {
            ok(message(shared, CHANNEL_ID, Some(id), body))
        }
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(
                json!({"code": 0, "message": format!("fake discord has no route {method} {path}")}),
            ),
        )
            .into_response(),
    }
}

fn message(shared: &Shared, channel_id: &str, id: Option<&str>, body: &Value) -> Value {
    let id = match id {
        Some(id) if id != "@original" => id.to_owned(),
        _ => shared.next_id.fetch_add(1, Ordering::SeqCst).to_string(),
    };
    json!({
        "id": id, "channel_id": channel_id,
        "author": {"id": BOT_ID, "username": "bfr-coach", "bot": true},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": [],
        "attachments": [], "mention_everyone": false, "mention_roles": [], "mentions": [],
        "pinned": false, "timestamp": "2026-11-28T07:00:27.000000+00:00", "tts": false, "type": 0
    })
}

/// JSON bodies are parsed; multipart bodies (messages with files) yield `payload_json` and
/// the files.
fn decode_body(content_type: &str, body: &[u8]) -> (Value, Vec<(String, Vec<u8>)>) {
    if let Some(boundary) = content_type
        .split(';')
        .find_map(|part| part.trim().strip_prefix("boundary="))
    {
        return decode_multipart(boundary.trim_matches('"'), body);
    }
    (
        serde_json::from_slice(body).unwrap_or(Value::Null),
        Vec::new(),
    )
}

fn decode_multipart(boundary: &str, body: &[u8]) -> (Value, Vec<(String, Vec<u8>)>) {
    let delimiter = format!("--{boundary}");
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for part in split_bytes(body, delimiter.as_bytes()) {
        let Some(header_end) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..header_end]).to_string();
        let mut content = &part[header_end + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        if headers.contains("name=\"payload_json\"") {
            payload = serde_json::from_slice(content).unwrap_or(Value::Null);
        } else if let Some(filename) = headers
            .split("filename=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        {
            files.push((filename.to_owned(), content.to_vec()));
        }
    }
    (payload, files)
}

fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = haystack;
    while let Some(at) = find(rest, needle) {
        parts.push(&rest[..at]);
        rest = &rest[at + needle.len()..];
    }
    parts.push(rest);
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
