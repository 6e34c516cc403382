//! Retrieval behind `/ask`: BM25 ranking of the written entries for a casual question.
//!
//! Words go through one analyser for entries and questions alike: lowercase, filler dropped,
//! a synonym table ("occlusion", "blood flow restriction" and "BFR" are one term; so are
//! "band", "cuff", "wrap" and "strap"), crude stemming, and, for questions only, spelling
//! correction against the words the entries use. Each entry is indexed twice with the
//! `bm25` crate: once per way of asking it (its question, its variants and the real
//! questions labelled with it in the tuning part, see [`super::asked`]) and once as its
//! answer. Wordings are the strong signal; the answer breaks ties and catches a question
//! phrased like the explanation rather than like another question.
//!
//! Ranking orders the entries; whether the first one is *the* answer is a separate call.
//! The confidence is the share of the question's weight (rare words weigh more, words no
//! entry uses weigh most) that the first entry's texts cover. The first entry is the answer
//! at [`ANSWER_THRESHOLD`], or from [`LEAD_THRESHOLD`] when it also leads the runner-up by
//! [`CLEAR_LEAD`]; otherwise the bot offers the closest questions instead of answering: a
//! confident wrong answer about restricting blood flow is worse than asking "did you mean".

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use bm25::{Embedder, EmbedderBuilder, Embedding, Scorer, TokenEmbedder, TokenEmbedding};

use super::asked;
use super::content::ENTRIES;
use super::FaqEntry;

// The three thresholds were tuned together on the tuning part of `tests/fixtures/ask-eval`
// only (`cargo test --test ask_eval -- --ignored --nocapture` sweeps them).

/// Confidence at which the first entry is the answer whatever the runner-up scores.
pub const ANSWER_THRESHOLD: f32 = 0.6;
/// Lower confidence that still answers when the first entry clearly leads.
pub const LEAD_THRESHOLD: f32 = 0.3;
/// How far ahead of the runner-up's score (as a share of the first's) counts as clear.
pub const CLEAR_LEAD: f32 = 0.2;

/// How much the answer text counts next to the best-matching wording.
const ANSWER_WEIGHT: f32 = 0.2;
/// Long pastes are cut: a real question is short, and this bounds the work per call.
const MAX_INPUT_CHARS: usize = 2_000;
const MAX_QUERY_TERMS: usize = 48;
/// Canonical term for "BFR", "occlusion", "blood flow restriction" and the like.
const DOMAIN_TERM: &str = "bfr";
const MECHANISM_TERM: &str = "mechanism";
/// The method's original name. Every entry is about the method, so a question that calls it
/// KAATSU ("is there a recovery period after KAATSU?") is covered by an entry that says BFR;
/// the word still ranks the entries about the names and the devices higher.
const KAATSU_TERM: &str = "kaatsu";
/// The share of what "KAATSU" adds to a score that is taken off when it is only the name.
const KAATSU_AS_NAME_DISCOUNT: f32 = 0.5;
const SUIT_TERM: &str = "suit";
const WRAP_TERM: &str = "wrap";
const WIDTH_TERM: &str = "width";
const APPLY_TERM: &str = "apply";
const SENSATION_TERM: &str = "sensation";
const PURPOSE_TERM: &str = "purpose";
const PLACE_TERM: &str = "place";
const ORIGIN_TERM: &str = "origin";
/// Added when a text names the method in two ways.
const NAMING_TERM: &str = "naming";
/// A word no entry uses weighs this share of the rarest word's weight: enough that an
/// off-topic question stays below the threshold, not so much that one stray word sinks a
/// clear question.
const UNKNOWN_WEIGHT_SHARE: f32 = 0.5;

/// An entry ranked for a question.
#[derive(Debug, Clone, Copy)]
pub struct FaqMatch {
    pub entry: &'static FaqEntry,
    /// BM25 score: only comparable between entries for the same question.
    pub score: f32,
    /// Share of the question's weight this entry covers, from 0 to 1.
    pub confidence: f32,
    /// How many of the question's terms this entry's texts use.
    pub matched: usize,
}

/// What the FAQ can say about a question.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// A written answer fits.
    Answer(FaqMatch),
    /// Nothing fits well enough; these are the closest entries, best first (never empty).
    Unsure(Vec<FaqMatch>),
    /// No entry shares a meaningful word with the question.
    Nothing,
}

/// The answer for `question`, or the closest entries when unsure.
pub fn lookup(question: &str, suggestions: usize) -> Lookup {
    index().lookup(question, suggestions)
}

/// Whether the first entry is safe to give as the answer, given the runner-up.
pub fn is_answer(best: &FaqMatch, runner_up: Option<&FaqMatch>) -> bool {
    let lead = lead(best, runner_up);
    // A lead built on a single shared word ("how heavy should my backpack be") is no lead.
    best.confidence >= ANSWER_THRESHOLD
        || (best.confidence >= LEAD_THRESHOLD && lead >= CLEAR_LEAD && best.matched >= 2)
}

/// How far the first entry is ahead of the runner-up, as a share of the first's ranking
/// key: the same quantity that put them in that order, so a runner-up with a higher BM25
/// score but less of the question covered does not cancel the lead.
pub fn lead(best: &FaqMatch, runner_up: Option<&FaqMatch>) -> f32 {
    runner_up.map_or(1.0, |second| 1.0 - rank_key(second) / rank_key(best))
}

/// The FAQ indexed with a given set of real questions instead of the shipped one, for
/// cross-validation on the tuning part: index all folds but one, ask that one.
pub struct Ranker(Index);

impl Ranker {
    /// `asked` holds `(entry id, question)` pairs; a pair naming no entry is left out.
    pub fn with_asked(asked: &[(&str, &str)]) -> Self {
        let rows: Vec<(usize, &str)> = asked
            .iter()
            .filter_map(|&(id, text)| Some((position(id)?, text)))
            .collect();
        Self(build_index(&rows))
    }

    /// [`ranked`] against this index.
    pub fn ranked(&self, question: &str, limit: usize) -> Vec<FaqMatch> {
        self.0.ranked(question, limit)
    }

    /// [`lookup`] against this index.
    pub fn lookup(&self, question: &str, suggestions: usize) -> Lookup {
        self.0.lookup(question, suggestions)
    }
}

/// Entries sharing at least one term with `question`, best first, at most `limit`.
pub fn ranked(question: &str, limit: usize) -> Vec<FaqMatch> {
    index().ranked(question, limit)
}

impl Index {
    fn lookup(&self, question: &str, suggestions: usize) -> Lookup {
        let ranked = self.ranked(question, suggestions.max(2));
        let Some(&best) = ranked.first() else {
            return Lookup::Nothing;
        };
        if is_answer(&best, ranked.get(1)) {
            return Lookup::Answer(best);
        }
        Lookup::Unsure(ranked.into_iter().take(suggestions.max(1)).collect())
    }

