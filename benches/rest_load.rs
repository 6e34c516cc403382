//! Load generator for the rest-timer engine.
//!
//! Runs the real `bfr-coach run` binary as a child process against the fake Discord of the
//! end-to-end tests and measures, on SQLite and on PostgreSQL:
//! - **lateness**: pending timers ending at a fixed rate (default 10,000 at 40 per second, on
//!   whole seconds); the lateness of a ping is when the fake Discord received it minus the
//!   end of the timer it announces;
//! - **memory**: the bot's resident memory with many pending timers (default 100,000, ending a
//!   day later) and the time it takes to reload them at start-up, next to an idle bot.
//!
//! ```text
//! cargo bench --bench rest_load -- [--backend sqlite|postgres|both]
//!     [--scenario lateness|memory|all] [--timers N] [--rate R] [--pending N]
//!     [--spread-ends] [--budget B]
//! ```
//!
//! PostgreSQL runs when `TEST_POSTGRES_URL` is set: every run creates a fresh database on that
//! server and drops it afterwards. SQLite runs on a file in a temporary directory. Everything
//! talks over 127.0.0.1, every wait is bounded, and the bot is killed if the bench fails.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../tests/support/fake_discord.rs"]
mod fake_discord;

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::Method;
use bfr_coach::config::DEFAULT_REST_BUDGET;
use fake_discord::{FakeDiscord, Recorded, GUILD_ID};

/// First user id of the generated timers; user `USER_BASE + i` owns timer `i`.
const USER_BASE: u64 = 1_500_000_000_000_000_000;
/// First channel id of the generated timers.
const CHANNEL_BASE: u64 = 1_310_000_000_000_000_000;
/// Channels of the memory scenario (their number does not matter for memory).
const MEMORY_CHANNELS: u64 = 1000;
/// Time between the bot's spawn and the first timer end of the lateness scenario.
const LEAD_MS: i64 = 10_000;
/// How long after the reload the settled resident memory is read.
const SETTLE: Duration = Duration::from_secs(3);
/// Longest wait for the bot's "rest timers reloaded" line.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest wait for the bot to exit after SIGTERM before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);
/// Rows per INSERT statement when filling the database.
const INSERT_CHUNK: usize = 500;
/// Lines of the bot's log quoted when it fails.
const LOG_TAIL: usize = 20;

