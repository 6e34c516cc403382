//! How well `/ask` answers real questions, collected from public pages (with sources) in
//! `data/ask-eval/`: round 1 in `collected.tsv`, rounds 2 to 4 in `collected-N.tsv`.
//!
//! Each round is split with a fixed seed (`split.py`) into a tuning part and a frozen part,
//! appended to the parts after the rounds before it, so a new round adds unseen questions to
//! the frozen part without moving old ones. The tuning part ships: its questions are indexed
//! as wordings of their entries (`src/domain/faq/asked.rs`), so it is scored by
//! cross-validation, and only its misses are printed. Synonyms, variants and the answer
//! threshold are tuned on it; the frozen part is the gate, reported as figures.
//!
//! Each question is labelled with the entry that should answer it, or `safety` when it
//! names a heart or circulation condition, which triage answers before the FAQ.

use bfr_coach::app::ask::{outcome, outcome_with, Outcome};
use bfr_coach::domain::faq::{self, Ranker, ANSWER_THRESHOLD, CLEAR_LEAD, LEAD_THRESHOLD};

/// Share of frozen questions that must get an answer (an entry or a safety answer). The
/// target is 0.90; the gate holds the floor measured last, not the target, rather than
/// tuning on the frozen questions to reach it. History (figures only, measured once per
/// pass): round 1 alone 91.1%; with round 2 appended, 120 of 136 (88.2%) after tuning. With
/// round 3 appended (167 questions), 141 (84.4%) before any tuning on round 3, and 143
/// (85.6%) after a pass on the tuning part that took it from 85.5% to 92.7%. With the
/// tuning part indexed as wordings (`faq::asked`), 143 again. With round 4 appended (205
/// questions), 168 (82.0%) before any tuning on round 4, 171 (83.4%) after a pass that took
/// the cross-validated tuning part from 88.7% to 90.1%.
const FROZEN_ANSWERED_MIN: f64 = 0.83;
/// Share of frozen questions whose answer must be the labelled one. The target is 0.85.
/// Round 1 alone measured 92 of 112 (82.1%); with round 2, 107 of 136 (78.7%) after two
/// passes (round 1's rows 84.8%, round 2's 24 rows 50.0%). With round 3 appended, 118 of
/// 167 (70.7%) before any tuning on round 3, so its 31 frozen rows got 11 right. A pass on
/// the tuning part then took the tuning part from 182 to 203 of 234 (77.8% to 86.8%; its
/// round-3 rows 14 to 29 of 49) and the frozen part only to 119 (71.3%): much of what was
/// learnt from the tuning wordings did not carry over. Round 3 is mostly article and FAQ
/// headings ("Who is it for?", "Does it work?") that name no topic. During the second
/// round-2 pass a full test run showed this gate failing (pass or fail only) before the
/// pass ended.
///
/// Round 4 (97 questions from 70 pages) was first asked whole, before its split and before
/// anything was tuned on it, of the FAQ with and without the tuning part indexed as
/// wordings: 47 right without, 48 with (66 and 69 answered), so the tuning part ships as
/// wordings. Split, its 38 frozen rows took the frozen part to 139 of 205 (67.8%); a pass
/// on the tuning part (vocabulary: "scary", continuous and intermittent cuffing, filler
/// verbs; the method's name kept when it is the only known word) took the cross-validated
/// tuning part from 230 to 234 of 293 (78.5% to 79.9%) and the frozen part to 140 (68.3%).
const FROZEN_RIGHT_MIN: f64 = 0.68;

struct Question {
    expected: String,
    text: String,
}

fn load(part: &str) -> Vec<Question> {
    let path = format!("{}/data/ask-eval/{part}.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let expected = fields.next().unwrap_or_default().to_owned();
            let text = fields.next().unwrap_or_default().to_owned();
            assert!(
                fields.next().is_some_and(|s| s.starts_with("http")),
                "no source: {line}"
            );
            Question { expected, text }
        })
        .collect()
}

fn is_right(q: &Question, got: Outcome) -> bool {
    match got {
        Outcome::Safety => q.expected == "safety",
        Outcome::Answer(id) => id == q.expected,
        Outcome::Unsure | Outcome::Nothing => false,
    }
}

struct Score {
    total: usize,
    answered: usize,
    right: usize,
}

impl Score {
    fn of(questions: &[Question]) -> Self {
        let mut score = Score::empty(questions.len());
        for q in questions {
            score.count(q, outcome(&q.text));
        }
        score
    }

    fn empty(total: usize) -> Self {
        Score {
            total,
            answered: 0,
            right: 0,
        }
    }

    /// Counts one outcome; returns whether it was the right one.
    fn count(&mut self, q: &Question, got: Outcome) -> bool {
        if matches!(got, Outcome::Answer(_) | Outcome::Safety) {
            self.answered += 1;
        }
        let right = is_right(q, got);
        self.right += usize::from(right);
        right
    }

    fn answered_share(&self) -> f64 {
        self.answered as f64 / self.total as f64
    }