    fn ranked(&self, question: &str, limit: usize) -> Vec<FaqMatch> {
        if limit == 0 {
            return Vec::new();
        }
        let mut query = self.analyser.terms(question, true);
        dedup(&mut query);
        // Every question here is about BFR, so the word itself only helps when it is alone or
        // next to one other word ("what is bfr?", "what are bfr cuffs?"); elsewhere it would
        // dilute the words that matter.
        // It stays when nothing else in the question is a word an entry uses ("what the
        // heck is BFR?"): then it is all the question says.
        let other_known = query
            .iter()
            .any(|t| t != DOMAIN_TERM && self.entry_freq.contains_key(t.as_str()));
        if query.len() > 2 && other_known {
            query.retain(|t| t != DOMAIN_TERM);
        }
        query.truncate(MAX_QUERY_TERMS);
        if query.is_empty() {
            return Vec::new();
        }
        let embedding = Embedding(query.iter().map(|t| token(t)).collect());
        // Next to other words, "KAATSU" is only what the asker calls the method ("can you build
        // muscle with KAATSU?"): part of what it adds to a text's score is taken off again. Alone,
        // or when the names or the devices and their cost are the question, it keeps its weight.
        let names_it = query.len() < 2
            || query
                .iter()
                .any(|t| [NAMING_TERM, "cost", "pneumatic", "compare"].contains(&t.as_str()));
        let name_only = (!names_it && query.iter().any(|t| t == KAATSU_TERM))
            .then(|| Embedding(vec![token(KAATSU_TERM)]));
        let doc_scores = |scorer: &Scorer<usize, u32>| -> Vec<(usize, f32)> {
            let discount: HashMap<usize, f32> = name_only
                .as_ref()
                .map(|name| {
                    scorer
                        .matches(name)
                        .iter()
                        .map(|d| (d.id, d.score))
                        .collect()
                })
                .unwrap_or_default();
            scorer
                .matches(&embedding)
                .iter()
                .map(|d| {
                    let name = discount.get(&d.id).copied().unwrap_or(0.0);
                    (d.id, d.score - KAATSU_AS_NAME_DISCOUNT * name)
                })
                .collect()
        };
        let mut scores = vec![0.0f32; ENTRIES.len()];
        for (doc, score) in doc_scores(&self.wordings) {
            if let Some(&entry) = self.wording_entry.get(doc) {
                scores[entry] = scores[entry].max(score);
            }
        }
        for (doc, score) in doc_scores(&self.answers) {
            if let Some(total) = scores.get_mut(doc) {
                *total += ANSWER_WEIGHT * score;
            }
        }
        let weights: Vec<f32> = query.iter().map(|t| self.weight(t)).collect();
        let total: f32 = weights.iter().sum();
        let mut found: Vec<FaqMatch> = scores
            .iter()
            .enumerate()
            .filter(|(_, &score)| score > 0.0)
            .map(|(i, &score)| {
                let hits: Vec<f32> = query
                    .iter()
                    .zip(&weights)
                    .filter(|(t, _)| *t == KAATSU_TERM || self.entry_terms[i].contains(t.as_str()))
                    .map(|(_, &w)| w)
                    .collect();
                let covered: f32 = hits.iter().sum();
                FaqMatch {
                    entry: &ENTRIES[i],
                    score,
                    matched: hits.len(),
                    confidence: if total > 0.0 {
                        (covered / total).clamp(0.0, 1.0)
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        // Stable sort: on a tie the earlier (more general) entry wins.
        found.sort_by(|a, b| rank_key(b).total_cmp(&rank_key(a)));
        found.truncate(limit);
        found
    }
}

fn rank_key(found: &FaqMatch) -> f32 {
    found.score * (RANK_MIX + found.confidence)
}

const RANK_MIX: f32 = 0.5;

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static FaqEntry> {
    position(id).map(|i| &ENTRIES[i])
}

/// Where the entry with this id sits in [`ENTRIES`].
pub(super) fn position(id: &str) -> Option<usize> {
    ENTRIES.iter().position(|e| e.id == id)
}

fn token(term: &str) -> TokenEmbedding<u32> {
    TokenEmbedding {
        index: <u32 as TokenEmbedder>::embed(term),
        value: 1.0,
    }
}

fn dedup(terms: &mut Vec<String>) {
    let mut seen = HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));
}

struct Index {
    analyser: Analyser,
    /// One document per way of asking an entry; `wording_entry` maps it to the entry.
    wordings: Scorer<usize, u32>,
    wording_entry: Vec<usize>,
    /// One document per entry's answer, keyed by the entry's position.
    answers: Scorer<usize, u32>,
    /// Every term an entry's texts use, for the confidence.
    entry_terms: Vec<HashSet<String>>,
    entry_freq: HashMap<String, usize>,
}

impl Index {
    /// Rare terms say more about which entry is meant than terms many entries share; a term
    /// no entry uses gets the highest weight, so off-topic words pull the confidence down.
    fn weight(&self, term: &str) -> f32 {
        let n = self.entry_terms.len() as f32;
        match self.entry_freq.get(term) {
            Some(&df) => (1.0 + n / (1.0 + df as f32)).ln(),
            None => UNKNOWN_WEIGHT_SHARE * (1.0 + n / 2.0).ln(),
        }
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build_index(&asked::rows()))
}

/// `asked`: real questions as `(entry position, text)`, ranked like the written wordings.
/// Their words feed the spelling correction but not the confidence: a stray word in one
/// asked question would otherwise count as covered by its entry.
fn build_index(asked: &[(usize, &str)]) -> Index {
    let analyser = Analyser::new(asked);
    let written: Vec<(usize, &str)> = ENTRIES
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            std::iter::once(e.question)
                .chain(e.variants.iter().copied())
                .map(move |t| (i, t))
        })
        .collect();
    let wording_texts: Vec<(usize, &str)> = written.iter().chain(asked).copied().collect();
    let answer_texts: Vec<&str> = ENTRIES.iter().map(|e| e.answer).collect();

    let wording_corpus: Vec<&str> = wording_texts.iter().map(|(_, t)| *t).collect();
    let wording_embedder: Embedder<u32, DocTokenizer> =
        EmbedderBuilder::with_tokenizer_and_fit_to_corpus(DocTokenizer(&analyser), &wording_corpus)
            .build();
    let mut wordings = Scorer::new();
    for (doc, text) in wording_corpus.iter().enumerate() {
        wordings.upsert(&doc, wording_embedder.embed(text));
    }
    let answer_embedder: Embedder<u32, DocTokenizer> =
        EmbedderBuilder::with_tokenizer_and_fit_to_corpus(DocTokenizer(&analyser), &answer_texts)
            .build();
    let mut answers = Scorer::new();
    for (i, text) in answer_texts.iter().enumerate() {
        answers.upsert(&i, answer_embedder.embed(text));
    }

