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
//!     [--scenario lateness|memory|traffic|all] [--timers N] [--rate R] [--pending N]
//!     [--spread-ends] [--budget B] [--path proxy|default]
//! ```
//!
//! `--path` is how the bot reaches the fake Discord: `proxy` (the default) through
//! `DISCORD_PROXY_URL`, with serenity's ratelimiter off; `default` as discord.com over TLS
//! through `DISCORD_API_ADDR` and `DISCORD_CA_FILE`, with serenity's ratelimiter on, as a bot
//! without a proxy talks to Discord.
//!
//! PostgreSQL runs when `TEST_POSTGRES_URL` is set: every run creates a fresh database on that
//! server and drops it afterwards. SQLite runs on a file in a temporary directory. Everything
//! talks over 127.0.0.1, every wait is bounded, and the bot is killed if the bench fails.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bot;
mod clock;
mod database;
#[allow(dead_code)]
#[path = "../../tests/support/fake_discord.rs"]
mod fake_discord;
mod load;
mod pings;
mod report;
mod scenarios;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use bfr_coach::config::DEFAULT_REST_BUDGET;

use database::TempDatabase;
use report::print_results;
use scenarios::lateness::{lateness_scenario, LatenessReport};
use scenarios::memory::{memory_scenario, MemoryReport};
use scenarios::traffic::{print_traffic, traffic_scenario, TrafficReport};

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
    print_traffic(&results.traffic, options.path);
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

/// How the bot reaches the fake Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DiscordPath {
    Proxy,
    Default,
}

impl DiscordPath {
    fn describe(self) -> &'static str {
        match self {
            DiscordPath::Proxy => "proxy (DISCORD_PROXY_URL, serenity's ratelimiter off)",
            DiscordPath::Default => {
                "default (discord.com over TLS via DISCORD_API_ADDR, serenity's ratelimiter on)"
            }
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
    traffic: bool,
    /// Seconds of 40 ends per second in the traffic scenario.
    traffic_seconds: u64,
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
    path: DiscordPath,
}

impl Options {
    const USAGE: &'static str = "usage: cargo bench --bench rest_load -- \
        [--backend sqlite|postgres|both] [--scenario lateness|memory|traffic|all] \
        [--timers N (10000)] [--rate R (40)] [--pending N (100000)] [--spread-ends] \
        [--budget B (bot default)] [--traffic-seconds S (120)] [--path proxy|default]\n\
        PostgreSQL needs TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1:5432/test";

    /// Parses the arguments after the program name; `Ok(None)` for `--help`.
    fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
        let mut options = Options {
            backends: vec![Backend::Sqlite, Backend::Postgres],
            postgres_required: false,
            lateness: true,
            memory: true,
            traffic: false,
            traffic_seconds: 120,
            timers: 10_000,
            rate: 40,
            pending: 100_000,
            spread_ends: false,
            budget: None,
            path: DiscordPath::Proxy,
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
                    (options.lateness, options.memory, options.traffic) =
                        match value("--scenario")?.as_str() {
                            "lateness" => (true, false, false),
                            "memory" => (false, true, false),
                            "traffic" => (false, false, true),
                            "all" => (true, true, true),
                            other => return Err(format!("unknown scenario {other:?}")),
                        }
                }
                "--timers" => options.timers = parse_number(&value("--timers")?, 1)?,
                "--rate" => options.rate = parse_number(&value("--rate")?, 1)?,
                "--traffic-seconds" => {
                    options.traffic_seconds = parse_number(&value("--traffic-seconds")?, 1)?
                }
                "--pending" => options.pending = parse_number(&value("--pending")?, 0)?,
                "--budget" => options.budget = Some(parse_number(&value("--budget")?, 1)?),
                "--spread-ends" => options.spread_ends = true,
                "--path" => {
                    options.path = match value("--path")?.as_str() {
                        "proxy" => DiscordPath::Proxy,
                        "default" => DiscordPath::Default,
                        other => return Err(format!("unknown path {other:?}")),
                    }
                }
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
    traffic: Vec<(Backend, Result<TrafficReport, String>)>,
    skipped: Vec<String>,
}

impl Results {
    fn failed(&self) -> bool {
        self.lateness.iter().any(|(_, r)| r.is_err())
            || self.memory.iter().any(|(_, r)| r.is_err())
            || self.traffic.iter().any(|(_, r)| r.is_err())
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
        if options.traffic {
            progress(&format!(
                "{}: traffic of rests started by interactions",
                backend.name()
            ));
            let report = in_temp_database(backend, |db, dir| {
                traffic_scenario(db, dir, &binary, options)
            })
            .await;
            log_outcome(&report);
            results.traffic.push((backend, report));
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
