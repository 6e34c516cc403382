//! Measures the health-safety triage on the labelled set in tests/fixtures/heart-eval
//! (see its README and NOTICE for sources and licences).
//!
//! The set is split into a tuning part and a frozen part (scripts/split_heart_eval.py).
//! The rules may be changed while looking at the tuning part only, so the gate is on the
//! frozen part: a figure on rows the rules were fitted to would measure fit, not how the
//! triage does on new questions. For the same reason the frozen part's misses are never
//! printed, only its counts.
//!
//! Heart-positive means category Heart or Emergency (the doctor or emergency answer).
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use bfr_coach::domain::triage::{triage, Category};

/// Share of frozen positives that must reach the doctor or emergency answer.
const MIN_RECALL: f64 = 0.99;
/// Share of frozen negatives that may get the doctor or emergency answer.
const MAX_FALSE_ALARM_RATE: f64 = 0.02;

struct Row {
    id: String,
    text: String,
    suggested_label: Option<String>,
}

fn fixture(part: &str, name: &str) -> Vec<Row> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "heart-eval",
        part,
        name,
    ]
    .iter()
    .collect();
    let content = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    content
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("bad row in {part}/{name}: {error}"));
            let field = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
            Row {
                id: field("id").unwrap_or_default(),
                text: field("text").unwrap_or_else(|| panic!("row without text in {name}")),
                suggested_label: field("suggested_label"),
            }
        })
        .collect()
}

fn is_heart_positive(text: &str) -> bool {
    triage(text).category >= Category::Heart
}

fn short(text: &str) -> String {
    let mut cut: String = text.chars().take(110).collect();
    if text.chars().count() > 110 {
        cut.push('…');
    }
    cut
}

/// Figures of one part of the set.
struct Figures {
    recall: f64,
    false_alarm_rate: f64,
}

/// Prints one part's figures; the rows behind them only when `show_rows` is set.
fn evaluate(part: &str, show_rows: bool) -> Figures {
    let positives = fixture(part, "positives.jsonl");
    let negatives = fixture(part, "negatives.jsonl");
    let borderline = fixture(part, "borderline.jsonl");
    assert!(!positives.is_empty() && !negatives.is_empty());

    let misses: Vec<&Row> = positives
        .iter()
        .filter(|r| !is_heart_positive(&r.text))
        .collect();
    let alarms: Vec<&Row> = negatives
        .iter()
        .filter(|r| is_heart_positive(&r.text))
        .collect();
    let recall = 1.0 - misses.len() as f64 / positives.len() as f64;
    let false_alarm_rate = alarms.len() as f64 / negatives.len() as f64;

    println!(
        "[{part}] recall on positives: {:.1}% ({}/{})",
        recall * 100.0,
        positives.len() - misses.len(),
        positives.len()
    );
    if show_rows {
        for row in &misses {
            println!("  missed {}: {}", row.id, short(&row.text));
        }
    }
    println!(
        "[{part}] false-alarm rate on negatives: {:.1}% ({}/{})",
        false_alarm_rate * 100.0,
        alarms.len(),
        negatives.len()
    );
    if show_rows {
        for row in &alarms {
            println!(
                "  false alarm {}: {} {:?}",
                row.id,
                short(&row.text),
                triage(&row.text).reasons
            );
        }
    }

    let labelled: Vec<&Row> = borderline
        .iter()
        .filter(|r| r.suggested_label.is_some())
        .collect();
    let disagreements: Vec<&Row> = labelled
        .iter()
        .copied()
        .filter(|r| {
            let suggested_positive = r.suggested_label.as_deref() == Some("positive");
            is_heart_positive(&r.text) != suggested_positive
        })
        .collect();
    println!(
        "[{part}] borderline agreement with suggested_label (not gated): {}/{}",
        labelled.len() - disagreements.len(),
        labelled.len()
    );
    if show_rows {
        for row in &disagreements {
            println!(
                "  differs from {:?} {}: {}",
                row.suggested_label.as_deref().unwrap_or_default(),
                row.id,
                short(&row.text)
            );
        }
    }
    Figures {
        recall,
        false_alarm_rate,
    }
}

#[test]
fn heart_detector_meets_recall_and_false_alarm_targets_on_the_frozen_part() {
    evaluate("tuning", true);
    let frozen = evaluate("frozen", false);
    assert!(
        frozen.recall >= MIN_RECALL,
        "frozen recall {:.3} below {MIN_RECALL}",
        frozen.recall
    );
    assert!(
        frozen.false_alarm_rate <= MAX_FALSE_ALARM_RATE,
        "frozen false-alarm rate {:.3} above {MAX_FALSE_ALARM_RATE}",
        frozen.false_alarm_rate
    );
}
