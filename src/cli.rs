//! The command line: `run` (default), `migrate`, `console`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use std::sync::Arc;

use tokio::io::BufReader;
use tokio::sync::{mpsc, watch};

use crate::app::jobs::BackgroundJobs;
use crate::app::App;
use crate::config::{redact_password, Config, ConfigError};
use crate::console::{Console, ConsoleChallengeSender, ConsoleTimerSender, CONSOLE_CALLER};
use crate::store::GuildScope;
use crate::store::Store;
use crate::timers::{self, Side};
use crate::{discord, store};

/// A Discord bot that coaches blood-flow-restriction (occlusion) training.
///
/// Configuration comes from the environment and from a `.env` file in the working directory
/// (see .env.example): DISCORD_TOKEN, DATABASE_URL, DISCORD_PROXY_URL, DISCORD_GUILD_ID,
/// RUST_LOG.
#[derive(Debug, Parser)]
#[command(name = "bfr-coach", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum CliCommand {
    /// Start the bot (the default). Needs DISCORD_TOKEN.
    Run,
    /// Apply database migrations and exit.
    Migrate,
    /// Try every command locally, without Discord: type `/learn topic:safety`.
    Console,
    /// Classify messages, one per line on stdin, as JSON lines on stdout:
    /// {"category": "heart", "reasons": [...]}. For moderators testing the health filter.
    Triage,
}

impl CliCommand {
    /// Log verbosity when RUST_LOG is unset: the console keeps its screen for answers.
    pub fn default_log_filter(self) -> &'static str {
        match self {
            CliCommand::Console | CliCommand::Triage => "warn",
            CliCommand::Run | CliCommand::Migrate => "info,serenity=warn,sqlx=warn",
        }
    }
}

/// Exit status for configuration problems, so scripts can tell them from crashes.
pub const EXIT_CONFIG: u8 = 2;

pub async fn run(command: CliCommand) -> ExitCode {
    if command == CliCommand::Triage {
        // Pure text in, text out: no configuration or database involved.
        return match crate::triage_cli::run(tokio::io::stdin(), tokio::io::stdout()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        };
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return config_failure(&error),
    };
    // Check the token before touching the database: a missing token is the commonest mistake.
    if command == CliCommand::Run {
        if let Err(error) = config.discord_token() {
            return config_failure(&error);
        }
    }
    let store = match store::connect(&config.database_url).await {
        Ok(store) => store,
        Err(error) => {
            eprintln!(
                "error: could not open the database {}: {error}",
                redact_password(&config.database_url)
            );
            return ExitCode::FAILURE;
        }
    };
    let outcome = match command {
        CliCommand::Migrate => {
            println!(
                "migrations applied to {}",
                redact_password(&config.database_url)
            );
            Ok(())
        }
        CliCommand::Console => run_console(&config, store.clone()).await,
        CliCommand::Triage => Ok(()),
        CliCommand::Run => discord::run(&config, store.clone(), shutdown_signal())
            .await
            .map_err(|error| error.to_string()),
    };
    store.close().await;
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The console with its own rest engine, whose countdowns and pings print as lines.
async fn run_console(config: &Config, store: Arc<dyn Store>) -> Result<(), String> {
    let (lines, notifications) = mpsc::unbounded_channel();
    let (stop_engine, engine_stopped) = watch::channel(false);
    let sender = Arc::new(ConsoleTimerSender::new(lines.clone()));
    let engine = timers::start_engine(
        store.clone(),
        Side::Console,
        sender,
        config.engine_limits(),
        engine_stopped,
    )
    .await
    .map_err(|error| error.to_string())?;
    let app = App::new(store, engine.handle()).with_retention(config.retention);
    let jobs = BackgroundJobs::start(
        &app,
        config.retention,
        Arc::new(ConsoleChallengeSender::new(lines)),
        GuildScope::Only(crate::console::CONSOLE_GUILD_ID),
        &stop_engine,
    );
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let mut console =
        Console::new(app, CONSOLE_CALLER, tokio::io::stdout()).with_notifications(notifications);
    let outcome = console
        .run(BufReader::new(tokio::io::stdin()), interactive)
        .await
        .map_err(|error| error.to_string());
    let _ = stop_engine.send(true);
    engine.join().await;
    jobs.join().await;
    outcome
}

fn config_failure(error: &ConfigError) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::from(EXIT_CONFIG)
}

/// Completes on Ctrl-C, or SIGTERM where there are signals (service managers send it).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
