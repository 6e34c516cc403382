//! End to end on PostgreSQL: the database becomes unreachable while rests are pending.
//!
//! The bot reaches PostgreSQL through a TCP forwarder owned by the test. Taking it down
//! resets every open connection and leaves new ones unanswered, as a network partition or a
//! dead database host would. Commands must then say that the database is unavailable, in
//! time for Discord; once it is back, every rest that ended meanwhile pings exactly once.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::http::Method;
use serde_json::{json, Value};
use support::*;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

const OTHER_CHANNEL_ID: &str = "1300000000000000002";
const UNAVAILABLE: &str = "The bot's database is temporarily unavailable; try again in a minute.";
/// Discord drops an interaction that gets no first response within 3 s.
const INTERACTION_WINDOW: Duration = Duration::from_secs(3);

/// The link the forwarder plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Up,
    /// Open connections are reset; new ones are held unanswered.
    Down,
    /// Open connections stay open but nothing crosses them, as when a cable or a host
    /// vanishes without a reset; new ones are held unanswered.
    Silent,
}

/// Forwards TCP connections to the database as its [`Link`] says.
struct Forwarder {
    addr: SocketAddr,
    up: watch::Sender<Link>,
}

impl Forwarder {
    async fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (up, _) = watch::channel(Link::Up);
        let state = up.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(pipe(client, target, state.subscribe()));
            }
        });
        Self { addr, up }
    }

    fn set(&self, link: Link) {
        self.up.send_replace(link);
    }
}

async fn pipe(mut client: TcpStream, target: SocketAddr, mut link: watch::Receiver<Link>) {
    // Closing with a zero linger sends a reset, as a broken link does, not a polite FIN.
    let _ = client.set_zero_linger();
    if *link.borrow_and_update() != Link::Up {
        // Accepted but never answered; sqlx waits for the server's greeting until its
        // acquire timeout.
        let _ = link.wait_for(|link| *link == Link::Up).await;
        return;
    }
    let Ok(mut server) = TcpStream::connect(target).await else {
        return;
    };
    let _ = server.set_zero_linger();
    tokio::select! {
        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
        _ = link.wait_for(|link| *link != Link::Up) => {}
    }
    if *link.borrow() == Link::Silent {
        // Both sockets stay open and unread until the link is back, then are reset.
        let _ = link.wait_for(|link| *link == Link::Up).await;
    }
}

/// The test database's URL pointed at a forwarder, and the forwarder.
async fn through_forwarder(database_url: &str) -> (String, Forwarder) {
    let mut url = url::Url::parse(database_url).unwrap();
    let host = url.host_str().unwrap_or("127.0.0.1").to_owned();
    let port = url.port().unwrap_or(5432);
    let target = tokio::net::lookup_host((host.as_str(), port))
        .await
        .unwrap()
        .next()
        .unwrap();
    let forwarder = Forwarder::start(target).await;
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(forwarder.addr.port())).unwrap();
    (url.to_string(), forwarder)
}

fn rest_start(fake: &FakeDiscord, user: &str, channel: &str, seconds: u64) -> (String, Value) {
    let options = json!([{"name": "start", "type": 1, "options": [
        opt("seconds", 4, json!(seconds)), opt("label", 3, json!(format!("set in {channel}")))
    ]}]);
    let (id, mut payload) = slash_command(fake, "rest", options, user);
    payload["channel_id"] = json!(channel);
    (id, payload)
}

fn one_rep_max_list(fake: &FakeDiscord) -> (String, Value) {
    let options = json!([{"name": "list", "type": 1, "options": []}]);
    slash_command(fake, "1rm", options, USER_ID)
}

