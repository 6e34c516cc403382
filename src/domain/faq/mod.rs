//! A written FAQ about blood flow restriction (BFR) training, and the retrieval behind
//! `/ask`: a casual question is matched to the closest entry, or the closest few are offered.
//!
//! [`content`] holds the entries (texts and sources); [`engine`] ranks them for a question.

mod asked;
mod content;
mod engine;

pub use content::ENTRIES;
pub use engine::{
    entry, is_answer, lead, lookup, ranked, FaqMatch, Lookup, Ranker, ANSWER_THRESHOLD, CLEAR_LEAD,
    LEAD_THRESHOLD,
};

use crate::domain::learn::LearnTopic;

/// One question and its written answer.
#[derive(Debug)]
pub struct FaqEntry {
    /// Stable identifier (kebab-case); it travels in button custom IDs.
    pub id: &'static str,
    /// The question as a user might ask it; the answer's title and the button label.
    pub question: &'static str,
    /// Other ways people ask the same thing, in their words. Ranked like the question.
    pub variants: &'static [&'static str],
    /// The answer; Discord markdown, fits an embed field (at most 1024 characters).
    pub answer: &'static str,
    /// Where `/learn` says more.
    pub topic: LearnTopic,
    /// Two or three other entries worth reading next, by id.
    pub related: &'static [&'static str],
    /// Where the facts come from, shown under the answer.
    pub sources: &'static str,
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn answer_id(q: &str) -> Option<&'static str> {
        match lookup(q, 3) {
            Lookup::Answer(found) => Some(found.entry.id),
            Lookup::Unsure(_) | Lookup::Nothing => None,
        }
    }

    #[test]
    fn casual_questions_find_the_right_entry() {
        let cases = [
            ("how tight should the bands be", "how-tight"),
            ("how long do i rest between sets", "rest"),
            ("can i leave the wraps on between sets??", "between-sets"),
            ("does occlusion actually build muscle", "builds-muscle"),
            ("what even is occlusion training", "what-is-bfr"),
            ("what weight should i use for bfr curls", "load"),
            ("how many reps and sets", "sets-reps"),
            ("where do u put the strap on your arm", "placement"),
            ("how wide should my cuff be", "width"),
            ("how long can i keep the cuff on", "time-limit"),
            ("how many times a week should i do it", "frequency"),
            ("is the 290x growth hormone thing real?", "growth-hormone"),
            ("is bfr dangerous", "is-it-safe"),
            ("who should not do blood flow restriction", "who-should-not"),
            ("im a total beginner can i try this", "beginners"),
            ("can bfr help me recover from a knee injury", "rehab"),
            ("is kaatsu worth the money", "kaatsu-vs-wraps"),
            (
                "do i need a proper cuff or are knee wraps fine",
                "wrap-or-cuff",
            ),
            ("can i combine it with heavy lifting", "combine-heavy"),
            ("can I wear them while walking on the treadmill", "cardio"),
            ("how do i estimate my 1rm", "estimate-1rm"),
            (
                "is bfr as good as heavy lifting for strength",
                "strength-vs-heavy",
            ),
            ("Why does BFR work?", "how-it-works"),
            ("does bfr work?", "builds-muscle"),
            ("what pressure is 7/10", "how-tight"),
            ("bfr for runners", "endurance"),
            ("which is better kaatsu or knee wraps", "kaatsu-vs-wraps"),
            ("should I take the band off after each set", "between-sets"),
            ("how heavy should i go", "load"),
            ("is kaatsu the same as occlusion", "names"),
            ("can you build muscle with kaatsu", "builds-muscle"),
            ("how often should you do kaatsu", "frequency"),
            ("how do I put the cuffs on", "putting-on"),
            ("will bfr help me lose weight", "weight-loss"),
            ("how long until i see results", "results-timeline"),
            ("can bfr give you rhabdo", "rhabdo"),
            ("is it ok for teenagers", "teenagers"),
            ("does bfr hurt", "how-it-feels"),
            ("who is bfr for", "who-should-not"),
            ("the physiology of blood flow restriction", "how-it-works"),
            ("how does occlusion lead to hypertrophy", "how-it-works"),
            ("how long does it take for bfr to work", "results-timeline"),
            ("bfr after total knee arthroplasty", "after-surgery"),
            ("precautions for blood flow restriction", "is-it-safe"),
            ("how to wear bfr bands", "putting-on"),
            ("what size bfr bands should i get", "width"),
            ("is bfr effective", "builds-muscle"),
            ("how quickly does bfr work", "results-timeline"),
            ("when should you stop bfr training", "warning-signs"),
            ("an introduction to occlusion training", "what-is-bfr"),
            ("why does bfr training cause muscle soreness", "soreness"),
            (
                "what are the main benefits of occlusion training",
                "builds-muscle",
            ),
            (
                "is blood flow restriction ok for young athletes",
                "teenagers",
            ),
        ];
        for (q, want) in cases {
            let shown: Vec<(&str, f32)> = ranked(q, 3)
                .iter()
                .map(|m| (m.entry.id, m.confidence))
                .collect();
            assert_eq!(answer_id(q), Some(want), "{q:?} -> {shown:?}");
        }
    }

    #[test]
    fn misspelt_questions_still_find_their_entry() {
        let cases = [
            ("how tigth should the wrap be", "how-tight"),
            ("can occlusoin cause rhabdomyolisis", "rhabdo"),
            ("bruissing after bfr", "bruising"),
        ];
        for (q, want) in cases {
            assert_eq!(answer_id(q), Some(want), "{q:?}");
        }
    }

    #[test]
    fn every_entry_answers_its_own_question_and_variants() {
        let mut wrong = Vec::new();
        for e in ENTRIES {
            for q in std::iter::once(e.question).chain(e.variants.iter().copied()) {
                let first = ranked(q, 1).first().map(|m| m.entry.id);
                if first != Some(e.id) {
                    wrong.push(format!("{q:?} -> {first:?}, not {}", e.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn off_topic_and_junk_give_no_answer() {
        let long = "lorem ipsum dolor sit amet ".repeat(400);
        let cases = [
            "what's the capital of france",
            "best protein powder flavour",
            "",
            "   ",
            "???!!!",
            "💪🔥🩸",
            "how long should i sleep",
            "who won the game last night",
            "recommend me a good anime",
            "is creatine safe",
            "how tight should my shoes be",
            "how heavy should my backpack be",
            "how often should i water my plants",
            "can you help me with my homework",
            long.as_str(),
        ];
        let answered: Vec<String> = cases
            .iter()
            .filter_map(|q| {
                let shown: String = q.chars().take(40).collect();
                let best = ranked(q, 2);
                answer_id(q).map(|id| format!("{shown:?} -> {id} {best:?}"))
            })
            .collect();
        assert!(answered.is_empty(), "{answered:#?}");
    }

    #[test]
    fn unsure_lookups_offer_the_closest_entries() {
        match lookup("is it worth buying a gauge for home use", 3) {
            Lookup::Unsure(closest) => {
                assert!(!closest.is_empty() && closest.len() <= 3);
            }
            other => panic!("expected suggestions, got {other:?}"),
        }
        assert!(matches!(lookup("zzzz qqqq", 3), Lookup::Nothing));
    }

    #[test]
    fn huge_and_odd_input_does_not_panic() {
        let inputs = [
            "a".repeat(10_000),
            "é".repeat(10_000),
            "bfr ".repeat(2_500),
            "🩸wrap🩸".repeat(1_500),
            "\u{0}\u{feff}ß İ ǅ".to_owned(),
        ];
        for q in &inputs {
            let _ = lookup(q, 3);
            let all = ranked(q, 100);
            assert!(all.len() <= ENTRIES.len());
            assert!(all.iter().all(|m| (0.0..=1.0).contains(&m.confidence)));
        }
    }

    #[test]
    fn ranked_is_ordered_and_limited() {
        let all = ranked("how tight should the wrap be on my legs", 5);
        assert!(!all.is_empty() && all.len() <= 5);
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(ranked("how tight", 0).is_empty());
    }

    #[test]
    fn entries_are_well_formed() {
        assert!((40..=60).contains(&ENTRIES.len()));
        let ids: HashSet<&str> = ENTRIES.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), ENTRIES.len(), "duplicate ids");
        for e in ENTRIES {
            assert!(e.answer.chars().count() <= 1024, "{} answer too long", e.id);
            // The question is a button label too, and Discord cuts those at 80.
            assert!(
                e.question.chars().count() <= 80,
                "{} question too long",
                e.id
            );
            assert!(!e.variants.is_empty(), "{} has no variants", e.id);
            assert!(!e.sources.trim().is_empty(), "{} has no sources", e.id);
            assert!(
                !e.answer.contains('@') && !e.answer.contains("http"),
                "{}",
                e.id
            );
            assert!(
                (2..=3).contains(&e.related.len()) || e.related.len() == 2,
                "{}",
                e.id
            );
            for r in e.related {
                assert!(ids.contains(r) && *r != e.id, "{}: related {r}", e.id);
            }
            // Custom IDs carry the id; Discord allows 100 characters.
            assert!(
                e.id.len() <= 40
                    && e.id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            );
        }
    }

    #[test]
    fn health_entries_send_people_to_a_doctor() {
        let health = [
            "is-it-safe",
            "side-effects",
            "bruising",
            "numbness",
            "rhabdo",
            "blood-clots",
            "who-should-not",
            "older-adults",
            "teenagers",
            "women",
            "rehab",
            "after-surgery",
            "arthritis",
            "soreness",
            "how-it-feels",
        ];
        for id in health {
            let e = entry(id).unwrap();
            let text = e.answer.to_lowercase();
            assert!(
                text.contains("doctor") || text.contains("physio") || text.contains("emergency"),
                "{id}"
            );
        }
    }
}
