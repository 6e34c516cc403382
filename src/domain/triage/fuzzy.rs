//! Spelling correction towards the lexicon: a bounded Damerau-Levenshtein distance
//! (one edit for words of five letters or more, two from eight), with guards so that
//! ordinary words never turn into medical ones ("clothing" is not "clotting").

use std::collections::{HashMap, HashSet};

/// Words shorter than this are never corrected: too many real words are one edit apart.
const MIN_LENGTH: usize = 5;
/// Words from this length may be two edits away.
const TWO_EDITS_FROM: usize = 8;
/// Longer tokens are not words anyone misspelled; skipping them bounds the work.
const MAX_LENGTH: usize = 32;

/// Real words one or two edits from a correction target, found by running an English
/// word list through the corrector, plus the trap words of the domain. They are never
/// corrected.
const PROTECTED: &[&str] = &[
    // Trap words and look-alike medical words.
    "angioedema",
    "angiogenesis",
    "cardio",
    "clothe",
    "clothing",
    "clotrimazole",
    "heartburn",
    "hearth",
    "hearty",
    "hemangioma",
    "metabolism",
    "myostatin",
    "nystatin",
    "peacemaker",
    "persistent",
    "statin",
    // Ordinary words and names next to a medicine or condition name.
    "alsace",
    "arthritic",
    "berger",
    "burger",
    "concord",
    "concur",
    "condor",
    "connor",
    "cored",
    "corey",
    "corollary",
    "coronado",
    "coronal",
    "coronale",
    "coverall",
    "covertly",
    "denigrate",
    "dietetic",
    "digitally",
    "dioxin",
    "diuresis",
    "divan",
    "ectopia",
    "entreaty",
    "epstein",
    "euler",
    "fallout",
    "fallow",
    "haemolysis",
    "halter",
    "hemolysis",
    "hench",
    "holder",
    "holier",
    "holler",
    "holster",
    "hooter",
    "hotter",
    "inaction",
    "inflection",
    "infliction",
    "infraction",
    "lanolin",
    "lasik",
    "liliana",
    "marian",
    "multan",
    "palliation",
    "palpation",
    "petal",
    "reserving",
    "sepal",
    "septa",
    "syncopate",
    "syncopation",
    "tetrasomy",
    "thinned",
    "wayfaring",
    "wolfe",
];

/// Correction targets whose near neighbours are common words ("stent"/"spent",
/// "stroke"/"strike", "aorta"/"sorta", "faint"/"feint"): they must be spelled exactly.
const EXACT_ONLY: &[&str] = &[
    "ablation",
    "aorta",
    "atrial",
    "cardiac",
    "carotid",
    "edema",
    "faint",
    "mitral",
    "stent",
    "stroke",
    "unconscious",
];

/// A correction target, with what the cheap filters need.
#[derive(Debug)]
struct Candidate {
    chars: Vec<char>,
    text: String,
    letters: u32,
}

/// Index of the lexicon words that misspellings may be corrected to.
#[derive(Debug, Default)]
pub(crate) struct SpellingIndex {
    /// Candidates grouped by first letter.
    by_first_letter: HashMap<char, Vec<Candidate>>,
    protected: HashSet<&'static str>,
}

/// Which of the letters a-z occur in a word. One edit changes at most two of these bits,
/// so words whose sets differ more cannot be close: a cheap test before the real one.
fn letter_set(chars: &[char]) -> u32 {
    chars
        .iter()
        .filter(|c| c.is_ascii_lowercase())
        .fold(0, |set, &c| set | 1 << (c as u32 - 'a' as u32))
}

