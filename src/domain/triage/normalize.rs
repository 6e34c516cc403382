//! Free text to word tokens: lower case, accents and apostrophes removed, plurals and
//! common misspellings folded, with clause and sentence numbers so that rules can keep
//! to one clause ("no chest pain, but ...") or one sentence.

/// One word (or number) of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lower-cased letters and digits as written; apostrophes dropped ("don't" -> "dont").
    pub(crate) raw: String,
    /// `raw` with spelling variants and plurals folded, later possibly spell-corrected.
    /// The lexicon is matched against this.
    pub(crate) word: String,
    /// Written in capitals ("PE", "MI"), which makes an abbreviation likelier.
    pub(crate) all_caps: bool,
    /// Only a slash (and spaces) separates it from the previous token, as in "150/95".
    pub(crate) after_slash: bool,
    pub(crate) clause: usize,
    pub(crate) sentence: usize,
    /// Byte range in the original text, always on character boundaries.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Token {
    /// The whole number a token starts with ("81mg" -> 81), if any.
    pub(crate) fn leading_number(&self) -> Option<u32> {
        let digits: String = self
            .raw
            .chars()
            .take_while(char::is_ascii_digit)
            .take(6)
            .collect();
        digits.parse().ok()
    }

    /// A token that is only a number ("150", "2.5").
    pub(crate) fn is_number(&self) -> bool {
        !self.raw.is_empty() && self.raw.chars().all(|c| c.is_ascii_digit() || c == '.')
    }
}

/// How far, in tokens, a rule looks for sentence context. Sentences in chat are short;
/// the bound keeps a pathological one-sentence essay linear.
pub(crate) const SENTENCE_REACH: usize = 40;

/// The tokens of `index`'s sentence within [`SENTENCE_REACH`] of it, as an index range.
pub(crate) fn sentence_window(tokens: &[Token], index: usize) -> std::ops::Range<usize> {
    let Some(sentence) = tokens.get(index).map(|t| t.sentence) else {
        return 0..0;
    };
    let mut start = index;
    while start > 0 && index - start < SENTENCE_REACH && tokens[start - 1].sentence == sentence {
        start -= 1;
    }
    let mut end = index + 1;
    while end < tokens.len() && end - index <= SENTENCE_REACH && tokens[end].sentence == sentence {
        end += 1;
    }
    start..end
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    None,
    Clause,
    Sentence,
}

#[derive(Default)]
struct Pending {
    raw: String,
    start: usize,
    end: usize,
    letters: usize,
    has_lowercase: bool,
    after_slash: bool,
}

/// Splits text into tokens. Linear in the length of the text.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut boundary = Boundary::None;
    let mut slash_seen = false;
    let mut clause = 0;
    let mut sentence = 0;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();

    while let Some((position, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphanumeric() {
            let current = pending.get_or_insert_with(|| {
                if !tokens.is_empty() {
                    match boundary {
                        Boundary::Sentence => {
                            sentence += 1;
                            clause += 1;
                        }
                        Boundary::Clause => clause += 1,
                        Boundary::None => {}
                    }
                }
                let started = Pending {
                    start: position,
                    after_slash: slash_seen,
                    ..Pending::default()
                };
                boundary = Boundary::None;
                slash_seen = false;
                started
            });
            if c.is_alphabetic() {
                current.letters += 1;
                current.has_lowercase |= c.is_lowercase();
            }
            for lower in c.to_lowercase() {
                current.raw.push(fold_accent(lower));
            }
            current.end = position + c.len_utf8();
        } else if let (Some(current), Some(prev), Some(following)) =
            (pending.as_mut(), previous, next)
        {
            let inside_word = prev.is_alphanumeric() && following.is_alphanumeric();
            if inside_word && is_apostrophe(c) {
                // "don't", "heart's": one word.
            } else if inside_word && c == '.' && prev.is_ascii_digit() && following.is_ascii_digit()
            {
                current.raw.push('.');
            } else {
                finish(&mut pending, &mut tokens, clause, sentence);
                // "b.p." and "a-fib" split into words without ending the clause.
                if !(inside_word && (c == '.' || c == '-')) {
                    boundary = boundary.max(boundary_of(c));
                }
                slash_seen |= c == '/';
            }
        } else {
            finish(&mut pending, &mut tokens, clause, sentence);
            boundary = boundary.max(boundary_of(c));
            slash_seen |= c == '/';
        }
        previous = Some(c);
    }
    finish(&mut pending, &mut tokens, clause, sentence);
    tokens
}

