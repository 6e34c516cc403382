//! The Markdown table of the results, and its place in docs/PERFORMANCE.md.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::scenarios::FLOOR;
use crate::stats::RunStats;
use crate::Backend;

/// A command's p99 may be at most this multiple of the floor's (same backend, same load).
pub(crate) const P99_TARGET: f64 = 2.0;
/// Its CPU time per interaction may be at most this multiple of the floor's.
pub(crate) const CPU_TARGET: f64 = 1.5;

const START_MARKER: &str = "<!-- command_load:start -->";
const END_MARKER: &str = "<!-- command_load:end -->";

/// One table per backend: each command at each concurrency against the floor's run at the
/// same concurrency.
pub(crate) fn tables(results: &[(Backend, Vec<RunStats>)]) -> String {
    let mut out = String::new();
    for (backend, runs) in results {
        let _ = writeln!(out, "**{}**\n", backend.name());
        out.push_str(
            "| Command | In flight × interactions | p50 / p99 / max (ms) | p99 ÷ floor | Per second | \
             CPU per interaction (ms) | CPU ÷ floor | Target |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        for run in runs {
            let floor = runs
                .iter()
                .find(|r| r.command == FLOOR && r.in_flight == run.in_flight);
            let (p99_ratio, cpu_ratio) = match floor {
                Some(floor) => (run.p99() / floor.p99(), run.cpu_ms / floor.cpu_ms),
                None => (f64::NAN, f64::NAN),
            };
            let verdict = if run.command == FLOOR {
                "floor".to_owned()
            } else {
                verdict(p99_ratio, cpu_ratio)
            };
            let _ = writeln!(
                out,
                "| `{}` | {} × {} | {:.2} / {:.2} / {:.2} | {:.2}× | {:.0} | {:.3} | {:.2}× | {} |",
                run.command,
                run.in_flight,
                run.interactions,
                run.p50(),
                run.p99(),
                run.max(),
                p99_ratio,
                run.throughput,
                run.cpu_ms,
                cpu_ratio,
                verdict
            );
        }
        let problems: Vec<String> = runs
            .iter()
            .filter(|r| r.deferred > 0 || !r.unexpected.is_empty())
            .map(|r| {
                format!(
                    "`{}` at {}: {} deferred, {} unexpected answers",
                    r.command,
                    r.in_flight,
                    r.deferred,
                    r.unexpected.len()
                )
            })
            .collect();
        if problems.is_empty() {
            out.push_str("\nEvery answer was the command's own, none deferred.\n\n");
        } else {
            let _ = writeln!(
                out,
                "\nNot all answers were right: {}.\n",
                problems.join("; ")
            );
        }
    }
    out
}

fn verdict(p99_ratio: f64, cpu_ratio: f64) -> String {
    let mut missed = Vec::new();
    // NaN (no floor to compare with) counts as a miss.
    if p99_ratio.is_nan() || p99_ratio > P99_TARGET {
        missed.push("p99");
    }
    if cpu_ratio.is_nan() || cpu_ratio > CPU_TARGET {
        missed.push("CPU");
    }
    if missed.is_empty() {
        "met".to_owned()
    } else {
        format!("missed ({})", missed.join(", "))
    }
}

/// The marked section of the docs: how it was measured, then the tables.
pub(crate) fn docs_section(command_line: &str, commit: &str, tables: &str) -> String {
    format!(
        "{START_MARKER}\nMeasured at commit `{commit}` with:\n\n```sh\n{command_line}\n```\n\n\
         {tables}{END_MARKER}"
    )
}

/// Replaces the marked section of `path` with `section`.
pub(crate) fn write_docs(path: &Path, section: &str) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let (Some(start), Some(end)) = (text.find(START_MARKER), text.find(END_MARKER)) else {
        return Err(format!(
            "{} has no {START_MARKER} … {END_MARKER} section",
            path.display()
        ));
    };
    if end < start {
        return Err(format!("{}: the end marker comes first", path.display()));
    }
    let updated = format!(
        "{}{section}{}",
        &text[..start],
        &text[end + END_MARKER.len()..]
    );
    std::fs::write(path, updated).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// The commit measured: its short hash, marked `-dirty` when code differs from it.
pub(crate) fn commit(repo: &Path) -> String {
    let git = |args: &[&str]| Command::new("git").current_dir(repo).args(args).output();
    let hash = git(&["rev-parse", "--short", "HEAD"])
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    // Only what is built counts: a docs change does not make the measured binary differ.
    let code_changed = git(&[
        "diff",
        "--quiet",
        "HEAD",
        "--",
        "src",
        "benches",
        "tests",
        "Cargo.toml",
        "Cargo.lock",
        "migrations",
        "build.rs",
    ])
    .map(|out| !out.status.success())
    .unwrap_or(false);
    if code_changed {
        format!("{hash}-dirty")
    } else {
        hash
    }
}