impl SpellingIndex {
    /// Builds the index from lexicon words; short words and exact-only words are left out.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = SpellingIndex {
            protected: PROTECTED.iter().copied().collect(),
            ..SpellingIndex::default()
        };
        let exact_only: HashSet<&str> = EXACT_ONLY.iter().copied().collect();
        let mut seen = HashSet::new();
        for word in words {
            let chars: Vec<char> = word.chars().collect();
            // Inflected forms ("clotting", "fainted") sit one or two edits from many
            // ordinary "-ing"/"-ed" words ("clocking", "feinted").
            let inflected = word.ends_with("ing") || word.ends_with("ed");
            let usable = (MIN_LENGTH..=MAX_LENGTH).contains(&chars.len())
                && chars.iter().all(|c| c.is_alphabetic())
                && !inflected
                && !exact_only.contains(word)
                && seen.insert(word.to_string());
            if let (true, Some(&first)) = (usable, chars.first()) {
                index
                    .by_first_letter
                    .entry(first)
                    .or_default()
                    .push(Candidate {
                        letters: letter_set(&chars),
                        chars,
                        text: word.to_string(),
                    });
            }
        }
        index
    }

    /// The closest lexicon word within the allowed distance (the first one on a tie: all
    /// targets are cardiac words, so a tie cannot change the category). The first letter
    /// must agree (or be swapped with the second): people rarely get it wrong, and
    /// requiring it removes most accidental matches.
    pub(crate) fn correct(&self, word: &str) -> Option<&str> {
        let length = word.chars().count();
        if !(MIN_LENGTH..=MAX_LENGTH).contains(&length)
            || !word.chars().all(char::is_alphabetic)
            || self.protected.contains(word)
        {
            return None;
        }
        let chars: Vec<char> = word.chars().collect();
        let letters = letter_set(&chars);
        let same_first = chars
            .first()
            .and_then(|c| self.by_first_letter.get(c))
            .into_iter()
            .flatten()
            .map(|candidate| (candidate, false));
        let swapped_first = chars
            .get(1)
            .filter(|&c| Some(c) != chars.first())
            .and_then(|c| self.by_first_letter.get(c))
            .into_iter()
            .flatten()
            .map(|candidate| (candidate, true));
        let mut best: Option<(usize, &str)> = None;
        for (candidate, swapped) in same_first.chain(swapped_first) {
            if swapped && candidate.chars.get(1) != chars.first() {
                continue;
            }
            let limit = if length.min(candidate.chars.len()) >= TWO_EDITS_FROM {
                2
            } else {
                1
            };
            let letters_differ = (letters ^ candidate.letters).count_ones() as usize;
            if length.abs_diff(candidate.chars.len()) > limit || letters_differ > 2 * limit {
                continue;
            }
            let Some(distance) = distance_within(&chars, &candidate.chars, limit) else {
                continue;
            };
            if best.is_none_or(|(known, _)| distance < known) {
                best = Some((distance, candidate.text.as_str()));
            }
        }
        best.filter(|&(distance, _)| distance > 0)
            .map(|(_, text)| text)
    }
}

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance between `a` and
/// `b`, or `None` as soon as it must exceed `limit`. Words longer than the corrector
/// handles are never close.
pub(crate) fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    const WIDTH: usize = MAX_LENGTH + 1;
    if a.len().abs_diff(b.len()) > limit || a.len() > MAX_LENGTH || b.len() > MAX_LENGTH {
        return None;
    }
    let width = b.len() + 1;
    let mut before_previous = [0usize; WIDTH];
    let mut previous = [0usize; WIDTH];
    let mut current = [0usize; WIDTH];
    for (j, cell) in previous.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_minimum = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before_previous[j - 2] + 1);
            }
            current[j] = value;
            row_minimum = row_minimum.min(value);
        }
        if row_minimum > limit {
            return None;
        }
        before_previous = previous;
        previous = current;
    }
    Some(previous[width - 1]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance_within(&a, &b, 3)
    }

    #[test]
    fn counts_edits_and_transpositions() {
        assert_eq!(distance("heart", "heart"), Some(0));
        assert_eq!(distance("haert", "heart"), Some(1));
        assert_eq!(distance("arythmia", "arrhythmia"), Some(2));
        assert_eq!(distance("", "abc"), Some(3));
        assert_eq!(distance("abcdefgh", "zzzzzzzz"), None);
        assert_eq!(distance(&"a".repeat(40), &"a".repeat(40)), None);
    }

    fn index() -> SpellingIndex {
        SpellingIndex::new([
            "arrhythmia",
            "warfarin",
            "clotting",
            "embolism",
            "metoprolol",
            "stent",
            "xarelto",
            "eliquis",
            "thrombosis",
        ])
    }

    #[test]
    fn corrects_common_misspellings() {
        let index = index();
        assert_eq!(index.correct("arrythmia"), Some("arrhythmia"));
        assert_eq!(index.correct("warferin"), Some("warfarin"));
        assert_eq!(index.correct("embolisim"), Some("embolism"));
        assert_eq!(index.correct("metropolol"), Some("metoprolol"));
        assert_eq!(index.correct("elequis"), Some("eliquis"));
        assert_eq!(index.correct("thrombosus"), Some("thrombosis"));
        assert_eq!(index.correct("awrfarin"), Some("warfarin"));
    }

    #[test]
    fn leaves_real_words_and_exact_words_alone() {
        let index = index();
        // "clotting" is an inflected form, "stent" is exact-only, "clothing" protected.
        assert_eq!(index.correct("clothing"), None);
        assert_eq!(index.correct("clocking"), None);
        assert_eq!(index.correct("spent"), None);
        assert_eq!(index.correct("warfarin"), None);
        assert_eq!(index.correct("hemolysis"), None);
    }

    #[test]
    fn ignores_numbers_long_tokens_and_other_scripts() {
        let index = index();
        assert_eq!(index.correct("12345"), None);
        assert_eq!(index.correct(&"a".repeat(500)), None);
        assert_eq!(index.correct("心臓心臓心臓"), None);
    }
}