    let mut entry_terms = vec![HashSet::new(); ENTRIES.len()];
    for &(i, text) in &written {
        entry_terms[i].extend(analyser.terms(text, false));
    }
    for (i, text) in answer_texts.iter().enumerate() {
        entry_terms[i].extend(analyser.terms(text, false));
    }
    let mut entry_freq = HashMap::new();
    for term in entry_terms.iter().flatten() {
        *entry_freq.entry(term.clone()).or_insert(0) += 1;
    }
    Index {
        analyser,
        wordings,
        wording_entry: wording_texts.iter().map(|(i, _)| *i).collect(),
        answers,
        entry_terms,
        entry_freq,
    }
}

/// The analyser as the `bm25` crate's tokenizer, for the entries' texts.
struct DocTokenizer<'a>(&'a Analyser);

impl bm25::Tokenizer for DocTokenizer<'_> {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        self.0.terms(input_text, false)
    }
}

/// Turns text into terms; knows the entries' words so that it can correct spelling.
pub(crate) struct Analyser {
    /// Every word form the entries and the synonym table use, with how often it occurs.
    known: HashMap<String, usize>,
    /// `known` words, filler excepted, grouped by length in characters: the corrections a
    /// typo may get. Correcting to filler would silently drop an off-topic word.
    by_len: HashMap<usize, Vec<(Vec<char>, String)>>,
}

impl Analyser {
    fn new(asked: &[(usize, &str)]) -> Self {
        let mut known: HashMap<String, usize> = HashMap::new();
        let texts = ENTRIES
            .iter()
            .flat_map(|e| {
                std::iter::once(e.question)
                    .chain(e.variants.iter().copied())
                    .chain(std::iter::once(e.answer))
            })
            .chain(asked.iter().map(|&(_, text)| text));
        for text in texts {
            for word in words(&prepare(text)) {
                *known.entry(word.to_owned()).or_insert(0) += 1;
            }
        }
        for form in SYNONYMS.iter().flat_map(|(_, forms)| forms.iter()) {
            known.entry((*form).to_owned()).or_insert(1);
        }
        for word in STOP_WORDS {
            known.entry((*word).to_owned()).or_insert(1);
        }
        let mut by_len: HashMap<usize, Vec<(Vec<char>, String)>> = HashMap::new();
        for word in known.keys().filter(|w| !STOP_WORDS.contains(&w.as_str())) {
            let chars: Vec<char> = word.chars().collect();
            by_len
                .entry(chars.len())
                .or_default()
                .push((chars, word.clone()));
        }
        // Deterministic order, so a tie between two corrections always ends the same way.
        for list in by_len.values_mut() {
            list.sort_by(|a, b| a.1.cmp(&b.1));
        }
        Self { known, by_len }
    }

    /// Normalised terms of `text`, in order, repeats kept (BM25 counts them).
    pub(crate) fn terms(&self, text: &str, correct: bool) -> Vec<String> {
        let text = prepare(text);
        let mut out = Vec::new();
        let mut names = HashSet::new();
        let all: Vec<&str> = words(&text)
            .map(|word| {
                if correct {
                    self.correct(word).unwrap_or(word)
                } else {
                    word
                }
            })
            .collect();
        let mut asked_how = false;
        for (i, &word) in all.iter().enumerate() {
            if let Some(name) = method_name(word) {
                names.insert(name);
            }
            // "How long", "how often", "how tight": a quantity, not a how.
            let asks_quantity = all
                .get(i + 1)
                .is_some_and(|&next| QUANTITIES.contains(&next));
            asked_how |= matches!(word, "how" | "why" | "makes") && !asks_quantity;
            // "How does it work?" (or "what makes it work?", "how does it cause growth?")
            // asks for the mechanism; "does it work?" asks whether it works, and "work out
            // my max" is arithmetic. Only the filler words tell them apart.
            let works = matches!(word, "work" | "works" | "working" | "effective")
                && all.get(i + 1).is_none_or(|&next| next != "out");
            let caused: Vec<&str> = all
                .iter()
                .skip(i + 1)
                .take(3)
                .filter_map(|&w| normalise(w))
                .collect();
            let causes_growth = CAUSE_VERBS.contains(&word)
                && caused.iter().any(|t| BFR_EFFECTS.contains(t))
                && !caused.iter().any(|t| SIDE_EFFECTS.contains(t));
            if asked_how && (works || causes_growth || MECHANISM_VERBS.contains(&word)) {
                out.push(MECHANISM_TERM.to_owned());
                continue;
            }
            // "Between sets" or "between exercises" is about the rest; "the line between tight
            // and too tight" is not.
            let between_other =
                word == "between"
                    && !all.iter().skip(i + 1).take(2).any(|&w| {
                        matches!(normalise(w), Some("set" | "exercise" | "session" | "rep"))
                    });
            if between_other {
                continue;
            }
            // "What does it feel like?" asks how it feels; "my arm feels numb" is about the
            // numbness, so "feel" alone stays filler.
            let asks_feel = matches!(word, "feel" | "feels")
                && all.get(i + 1).is_some_and(|&next| next == "like")
                && all[i.saturating_sub(6)..i].contains(&"what");
            if asks_feel {
                out.push(SENSATION_TERM.to_owned());
                continue;
            }
            // "put the wraps on" is about putting them on, not about where they go.
            let puts_on = matches!(word, "put" | "putting")
                && all.iter().skip(i + 1).take(5).any(|&w| w == "on");
            if puts_on {
                out.push(APPLY_TERM.to_owned());
                continue;
            }
            // "a 15 year old": the number is an age (the phrase became "age"), not reps.
            let is_age = word.bytes().all(|b| b.is_ascii_digit())
                && all.get(i + 1).is_some_and(|&next| next == "age");
            if is_age {
                continue;
            }
            // Article titles count things ("top 5 benefits", "7 mistakes"): the count and
            // "top" before it say nothing about which entry is meant.
            let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
            let counts =
                is_number(word) && all.get(i + 1).is_some_and(|&next| LISTED.contains(&next));
            let top_n = word == "top" && all.get(i + 1).is_some_and(|&next| is_number(next));
            if counts || top_n {
                continue;
            }
            // "what size bands", "sizing the cuff": the wrap's size is its width.
            let sizes_wrap = matches!(word, "size" | "sizes" | "sizing")
                && all
                    .iter()
                    .skip(i.saturating_sub(2))
                    .take(5)
                    .any(|&w| synonym(w) == Some(WRAP_TERM));
            if sizes_wrap {
                out.push(WIDTH_TERM.to_owned());
                continue;
            }
            if let Some(term) = normalise(word) {
                out.push(term.to_owned());
            }
        }
        // Two names of the method side by side ("is KAATSU the same as occlusion?") are a
        // question about the names, which no single word says.
        // "Who is it for?", "who is occlusion training good for?": whom it suits, though
        // "who" and "for" are filler.
        if all.first() == Some(&"who") && all.last() == Some(&"for") {
            out.push(SUIT_TERM.to_owned());
        }
        // "What are the bands for?", "what is it used for?": what it is for.
        if all.first() == Some(&"what") && all.last() == Some(&"for") {
            out.push(PURPOSE_TERM.to_owned());
        }
        if names.len() > 1 {
            out.push(NAMING_TERM.to_owned());
        }
        // "Where do I apply the cuff?" asks where it goes, not how to put it on; "where did
        // it come from?" asks its origin, not a place.
        if out.iter().any(|t| t == ORIGIN_TERM) {
            out.retain(|t| t != PLACE_TERM);
        }
        if out.iter().any(|t| t == PLACE_TERM) {
            out.retain(|t| t != APPLY_TERM);
        }
        out
    }

