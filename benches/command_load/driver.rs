//! Sends one command's interactions with a fixed number in flight and times each from its
//! dispatch to the bot's callback arriving at the fake Discord.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::Method;

use crate::bot::BotProcess;
use crate::cpu::CpuReading;
use crate::scenarios::Scenario;
use crate::seed::Seeded;
use crate::stats::RunStats;
use crate::support::FakeDiscord;

/// Longest wait for any callback before the run is given up.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(10);
/// The bot counts as idle once the fake has seen no call for this long.
const QUIET_FOR: Duration = Duration::from_millis(300);
/// Longest wait for the bot to go idle (a `/rest start` run posts its countdowns at the bot's
/// pace of 40 per second).
const QUIET_TIMEOUT: Duration = Duration::from_secs(120);

/// One command's load: `count` interactions, `in_flight` at a time; `next` numbers them
/// across runs so that every run has users of its own where the command needs them.
pub(crate) struct Load<'a> {
    pub(crate) fake: &'a FakeDiscord,
    pub(crate) seeded: &'a Seeded,
    pub(crate) scenario: &'a Scenario,
    pub(crate) count: usize,
    pub(crate) in_flight: usize,
}

/// Interactions sent without being measured, so that first-use costs (the FAQ index, the
/// statement cache of each connection) are paid before the run.
pub(crate) async fn warm_up(load: &Load<'_>, next: &mut usize) -> Result<(), String> {
    send_all(load, next).await.map(|_| ())
}

/// The measured run: waits until the bot is idle, then sends, then waits until it is idle
/// again (the run's background work, such as countdowns, belongs to it) and reads its CPU
/// time.
pub(crate) async fn run(
    load: &Load<'_>,
    bot: &mut BotProcess,
    next: &mut usize,
) -> Result<RunStats, String> {
    wait_quiet(load.fake).await?;
    let cpu_before = CpuReading::of(bot.pid())?;
    let outcome = send_all(load, next).await;
    bot.check_alive()?;
    let sent = outcome?;
    wait_quiet(load.fake).await?;
    let cpu_after = CpuReading::of(bot.pid())?;
    let mut latency_ms: Vec<f64> = sent.answers.iter().map(|a| a.latency_ms).collect();
    latency_ms.sort_by(f64::total_cmp);
    let span = sent.last_callback.duration_since(sent.first_dispatch);
    Ok(RunStats {
        command: load.scenario.name,
        in_flight: load.in_flight,
        interactions: load.count,
        latency_ms,
        throughput: load.count as f64 / span.as_secs_f64().max(1e-9),
        cpu_ms: cpu_before.seconds_until(&cpu_after) * 1000.0 / load.count as f64,
        deferred: sent.answers.iter().filter(|a| a.deferred).count(),
        unexpected: sent.answers.into_iter().filter_map(|a| a.problem).collect(),
    })
}

struct Answer {
    latency_ms: f64,
    deferred: bool,
    problem: Option<String>,
}

struct Sent {
    answers: Vec<Answer>,
    first_dispatch: Instant,
    last_callback: Instant,
}

/// A closed loop: `in_flight` interactions out, and each callback releases the next.
async fn send_all(load: &Load<'_>, next: &mut usize) -> Result<Sent, String> {
    let fake = load.fake;
    let mut cursor = fake.request_count();
    let mut pending: HashMap<String, Instant> = HashMap::new();
    let mut answers = Vec::with_capacity(load.count);
    let mut sent = 0;
    let first_dispatch = Instant::now();
    let mut last_callback = first_dispatch;
    let mut dispatch = |pending: &mut HashMap<String, Instant>, sent: &mut usize| {
        let (id, payload) = (load.scenario.build)(fake, load.seeded, *next);
        *next += 1;
        *sent += 1;
        pending.insert(id, Instant::now());
        fake.dispatch("INTERACTION_CREATE", payload);
    };
    while sent < load.in_flight.min(load.count) {
        dispatch(&mut pending, &mut sent);
    }
    while answers.len() < load.count {
        if !fake.wait_for_more_than(cursor, CALLBACK_TIMEOUT).await {
            return Err(format!(
                "{}: no call from the bot for {CALLBACK_TIMEOUT:?} with {} interactions \
                 unanswered",
                load.scenario.name,
                pending.len()
            ));
        }
        let new = fake.requests_from(cursor);
        cursor += new.len();
        for recorded in new {
            if recorded.method != Method::POST {
                continue;
            }
            let Some(id) = callback_id(&recorded.path) else {
                continue;
            };
            let Some(dispatched_at) = pending.remove(id) else {
                continue;
            };
            last_callback = last_callback.max(recorded.at);
            let problem = match &recorded.refused {
                Some(why) => Some(format!("{}: refused ({why})", load.scenario.name)),
                None => load.scenario.check(&recorded.body).err(),
            };
            answers.push(Answer {
                latency_ms: recorded.at.duration_since(dispatched_at).as_secs_f64() * 1000.0,
                deferred: recorded.body["type"].as_u64() == Some(5),
                problem,
            });
            if sent < load.count {
                dispatch(&mut pending, &mut sent);
            }
        }
    }
    Ok(Sent {
        answers,
        first_dispatch,
        last_callback,
    })
}

/// The interaction ID of a callback's path, `/api/v10/interactions/{id}/{token}/callback`.
fn callback_id(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api/v10/interactions/")?;
    let (id, rest) = rest.split_once('/')?;
    rest.ends_with("/callback").then_some(id)
}

/// Waits until the fake has seen no call for [`QUIET_FOR`].
pub(crate) async fn wait_quiet(fake: &FakeDiscord) -> Result<(), String> {
    let deadline = Instant::now() + QUIET_TIMEOUT;
    loop {
        let seen = fake.request_count();
        if !fake.wait_for_more_than(seen, QUIET_FOR).await {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!("the bot was still busy after {QUIET_TIMEOUT:?}"));
        }
    }
}
