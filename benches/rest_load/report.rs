//! The tables printed at the end of a run.

use crate::scenarios::memory::SETTLE;
use crate::stats::percentile;
use crate::{Options, Results};

/// Targets from the issue.
const TARGET_P99_MS: f64 = 100.0;
const TARGET_RSS_KB: u64 = 64 * 1024;
const TARGET_RELOAD_MS: u64 = 2000;

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

fn print_log_problems(warnings: u64, errors: u64) {
    if warnings + errors > 0 {
        println!("  ! bot log: {warnings} WARN, {errors} ERROR lines");
    }
}

/// Prints one table per scenario and the notes.
pub(crate) fn print_results(options: &Options, results: &Results) {
    println!();
    println!("== rest_load: bfr-coach rest engine under load ==");
    println!("Discord path: {}", options.path.describe());
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
                    print_log_problems(r.warnings, r.errors);
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
                    print_log_problems(r.warnings, r.errors);
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
