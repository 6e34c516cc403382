//! Time per `/ask` question, end to end in the core: triage, FAQ ranking and the reply.
//!
//! Run with `cargo bench --bench ask`. Every question of the collected set
//! (`tests/fixtures/ask-eval/collected.tsv`) is answered many times; the figures are per
//! question, after the index has been built once.

use std::time::{Duration, Instant};

use bfr_coach::app::ask;

const ROUNDS: usize = 20;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ask-eval/collected.tsv"
    );
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let questions: Vec<&str> = text
        .lines()
        .skip(1)
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