fn finish(pending: &mut Option<Pending>, tokens: &mut Vec<Token>, clause: usize, sentence: usize) {
    if let Some(done) = pending.take() {
        let word = fold(&done.raw);
        tokens.push(Token {
            all_caps: done.letters >= 2 && !done.has_lowercase,
            after_slash: done.after_slash,
            raw: done.raw,
            word,
            clause,
            sentence,
            start: done.start,
            end: done.end,
        });
    }
}

fn boundary_of(c: char) -> Boundary {
    match c {
        '.' | '!' | '?' | '\n' | '\r' => Boundary::Sentence,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '-' | '\u{2013}'
        | '\u{2014}' | '|' | '\u{2022}' | '\u{201c}' | '\u{201d}' => Boundary::Clause,
        _ => Boundary::None,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// The form the lexicon is matched against: known misspellings mapped to the usual
/// spelling, then a light plural strip ("clots" -> "clot", "arteries" -> "artery").
/// Lexicon phrases are folded with the same function, so both sides agree.
pub(crate) fn fold(raw: &str) -> String {
    let spelled = spelling_variant(raw).unwrap_or(raw);
    singular(spelled)
}

fn singular(word: &str) -> String {
    let length = word.chars().count();
    if length > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    let keeps_s = word.ends_with("ss") || word.ends_with("us") || word.ends_with("is");
    if length > 3 && word.ends_with('s') && !keeps_s {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Misspellings that edit distance alone would miss or would be unsafe to guess:
/// short words, changed first letters, phonetic spellings.
fn spelling_variant(raw: &str) -> Option<&'static str> {
    let canonical = match raw {
        // "ticker" is slang for the heart; a stock ticker is not a fitness-chat topic.
        "hart" | "haert" | "hert" | "harte" | "heartt" | "hearrt" | "ticker" => "heart",
        "atack" | "attak" | "attck" | "atak" | "attact" | "atact" | "attacked" => "attack",
        "anurism" | "anurysm" | "anyurism" | "anuerism" | "aneurism" | "anerism" => "aneurysm",
        "arithmia" | "arithmias" | "arrithmia" | "arrythmia" | "arythmia" | "arhythmia" => {
            "arrhythmia"
        }
        "afibb" | "afibrillation" => "afib",
        "adema" | "odema" | "oedema" | "edima" => "edema",
        "strok" | "stroak" | "stroek" => "stroke",
        "zarelto" | "xeralto" | "xarleto" | "zeralto" => "xarelto",
        "eloquis" | "eliquiss" | "elaquis" => "eliquis",
        "cumadin" | "coumadine" | "comadin" => "coumadin",
        "plavics" | "plavex" => "plavix",
        "diabetis" | "diabeties" | "diabeetus" | "diebetes" | "diabtes" => "diabetes",
        "pregant" | "pregnet" | "pregnat" | "preggo" | "preggers" | "prego" | "pregnanat" => {
            "pregnant"
        }
        "blod" | "bloood" => "blood",
        "pian" | "pain." | "painn" => "pain",
        "tighness" | "tightnes" | "tigthness" | "thightness" | "tightniss" => "tightness",
        "presure" | "pressur" | "preasure" | "pressue" => "pressure",
        "chestt" | "chesst" => "chest",
        "fluttery" | "fluttering" | "flutters" | "fluttered" => "flutter",
        "thiner" | "thiners" | "thinnner" | "thinnners" | "thinnr" => "thinner",
        "defibulator" | "defibulater" | "defibrilator" => "defibrillator",
        "anjina" | "angima" | "anjaina" => "angina",
        "palpatations" | "palpatation" | "palpations" => "palpitation",
        "diaretic" | "diuertic" | "diruetic" => "diuretic",
        "probs" | "prob" | "problm" | "problme" | "problmes" | "probelm" | "probelms"
        | "problam" | "porblem" => "problem",
        "issus" | "isues" | "isue" => "issue",
        "diseese" | "desease" | "disese" | "deasease" | "diseas" | "diesease" => "disease",
        "failiure" | "failer" | "faliure" => "failure",
        "cholestrol" | "colesterol" | "cholesteral" => "cholesterol",
        "hemmorage" | "hemorrage" | "haemorrage" | "haemorrhage" => "hemorrhage",
        "anaemia" | "anemic" | "anaemic" => "anemia",
        "ischaemic" => "ischemic",
        "haemophilia" => "hemophilia",
        _ => return None,
    };
    Some(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn lowercases_and_drops_apostrophes() {
        let tokens = tokenize("I DON'T have Raynaud's");
        let raws: Vec<&str> = tokens.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(raws, ["i", "dont", "have", "raynauds"]);
        assert_eq!(tokens[3].word, "raynaud");
    }

    #[test]
    fn folds_plurals_and_misspellings() {
        assert_eq!(
            words("clots arteries hart atack"),
            ["clot", "artery", "heart", "attack"]
        );
        assert_eq!(
            words("stress bypass arteritis"),
            ["stress", "bypass", "arteritis"]
        );
    }

    #[test]
    fn hyphens_and_dotted_abbreviations_split_into_words() {
        assert_eq!(
            words("a-fib b.p. x-ray"),
            ["a", "fib", "b", "p", "x", "ray"]
        );
        let tokens = tokenize("a-fib");
        assert_eq!(tokens[0].clause, tokens[1].clause);
    }

    #[test]
    fn punctuation_sets_clauses_and_sentences() {
        let tokens = tokenize("no chest pain, but numb. Then dizzy - again");
        let chest = &tokens[1];
        let numb = &tokens[4];
        let dizzy = &tokens[6];
        let again = &tokens[7];
        assert_eq!(chest.sentence, numb.sentence);
        assert_ne!(chest.clause, numb.clause);
        assert_ne!(numb.sentence, dizzy.sentence);
        assert_ne!(dizzy.clause, again.clause);
    }

    #[test]
    fn readings_keep_their_slash() {
        let tokens = tokenize("bp 150/95 today");
        assert_eq!(tokens[1].leading_number(), Some(150));
        assert!(tokens[2].after_slash);
        assert!(!tokens[3].after_slash);
        assert_eq!(tokenize("2.5kg")[0].raw, "2.5kg");
    }

    #[test]
    fn marks_capitals() {
        let tokens = tokenize("PE and pe and I");
        assert!(tokens[0].all_caps);
        assert!(!tokens[2].all_caps);
        assert!(!tokens[4].all_caps);
    }

    #[test]
    fn byte_offsets_are_char_boundaries() {
        let text = "💔 cœur née ÉLAN 心臓 heart";
        for token in tokenize(text) {
            assert!(text.get(token.start..token.end).is_some());
        }
        assert_eq!(words("née"), ["nee"]);
    }

    #[test]
    fn handles_empty_and_symbol_only_input() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("?!... --- 🏋️‍♂️").is_empty());
    }

    #[test]
    fn sentence_window_stays_in_the_sentence_and_is_bounded() {
        let tokens = tokenize("one two. three four five. six");
        assert_eq!(sentence_window(&tokens, 3), 2..5);
        assert_eq!(sentence_window(&tokens, 99), 0..0);
        let long = tokenize(&"word ".repeat(1000));
        let window = sentence_window(&long, 500);
        assert!(window.len() <= 2 * SENTENCE_REACH + 1);
        assert!(window.contains(&500));
    }

    #[test]
    fn leading_numbers() {
        let tokens = tokenize("81mg 100kg abc 99999999999");
        assert_eq!(tokens[0].leading_number(), Some(81));
        assert_eq!(tokens[1].leading_number(), Some(100));
        assert_eq!(tokens[2].leading_number(), None);
        assert_eq!(tokens[3].leading_number(), Some(999_999));
        assert!(!tokens[0].is_number());
    }
}
