//! Whether a symptom is described as happening now (stop and call emergency services)
//! or only asked about ("what are the symptoms of angina?"), remembered ("passed out
//! last year") or recurring ("I get chest pain when I run").
//!
//! Cues are read from the sentence that holds the symptom and matched against raw words;
//! a cue with spaces matches consecutive words.

use super::concept::{Acuity, Finding};
use super::normalize::{sentence_window, Token};

/// Cues that the symptom is happening right now.
const NOW: &[&str] = &[
    "now",
    "rn",
    "currently",
    "atm",
    "at the moment",
    "suddenly",
    "sudden",
    "out of nowhere",
    "started",
    "starting",
    "help",
    "911",
    "999",
    "112",
    "ambulance",
    "today",
    "tonight",
    "this morning",
    "wont go away",
    "not going away",
    "wont stop",
    "getting worse",
    "minutes",
    "mid set",
    "middle of",
    "just passed",
    "just fainted",
    "just collapsed",
    "just coughed",
    "just started",
    "just had",
    "just got",
    "just woke",
    "as we speak",
    "as i type",
    "happening",
];
/// Cues of a general or hypothetical question.
const GENERAL: &[&str] = &[
    "symptoms of",
    "symptom of",
    "signs of",
    "sign of",
    "warning signs",
    "what is",
    "what are",
    "what causes",
    "causes of",
    "cause of",
    "treatment for",
    "treatments for",
    "treatment of",
    "information",
    "info",
    "tell me about",
    "feel like",
    "how do you know",
    "how can you tell",
    "how to tell",
    "how do i know",
    "risk of",
    "risks of",
    "chance of",
    "chances of",
    "what happens",
    "what to do if",
    "what should you do",
    "can bfr",
    "does bfr",
    "could",
    "would",
    "if",
    "whether",
    "in case",
    "prevent",
    "avoid",
    "is it normal",
    "normal to",
    "research",
    "study",
    "what does",
    "why do",
    "why does",
    "how does",
    "can you",
    "can it",
    "will bfr",
    "is bfr",
    "someone",
    "people",
    "somebody",
    "a person",
];
/// Cues that it happened before, not now.
const PAST: &[&str] = &[
    "ago",
    "last week",
    "last month",
    "last year",
    "last time",
    "years",
    "in the past",
    "used to",
    "history",
    "once",
    "previously",
    "back in",
    "when i was",
    "had",
    "yesterday",
    "last night",
    "before",
    "was diagnosed",
    "months",
    "weeks",
];
/// Cues that it recurs rather than happening now.
const HABITUAL: &[&str] = &[
    "when",
    "whenever",
    "sometimes",
    "often",
    "always",
    "usually",
    "every time",
    "everytime",
    "each time",
    "tend",
    "tends",
    "get",
    "gets",
    "occasionally",
    "frequently",
    "regularly",
    "been",
    "lately",
    "recently",
    "on and off",
    "off and on",
    "for weeks",
    "for months",
    "for days",
    "happens",
    "times",
];
/// Cues of a near miss ("almost passed out"), which is a doctor visit, not 911.
const NEAR_MISS: &[&str] = &[
    "almost",
    "nearly",
    "close to",
    "about to",
    "felt like",
    "feel like",
    "feels like",
    "going to",
    "gonna",
    "might",
    "may",
];
/// The writer or someone with them.
const PERSONAL: &[&str] = &[
    "i", "im", "ive", "id", "me", "my", "mine", "myself", "we", "our", "us", "he", "she", "his",
    "her", "hes", "shes", "him",
];
/// Present-tense claims ("my chest hurts", "I'm having ...").
const PRESENT: &[&str] = &[
    "have", "having", "hurts", "hurting", "is", "feels", "feel", "got", "am", "im", "getting",
    "keeps", "keep", "still",
];

/// How close, in tokens, a present-tense claim must be to the symptom.
const CLAIM_REACH: usize = 3;

