//! Which tokens a negation covers: "no chest pain", "never had a clot", "not on blood
//! thinners". Scopes are short and end at a clause break, a contrast ("but", "just") or
//! a new subject, so that "no chest pain but my arm is numb" still reports the arm.
//! Hedges are not negations: "not sure if it's afib", "no longer on warfarin".

use super::normalize::Token;

/// How many tokens after a negation word it can cover.
const SCOPE: usize = 6;

const NEGATORS: &[&str] = &[
    "no", "not", "never", "without", "nor", "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt",
    "isnt", "arent", "wasnt", "werent", "nothing", "none", "neither", "deny", "denies", "denied",
    "zero", "nope",
];
/// Negators that only count before a given word ("free of", "negative for").
const NEGATOR_PAIRS: &[(&str, &str)] = &[("free", "of"), ("negative", "for")];
/// Words right after a negator that make it a hedge, not a denial.
const HEDGES: &[&str] = &[
    "sure",
    "certain",
    "know",
    "knowing",
    "idea",
    "clue",
    "only",
    "longer",
    "just",
    "doubt",
    "matter",
    "until",
    "think",
    "believe",
    "stop",
    "stopping",
    "go",
    "going",
    "seem",
    "help",
    "helping",
    "working",
    "improving",
    "better",
    "even",
    "able",
    "allowed",
    "supposed",
    "recommended",
    "worth",
    "wait",
    "normal",
    "getting",
    "gone",
];
/// Words shortly before a negator that turn it into a worry ("I hope it's not a clot").
const WORRIES: &[&str] = &[
    "hope",
    "hoping",
    "pray",
    "praying",
    "worried",
    "afraid",
    "scared",
    "wonder",
    "wondering",
    "whether",
    "unsure",
];
const CONTRASTS: &[&str] = &[
    "but", "however", "though", "although", "yet", "except", "just", "only", "besides", "apart",
    "still", "instead", "whereas", "while", "now", "then", "until", "although",
];
const PRONOUNS: &[&str] = &[
    "i", "im", "ive", "id", "ill", "my", "me", "he", "hes", "she", "shes", "it", "its", "we",
    "they", "his", "her", "their", "you", "your",
];
const PREPOSITIONS: &[&str] = &[
    "in", "of", "with", "on", "to", "for", "at", "from", "about", "around", "near", "under",
    "into", "across", "behind", "over",
];

/// For each token, whether a negation covers it.
pub(crate) fn negated_tokens(tokens: &[Token]) -> Vec<bool> {
    let mut negated = vec![false; tokens.len()];
    for index in 0..tokens.len() {
        if let Some(start) = scope_start(tokens, index) {
            mark_scope(tokens, start, &mut negated);
        }
        let ruled_out =
            tokens[index].raw == "ruled" && tokens.get(index + 1).is_some_and(|t| t.raw == "out");
        if ruled_out {
            let clause = tokens[index].clause;
            for earlier in (index.saturating_sub(3)..index).rev() {
                if tokens[earlier].clause != clause {
                    break;
                }
                negated[earlier] = true;
            }
        }
    }
    negated
}

/// Where the scope of a negator at `index` starts, if the token is a real negator.
fn scope_start(tokens: &[Token], index: usize) -> Option<usize> {
    let raw = tokens[index].raw.as_str();
    let next = tokens.get(index + 1).map(|t| t.raw.as_str());
    let start = if NEGATORS.contains(&raw) {
        index + 1
    } else if NEGATOR_PAIRS
        .iter()
        .any(|&(first, second)| raw == first && next == Some(second))
    {
        index + 2
    } else {
        return None;
    };
    let hedged = tokens
        .get(start)
        .is_some_and(|t| HEDGES.contains(&t.raw.as_str()));
    let worried =
        (index.saturating_sub(3)..index).any(|i| WORRIES.contains(&tokens[i].raw.as_str()));
    (!hedged && !worried).then_some(start)
}

fn mark_scope(tokens: &[Token], start: usize, negated: &mut [bool]) {
    let Some(clause) = start
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map(|t| t.clause)
    else {
        return;
    };
    for index in start..(start + SCOPE).min(tokens.len()) {
        let token = &tokens[index];
        if token.clause != clause || CONTRASTS.contains(&token.raw.as_str()) {
            return;
        }
        let after_preposition = index
            .checked_sub(1)
            .is_some_and(|i| PREPOSITIONS.contains(&tokens[i].raw.as_str()));
        if index > start && PRONOUNS.contains(&token.raw.as_str()) && !after_preposition {
            return;
        }
        negated[index] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::normalize::tokenize;

    /// The raw words that are negated.
    fn negated_words(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let negated = negated_tokens(&tokens);
        tokens
            .into_iter()
            .zip(negated)
            .filter(|(_, n)| *n)
            .map(|(t, _)| t.raw)
            .collect()
    }

    #[test]
    fn simple_denials() {
        assert_eq!(negated_words("no chest pain"), ["chest", "pain"]);
        assert_eq!(negated_words("I don't have afib"), ["have", "afib"]);
        assert_eq!(
            negated_words("never had a blood clot"),
            ["had", "a", "blood", "clot"]
        );
        assert_eq!(
            negated_words("no pain in my chest"),
            ["pain", "in", "my", "chest"]
        );
        assert_eq!(negated_words("free of heart disease"), ["heart", "disease"]);
    }

    #[test]
    fn scope_ends_at_contrast_clause_or_new_subject() {
        assert_eq!(
            negated_words("no chest pain but my arm is numb"),
            ["chest", "pain"]
        );
        assert_eq!(
            negated_words("no chest pain, just dizzy"),
            ["chest", "pain"]
        );
        assert_eq!(
            negated_words("no chest pain and my arm is numb"),
            ["chest", "pain", "and"]
        );
    }

    #[test]
    fn hedges_and_worries_are_not_denials() {
        assert!(negated_words("not sure if it's afib").is_empty());
        assert!(negated_words("no longer on warfarin").is_empty());
        assert!(negated_words("I don't think it's my heart").is_empty());
        assert!(negated_words("I hope it's not a clot").is_empty());
        assert!(negated_words("my heart won't stop racing").is_empty());
    }

    #[test]
    fn ruled_out_negates_backwards() {
        assert_eq!(negated_words("dvt ruled out"), ["dvt"]);
    }

    #[test]
    fn negation_at_the_end_is_harmless() {
        assert!(negated_words("no").is_empty());
        assert!(negated_words("").is_empty());
    }
}