    fn right_share(&self) -> f64 {
        self.right as f64 / self.total as f64
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} questions, answered {} ({:.1}%), right entry first {} ({:.1}%)",
            self.total,
            self.answered,
            100.0 * self.answered_share(),
            self.right,
            100.0 * self.right_share()
        )
    }
}

#[test]
fn every_label_is_an_entry_and_both_parts_are_big_enough() {
    let tuning = load("tuning");
    let frozen = load("frozen");
    assert!(tuning.len() + frozen.len() >= 150);
    assert!(frozen.len() >= 100, "the gate needs a real sample");
    for q in tuning.iter().chain(&frozen) {
        assert!(
            q.expected == "safety" || faq::entry(&q.expected).is_some(),
            "unknown label {:?}",
            q.expected
        );
    }
}

/// Folds of the tuning part for cross-validation: row `i` is in fold `i % FOLDS`.
const FOLDS: usize = 10;

/// For each fold, the FAQ indexed with every tuning question outside it.
fn fold_rankers(tuning: &[Question]) -> Vec<Ranker> {
    (0..FOLDS)
        .map(|fold| {
            let others: Vec<(&str, &str)> = tuning
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, q)| (q.expected.as_str(), q.text.as_str()))
                .collect();
            Ranker::with_asked(&others)
        })
        .collect()
}

/// The tuning part's questions are indexed as wordings, so asking them of the shipped FAQ
/// would find each one itself. Each fold is instead asked of a FAQ indexed with the other
/// folds only, which is how an unseen question meets the FAQ.
#[test]
fn tuning_part_cross_validated() {
    let tuning = load("tuning");
    let mut score = Score::empty(tuning.len());
    let mut misses = Vec::new();
    for (fold, ranker) in fold_rankers(&tuning).iter().enumerate() {
        for q in tuning.iter().skip(fold).step_by(FOLDS) {
            let got = outcome_with(&q.text, |text, n| ranker.lookup(text, n));
            if score.count(q, got) {
                continue;
            }
            let ranked: Vec<String> = ranker
                .ranked(&q.text, 3)
                .iter()
                .map(|m| format!("{} {:.2}", m.entry.id, m.confidence))
                .collect();
            misses.push(format!(
                "  want {:<18} got {:<28} {:?}  [{}]",
                q.expected,
                format!("{got:?}"),
                q.text,
                ranked.join(", ")
            ));
        }
    }
    println!("{}", score.line("tuning, cross-validated"));
    println!("misses ({}):", misses.len());
    for miss in &misses {
        println!("{miss}");
    }
    let bare = Ranker::with_asked(&[]);
    let mut written_only = Score::empty(tuning.len());
    for q in &tuning {
        written_only.count(q, outcome_with(&q.text, |text, n| bare.lookup(text, n)));
    }
    println!("{}", written_only.line("tuning, written wordings only"));
}

#[test]
fn frozen_part_gate() {
    let score = Score::of(&load("frozen"));
    // Only figures: the frozen questions stay out of sight while tuning.
    println!("{}", score.line("frozen"));
    assert!(
        score.answered_share() >= FROZEN_ANSWERED_MIN,
        "{}",
        score.line("frozen")
    );
    assert!(
        score.right_share() >= FROZEN_RIGHT_MIN,
        "{}",
        score.line("frozen")
    );
}

/// The three thresholds swept on the tuning part, cross-validated like the report:
/// `cargo test --test ask_eval -- --ignored --nocapture`.
#[test]
#[ignore = "a tuning aid, not a check"]
fn threshold_sweep_on_tuning_part() {
    let tuning = load("tuning");
    let rankers = fold_rankers(&tuning);
    println!("current: {ANSWER_THRESHOLD} / {LEAD_THRESHOLD} with a lead of {CLEAR_LEAD}");
    for high in [0.5f32, 0.55, 0.6, 0.65, 0.7] {
        for low in [0.25f32, 0.3, 0.35, 0.4, 0.45] {
            for margin in [0.1f32, 0.2, 0.3, 0.4] {
                let (mut answered, mut right, mut wrong) = (0, 0, 0);
                for (i, q) in tuning.iter().enumerate() {
                    if outcome(&q.text) == Outcome::Safety {
                        answered += 1;
                        right += usize::from(q.expected == "safety");
                        continue;
                    }
                    let top = rankers[i % FOLDS].ranked(&q.text, 2);
                    let Some(best) = top.first() else { continue };
                    let lead = faq::lead(best, top.get(1));
                    let clear = lead >= margin && best.matched >= 2;
                    if best.confidence >= high || (best.confidence >= low && clear) {
                        answered += 1;
                        if best.entry.id == q.expected {
                            right += 1;
                        } else {
                            wrong += 1;
                        }
                    }
                }
                println!(
                    "high {high} low {low} lead {margin}: answered {answered}, right {right}, \
                     wrong {wrong}"
                );
            }
        }
    }
}
