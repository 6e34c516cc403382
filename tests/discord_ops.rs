//! Metrics and health checks, scraped over HTTP from a bot connected to the fake Discord.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use serde_json::json;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// GET `path` on `port`; returns the status code and the body (status 0: not listening).
async fn get(port: u16, path: &str) -> (u16, String) {
    let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return (0, String::new());
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Polls `path` until `done` holds for its answer, for at most 20 s.
async fn until(port: u16, path: &str, done: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = get(port, path).await;
        if done(status, &body) || tokio::time::Instant::now() > deadline {
            return (status, body);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn metrics_and_health_answer_over_http() {
    let db = temp_sqlite();
    let fake = FakeDiscord::start().await;
    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let bot = TestBot::start_with(
        fake,
        &db.url,
        &[("DISCORD_GUILD_ID", GUILD_ID), ("METRICS_ADDR", &address)],
    )
    .await;
    let (status, body) = until(port, "/healthz", |status, _| status == 200).await;
    assert_eq!(
        (status, body.as_str()),
        (200, "ok"),
        "alive without checking anything"
    );
    bot.fake.wait_until_ready().await;
    let (status, body) = until(port, "/readyz", |status, _| status == 200).await;
    assert_eq!((status, body.as_str()), (200, "ready"));

    // A command, and a rest that pings.
    let learn = interact(
        &bot.fake,
        slash_command(&bot.fake, "learn", json!([]), USER_ID),
    )
    .await;
    assert!(!reply_text(&learn).is_empty());
    let rest = json!([{"name": "start", "type": 1, "options": [opt("seconds", 4, json!(5))]}]);
    interact(&bot.fake, slash_command(&bot.fake, "rest", rest, USER_ID)).await;
    let (_, metrics) = until(port, "/metrics", |_, body| {
        body.contains("bfr_pings_sent_total")
    })
    .await;
    for expected in [
        "bfr_commands_total{command=\"learn\",outcome=\"ok\"} 1",
        "bfr_commands_total{command=\"rest start\",outcome=\"ok\"} 1",
        "bfr_command_duration_seconds_bucket{command=\"learn\",le=\"0.5\"}",
        "bfr_pings_sent_total 1",
        "bfr_ping_lateness_seconds_bucket{le=\"1\"} 1",
        "bfr_rests_pending",
        "bfr_discord_responses_total{status=\"2xx\"}",
    ] {
        assert!(metrics.contains(expected), "{expected} missing:\n{metrics}");
    }
    assert!(
        !metrics.contains("fake-token") && !metrics.contains(USER_ID),
        "no secrets or user IDs in metrics"
    );

    // Without its database the process is alive but not ready.
    bot.store.close().await;
    let (status, body) = until(port, "/readyz", |status, _| status == 503).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("database unreachable"), "{body}");
    let (status, _) = get(port, "/healthz").await;
    assert_eq!(status, 200);
    bot.stop().await;
}
