//! Measures the health-safety triage on the labelled development set in
//! tests/fixtures/heart-eval (see its README and NOTICE for sources and licences).
//!
//! Heart-positive means category Heart or Emergency. The test fails when recall on the
//! positives drops below 98% or the false-positive rate on the negatives rises above 3%.
//! Agreement with the suggested labels of the borderline rows is printed, not gated.
// A test stops at the first failed step, whether in a test or a helper.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use bfr_coach::domain::triage::{triage, Category};

const MIN_RECALL: f64 = 0.98;
const MAX_FALSE_POSITIVE_RATE: f64 = 0.03;

struct Row {
    id: String,
    text: String,
    suggested_label: Option<String>,
}

fn fixture(name: &str) -> Vec<Row> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        "heart-eval",
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
                .unwrap_or_else(|error| panic!("bad row in {name}: {error}: {line}"));
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

#[test]
fn heart_detector_meets_recall_and_false_alarm_targets() {
    let positives = fixture("positives.jsonl");
    let negatives = fixture("negatives.jsonl");
    let borderline = fixture("borderline.jsonl");
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
    let false_positive_rate = alarms.len() as f64 / negatives.len() as f64;

    println!(
        "recall on positives: {:.1}% ({}/{})",
        recall * 100.0,
        positives.len() - misses.len(),
        positives.len()
    );
    for row in &misses {
        println!("  missed {}: {}", row.id, short(&row.text));
    }
    println!(
        "false-positive rate on negatives: {:.1}% ({}/{})",
        false_positive_rate * 100.0,
        alarms.len(),
        negatives.len()
    );
    for row in &alarms {
        println!(
            "  false alarm {}: {} {:?}",
            row.id,
            short(&row.text),
            triage(&row.text).reasons
        );
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
        "borderline agreement with suggested_label (not gated): {}/{}",
        labelled.len() - disagreements.len(),
        labelled.len()
    );
    for row in &disagreements {
        println!(
            "  differs from {:?} {}: {}",
            row.suggested_label.as_deref().unwrap_or_default(),
            row.id,
            short(&row.text)
        );
    }

    assert!(
        recall >= MIN_RECALL,
        "recall {recall:.3} below {MIN_RECALL}"
    );
    assert!(
        false_positive_rate <= MAX_FALSE_POSITIVE_RATE,
        "false-positive rate {false_positive_rate:.3} above {MAX_FALSE_POSITIVE_RATE}"
    );
}
