//! A lexicon entry: a phrase, the concept it signals, and the context that confirms or
//! cancels it. Written as constant data so that the term lists read like a glossary.
//!
//! Phrase words are folded like input words (plurals, misspellings). A word may carry a
//! `*` at either end to match by prefix, suffix or substring ("*arteritis", "thromb*").

use super::concept::Concept;

/// Context window, in tokens, used when a term does not set its own.
pub(crate) const DEFAULT_WINDOW: usize = 3;

/// One lexicon entry. Build with [`term`] and the chained setters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    pub(crate) phrase: &'static str,
    pub(crate) concept: Concept,
    /// Extra wording for the reason (a medicine class).
    pub(crate) detail: &'static str,
    /// Only when written in capitals ("PAD", "CAD").
    pub(crate) caps_only: bool,
    /// Words that the wildcard would match but that mean something else.
    pub(crate) except: &'static [&'static str],
    /// Cancelled when the previous word is one of these ("heat stroke").
    pub(crate) not_after: &'static [&'static str],
    /// Counts only when the previous word is one of these ("a PE").
    pub(crate) only_after: &'static [&'static str],
    /// Cancelled when the next word is one of these ("chest day").
    pub(crate) not_before: &'static [&'static str],
    /// Counts only with one of these within `window` tokens in the same clause.
    pub(crate) near: &'static [&'static str],
    /// A second required neighbour list, same window.
    pub(crate) also_near: &'static [&'static str],
    pub(crate) window: usize,
    /// Cancelled by any of these in the same sentence ("menstrual clots") ...
    pub(crate) not_in_sentence: &'static [&'static str],
    /// ... unless one of these is there too.
    pub(crate) unless_in_sentence: &'static [&'static str],
    /// Never a target of spelling correction: ordinary words lie within its reach.
    pub(crate) exact_spelling: bool,
}

/// A term that always counts; refine it with the setters.
pub(crate) const fn term(phrase: &'static str, concept: Concept) -> Term {
    Term {
        phrase,
        concept,
        detail: "",
        caps_only: false,
        except: &[],
        not_after: &[],
        only_after: &[],
        not_before: &[],
        near: &[],
        also_near: &[],
        window: DEFAULT_WINDOW,
        not_in_sentence: &[],
        unless_in_sentence: &[],
        exact_spelling: false,
    }
}

impl Term {
    pub(crate) const fn detail(self, detail: &'static str) -> Self {
        Term { detail, ..self }
    }

    pub(crate) const fn exact_spelling(self) -> Self {
        Term {
            exact_spelling: true,
            ..self
        }
    }

    pub(crate) const fn caps_only(self) -> Self {
        Term {
            caps_only: true,
            ..self
        }
    }

    pub(crate) const fn except(self, except: &'static [&'static str]) -> Self {
        Term { except, ..self }
    }

    pub(crate) const fn not_after(self, not_after: &'static [&'static str]) -> Self {
        Term { not_after, ..self }
    }

    pub(crate) const fn only_after(self, only_after: &'static [&'static str]) -> Self {
        Term { only_after, ..self }
    }

    pub(crate) const fn not_before(self, not_before: &'static [&'static str]) -> Self {
        Term { not_before, ..self }
    }

    pub(crate) const fn near(self, near: &'static [&'static str], window: usize) -> Self {
        Term {
            near,
            window,
            ..self
        }
    }

    pub(crate) const fn also_near(self, also_near: &'static [&'static str]) -> Self {
        Term { also_near, ..self }
    }

    pub(crate) const fn not_in_sentence(self, words: &'static [&'static str]) -> Self {
        Term {
            not_in_sentence: words,
            ..self
        }
    }

    pub(crate) const fn unless_in_sentence(self, words: &'static [&'static str]) -> Self {
        Term {
            unless_in_sentence: words,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built in a constant, as the term lists are.
    const SAMPLE: Term = term("stroke", Concept::Stroke)
        .not_after(&["heat"])
        .near(&["had"], 4)
        .detail("x");

    #[test]
    fn setters_keep_earlier_settings() {
        let sample = [SAMPLE, SAMPLE.caps_only()];
        assert_eq!(sample[0].phrase, "stroke");
        assert_eq!(sample[0].not_after, ["heat"]);
        assert_eq!(sample[0].window, 4);
        assert_eq!(sample[0].detail, "x");
        assert_eq!(sample.map(|t| t.caps_only), [false, true]);
        assert_eq!(sample[1].near, ["had"]);
    }
}
