//! Scenario: rests created through interactions, so every rest costs a countdown post, a
//! ping and a "Rest over" edit, against a fake Discord that enforces Discord's per-route
//! buckets (5 per 5 s per channel and route) and its global limit (50/s) with 429s.
//!
//! - steady: 40 ends per second for `STEADY_SECONDS` s across 200 channels; each channel
//!   gets four rests ending a second apart, every 20 s;
//! - burst: 500 ends in one second, on 500 more channels, after the steady part.
//!
//! Every rest is started `REST_SECONDS` s before its end (half a second early, so the bot's
//! rounding up to the whole second lands on the planned end), so the countdown posts come
//! before the ends (the burst's 500 are posted while the steady pings run).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axum::http::Method;
use serde_json::{json, Value};

use crate::bot::BotProcess;
use crate::clock::{unix_ms_now, ClockAnchor};
use crate::database::prepare_schema;
use crate::fake_discord::{FakeDiscord, Recorded, APP_ID, GUILD_ID};
use crate::pings::is_ping;
use crate::scenarios::{start_fake, RELOAD_TIMEOUT};
use crate::stats::percentile;
use crate::{progress, Options};

const STEADY_PER_SECOND: u64 = 40;
const STEADY_CHANNELS: u64 = 200;
/// Rests of one channel ending a second apart.
const CLUSTER: u64 = 4;
const BURST: u64 = 500;
/// Seconds between the steady part's first end and the burst.
const BURST_AFTER_S: u64 = 8;
const REST_SECONDS: u64 = 125;
/// Time for the bot to come up before the first rest is started.
const LEAD_MS: i64 = 3_000;
/// The lateness target while pings alone fit the budget.
const TARGET_P99_MS: f64 = 20.0;
/// A ping this late counts as having waited, and what its channel did in the window before
/// tells whether it waited behind a countdown post or an edit.
const WAITED_MS: f64 = 20.0;
const CHANNEL_WINDOW_MS: f64 = 5000.0;

const USER_BASE: u64 = 1_510_000_000_000_000_000;
const STEADY_CHANNEL_BASE: u64 = 1_320_000_000_000_000_000;
const BURST_CHANNEL_BASE: u64 = 1_330_000_000_000_000_000;

/// One rest the bench starts.
#[derive(Debug, Clone, Copy)]
struct Rest {
    user_id: u64,
    channel_id: u64,
    /// Planned end, unix ms (a whole second).
    ends_at_ms: i64,
    burst: bool,
}

/// Figures of the traffic scenario.
pub(crate) struct TrafficReport {
    pub(crate) steady_seconds: u64,
    pub(crate) rests: usize,
    /// Rests whose start the bot acknowledged.
    pub(crate) started: usize,
    pub(crate) steady_lateness_ms: Vec<f64>,
    pub(crate) burst_lateness_ms: Vec<f64>,
    pub(crate) ping_messages: usize,
    pub(crate) missing: usize,
    pub(crate) duplicates: usize,
    /// Steady pings later than `WAITED_MS` with a countdown post or an edit in their channel
    /// in the 5 s before them, and all steady pings later than that.
    pub(crate) waited_behind_own_channel: usize,
    pub(crate) waited: usize,
    /// Burst pings received in the order of their ends (ties in any order).
    pub(crate) burst_in_end_order: bool,
    /// Most burst pings received within any one second.
    pub(crate) burst_max_per_second: usize,
    pub(crate) countdown_posts: usize,
    pub(crate) edits: usize,
    /// 429 answers: on message creates, on edits, global.
    pub(crate) too_many: (usize, usize, usize),
    pub(crate) warnings: u64,
    pub(crate) errors: u64,
    pub(crate) run_time: Duration,
}