    /// The closest known word to an unknown one, if it is a likely typo of it: one edit for
    /// short words, two for long ones, and never for short words or numbers, where a single
    /// edit turns one real word into another.
    fn correct<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        if self.known.contains_key(word) || !word.chars().all(|c| c.is_alphabetic()) {
            return None;
        }
        let chars: Vec<char> = word.chars().collect();
        let limit = match chars.len() {
            0..=4 => return None,
            5..=7 => 1,
            _ => 2,
        };
        let mut best: Option<(usize, usize, &str)> = None;
        for len in chars.len().saturating_sub(limit)..=chars.len() + limit {
            for (candidate, text) in self.by_len.get(&len).into_iter().flatten() {
                // Typos rarely hit the first letter; a real word that differs there
                // ("insurance", "endurance") is another word, not a misspelling.
                if candidate.first() != chars.first() {
                    continue;
                }
                let Some(d) = distance_within(&chars, candidate, limit) else {
                    continue;
                };
                let freq = self.known.get(text).copied().unwrap_or(0);
                let better = match best {
                    None => true,
                    Some((bd, bf, _)) => d < bd || (d == bd && freq > bf),
                };
                if better {
                    best = Some((d, freq, text.as_str()));
                }
            }
        }
        best.map(|(_, _, text)| text)
    }
}

/// Which name of the method a word is, if any: "blood flow restriction" and "BFR" are one.
fn method_name(word: &str) -> Option<&'static str> {
    match word {
        "bfr" | "bfrt" | "bfre" | "pbfr" | "restriction" | "restricted" => Some("bfr"),
        "occlusion" | "occlusal" | "occlude" | "occluding" => Some("occlusion"),
        "kaatsu" => Some("kaatsu"),
        "tourniquet" => Some("tourniquet"),
        _ => None,
    }
}

/// Optimal-string-alignment distance (a swap of two neighbours is one edit), or `None`
/// when it exceeds `limit`.
fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row = vec![0usize; width];
    for i in 1..=a.len() {
        row[0] = i;
        let mut row_min = row[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[width - 1];
    (d <= limit).then_some(d)
}

/// Lowercases, cuts, and rewrites the few phrases whose words mean something else alone.
fn prepare(text: &str) -> String {
    let mut text: String = text
        .chars()
        .take(MAX_INPUT_CHARS)
        .collect::<String>()
        .to_lowercase();
    // Apostrophes inside words ("don't", "shouldn't") would otherwise split off a letter.
    text = text.replace(['\'', '’'], "");
    // "30%" should count as a word about load.
    text = text.replace('%', " percent ");
    let mut padded = format!(
        " {} ",
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    );
    for (phrase, term) in PHRASES {
        if padded.contains(phrase) {
            padded = padded.replace(phrase, term);
        }
    }
    if let Some(group) = age_group(&padded) {
        padded.push_str(group);
        padded.push(' ');
    }
    padded
}

/// "my dad is 70", "I'm 15", "aged 64", "72 years old": an age says who the question is
/// about as clearly as "older" or "teenager" does.
fn age_group(padded: &str) -> Option<&'static str> {
    const BEFORE: &[&str] = &[
        "is", "am", "im", "aged", "age", "turning", "turned", "hes", "shes", "over",
    ];
    const AFTER: &[&str] = &["year", "years", "yo", "yrs", "age"];
    const UNITS: &[&str] = &[
        "percent", "kg", "kgs", "lb", "lbs", "reps", "rep", "mmhg", "sec", "secs", "seconds",
        "min", "mins", "minutes", "sets", "cm", "day", "days", "week", "weeks", "month", "months",
        "sessions", "workouts", "times",
    ];
    let words: Vec<&str> = words(padded).collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let age: u32 = word.parse().ok()?;
        let next = words.get(i + 1);
        let said_as_age = !next.is_some_and(|next| UNITS.contains(next))
            && (i.checked_sub(1).is_some_and(|p| BEFORE.contains(&words[p]))
                || next.is_some_and(|next| AFTER.contains(next)));
        match age {
            _ if !said_as_age => None,
            12..=17 => Some(" teen"),
            60..=110 => Some(" old"),
            _ => None,
        }
    })
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(' ').filter(|w| !w.is_empty())
}

/// Maps one lowercase word to its canonical term, or `None` for filler.
fn normalise(word: &str) -> Option<&str> {
    let short = word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit());
    if word.is_empty() || short || stop_words().contains(word) {
        return None;
    }
    // "290x" means 290 times; keep the number.
    let word = word
        .strip_suffix('x')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(word);
    if let Some(canonical) = synonym(word) {
        return Some(canonical);
    }
    let stem = stem(word);
    Some(synonym(stem).unwrap_or(stem))
}

fn synonym(word: &str) -> Option<&'static str> {
    static CANONICAL: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    // Every word of every question is looked up twice, and the table has hundreds of forms:
    // a map instead of a scan. A form listed twice keeps its first canonical word, as the
    // scan did.
    let canonical = CANONICAL.get_or_init(|| {
        let mut map = HashMap::new();
        for &(canonical, forms) in SYNONYMS {
            for &form in forms {
                map.entry(form).or_insert(canonical);
            }
        }
        map
    });
    canonical.get(word).copied()
}

fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
}

/// Crude suffix stripping, enough to make "bruising", "bruised" and "bruises" meet.
/// Only plain ASCII words are touched, so the byte-based suffix checks are safe.
fn stem(word: &str) -> &str {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    let mut s = word;
    if let Some(rest) = s.strip_suffix("ing").filter(|r| r.len() >= 3) {
        s = undouble(rest);
    } else if let Some(rest) = s.strip_suffix("ed").filter(|r| r.len() >= 3) {
        s = undouble(rest);
    } else if let Some(rest) = s
        .strip_suffix('s')
        .filter(|r| r.len() >= 3 && !r.ends_with(['s', 'u', 'i']))
    {
        s = rest;
    }
    if let Some(rest) = s.strip_suffix('e').filter(|r| r.len() >= 3) {
        s = rest;
    }
    s
}

/// "stopp" -> "stop", but "swell" stays.
fn undouble(s: &str) -> &str {
    let b = s.as_bytes();
    match b {
        [.., x, y] if x == y && !matches!(x, b'l' | b's' | b'z') => &s[..s.len() - 1],
        _ => s,
    }
}

