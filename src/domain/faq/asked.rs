//! Questions people really asked, each labelled with the entry that answers it: the tuning
//! part of the collected question set (`data/ask-eval/`, every row with its
//! source). They are indexed as more wordings of their entry, so a new question is matched
//! against how people phrase things, not only against the wordings written by hand. The
//! frozen part is never indexed: it is the gate that says whether this generalises.

use super::engine::position;

const TUNING_PART: &str = include_str!("../../../data/ask-eval/tuning.tsv");

/// Rows labelled `safety` are answered by triage, before the FAQ, so none is indexed.
const TRIAGE_LABEL: &str = "safety";

/// `(entry position, question)` for every labelled row of `table` (a header line, then
/// `entry<TAB>question<TAB>source`). Rows with an unknown label are left out; the
/// question-set test checks that there are none.
fn parse(table: &str) -> Vec<(usize, &str)> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let label = fields.next()?;
            let text = fields.next()?;
            if label == TRIAGE_LABEL {
                return None;
            }
            Some((position(label)?, text))
        })
        .collect()
}

pub(crate) fn rows() -> Vec<(usize, &'static str)> {
    parse(TUNING_PART)
}