fn plan(first_end_ms: i64, steady_seconds: u64) -> Vec<Rest> {
    let mut rests = Vec::new();
    for second in 0..steady_seconds {
        for k in 0..STEADY_PER_SECOND {
            let channel = ((second / CLUSTER) * STEADY_PER_SECOND + k) % STEADY_CHANNELS;
            rests.push(Rest {
                user_id: USER_BASE + rests.len() as u64,
                channel_id: STEADY_CHANNEL_BASE + channel,
                ends_at_ms: first_end_ms + (second * 1000) as i64,
                burst: false,
            });
        }
    }
    let burst_end = first_end_ms + ((steady_seconds + BURST_AFTER_S) * 1000) as i64;
    for i in 0..BURST {
        rests.push(Rest {
            user_id: USER_BASE + rests.len() as u64,
            channel_id: BURST_CHANNEL_BASE + i,
            ends_at_ms: burst_end,
            burst: true,
        });
    }
    rests
}

fn rest_start(fake: &FakeDiscord, rest: &Rest) -> (String, Value) {
    let id = fake.next_snowflake();
    let user = rest.user_id.to_string();
    let payload = json!({
        "id": id, "application_id": APP_ID, "type": 2,
        "token": format!("tok-{id}"), "version": 1, "locale": "en-US",
        "entitlements": [], "attachment_size_limit": 8388608,
        "guild_id": GUILD_ID, "channel_id": rest.channel_id.to_string(),
        "app_permissions": "2248473465835073",
        "member": {
            "deaf": false, "mute": false, "flags": 0, "roles": [],
            "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "permissions": "2248473465835073",
            "user": {"id": user, "username": format!("user{user}")}
        },
        "data": {"id": "1600000000000000001", "name": "rest", "type": 1, "options": [
            {"name": "start", "type": 1, "options": [
                {"name": "seconds", "type": 4, "value": REST_SECONDS}
            ]}
        ]}
    });
    (id, payload)
}