/// What article titles count ("5 benefits", "3 reasons").
const LISTED: &[&str] = &[
    "benefits",
    "advantages",
    "reasons",
    "tips",
    "ways",
    "things",
    "mistakes",
    "facts",
    "myths",
    "questions",
    "exercises",
    "steps",
    "rules",
    "signs",
];

/// Words after "how" that ask for an amount ("how long", "how often"), not a mechanism.
const QUANTITIES: &[&str] = &[
    "long", "many", "much", "often", "soon", "fast", "quickly", "tight", "heavy", "hard", "far",
    "wide", "old", "big", "high", "low",
];

/// Verbs that, after "how" or "why", ask what BFR does in the body ("how does it achieve
/// that").
const MECHANISM_VERBS: &[&str] = &["accomplish", "accomplishes", "achieve", "achieves"];

/// Verbs that ask for the mechanism only when what they bring about is BFR's own effect
/// ("how does it cause muscle growth"); "why does it cause soreness" is about soreness.
const CAUSE_VERBS: &[&str] = &[
    "cause", "causes", "lead", "leads", "trigger", "triggers", "produce", "produces",
];
/// The effects a cause verb must name, as terms ...
const BFR_EFFECTS: &[&str] = &["muscle", "strength"];
/// ... and the side effects that make it a question about them ("cause muscle soreness").
const SIDE_EFFECTS: &[&str] = &[
    "sore", "pain", "bruise", "numb", "dizzy", "rhabdo", "clot", "damage",
];

/// Phrases rewritten before words are split, padded with spaces so only whole words match.
/// Each stands for an idea its words do not carry alone ("weight" alone is about load).
#[rustfmt::skip]
const PHRASES: &[(&str, &str)] = &[
    (" weight loss ", " fatloss "), (" lose weight ", " fatloss "),
    (" losing weight ", " fatloss "), (" burn fat ", " fatloss "), (" fat loss ", " fatloss "),
    (" one rep max ", " 1rm "), (" one repetition maximum ", " 1rm "), (" rep max ", " 1rm "),
    (" 1 rm ", " 1rm "),
    (" limb occlusion pressure ", " lop "), (" arterial occlusion pressure ", " lop "),
    (" occlusion pressure ", " lop "),
    (" put on ", " apply "), (" putting on ", " apply "), (" put them on ", " apply "),
    (" put it on ", " apply "), (" take off ", " loose "), (" taking off ", " loose "),
    (" year old ", " age "), (" years old ", " age "), (" how old ", " age "),
    (" heart attack ", " heart "), (" off days ", " rest days "), (" off day ", " rest day "),
    // The hormone is the topic, not muscle growth.
    (" growth hormone ", " hormone "),
    // The cuff's size is its width, not muscle size.
    (" band size ", " width "), (" cuff size ", " width "), (" wrap size ", " width "),
    (" strap size ", " width "),
    // "Which muscles" asks where BFR can be used, not whether muscle grows.
    (" which muscles ", " bodypart "), (" which muscle ", " bodypart "),
    (" what muscles ", " bodypart "),
    // Losing muscle is atrophy, the opposite of what "muscle" alone asks about.
    (" muscle loss ", " atrophy "), (" losing muscle ", " atrophy "), (" lose muscle ", " atrophy "),
    (" muscle groups ", " bodypart "), (" muscle group ", " bodypart "),
    (" body parts ", " bodypart "), (" body part ", " bodypart "),
    // "post-op", "post ACL": after the operation, not "post workout".
    (" post op ", " postop "), (" post surgery ", " postop "), (" post surgical ", " postop "),
    (" post acl ", " postop acl "),
    // A name is one word however it is spelt out, so a long name does not make a wording
    // look long to the ranking.
    // "Blood flow restricted exercise" is the method's name, not a question about exercises.
    (" blood flow restricted exercise ", " bfr "),
    (" blood flow restriction ", " bfr "), (" blood flow restricted ", " bfr "),
    // "who" and "right" are filler, but "who is it for" and "is it right for me" ask whom
    // it suits.
    (" who can benefit ", " suit "), (" who benefits ", " suit "), (" who is it for ", " suit "),
    (" when should you use ", " suit "), (" when should we use ", " suit "),
    (" when should i use ", " suit "), (" what patients ", " suit patients "),
    (" which patients ", " suit patients "), (" what clients ", " suit "), (" which clients ", " suit "),
    (" good fit ", " suit "), (" right for me ", " suit "), (" right for you ", " suit "), (" for everyone ", " suit "),
    // Clinic pages: a physical therapist is a physio; a rotator cuff is in the shoulder.
    (" physical therapy ", " physio "), (" physical therapist ", " physio "),
    (" physical therapists ", " physio "), (" occupational therapy ", " physio "),
    (" rotator cuff ", " shoulder "),
    (" adverse events ", " side effects "), (" adverse effects ", " side effects "),
    (" adverse reactions ", " side effects "), (" complications ", " side effects "),
    (" diminishing returns ", " plateau "), (" minimum age ", " teen "),
    // Wearing is filler, but "how to wear them" asks how to put them on.
    (" how to wear ", " apply "), (" how do i wear ", " apply "), (" how do you wear ", " apply "),
    // "What might stop me from doing it" asks what rules it out, not when to stop a set.
    (" stop me from ", " avoid "), (" stops me from ", " avoid "), (" keep me from ", " avoid "), (" prior to ", " before "),
    // "at the same time" is filler; "the same" alone compares things.
    (" at the same time ", " "),
    // Intros and idioms: "as a result of" is "from", not results; something that fits into
    // a routine is combined with it; "too good to be true" and "is there anything to it"
    // doubt that it works.
    (" as a result of ", " from "), (" keep hearing ", " "), (" keep seeing ", " "),
    (" fit into ", " combine "), (" fit in with ", " combine "), (" fit in ", " combine "),
    (" too good to be true ", " legit "), (" anything to it ", " legit "),
    (" have you heard about ", " "), (" have you heard of ", " "),
    (" come from ", " origin "), (" came from ", " origin "), (" comes from ", " origin "),
    (" when it comes to ", " "),
    // "New to the gym" is a beginner; "new ways", "new research" are not.
    (" new to ", " beginner "), (" im new ", " beginner "), (" am new ", " beginner "),
    (" brand new ", " beginner "),
    // "Working out" is training; "work out my max" is arithmetic.
    (" working out ", " training "),
    (" waste of time ", " legit "), (" waste of money ", " legit "),
    // A first session is a beginner's; "first" alone is often "do this first".
    (" first time ", " beginner "), (" first session ", " beginner session "),
    (" first bfr session ", " beginner bfr session "), (" first workout ", " beginner workout "),
    // Tendon problems by their common names.
    (" tennis elbow ", " tendon "), (" golfers elbow ", " tendon "), (" jumpers knee ", " tendon "),
    // Blood thinners are medicines, not thin bands.
    (" blood thinners ", " anticoagulant "), (" blood thinner ", " anticoagulant "),
    (" thin the blood ", " anticoagulant "),
    // "Bad for you" asks whether it harms; "bad knees" are only knees.
    (" bad for ", " harmful for "),
];

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "actually", "all", "also", "am", "an", "and", "any", "anyone", "are",
    "as", "at", "be", "been", "being", "best", "bro", "but", "by", "can", "could", "did",
    "do", "does", "doing", "done", "dude", "even", "exactly", "feel", "feels", "fine", "for",
    "from", "get", "gets", "getting", "go", "goes", "going", "gone", "good", "got", "guys",
    "had", "has", "have", "having", "hello", "hey", "hi", "how", "i", "ideal", "if", "im",
    "in", "into", "is", "it", "its", "just", "know", "like", "lol", "make", "makes",
    "making", "many", "may", "me", "might", "much", "must", "my", "of", "ok", "okay", "on",
    "optimal", "or", "our", "please", "pls", "proper", "really", "recommended", "right",
    "should", "so", "some", "someone", "tell", "than", "thanks", "that", "the", "their",
    "them", "then", "there", "these", "they", "thing", "things", "this", "those", "thx",
    "to", "too", "total", "totally", "train", "trained", "training", "u", "ur", "us",
    "very", "want", "was", "way", "we", "went", "were", "what", "whats", "when", "which",
    "while", "who", "whom", "will", "with", "would", "yo", "you", "your", "yours",
    // Filler that says nothing about which entry is meant.
    "honestly", "basically", "literally", "seriously", "wondering", "question", "quick",
    "sure", "little", "bit", "lot", "lots", "kind", "sort", "necessary", "need", "needed",
    "enough", "matter", "matters", "used", "using", "other", "others",
    "current", "currently", "period", "periods", "main", "biggest", "major", "primary",
    "recommend", "take", "takes", "taking", "happen", "happens", "happened", "happening", "guide", "tips", "everything", "complete", "ultimate", "over", "useful", "helpful", "explain", "explained", "consider",
    "considered", "required", "require", "requires", "found", "ways", "though",
    "needs", "show", "shows", "say", "says", "therapy", "wife", "husband", "partner",
    "friend", "mate", "anybody", "everyone", "somebody", "wear", "wearing", "wore",
    // Who the question is about, not what it asks (age is caught by `age_group`).
    "dad", "mum", "mom", "father", "mother", "parent", "parents", "son", "daughter",
    "brother", "sister", "he", "she", "his", "her", "him",
    // Negations written without the apostrophe: "shouldn't" says who should avoid it, but
    // "doesn't" or "can't" only frames the question.
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt",
    "wouldnt", "wont", "havent", "hasnt", "aint",
    // Article headlines and intros ("the secret to", "I keep hearing", "how do you utilise
    // it") wrap a question in words that say nothing about which entry is meant.
    "secret", "secrets", "hack", "hacks", "trick", "tricks", "revolutionary", "goal",
    "goals", "part", "next", "utilize", "utilise", "utilizing", "utilising", "choose",
    "chose", "chosen", "choosing", "hear", "hearing", "sound", "sounds", "correctly",
    "properly",
    // A cuff's "setting" is its pressure, said by the words around it; alone it would be
    // corrected to "sitting".
    "setting", "settings",
    // Worry and concern frame a question; what it is about is said by the other words.
    "worry", "worried", "worries", "worrying", "concern", "concerned", "concerns",
    "typical", "typically", "involve", "involves",
    // Which way something goes ("increase the pressure", "raise testosterone") says less
    // than what it is.
    "increase", "increases", "increased", "increasing", "raise", "raises", "raising", "boost",
    "boosts", "boosting", "improve", "improves", "improving", "enhance", "enhances",
    "enhancing", "perform", "performed", "performing", "heck", "new", "popular", "popularity", "follow", "following", "find", "finding",
];