/// Whether the finding describes something happening now that needs emergency services.
pub(crate) fn is_happening_now(tokens: &[Token], finding: &Finding) -> bool {
    let acuity = finding.concept.acuity();
    if acuity == Acuity::Never {
        return false;
    }
    let window = sentence_window(tokens, finding.first);
    let words: Vec<&str> = tokens[window.clone()]
        .iter()
        .map(|t| t.raw.as_str())
        .collect();
    if words.is_empty() {
        return false;
    }
    let has = |cues: &[&str]| cues.iter().any(|cue| contains_phrase(&words, cue));
    // "my chest hurts", "I'm having chest pain": the present-tense claim is next to the
    // symptom, not anywhere in a long sentence.
    let claim_start = finding.first.saturating_sub(CLAIM_REACH).max(window.start);
    let claim_end = (finding.last + CLAIM_REACH + 1).min(window.end);
    let claimed_now = tokens
        .get(claim_start..claim_end)
        .into_iter()
        .flatten()
        .any(|t| PRESENT.contains(&t.raw.as_str()));
    let personal = has(PERSONAL);
    let general = has(GENERAL);
    if has(NOW) && (personal || !general) {
        return true;
    }
    if general || has(PAST) || has(HABITUAL) {
        return false;
    }
    match acuity {
        Acuity::Inherent => !has(NEAR_MISS),
        Acuity::WhenHappeningNow => personal && claimed_now,
        Acuity::Never => false,
    }
}

/// Whether `phrase` (up to four words) occurs as consecutive `words`.
fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let mut parts = phrase.split(' ');
    let Some(first) = parts.next() else {
        return false;
    };
    let rest = [parts.next(), parts.next(), parts.next()];
    words.iter().enumerate().any(|(start, word)| {
        *word == first
            && rest
                .iter()
                .flatten()
                .enumerate()
                .all(|(offset, part)| words.get(start + 1 + offset) == Some(part))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::concept::Concept;
    use crate::domain::triage::normalize::tokenize;

    fn now(text: &str, concept: Concept) -> bool {
        let tokens = tokenize(text);
        is_happening_now(&tokens, &Finding::new(concept, 0, 0))
    }

    #[test]
    fn chest_pain_now_is_urgent() {
        assert!(now("my chest hurts right now", Concept::ChestPain));
        assert!(now("I have chest pain", Concept::ChestPain));
        assert!(now(
            "chest pain started 20 minutes ago and wont go away",
            Concept::ChestPain
        ));
    }

    #[test]
    fn questions_habits_and_history_are_not() {
        assert!(!now(
            "what are the symptoms of chest pain",
            Concept::ChestPain
        ));
        assert!(!now("I get chest pain when I run", Concept::ChestPain));
        assert!(!now("I had chest pain last year", Concept::ChestPain));
        assert!(!now(
            "is it normal to get chest pain during bfr",
            Concept::ChestPain
        ));
    }

    #[test]
    fn inherent_emergencies_need_no_time_cue() {
        assert!(now("my friend collapsed at the gym", Concept::Fainting));
        assert!(now("crushing pain in my chest", Concept::CrushingChestPain));
        assert!(!now("I almost passed out after squats", Concept::Fainting));
        assert!(!now("I passed out last week", Concept::Fainting));
        assert!(!now("can bfr make you pass out", Concept::Fainting));
    }

    #[test]
    fn conditions_are_never_emergencies() {
        assert!(!now("I have afib right now", Concept::HeartCondition));
    }

    #[test]
    fn phrases_match_consecutive_words() {
        assert!(contains_phrase(&["right", "now"], "now"));
        assert!(contains_phrase(&["at", "the", "moment"], "at the moment"));
        assert!(!contains_phrase(&["the", "at", "moment"], "at the moment"));
        assert!(!contains_phrase(&[], "now"));
    }
}
