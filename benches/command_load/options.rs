//! The command line.

use crate::Backend;

#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) backends: Vec<Backend>,
    /// Measured interactions per command and concurrency.
    pub(crate) interactions: usize,
    /// Unmeasured interactions per command before its runs.
    pub(crate) warmup: usize,
    /// Interactions in flight, one run each.
    pub(crate) in_flight: Vec<usize>,
    /// Commands to run (their names without the slash, e.g. `rest start`); all when empty.
    /// The floor always runs.
    pub(crate) commands: Vec<String>,
    pub(crate) write_docs: bool,
}

impl Options {
    pub(crate) const USAGE: &'static str = "usage: cargo bench --bench command_load -- \
        [--backend sqlite|postgres|both] [--interactions N (500)] [--warmup N (50)] \
        [--in-flight 1,16] [--commands ping,learn,1rm-set,session,ask,challenge-leaderboard,rest-start] \
        [--write-docs]\n\
        PostgreSQL needs TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1:5432/test";

    /// Parses the arguments after the program name; `Ok(None)` for `--help`.
    pub(crate) fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
        let mut options = Options {
            backends: vec![Backend::Sqlite, Backend::Postgres],
            interactions: 500,
            warmup: 50,
            in_flight: vec![1, 16],
            commands: Vec::new(),
            write_docs: false,
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
                    options.backends = match value("--backend")?.as_str() {
                        "sqlite" => vec![Backend::Sqlite],
                        "postgres" => vec![Backend::Postgres],
                        "both" => vec![Backend::Sqlite, Backend::Postgres],
                        other => return Err(format!("unknown backend {other:?}")),
                    }
                }
                "--interactions" => options.interactions = number(&value("--interactions")?, 1)?,
                "--warmup" => options.warmup = number(&value("--warmup")?, 0)?,
                "--in-flight" => {
                    options.in_flight = value("--in-flight")?
                        .split(',')
                        .map(|n| number(n.trim(), 1))
                        .collect::<Result<_, _>>()?
                }
                "--commands" => {
                    options.commands = value("--commands")?
                        .split(',')
                        .map(|c| c.trim().replace('-', " "))
                        .collect()
                }
                "--write-docs" => options.write_docs = true,
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        Ok(Some(options))
    }

    /// Whether the command named `/name` runs.
    pub(crate) fn includes(&self, name: &str) -> bool {
        let name = name.trim_start_matches('/');
        name == crate::scenarios::FLOOR.trim_start_matches('/')
            || self.commands.is_empty()
            || self.commands.iter().any(|c| c == name)
    }
}

fn number(text: &str, min: usize) -> Result<usize, String> {
    match text.replace('_', "").parse::<usize>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("expected a number of at least {min}, got {text:?}")),
    }
}
