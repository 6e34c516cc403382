//! Compiles the term lists once and finds their matches in a token stream, checking
//! each term's context guards.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::concept::Finding;
use super::fuzzy::SpellingIndex;
use super::normalize::{fold, sentence_window, Token};
use super::term::Term;
use super::{abbreviations, caution, generated, lexicon, medicines, symptoms, Category};

/// Wildcard patterns are indexed by this many leading or trailing letters.
const KEY_LENGTH: usize = 3;

/// Compound spellings that contain a lexicon word but mean something else.
const TRAP_COMPOUNDS: &[&str] = &[
    "heartburn",
    "sweetheart",
    "heartbreak",
    "heartbroken",
    "heartfelt",
    "heartwarming",
];

#[derive(Debug)]
enum Pattern {
    Exact(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
}

impl Pattern {
    fn compile(word: &str) -> Self {
        let lower = word.to_lowercase();
        match (lower.strip_prefix('*'), lower.strip_suffix('*')) {
            (Some(rest), _) if rest.ends_with('*') => {
                Pattern::Contains(rest.trim_end_matches('*').to_string())
            }
            (Some(rest), None) => Pattern::Suffix(rest.to_string()),
            (None, Some(rest)) => Pattern::Prefix(rest.to_string()),
            _ => Pattern::Exact(fold(&lower)),
        }
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            Pattern::Exact(exact) => word == exact,
            Pattern::Prefix(prefix) => word.len() > prefix.len() && word.starts_with(prefix),
            Pattern::Suffix(suffix) => word.len() > suffix.len() && word.ends_with(suffix),
            Pattern::Contains(inner) => word.len() > inner.len() && word.contains(inner.as_str()),
        }
    }
}

#[derive(Debug)]
struct CompiledTerm {
    source: Term,
    words: Vec<Pattern>,
    except: Vec<String>,
    not_after: Vec<String>,
    only_after: Vec<String>,
    not_before: Vec<String>,
    near: Vec<String>,
    also_near: Vec<String>,
    not_in_sentence: Vec<String>,
    unless_in_sentence: Vec<String>,
}

fn folded(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| fold(&w.to_lowercase())).collect()
}

impl CompiledTerm {
    fn new(source: Term) -> Self {
        CompiledTerm {
            words: source
                .phrase
                .split_whitespace()
                .map(Pattern::compile)
                .collect(),
            except: folded(source.except),
            not_after: folded(source.not_after),
            only_after: folded(source.only_after),
            not_before: folded(source.not_before),
            near: folded(source.near),
            also_near: folded(source.also_near),
            not_in_sentence: folded(source.not_in_sentence),
            unless_in_sentence: folded(source.unless_in_sentence),
            source,
        }
    }
}

/// All term lists, compiled.
#[derive(Debug)]
pub(crate) struct Lexicon {
    terms: Vec<CompiledTerm>,
    /// Terms whose first word is exact, keyed by that word.
    by_first_word: HashMap<String, Vec<usize>>,
    /// Terms whose first word is a wildcard, keyed by the first or last three letters
    /// of the pattern so that a token only meets the patterns it could match.
    by_prefix: HashMap<String, Vec<usize>>,
    by_suffix: HashMap<String, Vec<usize>>,
    /// Wildcard terms without such a key ("*thromb*"); checked against every token.
    other_wildcards: Vec<usize>,
    /// Every exact word the rules look at; such words are never spell-corrected.
    known_words: HashSet<String>,
    spelling: SpellingIndex,
}

/// The compiled lexicon, built on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

/// Words that other modules match by hand; listed so they are never spell-corrected.
const HAND_MATCHED_WORDS: &[&str] = &[
    "pressure",
    "blood",
    "bp",
    "rate",
    "resting",
    "rhr",
    "hr",
    "bpm",
    "pulse",
    "reading",
    "systolic",
    "diastolic",
    "mmhg",
    "high",
    "low",
    "year",
    "years",
    "old",
    "age",
    "aged",
    "bench",
    "press",
    "squat",
    "deadlift",
    "meds",
    "medication",
    "muscle",
    "sore",
];

