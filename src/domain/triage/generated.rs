//! The vocabulary generated from public terminologies (data/triage/cardio_vocabulary.tsv,
//! made by scripts/gen_cardio_vocabulary.py): circulatory-system conditions from
//! ICD-10-CM chapter IX and cardiovascular medicines from the WHO ATC groups C and B01
//! with their other names and brands. It is compiled in, so the bot never reads files at
//! run time, and a malformed row is skipped rather than failing the triage.

use super::concept::Concept as C;
use super::term::{term, Term};

const VOCABULARY: &str = include_str!("../../../data/triage/cardio_vocabulary.tsv");

/// The concept a generated row stands for; `None` for exclusions and unknown kinds.
fn concept_of(kind: &str) -> Option<C> {
    match kind {
        "heart" => Some(C::HeartCondition),
        "vessel" => Some(C::VesselCondition),
        "stroke" => Some(C::Stroke),
        "clot" => Some(C::ClotOrBleeding),
        "blood-pressure" => Some(C::BloodPressureProblem),
        "medicine" => Some(C::CardiacMedicine),
        "lipid-medicine" => Some(C::LipidMedicine),
        "aspirin" => Some(C::Aspirin),
        _ => None,
    }
}

/// The generated terms, in file order.
pub(crate) fn terms() -> Vec<Term> {
    VOCABULARY
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let phrase = fields.next()?;
            let concept = concept_of(fields.next()?)?;
            let _source_code = fields.next()?;
            let spell = fields.next()? == "1";
            let detail = fields.next().unwrap_or_default();
            let generated = term(phrase, concept).detail(detail);
            Some(if spell {
                generated
            } else {
                generated.exact_spelling()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_file_parses_into_many_terms() {
        let terms = terms();
        assert!(terms.len() > 1_000, "{}", terms.len());
        let has = |phrase: &str, concept: C| {
            terms
                .iter()
                .any(|t| t.phrase == phrase && t.concept == concept)
        };
        assert!(has("brugada", C::HeartCondition));
        assert!(has("tachycardia", C::HeartCondition));
        assert!(has("metoprolol", C::CardiacMedicine));
        assert!(has("atorvastatin", C::LipidMedicine));
    }

    #[test]
    fn exclusions_never_become_terms() {
        let terms = terms();
        for excluded in [
            "flutter",
            "lidocaine",
            "lymphedema",
            "ibuprofen",
            "ephedrine",
        ] {
            assert!(
                terms.iter().all(|t| t.phrase != excluded),
                "{excluded} is excluded"
            );
        }
    }
}