/// Starts every rest through the gateway at its time, runs the bot until every ping came
/// (or a bounded deadline passed) and reads what the fake Discord received.
pub(crate) async fn traffic_scenario(
    url: String,
    dir: PathBuf,
    binary: &Path,
    options: &Options,
) -> Result<TrafficReport, String> {
    let started = Instant::now();
    prepare_schema(&url).await?;
    let fake = start_fake(options.path, true).await;
    let anchor = ClockAnchor::now();
    let mut bot = BotProcess::spawn(binary, &dir, &url, &fake.bot_env(), options.budget)?;
    bot.wait_reloaded(RELOAD_TIMEOUT).await?;
    fake.wait_until_ready().await;

    let steady_seconds = options.traffic_seconds;
    let first_start_ms = unix_ms_now() + LEAD_MS;
    let first_end_ms = (first_start_ms + (REST_SECONDS * 1000) as i64 + 999) / 1000 * 1000 + 1000;
    let rests = plan(first_end_ms, steady_seconds);
    let last_end_ms = rests
        .iter()
        .map(|r| r.ends_at_ms)
        .max()
        .unwrap_or(first_end_ms);
    progress(&format!(
        "starting {} rests of {REST_SECONDS} s; first end in {:.0} s, burst of {BURST} in {:.0} s",
        rests.len(),
        (first_end_ms - unix_ms_now()) as f64 / 1000.0,
        (last_end_ms - unix_ms_now()) as f64 / 1000.0
    ));

    // The starts, in time order: the steady ones at their own moments, the burst's spread
    // over 0.8 s.
    let mut starts: Vec<(i64, usize)> = rests
        .iter()
        .enumerate()
        .map(|(i, rest)| {
            let mut at = rest.ends_at_ms - (REST_SECONDS * 1000) as i64 - 500;
            if rest.burst {
                at += (i as i64 % BURST as i64) * 800 / BURST as i64 - 400;
            }
            (at, i)
        })
        .collect();
    starts.sort_unstable();
    let mut interactions: HashMap<String, usize> = HashMap::new();
    for (at_ms, index) in starts {
        let wait_ms = at_ms - unix_ms_now();
        if wait_ms > 0 {
            tokio::time::sleep(Duration::from_millis(wait_ms as u64)).await;
        }
        let (id, payload) = rest_start(&fake, &rests[index]);
        fake.dispatch("INTERACTION_CREATE", payload);
        interactions.insert(id, index);
        if index % 1000 == 0 {
            bot.check_alive()?;
        }
    }

    let expected = rests.len();
    let deadline_ms = last_end_ms + 120_000;
    loop {
        bot.check_alive()?;
        let now_ms = unix_ms_now();
        if now_ms >= last_end_ms + 2000 {
            let requests = fake.requests();
            let pinged = pinged_users(&requests).len();
            if pinged >= expected || now_ms >= deadline_ms {
                break;
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let requests = fake.requests();
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;
    Ok(analyse(
        &requests,
        &rests,
        &interactions,
        &anchor,
        steady_seconds,
        warnings,
        errors,
        started.elapsed(),
    ))
}

fn channel_of(request: &Recorded) -> Option<u64> {
    request
        .path
        .strip_prefix("/api/v10/channels/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

fn mentioned(request: &Recorded) -> Vec<u64> {
    request.body["allowed_mentions"]["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|u| u.as_str().and_then(|s| s.parse().ok()).or(u.as_u64()))
                .collect()
        })
        .unwrap_or_default()
}

/// Pinged user → times the fake received a ping naming them.
fn pinged_users(requests: &[Recorded]) -> HashMap<u64, Vec<Instant>> {
    let mut pinged: HashMap<u64, Vec<Instant>> = HashMap::new();
    for request in requests.iter().filter(|r| is_ping(r) && r.status == 200) {
        for user in mentioned(request) {
            pinged.entry(user).or_default().push(request.at);
        }
    }
    pinged
}

/// The end the bot announced in its answer to the start (`<t:UNIX:R>`), unix ms.
fn announced_end_ms(callback: &Value) -> Option<i64> {
    let content = callback["data"]["content"].as_str()?;
    let after = content.split("<t:").nth(1)?;
    let secs: i64 = after.split(':').next()?.parse().ok()?;
    Some(secs * 1000)
}

#[allow(clippy::too_many_arguments)]
fn analyse(
    requests: &[Recorded],
    rests: &[Rest],
    interactions: &HashMap<String, usize>,
    anchor: &ClockAnchor,
    steady_seconds: u64,
    warnings: u64,
    errors: u64,
    run_time: Duration,
) -> TrafficReport {
    // The end each rest's start announced.
    let mut ends: HashMap<u64, (i64, &Rest)> = HashMap::new();
    for request in requests {
        let Some(rest) = request
            .path
            .strip_prefix("/api/v10/interactions/")
            .and_then(|tail| tail.split('/').next())
            .and_then(|id| interactions.get(id))
            .map(|&index| &rests[index])
        else {
            continue;
        };
        if let Some(end) = announced_end_ms(&request.body) {
            ends.insert(rest.user_id, (end, rest));
        }
    }
    let mut too_many = (0, 0, 0);
    let mut countdown_posts = 0;
    let mut edits = 0;
    // Per channel: when the fake received a countdown post or an edit, unix ms.
    let mut non_pings: HashMap<u64, Vec<f64>> = HashMap::new();
    for request in requests {
        let is_message_call = request.path.starts_with("/api/v10/channels/");
        if !is_message_call {
            continue;
        }
        if request.status == 429 {
            if request.refused.as_deref() == Some("429 global") {
                too_many.2 += 1;
            } else if request.method == Method::PATCH {
                too_many.1 += 1;
            } else {
                too_many.0 += 1;
            }
            continue;
        }
        if is_ping(request) {
            continue;
        }
        if request.method == Method::PATCH {
            edits += 1;
        } else {
            countdown_posts += 1;
        }
        if let Some(channel) = channel_of(request) {
            non_pings
                .entry(channel)
                .or_default()
                .push(anchor.unix_ms_at(request.at));
        }
    }
    let pinged = pinged_users(requests);
    let mut steady = Vec::new();
    let mut burst = Vec::new();
    let mut waited = 0;
    let mut waited_behind = 0;
    let mut duplicates = 0;
    let mut burst_order: Vec<(f64, i64)> = Vec::new();
    for (user, times) in &pinged {
        let Some(&(end_ms, rest)) = ends.get(user) else {
            continue;
        };
        duplicates += times.len() - 1;
        let received = anchor.unix_ms_at(times[0]);
        let lateness = received - end_ms as f64;
        if rest.burst {
            burst.push(lateness);
            burst_order.push((received, end_ms));
            continue;
        }
        steady.push(lateness);
        if lateness > WAITED_MS {
            waited += 1;
            let behind = non_pings.get(&rest.channel_id).is_some_and(|calls| {
                calls
                    .iter()
                    .any(|at| *at < received && *at >= received - CHANNEL_WINDOW_MS)
            });
            waited_behind += usize::from(behind);
        }
    }
    burst_order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let burst_in_end_order = burst_order.windows(2).all(|pair| pair[0].1 <= pair[1].1);
    let burst_max_per_second = (0..burst_order.len())
        .map(|i| {
            burst_order[i..]
                .iter()
                .take_while(|(at, _)| *at < burst_order[i].0 + 1000.0)
                .count()
        })
        .max()
        .unwrap_or(0);
    steady.sort_by(f64::total_cmp);
    burst.sort_by(f64::total_cmp);
    let ping_messages = requests
        .iter()
        .filter(|r| is_ping(r) && r.status == 200)
        .count();
    TrafficReport {
        steady_seconds,
        rests: rests.len(),
        started: ends.len(),
        missing: rests.len() - steady.len() - burst.len(),
        steady_lateness_ms: steady,
        burst_lateness_ms: burst,
        ping_messages,
        duplicates,
        waited_behind_own_channel: waited_behind,
        waited,
        burst_in_end_order,
        burst_max_per_second,
        countdown_posts,
        edits,
        too_many,
        warnings,
        errors,
        run_time,
    }
}

/// Prints the scenario's table.
pub(crate) fn print_traffic(
    results: &[(crate::Backend, Result<TrafficReport, String>)],
    path: crate::DiscordPath,
) {
    if results.is_empty() {
        return;
    }
    println!();
    println!(
        "Traffic: rests started by interactions (countdown post, ping, \"Rest over\" edit); \
         fake Discord enforcing 5 per 5 s per channel and route, 50/s global"
    );
    println!("Discord path: {}", path.describe());
    for (backend, report) in results {
        let r = match report {
            Ok(r) => r,
            Err(error) => {
                println!("{:<11} FAILED: {error}", backend.name());
                continue;
            }
        };
        let fig = |v: &[f64]| {
            format!(
                "{:.1} / {:.1} / {:.1} ms",
                percentile(v, 0.5),
                percentile(v, 0.99),
                percentile(v, 1.0)
            )
        };
        let p99 = percentile(&r.steady_lateness_ms, 0.99);
        println!(
            "{:<11} steady ({} s at {STEADY_PER_SECOND}/s, {STEADY_CHANNELS} channels) \
             p50/p99/max {}  target p99 <= {TARGET_P99_MS} ms: {}",
            backend.name(),
            r.steady_seconds,
            fig(&r.steady_lateness_ms),
            if p99 <= TARGET_P99_MS {
                "met"
            } else {
                "MISSED"
            }
        );
        println!(
            "  steady pings later than {WAITED_MS} ms: {}, of them with a countdown post or \
             edit in their channel in the 5 s before: {}",
            r.waited, r.waited_behind_own_channel
        );
        println!(
            "  burst of {BURST} in one second: lateness p50/p99/max {}; in end order: {}; \
             most pings in any second: {}",
            fig(&r.burst_lateness_ms),
            if r.burst_in_end_order { "yes" } else { "NO" },
            r.burst_max_per_second
        );
        println!(
            "  rests {} (start acknowledged {}), ping messages {}, missing {}, duplicates {}; \
             countdown posts {}, edits {}; 429s: creates {}, edits {}, global {}; bot log {} \
             WARN, {} ERROR; run {:.0} s",
            r.rests,
            r.started,
            r.ping_messages,
            r.missing,
            r.duplicates,
            r.countdown_posts,
            r.edits,
            r.too_many.0,
            r.too_many.1,
            r.too_many.2,
            r.warnings,
            r.errors,
            r.run_time.as_secs_f64()
        );
    }
}
