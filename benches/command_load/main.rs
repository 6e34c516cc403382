//! Load generator for the commands: is every command about as fast as a bot that does
//! nothing?
//!
//! Runs the release binary (`bfr-coach run`, which `cargo bench` builds) as a child process
//! against the fake Discord of the end-to-end tests, with `BENCH_FLOOR_COMMAND=true` so it
//! also answers the hidden `/ping`: the same path as every command but no database, the floor.
//! After seeding what the commands need through interactions (1RMs, clear screenings, a
//! challenge with members), it sends each command's interactions at 1 and at 16 in flight and
//! measures dispatch → callback received by the fake (p50, p99, max), throughput, and the
//! bot's CPU time per interaction (each thread's `schedstat`, before and after; `cpu.rs`).
//!
//! ```text
//! cargo bench --bench command_load -- [--backend sqlite|postgres|both]
//!     [--interactions N (500)] [--warmup N (50)] [--in-flight 1,16]
//!     [--commands ping,session,…] [--write-docs]
//! ```
//!
//! PostgreSQL runs when `TEST_POSTGRES_URL` is set, on a database created for the run and
//! dropped afterwards; SQLite on a file in a temporary directory. `--write-docs` replaces the
//! marked section of docs/PERFORMANCE.md with the tables, the command line and the commit.
// Start-up of a bench: a failed step stops it on the spot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../rest_load/bot.rs"]
mod bot;
mod cpu;
#[allow(dead_code)]
#[path = "../rest_load/database.rs"]
mod database;
mod driver;
mod options;
mod report;
mod scenarios;
mod seed;
mod stats;
#[path = "../../tests/support/mod.rs"]
mod support;

// The shared bot module finds the fake Discord here.
use support::fake_discord;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bot::BotProcess;
use database::TempDatabase;
use driver::Load;
use options::Options;
use stats::RunStats;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match Options::parse(args.iter().cloned()) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", Options::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("command_load: {error}\n{}", Options::USAGE);
            return ExitCode::FAILURE;
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_bfr-coach"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The commit is read before the run: what was built is what was measured.
    let commit = report::commit(repo);

    let mut results = Vec::new();
    let mut failed = false;
    for &backend in &options.backends {
        if backend == Backend::Postgres && std::env::var("TEST_POSTGRES_URL").is_err() {
            progress("PostgreSQL skipped: TEST_POSTGRES_URL is not set");
            continue;
        }
        match runtime.block_on(run_backend(backend, &binary, &options)) {
            Ok(runs) => results.push((backend, runs)),
            Err(error) => {
                progress(&format!("{}: failed: {error}", backend.name()));
                failed = true;
            }
        }
    }
    let tables = report::tables(&results);
    println!("{tables}");
    if options.write_docs && !failed && !results.is_empty() {
        let section = report::docs_section(&command_line(&args), &commit, &tables);
        match report::write_docs(&repo.join("docs/PERFORMANCE.md"), &section) {
            Ok(()) => progress("docs/PERFORMANCE.md updated"),
            Err(error) => {
                progress(&error);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One backend: a fresh database, a fresh fake Discord and bot, then every command.
async fn run_backend(
    backend: Backend,
    binary: &Path,
    options: &Options,
) -> Result<Vec<RunStats>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let database = TempDatabase::create(backend, dir.path()).await?;
    let outcome = measure(backend, &database.url, dir.path(), binary, options).await;
    let removed = database.remove().await;
    let runs = outcome?;
    removed?;
    Ok(runs)
}

async fn measure(
    backend: Backend,
    url: &str,
    dir: &Path,
    binary: &Path,
    options: &Options,
) -> Result<Vec<RunStats>, String> {
    let fake = fake_discord::FakeDiscord::start().await;
    let mut bot = BotProcess::spawn_with(
        binary,
        dir,
        url,
        &fake.bot_env(),
        None,
        &[("BENCH_FLOOR_COMMAND", "true")],
    )?;
    fake.wait_until_ready().await;
    progress(&format!("{}: bot ready; seeding", backend.name()));
    let seeded = seed::seed(&fake).await?;
    let mut runs = Vec::new();
    for scenario in scenarios::all().iter().filter(|s| options.includes(s.name)) {
        let mut next = 0;
        let warm = Load {
            fake: &fake,
            seeded: &seeded,
            scenario,
            count: options.warmup,
            in_flight: options.in_flight.iter().copied().max().unwrap_or(1),
        };
        driver::warm_up(&warm, &mut next).await?;
        for &in_flight in &options.in_flight {
            let load = Load {
                count: options.interactions,
                in_flight,
                ..warm
            };
            let stats = driver::run(&load, &mut bot, &mut next).await?;
            progress(&format!(
                "{}: {} at {in_flight} in flight: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, \
                 {:.0}/s, CPU {:.3} ms per interaction{}",
                backend.name(),
                scenario.name,
                stats.p50(),
                stats.p99(),
                stats.max(),
                stats.throughput,
                stats.cpu_ms,
                match stats.unexpected.first() {
                    Some(first) => format!("; {} unexpected, e.g. {first}", stats.unexpected.len()),
                    None => String::new(),
                }
            ));
            runs.push(stats);
        }
    }
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;
    let refusals = fake.take_refusals();
    if warnings > 0 || errors > 0 || !refusals.is_empty() {
        progress(&format!(
            "{}: the bot logged {warnings} warnings and {errors} errors; {} calls refused \
             (see bot.log in the run's directory)",
            backend.name(),
            refusals.len()
        ));
    }
    Ok(runs)
}

/// The command line as typed, with the database URL's password hidden.
fn command_line(args: &[String]) -> String {
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|arg| *arg != "--bench")
        .collect();
    let mut line = String::new();
    if let Ok(url) = std::env::var("TEST_POSTGRES_URL") {
        line.push_str(&format!(
            "TEST_POSTGRES_URL={} \\\n  ",
            bfr_coach::config::redact_password(&url)
        ));
    }
    line.push_str("cargo bench --bench command_load");
    if !args.is_empty() {
        line.push_str(" -- ");
        line.push_str(&args.join(" "));
    }
    line
}

pub(crate) fn progress(message: &str) {
    eprintln!("command_load: {message}");
}
