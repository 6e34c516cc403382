//! Times the health-safety triage of one message over every labelled message in
//! tests/fixtures/heart-eval (tuning and frozen parts, all labels):
//! `cargo bench --bench triage`. Prints the median and 99th percentile of one call.
//!
//! Each message is timed on its own (many rounds, shuffled order) rather than as a batch,
//! because the bot triages one message at a time and the median is the target.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bfr_coach::domain::triage::triage;

/// Rounds over the whole set; each message is timed once per round.
const ROUNDS: usize = 50;

fn messages() -> Vec<String> {
    let root: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "heart-eval",
    ]
    .iter()
    .collect();
    let mut texts = Vec::new();
    for part in ["tuning", "frozen"] {
        for name in ["positives.jsonl", "negatives.jsonl", "borderline.jsonl"] {
            let path = root.join(part).join(name);
            let Ok(content) = std::fs::read_to_string(&path) else {
                eprintln!("cannot read {}", path.display());
                continue;
            };
            texts.extend(content.lines().filter_map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).ok()?;
                value.get("text")?.as_str().map(str::to_string)
            }));
        }
    }
    texts
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * share).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

fn main() {
    let texts = messages();
    if texts.is_empty() {
        eprintln!("no labelled messages found");
        return;
    }
    // The lexicon is compiled on first use; the bot pays that once at start-up.
    let started = Instant::now();
    black_box(triage("warm-up"));
    let first_call = started.elapsed();

    let mut order: Vec<usize> = (0..texts.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut samples = Vec::with_capacity(ROUNDS * texts.len());
    for _ in 0..ROUNDS {
        // A fixed xorshift shuffle, so caches do not learn one order.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let text = texts[i].as_str();
            let started = Instant::now();
            black_box(triage(black_box(text)));
            samples.push(started.elapsed());
        }
    }
    samples.sort_unstable();
    let mean_chars = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len();
    println!(
        "triage, {} labelled messages (mean {mean_chars} chars), {ROUNDS} rounds: \
         median {:.1} µs, p99 {:.1} µs, max {:.1} µs; first call (builds the lexicon) {:.1} ms",
        texts.len(),
        percentile(&samples, 0.5).as_secs_f64() * 1e6,
        percentile(&samples, 0.99).as_secs_f64() * 1e6,
        samples.last().copied().unwrap_or_default().as_secs_f64() * 1e6,
        first_call.as_secs_f64() * 1e3,
    );
}
