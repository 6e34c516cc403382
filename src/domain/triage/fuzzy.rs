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

/// Real words one or two edits from a lexicon word. They are never corrected.
const PROTECTED: &[&str] = &[
    "cardio", "cardios", "hearty", "hearth", "heard", "hears", "heartburn", "clothing",
    "clothe", "clotrimazole", "persistent", "persist", "spent", "scent", "stint", "value",
    "valued", "halve", "strike", "stoke", "stroked", "stroker", "sorta", "purse", "false",
    "station", "stating", "statue", "stain", "analysis", "paralysis", "dialysi", "epstein",
    "attach", "attic", "pacer", "faith", "paint", "saint", "feint", "dizzy", "fizzy", "ditzy",
    "veil", "reins", "vines", "venue", "venus", "aortas", "bypass", "bypassed", "emboss",
    "embolden", "emboldened", "stenos", "stents", "murmuring", "angiogenesis", "angioedema",
    "hemangioma", "thinning", "thinker", "thinner", "thinnest", "thickness", "throbbing",
    "metabolism", "catabolism", "anabolism", "ventral", "central", "atrium", "atriums",
    "strokes", "stroking", "coronal", "coronation", "corona", "coronavirus", "cardigan",
    "cardinal", "cardiff", "discarding", "mitral", "nitrate", "nitrates", "nitric",
    "statins", "myostatin", "nystatin", "insulin", "heparan", "plavix", "clotted",
    "presume", "pressured", "pressures", "pressing", "dressure", "clutter", "flutter",
    "fluttering", "glutes", "glute", "sprint", "sprints", "stented", "vaccine", "vaccinated",
    "ablution", "oblation", "ablative", "obligation", "embassy", "infarcted", "infract",
    "infraction", "diuresis", "diuretics", "phlebotomy", "varicella", "variance", "varied",
    "various", "ischial", "ischium", "tricep", "triceps", "bicep", "biceps", "bicuspid",
    "syncopated", "syncopation", "palpable", "palpate", "palpated", "coarse", "course",
    "pulses", "pulsing", "pulsed", "impulse", "repulse", "apnea", "warfare", "warframe",
    "heparin", "cardia", "aspiring", "aspirant", "aspire", "statistic", "stationary",
    "stationery", "artery", "arterial", "angina", "vagina", "vaginal", "anginal",
];

/// Lexicon words that must be spelled exactly: their near neighbours are common words
/// ("stent"/"spent", "valve"/"value", "heart"/"hearty", "stroke"/"strike").
const EXACT_ONLY: &[&str] = &[
    "heart", "stent", "valve", "aorta", "pulse", "edema", "faint", "stroke", "statin",
    "chest", "blood", "clot", "attack", "bypass", "murmur", "artery", "vein", "venous",
    "cardiac", "carotid", "atrial", "atrium", "mitral", "aspirin", "pressure", "thinner",
    "fainted", "passed", "failure", "disease", "syndrome", "vascular", "ablation", "nitro",
];

/// Index of the lexicon words that misspellings may be corrected to.
#[derive(Debug, Default)]
pub(crate) struct SpellingIndex {
    /// Candidate words grouped by first letter, as chars for the distance computation.
    by_first_letter: HashMap<char, Vec<(Vec<char>, String)>>,
    protected: HashSet<&'static str>,
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
            let usable = chars.len() >= MIN_LENGTH
                && chars.iter().all(|c| c.is_alphabetic())
                && !exact_only.contains(word)
                && seen.insert(word.to_string());
            if let (true, Some(&first)) = (usable, chars.first()) {
                index
                    .by_first_letter
                    .entry(first)
                    .or_default()
                    .push((chars, word.to_string()));
            }
        }
        index
    }

    /// The single closest lexicon word within the allowed distance, if there is exactly one.
    /// The first letter must agree (or be swapped with the second): people rarely get it
    /// wrong, and requiring it removes most accidental matches.
    pub(crate) fn correct(&self, word: &str) -> Option<&str> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < MIN_LENGTH
            || chars.len() > MAX_LENGTH
            || !chars.iter().all(|c| c.is_alphabetic())
            || self.protected.contains(word)
        {
            return None;
        }
        let mut best: Option<(usize, &str)> = None;
        let mut tied = false;
        let mut consider = |candidates: Option<&Vec<(Vec<char>, String)>>, swapped: bool| {
            for (candidate, text) in candidates.into_iter().flatten() {
                if swapped && candidate.get(1) != chars.first() {
                    continue;
                }
                let limit = if chars.len().min(candidate.len()) >= TWO_EDITS_FROM {
                    2
                } else {
                    1
                };
                let Some(distance) = distance_within(&chars, candidate, limit) else {
                    continue;
                };
                match best {
                    Some((known, known_text)) if distance == known && known_text != text => {
                        tied = true
                    }
                    Some((known, _)) if distance >= known => {}
                    _ => {
                        best = Some((distance, text.as_str()));
                        tied = false;
                    }
                }
            }
        };
        consider(chars.first().and_then(|c| self.by_first_letter.get(c)), false);
        if let Some(second) = chars.get(1).filter(|&&c| Some(&c) != chars.first()) {
            consider(self.by_first_letter.get(second), true);
        }
        match best {
            Some((distance, text)) if distance > 0 && !tied => Some(text),
            _ => None,
        }
    }
}

/// Optimal-string-alignment (restricted Damerau-Levenshtein) distance between `a` and
/// `b`, or `None` as soon as it must exceed `limit`.
pub(crate) fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before_previous: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
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
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
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
        assert_eq!(distance("hreat", "heart"), Some(1));
        assert_eq!(distance("arythmia", "arrhythmia"), Some(2));
        assert_eq!(distance("", "abc"), Some(3));
        assert_eq!(distance("abcdefgh", "zzzzzzzz"), None);
    }

    fn index() -> SpellingIndex {
        SpellingIndex::new([
            "arrhythmia", "warfarin", "clotting", "embolism", "metoprolol", "heart", "xarelto",
            "eliquis", "thrombosis",
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
        assert_eq!(index.correct("clothing"), None);
        assert_eq!(index.correct("hearty"), None);
        assert_eq!(index.correct("warfarin"), None);
        assert_eq!(index.correct("heat"), None);
        assert_eq!(index.correct("hearts"), None);
    }

    #[test]
    fn ignores_numbers_long_tokens_and_other_scripts() {
        let index = index();
        assert_eq!(index.correct("12345"), None);
        assert_eq!(index.correct(&"a".repeat(500)), None);
        assert_eq!(index.correct("心臓心臓心臓"), None);
    }
}