impl Lexicon {
    fn build() -> Self {
        let sources = lexicon::TERMS
            .iter()
            .chain(symptoms::TERMS)
            .chain(medicines::TERMS)
            .chain(caution::TERMS)
            .chain(abbreviations::TERMS)
            .copied();
        let mut terms: Vec<CompiledTerm> = sources.map(CompiledTerm::new).collect();
        // A word the hand-written rules already match keeps only their version: theirs
        // carries the context guards ("timolol eye drops", "aspirin for a headache").
        let mut hand_words: HashSet<String> = HashSet::new();
        let mut hand_wildcards: Vec<&Pattern> = Vec::new();
        for hand in &terms {
            match hand.words.as_slice() {
                [Pattern::Exact(word)] => {
                    hand_words.insert(word.clone());
                }
                [pattern] => hand_wildcards.push(pattern),
                _ => {}
            }
        }
        let generated: Vec<CompiledTerm> = generated::terms()
            .into_iter()
            .map(CompiledTerm::new)
            .filter(|generated| match generated.words.as_slice() {
                [Pattern::Exact(word)] => {
                    !hand_words.contains(word) && !hand_wildcards.iter().any(|p| p.matches(word))
                }
                _ => true,
            })
            .collect();
        terms.extend(generated);
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_suffix: HashMap<String, Vec<usize>> = HashMap::new();
        let mut other_wildcards = Vec::new();
        let mut known_words: HashSet<String> = folded(HAND_MATCHED_WORDS).into_iter().collect();
        let mut phrase_words: Vec<String> = Vec::new();
        for (id, compiled) in terms.iter().enumerate() {
            match compiled.words.first() {
                Some(Pattern::Exact(first)) => {
                    by_first_word.entry(first.clone()).or_default().push(id)
                }
                Some(Pattern::Prefix(prefix)) if prefix.len() >= KEY_LENGTH => by_prefix
                    .entry(prefix[..KEY_LENGTH].to_string())
                    .or_default()
                    .push(id),
                Some(Pattern::Suffix(suffix)) if suffix.len() >= KEY_LENGTH => by_suffix
                    .entry(suffix[suffix.len() - KEY_LENGTH..].to_string())
                    .or_default()
                    .push(id),
                Some(_) => other_wildcards.push(id),
                None => {}
            }
            for pattern in &compiled.words {
                if let Pattern::Exact(word) = pattern {
                    known_words.insert(word.clone());
                }
            }
            // Only single-word cardiac names are correction targets: phrase words,
            // body words that need a symptom nearby, and non-cardiac words are too often
            // ordinary English ("block", "ankle", "score").
            let standalone = compiled.near.is_empty()
                && compiled.only_after.is_empty()
                && !compiled.source.exact_spelling;
            if let ([Pattern::Exact(word)], Category::Heart, true) = (
                compiled.words.as_slice(),
                compiled.source.concept.category(),
                standalone,
            ) {
                phrase_words.push(word.clone());
            }
            for list in [
                &compiled.near,
                &compiled.also_near,
                &compiled.not_before,
                &compiled.not_after,
                &compiled.only_after,
                &compiled.not_in_sentence,
                &compiled.except,
            ] {
                known_words.extend(list.iter().cloned());
            }
        }
        let spelling = SpellingIndex::new(phrase_words.iter().map(String::as_str));
        Lexicon {
            terms,
            by_first_word,
            by_prefix,
            by_suffix,
            other_wildcards,
            known_words,
            spelling,
        }
    }

    /// Replaces misspelled words by the lexicon word they are closest to.
    pub(crate) fn correct_spelling(&self, tokens: &mut [Token]) {
        for token in tokens.iter_mut() {
            // A word a wildcard already matches is a correct spelling of its class
            // ("lercanidipine" by "-dipine"), not a slip for a nearby listed name.
            if self.known_words.contains(&token.word) || self.wildcard_matches(&token.word) {
                continue;
            }
            if let Some(corrected) = self.spelling.correct(&token.word) {
                token.word = corrected.to_string();
            }
        }
    }

