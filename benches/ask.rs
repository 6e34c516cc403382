//! Time per `/ask` question, end to end in the core: triage, FAQ ranking and the reply.
//!
//! Run with `cargo bench --bench ask`. Every question of the collected set (both rounds,
//! `data/ask-eval/collected*.tsv`) is answered many times; the figures are per
//! question, after the index has been built once.

use std::time::{Duration, Instant};

use bfr_coach::app::ask;

const ROUNDS: usize = 20;

/// Every round of the collected set, in order.
const ROUND_FILES: [&str; 4] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/ask-eval/collected.tsv"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/ask-eval/collected-2.tsv"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/ask-eval/collected-3.tsv"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/ask-eval/collected-4.tsv"),
];

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    })
}

fn main() {
    let texts: Vec<String> = ROUND_FILES.iter().map(|path| read(path)).collect();
    let questions: Vec<&str> = texts
        .iter()
        .flat_map(|text| text.lines().skip(1))
        .filter_map(|line| line.split('\t').nth(1))
        .collect();

    let started = Instant::now();
    let _ = ask::ask("how tight should the wrap be?", false);
    let first = started.elapsed();

    let mut times: Vec<Duration> = Vec::with_capacity(questions.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for q in &questions {
            let started = Instant::now();
            let reply = ask::ask(q, false);
            times.push(started.elapsed());
            std::hint::black_box(reply).ok();
        }
    }
    times.sort();
    let at = |share: f64| times[((times.len() - 1) as f64 * share) as usize];
    println!(
        "ask: {} questions x {ROUNDS} rounds; first call (builds the index) {:.2} ms",
        questions.len(),
        first.as_secs_f64() * 1e3
    );
    println!(
        "per question: median {:.1} µs, p95 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        at(0.5).as_secs_f64() * 1e6,
        at(0.95).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        at(1.0).as_secs_f64() * 1e6
    );
}
