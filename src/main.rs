use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use bfr_coach::cli::{self, Cli, CliCommand};
use bfr_coach::config::LogFormat;

fn main() -> ExitCode {
    let dotenv = dotenvy::dotenv();
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(CliCommand::Run);

    let log_format = match LogFormat::from_lookup(|name| std::env::var(name).ok()) {
        Ok(format) => format,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(cli::EXIT_CONFIG);
        }
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(command.default_log_filter()));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    if let Err(error) = dotenv {
        if !error.not_found() {
            tracing::warn!(%error, "could not read .env");
        }
    }

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(cli::run(command))
}