    fn wildcard_matches(&self, word: &str) -> bool {
        let prefix_key = word.get(..KEY_LENGTH);
        let suffix_key = word
            .len()
            .checked_sub(KEY_LENGTH)
            .and_then(|at| word.get(at..));
        [
            prefix_key.and_then(|key| self.by_prefix.get(key)),
            suffix_key.and_then(|key| self.by_suffix.get(key)),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .any(|&id| {
            self.terms[id]
                .words
                .first()
                .is_some_and(|pattern| pattern.matches(word))
        })
    }

    /// Every term match in the text, negated or not.
    pub(crate) fn find(&self, tokens: &[Token], negated: &[bool]) -> Vec<Finding> {
        let context = Context::new(tokens, negated);
        let mut findings = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            if context.trapped[index] {
                continue;
            }
            let word = token.word.as_str();
            let exact = self.by_first_word.get(word).into_iter().flatten();
            let prefix_key = word.get(..KEY_LENGTH);
            let suffix_key = word
                .len()
                .checked_sub(KEY_LENGTH)
                .and_then(|at| word.get(at..));
            let keyed = [
                prefix_key.and_then(|key| self.by_prefix.get(key)),
                suffix_key.and_then(|key| self.by_suffix.get(key)),
                Some(&self.other_wildcards),
            ];
            let wildcards = keyed.into_iter().flatten().flatten().filter(|&&id| {
                self.terms[id]
                    .words
                    .first()
                    .is_some_and(|pattern| pattern.matches(word))
            });
            for &id in exact.chain(wildcards) {
                if let Some(finding) = self.try_term(&self.terms[id], &context, index, 1) {
                    findings.push(finding);
                }
            }
            if let Some(joined) = context.joined_with_next(index) {
                for &id in self.by_first_word.get(&joined).into_iter().flatten() {
                    let compiled = &self.terms[id];
                    if compiled.words.len() == 1 {
                        if let Some(finding) = self.try_term(compiled, &context, index, 2) {
                            findings.push(finding);
                        }
                    }
                }
            }
        }
        findings
    }

    /// Checks one term anchored at `index`, whose first word spans `width` tokens.
    fn try_term(
        &self,
        compiled: &CompiledTerm,
        context: &Context,
        index: usize,
        width: usize,
    ) -> Option<Finding> {
        let tokens = context.tokens;
        let anchor = &tokens[index];
        let mut next = index + width;
        for pattern in compiled.words.iter().skip(1) {
            let token = tokens.get(next)?;
            if token.clause != anchor.clause
                || !pattern.matches(&token.word)
                || context.trapped[next]
            {
                return None;
            }
            next += 1;
        }
        let mut last = next - 1;
        let source = &compiled.source;
        if source.caps_only && !anchor.all_caps {
            return None;
        }
        if contains(&compiled.except, &anchor.word) {
            return None;
        }
        let previous = index.checked_sub(1).map(|i| tokens[i].word.as_str());
        if previous.is_some_and(|p| contains(&compiled.not_after, p)) {
            return None;
        }
        if !compiled.only_after.is_empty()
            && !previous.is_some_and(|p| contains(&compiled.only_after, p))
        {
            return None;
        }
        if tokens
            .get(last + 1)
            .is_some_and(|t| contains(&compiled.not_before, &t.word))
        {
            return None;
        }
        let mut first = index;
        let mut negated = (index..=last).any(|i| context.negated.get(i).copied().unwrap_or(false));
        for list in [&compiled.near, &compiled.also_near] {
            if list.is_empty() {
                continue;
            }
            let (found, found_negated) = context.nearest(index, last, list, source.window)?;
            first = first.min(found);
            last = last.max(found);
            negated |= found_negated;
        }
        // Sentence checks last: they read the most tokens.
        if !compiled.not_in_sentence.is_empty()
            && context.sentence_has(index, &compiled.not_in_sentence)
            && !context.sentence_has(index, &compiled.unless_in_sentence)
        {
            return None;
        }
        Some(Finding {
            concept: source.concept,
            detail: source.detail,
            first,
            last,
            negated,
        })
    }
}

fn contains(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// Per-message facts shared by all term checks.
struct Context<'a> {
    tokens: &'a [Token],
    negated: &'a [bool],
    /// Tokens that are part of a trap compound written apart ("heart burn").
    trapped: Vec<bool>,
}