/// Targets from the issue.
const TARGET_P99_MS: f64 = 100.0;
const TARGET_RSS_KB: u64 = 64 * 1024;
const TARGET_RELOAD_MS: u64 = 2000;

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", Options::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("rest_load: {error}\n{}", Options::USAGE);
            return ExitCode::FAILURE;
        }
    };
    if options.postgres_required && std::env::var("TEST_POSTGRES_URL").is_err() {
        eprintln!(
            "rest_load: --backend postgres needs TEST_POSTGRES_URL\n{}",
            Options::USAGE
        );
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("rest_load: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let results = runtime.block_on(run_all(&options));
    print_results(&options, &results);
    if results.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

// ---------------------------------------------------------------------------------------
// Options

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The command line.
#[derive(Debug, Clone)]
struct Options {
    backends: Vec<Backend>,
    /// Whether PostgreSQL was asked for explicitly (then a missing URL is an error).
    postgres_required: bool,
    lateness: bool,
    memory: bool,
    /// Timers of the lateness scenario.
    timers: usize,
    /// Timer ends per second in the lateness scenario.
    rate: u32,
    /// Pending timers of the memory scenario.
    pending: usize,
    /// Spread the ends evenly inside each second instead of on whole seconds.
    spread_ends: bool,
    /// DISCORD_REST_BUDGET for the bot; its default when `None`.
    budget: Option<u32>,
}

impl Options {
    const USAGE: &'static str = "usage: cargo bench --bench rest_load -- \
        [--backend sqlite|postgres|both] [--scenario lateness|memory|all] \
        [--timers N (10000)] [--rate R (40)] [--pending N (100000)] [--spread-ends] \
        [--budget B (bot default)]\n\
        PostgreSQL needs TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1:5432/test";

    /// Parses the arguments after the program name; `Ok(None)` for `--help`.
    fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
        let mut options = Options {
            backends: vec![Backend::Sqlite, Backend::Postgres],
            postgres_required: false,
            lateness: true,
            memory: true,
            timers: 10_000,
            rate: 40,
            pending: 100_000,
            spread_ends: false,
            budget: None,
        };
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (arg.clone(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match name.as_str() {
                // cargo passes --bench to benchmarks without the libtest harness.
                "--bench" => {}
                "-h" | "--help" => return Ok(None),
                "--backend" => {
                    (options.backends, options.postgres_required) =
                        match value("--backend")?.as_str() {
                            "sqlite" => (vec![Backend::Sqlite], false),
                            "postgres" => (vec![Backend::Postgres], true),
                            "both" => (vec![Backend::Sqlite, Backend::Postgres], false),
                            other => return Err(format!("unknown backend {other:?}")),
                        }
                }
                "--scenario" => {
                    (options.lateness, options.memory) = match value("--scenario")?.as_str() {
                        "lateness" => (true, false),
                        "memory" => (false, true),
                        "all" => (true, true),
                        other => return Err(format!("unknown scenario {other:?}")),
                    }
                }
                "--timers" => options.timers = parse_number(&value("--timers")?, 1)?,
                "--rate" => options.rate = parse_number(&value("--rate")?, 1)?,
                "--pending" => options.pending = parse_number(&value("--pending")?, 0)?,
                "--budget" => options.budget = Some(parse_number(&value("--budget")?, 1)?),
                "--spread-ends" => options.spread_ends = true,
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(Some(options))
    }

    fn budget(&self) -> u32 {
        self.budget.unwrap_or(DEFAULT_REST_BUDGET)
    }
}

fn parse_number<T: std::str::FromStr + PartialOrd + From<u8>>(
    text: &str,
    min: u8,
) -> Result<T, String> {
    match text.replace('_', "").parse::<T>() {
        Ok(number) if number >= T::from(min) => Ok(number),
        _ => Err(format!("expected a number of at least {min}, got {text:?}")),
    }
}

// ---------------------------------------------------------------------------------------
// Running the scenarios

/// What one run of a scenario produced.
#[derive(Default)]
struct Results {
    lateness: Vec<(Backend, Result<LatenessReport, String>)>,
    memory: Vec<(Backend, Result<MemoryReport, String>)>,
    skipped: Vec<String>,
}

impl Results {
    fn failed(&self) -> bool {
        self.lateness.iter().any(|(_, r)| r.is_err()) || self.memory.iter().any(|(_, r)| r.is_err())
    }
}

/// Runs the selected scenarios on the selected backends, one after the other.
async fn run_all(options: &Options) -> Results {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_bfr-coach"));
    let mut results = Results::default();
    for &backend in &options.backends {
        if backend == Backend::Postgres && std::env::var("TEST_POSTGRES_URL").is_err() {
            results
                .skipped
                .push("PostgreSQL skipped: TEST_POSTGRES_URL is not set".to_owned());
            continue;
        }
        if options.memory {
            for pending in [0, options.pending] {
                progress(&format!(
                    "{}: memory and reload with {pending} pending timers",
                    backend.name()
                ));
                let report = in_temp_database(backend, |db, dir| {
                    memory_scenario(db, dir, &binary, options, pending)
                })
                .await;
                log_outcome(&report);
                results.memory.push((backend, report));
            }
        }
        if options.lateness {
            progress(&format!(
                "{}: lateness of {} timers ending at {} per second{}",
                backend.name(),
                options.timers,
                options.rate,
                if options.spread_ends {
                    ", spread inside each second"
                } else {
                    ", on whole seconds"
                }
            ));
            let report = in_temp_database(backend, |db, dir| {
                lateness_scenario(db, dir, &binary, options)
            })
            .await;
            log_outcome(&report);
            results.lateness.push((backend, report));
        }
    }
    results
}

fn log_outcome<T>(report: &Result<T, String>) {
    if let Err(error) = report {
        progress(&format!("failed: {error}"));
    }
}

fn progress(message: &str) {
    eprintln!("rest_load: {message}");
}

/// Runs `scenario` on a fresh database of `backend` in a fresh temporary directory and removes
/// both afterwards, whatever the outcome.
async fn in_temp_database<T, F, Fut>(backend: Backend, scenario: F) -> Result<T, String>
where
    F: FnOnce(String, PathBuf) -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let database = TempDatabase::create(backend, dir.path()).await?;
    let outcome = scenario(database.url.clone(), dir.path().to_owned()).await;
    let removed = database.remove().await;
    let outcome = outcome?;
    removed?;
    Ok(outcome)
}

// ---------------------------------------------------------------------------------------
// Scenario: lateness

/// Figures of the lateness scenario.
struct LatenessReport {
    timers: usize,
    rate: u32,
    budget: u32,
    /// Lateness of each pinged timer, ms, sorted.
    lateness_ms: Vec<f64>,
    /// Lateness an ideal engine would show under the bot's global pacing alone, ms, sorted.
    floor_ms: Vec<f64>,
    pings: PingCount,
    reload: ReloadLine,
    /// The first end came before the reload finished.
    reload_after_first_end: bool,
    rss_max_kb: u64,
    /// From the last timer end until all pings arrived.
    drain_ms: f64,
    run_time: Duration,
    /// Timer rows by state after the bot stopped.
    states: Vec<(String, i64)>,
    warnings: u64,
    errors: u64,
}

/// One generated timer.
#[derive(Debug, Clone, Copy)]
struct TimerRow {
    user_id: u64,
    channel_id: u64,
    ends_at_ms: i64,
}

/// Inserts `timers` timers ending at `rate` per second from about 10 s after the bot starts,
/// each on its own user and channels chosen so that no channel gets more than one ping in
/// two seconds (the per-channel window of 5 per 5 s never binds), runs the bot until every
/// ping arrived (or a bounded deadline passed) and measures each ping's lateness.
async fn lateness_scenario(
    url: String,
    dir: PathBuf,
    binary: &Path,
    options: &Options,
) -> Result<LatenessReport, String> {
    let started = Instant::now();
    let rate = options.rate;
    let mut rows: Vec<TimerRow> = (0..options.timers)
        .map(|i| {
            let second = (i / rate as usize) as u64;
            let slot = (i % rate as usize) as u64;
            let within_ms = if options.spread_ends {
                slot * 1000 / u64::from(rate)
            } else {
                0
            };
            TimerRow {
                user_id: USER_BASE + i as u64,
                channel_id: CHANNEL_BASE + (second % 2) * u64::from(rate) + slot,
                ends_at_ms: (second * 1000 + within_ms) as i64,
            }
        })
        .collect();

    prepare_schema(&url).await?;
    let pool = Pool::connect(&url).await?;
    let filled = fill(&pool, &rows).await;
    // The ends are moved to their place once the rows are in, so the lead does not depend on
    // how long filling took.
    let base_ms = ceil_to_second(unix_ms_now()) + LEAD_MS;
    let shifted = match filled {
        Ok(()) => {
            pool.execute_all(&[format!(
                "UPDATE rest_timers SET ends_at_ms = ends_at_ms + {base_ms}"
            )])
            .await
        }
        Err(error) => Err(error),
    };
    pool.close().await;
    shifted?;
    for row in &mut rows {
        row.ends_at_ms += base_ms;
    }
    let first_end_ms = base_ms;
    let last_end_ms = rows.iter().map(|r| r.ends_at_ms).max().unwrap_or(base_ms);
    let expected: HashMap<u64, (i64, u64)> = rows
        .iter()
        .map(|r| (r.user_id, (r.ends_at_ms, r.channel_id)))
        .collect();

    let fake = FakeDiscord::start().await;
    let anchor = ClockAnchor::now();
    let mut bot = BotProcess::spawn(binary, &dir, &url, &fake.base_url(), options.budget)?;
    let reload = bot.wait_reloaded(RELOAD_TIMEOUT).await?;
    let reload_after_first_end = anchor.unix_ms_at(reload.seen_at) > first_end_ms as f64;
    progress(&format!(
        "bot reloaded {} timers in {} ms; first end in {:.1} s, last in {:.0} s",
        reload.pending,
        reload.reload_ms,
        (first_end_ms as f64 - unix_ms_now() as f64) / 1000.0,
        (last_end_ms as f64 - unix_ms_now() as f64) / 1000.0
    ));

    // Reading the fake's log clones it under the lock its REST handler records under, which
    // would delay the very pings being timed: leave it alone until the last end has passed.
    let budget = options.budget();
    let drain_allowance_ms = (options.timers as f64 * 2000.0 / f64::from(budget)) as i64;
    let deadline_ms = last_end_ms + drain_allowance_ms.max(60_000);
    loop {
        bot.check_alive()?;
        let now_ms = unix_ms_now();
        if now_ms >= last_end_ms + 2000 {
            let pinged = count_pinged_users(&fake.requests(), &expected);
            if pinged >= expected.len() {
                break;
            }
            if now_ms >= deadline_ms {
                progress(&format!(
                    "deadline passed with {pinged} of {} users pinged",
                    expected.len()
                ));
                break;
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    // A little longer, so that duplicates would show.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let requests = fake.requests();
    let rss = bot.memory();
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;

    let pool = Pool::connect(&url).await?;
    let states = pool.state_counts().await;
    pool.close().await;

    let (mut lateness_ms, pings) = analyse_pings(&requests, &expected, &anchor);
    lateness_ms.sort_by(f64::total_cmp);
    let last_received = requests
        .iter()
        .filter(|r| is_ping(r))
        .map(|r| anchor.unix_ms_at(r.at))
        .fold(f64::NAN, f64::max);
    Ok(LatenessReport {
        timers: options.timers,
        rate,
        budget,
        lateness_ms,
        floor_ms: pacing_floor(&rows, budget),
        pings,
        reload,
        reload_after_first_end,
        rss_max_kb: rss.max_kb,
        drain_ms: last_received - last_end_ms as f64,
        run_time: started.elapsed(),
        states: states?,
        warnings,
        errors,
    })
}

/// What the fake Discord received, checked against the timers.
#[derive(Debug, Default)]
struct PingCount {
    /// Ping messages ("rest over").
    messages: usize,
    /// Timers never pinged.
    missing: usize,
    /// Pings of a user already pinged.
    duplicates: usize,
    /// Users pinged who own no timer, or pinged in another channel than their timer's.
    wrong: usize,
    /// Pings that said "late by" (the engine saw them more than 1 s after their end).
    marked_late: usize,
    /// Other channel messages (e.g. "missed while offline" notes).
    other_messages: usize,
}

fn is_ping(request: &Recorded) -> bool {
    request.method == Method::POST
        && request.path.starts_with("/api/v10/channels/")
        && request.path.ends_with("/messages")
        && request.body["content"]
            .as_str()
            .is_some_and(|content| content.contains("rest over"))
}

fn mentioned_users(request: &Recorded) -> Vec<u64> {
    request.body["allowed_mentions"]["users"]
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|user| match user {
                    serde_json::Value::String(text) => text.parse().ok(),
                    other => other.as_u64(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn count_pinged_users(requests: &[Recorded], expected: &HashMap<u64, (i64, u64)>) -> usize {
    requests
        .iter()
        .filter(|r| is_ping(r))
        .flat_map(mentioned_users)
        .filter(|user| expected.contains_key(user))
        .collect::<HashSet<_>>()
        .len()
}

/// Lateness of every timer's first ping (ms, unsorted) and the counts of what went wrong.
fn analyse_pings(
    requests: &[Recorded],
    expected: &HashMap<u64, (i64, u64)>,
    anchor: &ClockAnchor,
) -> (Vec<f64>, PingCount) {
    let mut count = PingCount::default();
    let mut seen = HashSet::new();
    let mut lateness = Vec::with_capacity(expected.len());
    for request in requests {
        if request.method != Method::POST
            || !request.path.starts_with("/api/v10/channels/")
            || !request.path.ends_with("/messages")
        {
            continue;
        }
        if !is_ping(request) {
            count.other_messages += 1;
            continue;
        }
        count.messages += 1;
        if request.body["content"]
            .as_str()
            .is_some_and(|content| content.contains("late by"))
        {
            count.marked_late += 1;
        }
        let channel: Option<u64> = request
            .path
            .trim_start_matches("/api/v10/channels/")
            .split('/')
            .next()
            .and_then(|id| id.parse().ok());
        let received_ms = anchor.unix_ms_at(request.at);
        for user in mentioned_users(request) {
            match expected.get(&user) {
                Some(&(ends_at_ms, channel_id)) if channel == Some(channel_id) => {
                    if seen.insert(user) {
                        lateness.push(received_ms - ends_at_ms as f64);
                    } else {
                        count.duplicates += 1;
                    }
                }
                _ => count.wrong += 1,
            }
        }
    }
    count.missing = expected.len() - seen.len();
    (lateness, count)
}

/// The lateness (ms, sorted) that pacing alone imposes: one call per channel and end second,
/// released at its end and sent as soon as the bot's global budget allows (the generic cell
/// rate algorithm of `PacingQueue`: `rate` per second with a burst of `burst`).
fn pacing_floor(rows: &[TimerRow], rate: u32) -> Vec<f64> {
    // One call per (channel, second), due at the earliest end of its group; at most `rate`
    // calls in any one-second window, as the bot's global limit allows.
    let mut groups: HashMap<(u64, i64), i64> = HashMap::new();
    for row in rows {
        let key = (row.channel_id, row.ends_at_ms.div_euclid(1000));
        let end = groups.entry(key).or_insert(row.ends_at_ms);
        *end = (*end).min(row.ends_at_ms);
    }
    let mut calls: Vec<i64> = groups.into_values().collect();
    calls.sort_unstable();
    let window = rate.max(1) as usize;
    let mut sent: Vec<f64> = Vec::with_capacity(calls.len());
    let mut floor: Vec<f64> = calls
        .iter()
        .map(|&end| {
            let end = end as f64;
            let mut send = end;
            if sent.len() >= window {
                send = send.max(sent[sent.len() - window] + 1000.0);
            }
            sent.push(send);
            send - end
        })
        .collect();
    floor.sort_by(f64::total_cmp);
    floor
}

// ---------------------------------------------------------------------------------------
// Scenario: memory and reload

/// Figures of the memory scenario.
struct MemoryReport {
    pending: usize,
    reload: ReloadLine,
    /// From spawning the process to the reload line.
    spawn_to_reload_ms: f64,
    /// Highest resident memory (sampled every 100 ms, and the kernel's high-water mark).
    rss_max_kb: u64,
    /// Resident memory `SETTLE` after the reload.
    rss_settled_kb: u64,
    warnings: u64,
    errors: u64,
}

/// Inserts `pending` timers ending a day later on distinct users, starts the bot, reads its
/// reload time from its log and its resident memory once the reload has settled.
async fn memory_scenario(
    url: String,
    dir: PathBuf,
    binary: &Path,
    options: &Options,
    pending: usize,
) -> Result<MemoryReport, String> {
    let base_ms = ceil_to_second(unix_ms_now()) + 86_400_000;
    let rows: Vec<TimerRow> = (0..pending)
        .map(|i| TimerRow {
            user_id: USER_BASE + i as u64,
            channel_id: CHANNEL_BASE + i as u64 % MEMORY_CHANNELS,
            ends_at_ms: base_ms + (i as i64 % 3600) * 1000,
        })
        .collect();
    prepare_schema(&url).await?;
    let pool = Pool::connect(&url).await?;
    let filled = fill(&pool, &rows).await;
    pool.close().await;
    filled?;

    let fake = FakeDiscord::start().await;
    let mut bot = BotProcess::spawn(binary, &dir, &url, &fake.base_url(), options.budget)?;
    let reload = bot.wait_reloaded(RELOAD_TIMEOUT).await?;
    let spawn_to_reload_ms = reload
        .seen_at
        .saturating_duration_since(bot.spawned_at)
        .as_secs_f64()
        * 1000.0;
    let settle_until = Instant::now() + SETTLE;
    while Instant::now() < settle_until {
        bot.check_alive()?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss = bot.memory();
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;
    Ok(MemoryReport {
        pending,
        reload,
        spawn_to_reload_ms,
        rss_max_kb: rss.max_kb,
        rss_settled_kb: rss.last_kb,
        warnings,
        errors,
    })
}

// ---------------------------------------------------------------------------------------
// The database

/// A database for one run: a file in the run's directory, or a PostgreSQL database created
/// for it on the server of `TEST_POSTGRES_URL`.
struct TempDatabase {
    url: String,
    /// (URL of the server's original database, name of the created database).
    postgres: Option<(String, String)>,
}

impl TempDatabase {
    async fn create(backend: Backend, dir: &Path) -> Result<Self, String> {
        match backend {
            Backend::Sqlite => Ok(Self {
                url: format!("sqlite://{}", dir.join("bench.db").display()),
                postgres: None,
            }),
            Backend::Postgres => {
                static RUNS: AtomicU32 = AtomicU32::new(0);
                let base = std::env::var("TEST_POSTGRES_URL")
                    .map_err(|_| "TEST_POSTGRES_URL is not set".to_owned())?;
                let name = format!(
                    "bench_rest_{}_{}",
                    std::process::id(),
                    RUNS.fetch_add(1, Ordering::SeqCst)
                );
                postgres_admin(&base, &format!("CREATE DATABASE {name}")).await?;
                let mut url = url::Url::parse(&base)
                    .map_err(|e| format!("TEST_POSTGRES_URL is not a URL: {e}"))?;
                url.set_path(&format!("/{name}"));
                Ok(Self {
                    url: url.to_string(),
                    postgres: Some((base, name)),
                })
            }
        }
    }

    /// Drops a PostgreSQL database (the SQLite file goes with its directory).
    async fn remove(self) -> Result<(), String> {
        match self.postgres {
            Some((base, name)) => {
                postgres_admin(
                    &base,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await
            }
            None => Ok(()),
        }
    }
}

async fn postgres_admin(base_url: &str, statement: &str) -> Result<(), String> {
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect(base_url)
        .await
        .map_err(|e| format!("connecting to TEST_POSTGRES_URL: {e}"))?;
    let outcome = sqlx::raw_sql(statement)
        .execute(&admin)
        .await
        .map(|_| ())
        .map_err(|e| format!("{statement}: {e}"));
    admin.close().await;
    outcome
}

/// Creates the bot's tables the way the bot does.
async fn prepare_schema(url: &str) -> Result<(), String> {
    let store = bfr_coach::store::connect(url)
        .await
        .map_err(|e| format!("migrating the bench database: {e}"))?;
    store.close().await;
    Ok(())
}

/// A connection pool of the bench's own, for bulk inserts and checks.
enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Pool {
    async fn connect(url: &str) -> Result<Self, String> {
        let pool = if url.starts_with("postgres") {
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map(Pool::Postgres)
        } else {
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map(Pool::Sqlite)
        };
        pool.map_err(|e| format!("connecting to the bench database: {e}"))
    }

    /// Runs the statements in one transaction.
    async fn execute_all(&self, statements: &[String]) -> Result<(), String> {
        let error = |e: sqlx::Error| format!("writing the bench database: {e}");
        match self {
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin().await.map_err(error)?;
                for statement in statements {
                    sqlx::raw_sql(statement)
                        .execute(&mut *tx)
                        .await
                        .map_err(error)?;
                }
                tx.commit().await.map_err(error)
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(error)?;
                for statement in statements {
                    sqlx::raw_sql(statement)
                        .execute(&mut *tx)
                        .await
                        .map_err(error)?;
                }
                tx.commit().await.map_err(error)
            }
        }
    }

    /// Timer rows by state.
    async fn state_counts(&self) -> Result<Vec<(String, i64)>, String> {
        const SQL: &str = "SELECT state, COUNT(*) FROM rest_timers GROUP BY state ORDER BY state";
        let rows = match self {
            Pool::Sqlite(pool) => {
                sqlx::query_as::<_, (String, i64)>(SQL)
                    .fetch_all(pool)
                    .await
            }
            Pool::Postgres(pool) => {
                sqlx::query_as::<_, (String, i64)>(SQL)
                    .fetch_all(pool)
                    .await
            }
        };
        rows.map_err(|e| format!("reading timer states: {e}"))
    }

    async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// Inserts the timers as `pending` rows, in one transaction of multi-row INSERTs.
async fn fill(pool: &Pool, rows: &[TimerRow]) -> Result<(), String> {
    let created_at_ms = unix_ms_now();
    let guild_id: u64 = GUILD_ID.parse().unwrap_or(1);
    let statements: Vec<String> = rows
        .chunks(INSERT_CHUNK)
        .map(|chunk| {
            let mut sql = String::from(
                "INSERT INTO rest_timers (user_id, channel_id, guild_id, ends_at_ms, \
                 ping_user_ids, created_at_ms) VALUES ",
            );
            for (i, row) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let _ = write!(
                    sql,
                    "({}, {}, {guild_id}, {}, '{}', {created_at_ms})",
                    row.user_id, row.channel_id, row.ends_at_ms, row.user_id
                );
            }
            sql
        })
        .collect();
    let started = Instant::now();
    pool.execute_all(&statements).await?;
    progress(&format!(
        "inserted {} pending timers in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The bot process

/// The reload line of the bot's log: `rest timers reloaded pending=N reload_ms=M`.
#[derive(Debug, Clone, Copy)]
struct ReloadLine {
    pending: u64,
    reload_ms: u64,
    /// When the bench read the line.
    seen_at: Instant,
}

/// What the bench learns from the bot's log as it goes.
#[derive(Debug, Default)]
struct LogState {
    reloaded: Option<ReloadLine>,
    warnings: u64,
    errors: u64,
    tail: VecDeque<String>,
}

/// Resident memory of the bot, in kB.
#[derive(Debug, Default, Clone, Copy)]
struct Memory {
    max_kb: u64,
    last_kb: u64,
}

/// `bfr-coach run` as a child process, its stderr parsed and its memory sampled every 100 ms.
/// Dropping it kills the process, so a failing bench never leaves the bot running.
struct BotProcess {
    child: Child,
    pid: u32,
    spawned_at: Instant,
    log: Arc<Mutex<LogState>>,
    memory: Arc<Mutex<Memory>>,
    stop_sampling: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl BotProcess {
    /// Starts the bot on `database_url` against the fake Discord at `proxy_url`, in `dir`
    /// (where it writes `bot.log` and finds no `.env`).
    fn spawn(
        binary: &Path,
        dir: &Path,
        database_url: &str,
        proxy_url: &str,
        budget: Option<u32>,
    ) -> Result<Self, String> {
        let mut log_file =
            File::create(dir.join("bot.log")).map_err(|e| format!("creating bot.log: {e}"))?;
        let mut command = Command::new(binary);
        command
            .arg("run")
            .current_dir(dir)
            .env("DISCORD_TOKEN", "bench-token")
            .env("DISCORD_PROXY_URL", proxy_url)
            .env("DATABASE_URL", database_url)
            .env("DISCORD_GUILD_ID", GUILD_ID)
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .env_remove("DISCORD_MESSAGE_CONTENT")
            .env_remove("DISCORD_REST_BUDGET")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(budget) = budget {
            command.env("DISCORD_REST_BUDGET", budget.to_string());
        }
        let spawned_at = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let pid = child.id();
        let log = Arc::new(Mutex::new(LogState::default()));
        let memory = Arc::new(Mutex::new(Memory::default()));
        let stop_sampling = Arc::new(AtomicBool::new(false));
        let mut threads = Vec::new();

        if let Some(stderr) = child.stderr.take() {
            let log = log.clone();
            threads.push(std::thread::spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut raw = Vec::new();
                loop {
                    raw.clear();
                    match reader.read_until(b'\n', &mut raw) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let _ = log_file.write_all(&raw);
                    let line = strip_ansi(&String::from_utf8_lossy(&raw));
                    let mut state = lock(&log);
                    if line.contains(" WARN ") {
                        state.warnings += 1;
                    }
                    if line.contains(" ERROR ") || line.starts_with("error:") {
                        state.errors += 1;
                    }
                    if state.reloaded.is_none() && line.contains("rest timers reloaded") {
                        state.reloaded = Some(ReloadLine {
                            pending: log_field(&line, "pending").unwrap_or(0),
                            reload_ms: log_field(&line, "reload_ms").unwrap_or(0),
                            seen_at: Instant::now(),
                        });
                    }
                    if state.tail.len() == LOG_TAIL {
                        state.tail.pop_front();
                    }
                    state.tail.push_back(line.trim_end().to_owned());
                }
            }));
        }
        {
            let memory = memory.clone();
            let stop = stop_sampling.clone();
            threads.push(std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let Some(kb) = proc_status_kb(pid, "VmRSS:") else {
                        return;
                    };
                    {
                        let mut memory = lock(&memory);
                        memory.max_kb = memory.max_kb.max(kb);
                        memory.last_kb = kb;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }));
        }
        Ok(Self {
            child,
            pid,
            spawned_at,
            log,
            memory,
            stop_sampling,
            threads,
        })
    }

    /// Waits for the reload line.
    async fn wait_reloaded(&mut self, timeout: Duration) -> Result<ReloadLine, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(reloaded) = lock(&self.log).reloaded {
                return Ok(reloaded);
            }
            self.check_alive()?;
            if Instant::now() >= deadline {
                return Err(self.failure(&format!(
                    "no \"rest timers reloaded\" line within {timeout:?}"
                )));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// An error if the bot has exited.
    fn check_alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(self.failure(&format!("the bot exited early ({status})"))),
            Err(error) => Err(self.failure(&format!("cannot check the bot: {error}"))),
        }
    }

    /// `message` followed by the end of the bot's log.
    fn failure(&self, message: &str) -> String {
        let state = lock(&self.log);
        let tail: Vec<&str> = state.tail.iter().map(String::as_str).collect();
        format!("{message}; end of the bot's log:\n  {}", tail.join("\n  "))
    }

    /// Resident memory so far: the sampled maximum (raised to the kernel's high-water mark)
    /// and the latest sample.
    fn memory(&self) -> Memory {
        let mut memory = *lock(&self.memory);
        if let Some(peak) = proc_status_kb(self.pid, "VmHWM:") {
            memory.max_kb = memory.max_kb.max(peak);
        }
        if let Some(now) = proc_status_kb(self.pid, "VmRSS:") {
            memory.last_kb = now;
            memory.max_kb = memory.max_kb.max(now);
        }
        memory
    }

    /// WARN and ERROR lines of the bot's log so far.
    fn problem_counts(&self) -> (u64, u64) {
        let state = lock(&self.log);
        (state.warnings, state.errors)
    }

    /// Stops the bot with SIGTERM, as a service manager would, and kills it if it does not
    /// exit within [`STOP_TIMEOUT`].
    async fn stop(mut self) -> Result<(), String> {
        let signalled = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status()
            .is_ok_and(|status| status.success());
        let deadline = Instant::now() + STOP_TIMEOUT;
        let mut outcome = Ok(());
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => break,
                Ok(Some(status)) => {
                    outcome = Err(self.failure(&format!("the bot stopped with {status}")));
                    break;
                }
                Ok(None) if signalled && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(None) | Err(_) => {
                    outcome = Err(self.failure("the bot did not stop on SIGTERM; killed it"));
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        self.stop_sampling.store(true, Ordering::SeqCst);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        outcome
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        self.stop_sampling.store(true, Ordering::SeqCst);
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A `kB` line of `/proc/<pid>/status`, e.g. `VmRSS:`.
fn proc_status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
}

/// The value of `name=N` in a log line.
fn log_field(line: &str, name: &str) -> Option<u64> {
    line.split_whitespace()
        .find_map(|token| token.strip_prefix(name)?.strip_prefix('='))
        .and_then(|value| value.parse().ok())
}

/// Removes terminal colour codes (`ESC [ … letter`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Time

/// Maps the fake Discord's `Instant`s to unix milliseconds, the clock of the timer ends.
struct ClockAnchor {
    instant: Instant,
    unix_ms: f64,
}

impl ClockAnchor {
    fn now() -> Self {
        let instant = Instant::now();
        let unix_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64()
            * 1000.0;
        Self { instant, unix_ms }
    }

    fn unix_ms_at(&self, at: Instant) -> f64 {
        match at.checked_duration_since(self.instant) {
            Some(after) => self.unix_ms + after.as_secs_f64() * 1000.0,
            None => self.unix_ms - self.instant.duration_since(at).as_secs_f64() * 1000.0,
        }
    }
}

fn unix_ms_now() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

fn ceil_to_second(unix_ms: i64) -> i64 {
    (unix_ms + 999).div_euclid(1000) * 1000
}

// ---------------------------------------------------------------------------------------
// Report

/// The value at quantile `q` (nearest rank) of sorted values; NaN when empty.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// Prints one table per scenario and the notes.
fn print_results(options: &Options, results: &Results) {
    println!();
    println!("== rest_load: bfr-coach rest engine under load ==");
    for note in &results.skipped {
        println!("{note}");
    }
    if !results.memory.is_empty() {
        println!();
        println!(
            "Memory and reload (pending timers end in a day; RSS settled = {} s after the reload)",
            SETTLE.as_secs()
        );
        println!(
            "{:<11} {:>8} {:>11} {:>14} {:>10} {:>12}  {:<22}",
            "backend", "pending", "reload_ms", "spawn→reload", "RSS max", "RSS settled", "targets"
        );
        for (backend, report) in &results.memory {
            match report {
                Ok(r) => {
                    let targets = if r.pending == options.pending {
                        format!(
                            "RSS {} / reload {}",
                            verdict(r.rss_max_kb <= TARGET_RSS_KB),
                            verdict(r.reload.reload_ms <= TARGET_RELOAD_MS)
                        )
                    } else {
                        "(baseline)".to_owned()
                    };
                    println!(
                        "{:<11} {:>8} {:>11} {:>11.0} ms {:>10} {:>12}  {targets}",
                        backend.name(),
                        r.reload.pending,
                        r.reload.reload_ms,
                        r.spawn_to_reload_ms,
                        mb(r.rss_max_kb),
                        mb(r.rss_settled_kb),
                    );
                    if r.reload.pending != r.pending as u64 {
                        println!(
                            "  ! inserted {} but the bot reloaded {}",
                            r.pending, r.reload.pending
                        );
                    }
                    if r.warnings + r.errors > 0 {
                        println!("  ! bot log: {} WARN, {} ERROR lines", r.warnings, r.errors);
                    }
                }
                Err(error) => println!("{:<11} FAILED: {error}", backend.name()),
            }
        }
    }
    if !results.lateness.is_empty() {
        println!();
        println!(
            "Ping lateness (received by the fake Discord − timer end), {} timers ending at {}/s{}",
            options.timers,
            options.rate,
            if options.spread_ends {
                " spread inside each second"
            } else {
                " on whole seconds"
            }
        );
        println!(
            "{:<11} {:>8} {:>8} {:>8} {:>16} {:>7} {:>5} {:>9} {:>9} {:>9}  {:<8}",
            "backend",
            "p50 ms",
            "p99 ms",
            "max ms",
            "floor p50/p99/max",
            "missing",
            "dup",
            "RSS max",
            "drain ms",
            "run time",
            "p99 target"
        );
        for (backend, report) in &results.lateness {
            match report {
                Ok(r) => {
                    let p99 = percentile(&r.lateness_ms, 0.99);
                    let complete = r.pings.missing == 0 && r.pings.duplicates == 0;
                    println!(
                        "{:<11} {:>8.1} {:>8.1} {:>8.1} {:>16} {:>7} {:>5} {:>9} {:>9.0} {:>8.0}s  {}",
                        backend.name(),
                        percentile(&r.lateness_ms, 0.50),
                        p99,
                        percentile(&r.lateness_ms, 1.0),
                        format!(
                            "{:.0}/{:.0}/{:.0}",
                            percentile(&r.floor_ms, 0.50),
                            percentile(&r.floor_ms, 0.99),
                            percentile(&r.floor_ms, 1.0)
                        ),
                        r.pings.missing,
                        r.pings.duplicates,
                        mb(r.rss_max_kb),
                        r.drain_ms,
                        r.run_time.as_secs_f64(),
                        verdict(complete && p99 <= TARGET_P99_MS),
                    );
                    println!(
                        "  {} timers at {}/s, bot budget {}/s; {} ping messages, {} marked \"late by\", \
                         {} wrong, {} other messages; reload of {} took {} ms{}; rows after: {}",
                        r.timers,
                        r.rate,
                        r.budget,
                        r.pings.messages,
                        r.pings.marked_late,
                        r.pings.wrong,
                        r.pings.other_messages,
                        r.reload.pending,
                        r.reload.reload_ms,
                        if r.reload_after_first_end {
                            " (AFTER the first end)"
                        } else {
                            ""
                        },
                        r.states
                            .iter()
                            .map(|(state, n)| format!("{state}={n}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                    if r.warnings + r.errors > 0 {
                        println!("  ! bot log: {} WARN, {} ERROR lines", r.warnings, r.errors);
                    }
                }
                Err(error) => println!("{:<11} FAILED: {error}", backend.name()),
            }
        }
        println!(
            "  floor = lateness an ideal engine would show from the global pacing alone \
             (at most {} calls in any second), one call per channel and end second",
            options.budget()
        );
    }
    println!();
    println!(
        "Targets: lateness p99 <= {TARGET_P99_MS} ms, RSS <= {} MB with {} pending, reload <= {} s",
        TARGET_RSS_KB / 1024,
        options.pending,
        TARGET_RELOAD_MS / 1000
    );
}