/// Canonical term and the word forms that mean the same here.
#[rustfmt::skip]
const SYNONYMS: &[(&str, &[&str])] = &[
    ("bfr", &["bfr", "bfrt", "bfre", "pbfr", "ischemic", "ischaemic", "occlusion", "occlude", "occluding", "occluded",
        "restriction", "restrict", "restricting", "restricted", "blood", "flow", "cuffing",
        "occlusal", "method", "methods", "technique", "techniques", "modality",
        "modalities"]),
    ("wrap", &["wrap", "wraps", "wrapped", "wrapping", "cuff", "cuffs", "band", "bands",
        "strap", "straps", "tourniquet", "tourniquets", "belt", "belts", "bandage",
        "bandages", "sleeve", "sleeves"]),
    ("tight", &["tight", "tighter", "tightly", "tightness", "tighten", "tightening",
        "pressure", "pressures", "squeeze", "squeezing", "squeezed", "firm", "snug"]),
    ("mmhg", &["mmhg", "millimetres", "millimeters", "mercury", "sku"]),
    ("loose", &["loose", "looser", "loosen", "loosening", "release", "releasing", "released",
        "remove", "removing", "undo", "unwrap", "off", "deflate", "deflating", "untie", "intermittent", "intermittently"]),
    ("rest", &["rest", "rests", "resting", "break", "breaks", "pause", "pauses", "breather"]),
    ("muscle", &["muscle", "muscles", "muscular", "hypertrophy", "mass", "bigger", "gains",
        "gain", "grow", "grows", "growing", "growth", "build", "builds", "building", "bulk",
        "swole", "size"]),
    ("strength", &["strength", "strong", "stronger", "strongest", "power", "powerful"]),
    ("load", &["load", "loads", "weight", "weights", "kg", "kgs", "kilos", "lb", "lbs",
        "pounds", "percent", "percentage", "heavy", "heavier", "light", "lighter",
        "dumbbell", "dumbbells", "bodyweight"]),
    ("rep", &["rep", "reps", "repetition", "repetitions"]),
    ("place", &["where", "place", "placement", "position", "positioning", "put", "placing",
        "location", "above", "below", "area", "areas", "spot", "spots"]),
    ("width", &["width", "wide", "wider", "widest", "thick", "thicker", "thickness", "narrow",
        "narrower", "thin", "thinner", "cm", "inch", "inches"]),
    ("often", &["often", "frequency", "frequently", "weekly", "daily", "everyday",
        "twice", "per"]),
    ("safe", &["safe", "safety", "safer", "unsafe", "scary", "dangerous", "danger", "risk", "risks", "risky",
        "harm", "harmful", "harmless", "precaution", "precautions"]),
    ("sore", &["sore", "sorer", "soreness", "doms", "ache", "aching", "achy", "aches"]),
    ("numb", &["numb", "numbness", "tingle", "tingling", "tingly", "pins", "needles",
        "asleep", "nerve", "nerves"]),
    ("bruise", &["bruise", "bruises", "bruising", "bruised", "mark", "marks", "petechiae"]),
    ("dizzy", &["dizzy", "dizziness", "lightheaded", "faint", "fainting", "vertigo",
        "nausea", "nauseous", "sick"]),
    ("beginner", &["beginner", "beginners", "newbie", "newbies", "novice", "novices", "noob",
        "newcomer", "untrained"]),
    ("rehab", &["rehab", "rehabbing", "rehabilitation", "injury", "injuries", "injured",
        "physio", "physiotherapy", "physiotherapist", "pt", "therapist", "patient",
        "patients", "fracture", "fractures", "fractured", "sprain", "sprained", "broken"]),
    ("surgery", &["surgery", "surgeries", "surgical", "operation", "postoperative",
        "postop", "acl", "arthroscopy", "reconstruction", "incision", "replacement", "tka",
        "tkr", "arthroplasty", "meniscus", "meniscectomy"]),
    ("tendon", &["tendon", "tendons", "tendinopathy", "tendinitis", "tendonitis",
        "tendinosis"]),
    ("arthritis", &["arthritis", "osteoarthritis", "arthritic", "oa"]),
    ("cardio", &["cardio", "walk", "walking", "walks", "run", "running", "jog", "jogging",
        "cycle", "cycling", "bike", "biking", "treadmill", "aerobic", "rowing", "swim",
        "swimming"]),
    ("endurance", &["endurance", "runner", "runners", "cyclist", "cyclists", "athlete",
        "athletes", "triathlete", "marathon", "vo2max", "vo2", "stamina"]),
    ("old", &["old", "older", "elderly", "senior", "seniors", "aging", "frail", "frailty",
        "geriatric",
        "ageing", "retiree", "retirees", "sarcopenia", "grandparent", "grandparents"]),
    ("age", &["age", "aged", "ages"]),
    ("teen", &["teen", "teens", "teenager", "teenagers", "teenage", "adolescent",
        "adolescents", "kid", "kids", "child", "children", "youth", "junior", "juniors",
        "young", "youngster", "youngsters", "minor", "minors"]),
    ("woman", &["woman", "women", "female", "females", "girl", "girls", "lady", "ladies",
        "menopause", "perimenopause", "gender", "genders", "sex", "sexes"]),
    ("bodybuilder", &["bodybuilder", "bodybuilders", "bodybuilding", "lifter", "lifters",
        "advanced", "experienced", "physique", "lagging"]),
    ("1rm", &["1rm", "orm", "max"]),
    ("estimate", &["estimate", "estimating", "estimation", "calculate", "calculator",
        "calculating", "calc", "formula", "figure"]),
    ("arm", &["arm", "arms", "bicep", "biceps", "tricep", "triceps", "curl", "curls",
        "forearm", "forearms"]),
    ("leg", &["leg", "legs", "thigh", "thighs", "quad", "quads", "quadriceps", "hamstring",
        "hamstrings", "glute", "glutes", "calf", "calves"]),
    ("trunk", &["chest", "pec", "pecs", "shoulder", "shoulders", "delt", "delts", "deltoid",
        "deltoids", "back", "lats", "core", "abs", "torso"]),
    ("compare", &["compare", "compared", "comparing", "comparison", "versus", "vs", "equal",
        "different", "difference", "differences", "differ", "differs", "superior", "inferior",
        "equally", "equivalent", "comparable"]),
    ("legit", &["legit", "legitimate", "hype", "hyped", "overhyped", "scam", "myth",
        "myths", "bogus", "gimmick", "fad"]),
    ("plateau", &["plateau", "plateaus", "plateaued", "stuck", "stalled", "stagnant"]),
    // "Continuous" BFR keeps the cuff on through the rests; "intermittent" releases it.
    ("keep", &["keep", "keeping", "kept", "maintain", "maintaining", "leave", "leaving",
        "continuous", "continuously"]),
    ("combine", &["combine", "combining", "combined", "mix", "mixing", "together",
        "alongside", "add", "adding", "addition", "routine",
        "split", "finisher", "implement", "implementing", "incorporate", "incorporating",
        "integrate", "integrating", "regimen"]),
    ("replace", &["replace", "replacing", "replacement", "instead", "substitute",
        "alternative", "alternatives", "skip", "skipping", "ditch"]),
    ("effort", &["effort", "hard", "harder", "push", "pushing", "rpe",
        "exertion", "grind", "grinding"]),
    ("avoid", &["avoid", "not", "shouldn", "shouldnt", "contraindication",
        "contraindications", "contraindicated", "prevent"]),
    ("hormone", &["hormone", "hormones", "hormonal", "endocrine", "gh", "igf", "testosterone",
        "anabolic"]),
    ("heart", &["heart", "cardiac", "cardiovascular"]),
    ("kaatsu", &["kaatsu"]),
    ("pneumatic", &["pneumatic", "inflatable", "inflate", "inflated", "device", "devices"]),
    ("cost", &["cost", "costs", "price", "expensive", "cheap", "cheaper", "money", "afford",
        "spend"]),
    ("doctor", &["doctor", "doctors", "gp", "physician", "medical", "medically", "clearance",
        "approval"]),
    ("pregnant", &["pregnant", "pregnancy", "postpartum"]),
    ("minute", &["minute", "minutes", "min", "mins"]),
    ("second", &["second", "seconds", "sec", "secs"]),
    ("clot", &["clot", "clots", "clotting", "dvt", "thrombosis", "vte", "embolism",
        "thrombus", "thromboembolism"]),
    ("rhabdo", &["rhabdo", "rhabdomyolysis", "breakdown"]),
    ("fatloss", &["fatloss", "fat", "lean", "leaner", "slim", "calories", "calorie",
        "shred", "shredded"]),
    ("result", &["result", "results", "progress", "notice", "noticeable"]),
    ("limit", &["limit", "limits", "limitation", "limitations", "downside", "downsides",
        "drawback", "drawbacks", "cons", "weakness", "weaknesses", "disadvantage",
        "disadvantages"]),
    ("benefit", &["benefit", "benefits", "beneficial", "advantage", "advantages", "pros",
        "upside", "upsides"]),
    ("pain", &["pain", "pains", "painful", "hurt", "hurts", "hurting", "uncomfortable",
        "discomfort", "unpleasant"]),
    ("work", &["work", "works", "effective", "effectiveness", "efficacy", "efficacious"]),
    ("fast", &["fast", "faster", "quick", "quickly", "quicker", "soon", "sooner", "rapid",
        "speed", "speeds", "speedy", "accelerate", "accelerates",
        "rapidly"]),
    ("basics", &["basics", "basic", "introduction", "intro", "overview", "primer", "101"]),
    ("metabolite", &["metabolite", "metabolites", "metabolic", "metabolism", "lactate",
        "lactic", "byproduct", "byproducts"]),
    ("pool", &["pool", "pools", "pooling", "pooled", "trap", "traps", "trapping", "trapped"]),
    ("mechanism", &["mechanism", "mechanisms", "physiology", "physiological",
        "physiologically"]),
    ("suit", &["suit", "suits", "suitable", "suited", "candidate", "candidates", "eligible"]),
    ("certify", &["certify", "certified", "certification", "certifications", "certificate",
        "certificates", "qualified", "qualification", "qualifications", "credential",
        "credentials", "licensed", "license", "licence"]),
    ("clinician", &["clinician", "clinicians", "professional", "professionals",
        "practitioner", "practitioners", "supervise", "supervised", "supervision", "pta",
        "ptas", "apta", "trainer", "trainers", "coach", "coaches", "coached"]),
    ("evidence", &["evidence", "research", "study", "studies", "science", "scientific",
        "proven", "proof", "backed", "trial", "trials", "literature", "meta"]),
    ("failure", &["failure", "fail", "failing", "exhaustion", "exhausted"]),
    ("recovery", &["recovery", "recover", "recovering", "recuperate"]),
    ("apply", &["apply", "applying", "application", "don", "fit", "fitting"]),
    ("exercise", &["exercise", "exercises", "movement", "movements", "lift", "lifts",
        "compound", "isolation"]),
    ("warning", &["warning", "warnings", "sign", "signs", "symptom", "symptoms", "monitor",
        "monitoring"]),
    ("sensation", &["sensation", "sensations"]),
    ("purpose", &["purpose", "purposes", "point"]),
    ("session", &["session", "sessions", "workout", "workouts"]),
    ("bone", &["bone", "bones", "osteoporosis", "osteopenia", "density"]),
    // A program to follow is a protocol; adding BFR to one's own is said by the verb.
    ("protocol", &["protocol", "protocols", "program", "programs", "programme",
        "programmes"]),
    // Training as usual, without a cuff: what BFR is compared with.
    ("conventional", &["conventional", "traditional", "regular", "ordinary", "standard"]),
    ("smoke", &["smoke", "smokes", "smoking", "smoker", "smokers"]),
    ("anticoagulant", &["anticoagulant", "anticoagulants", "warfarin", "apixaban",
        "rivaroxaban"]),
    ("origin", &["origin", "origins", "invent", "invented", "inventor", "history"]),
    ("atrophy", &["atrophy", "atrophied", "wasting"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_name_the_group_but_loads_and_reps_do_not() {
        assert_eq!(age_group(" my dad is 70 "), Some(" old"));
        assert_eq!(age_group(" aged 64 and new to the gym "), Some(" old"));
        assert_eq!(age_group(" 72 years old "), Some(" old"));
        assert_eq!(age_group(" im 15 can i do bfr "), Some(" teen"));
        assert_eq!(
            age_group(" is 70 percent too heavy "),
            None,
            "a load, not an age"
        );
        assert_eq!(age_group(" 70 reps at 30 kg "), None);
        assert_eq!(age_group(" im 30 "), None, "an adult's age says nothing");
        assert_eq!(age_group(" bfr for people over 65 "), Some(" old"));
        assert_eq!(age_group(" over 12 weeks "), None, "a duration, not an age");
        assert_eq!(age_group(" is 14 days enough "), None);
    }

    #[test]
    fn normalisation_joins_word_forms() {
        let a = Analyser::new(&[]);
        assert_eq!(a.terms("Bruising bruised BRUISES", false), ["bruise"; 3]);
        assert_eq!(a.terms("bands straps cuffs wraps", false), ["wrap"; 4]);
        assert_eq!(
            a.terms("occlusion KAATSU", false),
            ["bfr", "kaatsu", "naming"]
        );
        assert_eq!(a.terms("resting, rests, breaks", false), ["rest"; 3]);
        assert_eq!(a.terms("7/10", false), ["7", "10"]);
        assert_eq!(a.terms("30%", false), ["30", "load"]);
        assert_eq!(a.terms("290x", false), ["290"]);
        assert_eq!(a.terms("weight loss", false), ["fatloss"]);
        assert_eq!(a.terms("shouldn't", false), ["avoid"]);
        assert_eq!(a.terms("top 5 benefits", false), ["benefit"]);
        assert_eq!(
            a.terms("4 sets", false),
            ["4", "set"],
            "a count of sets is a protocol"
        );
        assert!(a.terms("how is it the", false).is_empty());
        assert!(a.terms("doesn't it", false).is_empty());
        assert_eq!(a.terms("pbfr", false), ["bfr"]);
        assert_eq!(a.terms("as a result of kaatsu", false), ["kaatsu"]);
        assert_eq!(a.terms("what does it feel like", false), ["sensation"]);
        assert_eq!(
            a.terms("it feels like my arm", false),
            ["arm"],
            "only \"what does it feel like\" asks how it feels"
        );
        assert_eq!(
            a.terms("fit into my routine", false),
            ["combine", "combine"]
        );
        assert_eq!(
            a.terms("what are the bands for", false),
            ["wrap", "purpose"]
        );
        assert_eq!(
            a.terms("where do i apply the cuff", false),
            ["place", "wrap"]
        );
        assert_eq!(a.terms("workouts sessions", false), ["session"; 2]);
        assert_eq!(a.terms("losing muscle", false), ["atrophy"]);
        assert_eq!(
            a.terms("where did kaatsu come from", false),
            ["kaatsu", "origin"]
        );
        assert_eq!(
            a.terms("blood thinners", false),
            ["anticoagulant"],
            "not a thin band"
        );
        assert_eq!(a.terms("tennis elbow", false), ["tendon"]);
        assert_eq!(a.terms("new to the gym", false), ["beginner", "gym"]);
        assert!(a.terms("new ways", false).iter().all(|t| t != "beginner"));
        assert_eq!(a.terms("between sets", false), ["between", "set"]);
        assert_eq!(
            a.terms("between tight and loose", false),
            ["tight", "loose"]
        );
        assert_eq!(
            a.terms("different from traditional lifting", false),
            ["compare", "conventional", "exercise"]
        );
        assert!(
            a.terms("working out", false).is_empty(),
            "training, not arithmetic"
        );
        assert_eq!(a.terms("my first session", false), ["beginner", "session"]);
    }

    #[test]
    fn spelling_is_corrected_against_the_entries_words() {
        let a = Analyser::new(&[]);
        assert_eq!(a.terms("rhabdomyolisis", true), ["rhabdo"]);
        assert_eq!(a.terms("occlusoin", true), ["bfr"]);
        assert_eq!(a.terms("brusing", true), ["bruise"]);
        // Short words are left alone: one edit away is often another real word.
        assert_eq!(a.terms("ache", true), ["sore"]);
        assert_eq!(a.terms("xyzzyplugh", true), ["xyzzyplugh"]);
        assert_eq!(a.terms("insurance", true), ["insuranc"], "not endurance");
        assert_eq!(
            a.terms("low pressure setting", true),
            ["low", "tight"],
            "not sitting"
        );
    }

    #[test]
    fn edit_distance_is_bounded() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance_within(&c("cuff"), &c("cuff"), 1), Some(0));
        assert_eq!(distance_within(&c("cfuf"), &c("cuff"), 1), Some(1));
        assert_eq!(distance_within(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(distance_within(&c("kitten"), &c("sitting"), 3), Some(3));
    }
}