impl<'a> Context<'a> {
    fn new(tokens: &'a [Token], negated: &'a [bool]) -> Self {
        let mut context = Context {
            tokens,
            negated,
            trapped: vec![false; tokens.len()],
        };
        for index in 0..tokens.len() {
            let is_trap = context
                .joined_with_next(index)
                .is_some_and(|joined| TRAP_COMPOUNDS.contains(&joined.as_str()));
            if is_trap {
                context.trapped[index] = true;
                context.trapped[index + 1] = true;
            }
        }
        context
    }

    /// The token and the next one written as one word ("a fib" -> "afib").
    fn joined_with_next(&self, index: usize) -> Option<String> {
        let first = self.tokens.get(index)?;
        let second = self.tokens.get(index + 1)?;
        // Lexicon words are short; longer pairs cannot form one.
        let short_enough = first.raw.len() + second.raw.len() <= 24;
        (first.clause == second.clause && short_enough).then(|| {
            let mut joined = String::with_capacity(first.raw.len() + second.raw.len());
            joined.push_str(&first.raw);
            joined.push_str(&second.raw);
            fold(&joined)
        })
    }

    fn sentence_has(&self, index: usize, words: &[String]) -> bool {
        self.tokens[sentence_window(self.tokens, index)]
            .iter()
            .any(|t| contains(words, &t.word))
    }

    /// Nearest token in `words` within `window` of the phrase, in the same clause,
    /// preferring one that is not negated. Returns its index and whether it is negated.
    fn nearest(
        &self,
        first: usize,
        last: usize,
        words: &[String],
        window: usize,
    ) -> Option<(usize, bool)> {
        let clause = self.tokens[first].clause;
        let start = first.saturating_sub(window);
        let end = (last + window).min(self.tokens.len() - 1);
        let mut best: Option<(usize, bool, usize)> = None;
        for index in (start..=end).filter(|&i| i < first || i > last) {
            let token = &self.tokens[index];
            if token.clause != clause || !contains(words, &token.word) {
                continue;
            }
            let negated = self.negated.get(index).copied().unwrap_or(false);
            let distance = if index < first {
                first - index
            } else {
                index - last
            };
            let better = match best {
                None => true,
                Some((_, best_negated, best_distance)) => {
                    (best_negated && !negated)
                        || (best_negated == negated && distance < best_distance)
                }
            };
            if better {
                best = Some((index, negated, distance));
            }
        }
        best.map(|(index, negated, _)| (index, negated))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::concept::Concept;
    use crate::domain::triage::normalize::tokenize;

    fn concepts(text: &str) -> Vec<Concept> {
        let lexicon = lexicon();
        let mut tokens = tokenize(text);
        lexicon.correct_spelling(&mut tokens);
        let negated = vec![false; tokens.len()];
        lexicon
            .find(&tokens, &negated)
            .into_iter()
            .map(|f| f.concept)
            .collect()
    }

    #[test]
    fn patterns_match_by_kind() {
        assert!(Pattern::compile("thromb*").matches("thrombosis"));
        assert!(Pattern::compile("*arteritis").matches("polyarteritis"));
        assert!(Pattern::compile("*cardiogra*").matches("echocardiogram"));
        assert!(Pattern::compile("clots").matches("clot"));
        assert!(!Pattern::compile("thromb*").matches("thromb"));
    }

    #[test]
    fn trap_compounds_written_apart_are_ignored() {
        assert!(!concepts("bad heart burn after pizza").contains(&Concept::HeartCondition));
        assert!(concepts("heart problems").contains(&Concept::HeartCondition));
    }

    #[test]
    fn words_written_apart_are_joined() {
        assert!(concepts("I have a fib").contains(&Concept::HeartCondition));
        assert!(concepts("he has a pace maker").contains(&Concept::CardiacProcedure));
    }

    #[test]
    fn misspellings_are_corrected_before_matching() {
        assert!(concepts("on warferin").contains(&Concept::CardiacMedicine));
        assert!(concepts("compression clothing").is_empty());
    }

    #[test]
    fn empty_input_finds_nothing() {
        assert!(concepts("").is_empty());
    }
}