fn pings(fake: &FakeDiscord, channel: &str) -> usize {
    let path = format!("/api/v10/channels/{channel}/messages");
    fake.requests()
        .iter()
        .filter(|r| {
            r.method == Method::POST
                && r.path == path
                && r.body["content"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("rest over")
        })
        .count()
}

/// Sends the command and returns (first response, final text, time to the final text). A
/// deferred answer arrives as a follow-up or an edit of the deferred message.
async fn answer(fake: &FakeDiscord, (id, payload): (String, Value)) -> (Value, String, Duration) {
    let sent = Instant::now();
    fake.dispatch("INTERACTION_CREATE", payload);
    let first = fake.callback_for(&id).await;
    let first_at = sent.elapsed();
    assert!(
        first_at < INTERACTION_WINDOW,
        "first response after {first_at:?}"
    );
    if first["type"] != json!(5) {
        return (first.clone(), reply_text(&first), first_at);
    }
    let webhook = format!("/api/v10/webhooks/{APP_ID}/tok-{id}");
    let followup = fake
        .wait_for("the deferred answer", Duration::from_secs(20), |r| {
            r.path.starts_with(&webhook) && (r.method == Method::POST || r.method == Method::PATCH)
        })
        .await;
    (first, reply_text(&followup.body), sent.elapsed())
}

#[tokio::test]
async fn an_outage_is_reported_and_pending_rests_ping_once_it_ends() {
    let Some(database_url) = temp_postgres("discord_db_outage").await else {
        return;
    };
    tokio::time::timeout(Duration::from_secs(90), outage(&database_url))
        .await
        .expect("the outage scenario finishes within 90 s");
}

async fn outage(database_url: &str) {
    let (proxied_url, forwarder) = through_forwarder(database_url).await;
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, &proxied_url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    bot.fake.wait_until_ready().await;

    for (user, channel) in [(USER_ID, CHANNEL_ID), (OTHER_USER_ID, OTHER_CHANNEL_ID)] {
        let ack = interact(&bot.fake, rest_start(&bot.fake, user, channel, 6)).await;
        assert!(
            reply_text(&ack).contains("<t:"),
            "rest started in {channel}: {ack}"
        );
    }
    let rests_end = Instant::now() + Duration::from_secs(7);

    forwarder.set(Link::Down);
    let (first, text, took) = answer(&bot.fake, one_rep_max_list(&bot.fake)).await;
    assert_eq!(text, UNAVAILABLE, "answer while the database is down");
    assert_eq!(
        first["data"]["flags"],
        json!(64),
        "ephemeral, also when deferred: {first}"
    );
    assert!(took < Duration::from_secs(10), "told after {took:?}");
    let third = rest_start(&bot.fake, "1400000000000000003", "1300000000000000003", 30);
    let (_, text, _) = answer(&bot.fake, third).await;
    assert_eq!(text, UNAVAILABLE, "a new rest while the database is down");

    // Both rests end while the database is still away: nothing can be claimed, so nothing
    // is sent yet.
    tokio::time::sleep_until((rests_end + Duration::from_secs(2)).into()).await;
    assert_eq!(pings(&bot.fake, CHANNEL_ID), 0);
    assert_eq!(pings(&bot.fake, OTHER_CHANNEL_ID), 0);

    forwarder.set(Link::Up);
    for channel in [CHANNEL_ID, OTHER_CHANNEL_ID] {
        let path = format!("/api/v10/channels/{channel}/messages");
        bot.fake
            .wait_for(
                &format!("the ping in {channel}"),
                Duration::from_secs(40),
                |r| {
                    r.method == Method::POST
                        && r.path == path
                        && r.body["content"]
                            .as_str()
                            .unwrap_or_default()
                            .contains("rest over")
                },
            )
            .await;
    }
    // Time for a duplicate to show up, would the claim or "mark sent" repeat one.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        pings(&bot.fake, CHANNEL_ID),
        1,
        "one ping in the first channel"
    );
    assert_eq!(
        pings(&bot.fake, OTHER_CHANNEL_ID),
        1,
        "one ping in the second channel"
    );

    let (_, text, _) = answer(&bot.fake, one_rep_max_list(&bot.fake)).await;
    assert_ne!(text, UNAVAILABLE, "commands work again");
    assert!(!text.contains("Sorry"), "commands work again: {text}");
    bot.stop().await;
}

/// A link that dies without a reset under a busy bot: a statement in flight on it gets no
/// answer and no error, and connections used a moment ago are handed out without a ping.
/// The command must still be told, within Discord's window for a deferred answer.
#[tokio::test]
async fn a_link_that_goes_silent_under_a_command_is_reported_in_time() {
    let Some(database_url) = temp_postgres("discord_db_silent_link").await else {
        return;
    };
    tokio::time::timeout(Duration::from_secs(60), silent_link(&database_url))
        .await
        .expect("the silent-link scenario finishes within 60 s");
}

async fn silent_link(database_url: &str) {
    let (proxied_url, forwarder) = through_forwarder(database_url).await;
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start_with(fake, &proxied_url, &[("DISCORD_GUILD_ID", GUILD_ID)]).await;
    bot.fake.wait_until_ready().await;

    // The pool hands out its longest-idle connection first, so ten commands in a row use
    // every pooled connection (at most ten): none has sat idle long enough to be pinged
    // when the next command takes it.
    for _ in 0..10 {
        let (_, text, _) = answer(&bot.fake, one_rep_max_list(&bot.fake)).await;
        assert_ne!(text, UNAVAILABLE, "the database works before the cut");
    }
    forwarder.set(Link::Silent);
    let (first, text, took) = answer(&bot.fake, one_rep_max_list(&bot.fake)).await;
    assert_eq!(text, UNAVAILABLE, "answer while the link is silent");
    assert_eq!(first["type"], json!(5), "deferred first: {first}");
    assert!(
        took <= bfr_coach::app::ANSWER_LIMIT + Duration::from_secs(2),
        "told after {took:?}"
    );

    forwarder.set(Link::Up);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, text, _) = answer(&bot.fake, one_rep_max_list(&bot.fake)).await;
        if text != UNAVAILABLE {
            assert!(!text.contains("Sorry"), "commands work again: {text}");
            break;
        }
        assert!(Instant::now() < deadline, "commands work again within 20 s");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bot.stop().await;
}
