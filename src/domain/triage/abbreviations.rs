//! Cardiac abbreviations. Unambiguous ones (DVT, CHF, AFib) always count; ambiguous
//! ones count only in context: "PE" is also physical education, "MI" a state and a
//! fitness band, "PAD" a knee pad, "CAD" a currency, "BP" a bench press.

use super::concept::Concept as C;
use super::normalize::{sentence_window, Token};
use super::term::{term, Term};

/// Words after "PE" that make it the school subject.
const SCHOOL: &[&str] = &[
    "class",
    "classes",
    "teacher",
    "teachers",
    "lesson",
    "lessons",
    "kit",
    "uniform",
    "period",
    "exam",
    "test",
    "credit",
    "department",
    "coach",
    "shirt",
    "shorts",
    "day",
    "grade",
    "gcse",
    "homework",
    "instructor",
    "student",
    "students",
    "major",
    "degree",
];
/// Words before "PE" that make it a pulmonary embolism.
const EMBOLISM_BEFORE: &[&str] = &[
    "a",
    "of",
    "massive",
    "saddle",
    "bilateral",
    "recurrent",
    "previous",
    "prior",
    "multiple",
    "another",
    "small",
    "dvt",
    "dvts",
];
const CLOT_CONTEXT: &[&str] = &[
    "dvt",
    "clot",
    "clots",
    "embolism",
    "thinner",
    "thinners",
    "anticoagulant",
    "xarelto",
    "eliquis",
    "warfarin",
    "lung",
    "lungs",
    "hospital",
    "diagnosed",
    "ct",
    "icu",
];
/// Words before "MI" that make it a myocardial infarction.
const INFARCTION_BEFORE: &[&str] = &[
    "a", "an", "post", "previous", "prior", "recent", "massive", "silent", "acute", "old", "after",
    "since", "nstemi", "stemi", "inferior", "anterior",
];
const HEART_CONTEXT: &[&str] = &[
    "heart",
    "attack",
    "stent",
    "cardiac",
    "infarction",
    "chest",
    "cardiologist",
    "troponin",
    "stemi",
    "cath",
    "hospital",
    "ecg",
    "ekg",
    "bypass",
];

/// Abbreviation terms.
pub(crate) const TERMS: &[Term] = &[
    term("afib", C::HeartCondition),
    term("a fib", C::HeartCondition),
    term("svt", C::HeartCondition),
    term("pvc", C::HeartRhythm).not_before(&["pipe", "pipes", "tube", "floor"]),
    term("wpw", C::HeartCondition),
    term("chf", C::HeartCondition),
    term("cvd", C::HeartCondition),
    term("ihd", C::HeartCondition),
    term("lvh", C::HeartCondition),
    term("hcm", C::HeartCondition),
    term("hocm", C::HeartCondition),
    term("pfo", C::HeartCondition),
    term("vsd", C::HeartCondition),
    term("lbbb", C::HeartCondition),
    term("rbbb", C::HeartCondition),
    term("stemi", C::HeartCondition),
    // Heart-muscle and inherited rhythm conditions, and heart-failure types.
    term("dcm", C::HeartCondition),
    term("arvc", C::HeartCondition),
    term("arvd", C::HeartCondition),
    term("cpvt", C::HeartCondition),
    term("lqts", C::HeartCondition),
    term("sqts", C::HeartCondition),
    term("hfref", C::HeartCondition),
    term("hfpef", C::HeartCondition),
    term("hfmref", C::HeartCondition),
    term("avnrt", C::HeartCondition),
    term("avrt", C::HeartCondition),
    term("tavr", C::CardiacProcedure),
    term("tavi", C::CardiacProcedure),
    term("cabg", C::CardiacProcedure),
    term("triple a", C::AorticRisk).near(
        &[
            "aneurysm",
            "aorta",
            "aortic",
            "ultrasound",
            "scan",
            "screening",
            "found",
            "repair",
            "diagnosed",
            "small",
            "have",
            "has",
        ],
        4,
    ),
    // "VT" is also Vermont and "PAC" a political committee: only as a heart word.
    term("vt", C::HeartCondition).caps_only().near(
        &[
            "history", "episode", "episodes", "had", "have", "ablation", "icd", "heart", "runs",
            "nsvt", "pvc",
        ],
        3,
    ),
    term("nsvt", C::HeartCondition),
    term("pac", C::HeartRhythm).caps_only().near(
        &["get", "having", "frequent", "extra", "beat", "pvc", "heart"],
        3,
    ),
    term("nstemi", C::HeartCondition),
    // "Pott's puffy tumor" and "Pott's disease" are other conditions.
    term("pots", C::HeartCondition)
        .caps_only()
        .not_before(&["puffy", "disease"]),
    term("pots", C::HeartCondition)
        .only_after(&["have", "with", "has", "diagnosed", "my"])
        .not_before(&["puffy", "disease"]),
    term("cad", C::HeartCondition).caps_only().not_before(&[
        "software", "drawing", "design", "model", "file", "program", "dollar",
    ]),
    term("mi", C::HeartCondition)
        .only_after(INFARCTION_BEFORE)
        .not_before(&["band", "fit", "watch", "scale", "phone", "app"]),
    term("mi", C::HeartCondition)
        .near(HEART_CONTEXT, 6)
        .not_before(&["band", "fit", "watch", "scale", "phone", "app"]),
    term("pad", C::VesselCondition).caps_only().not_after(&[
        "knee", "elbow", "heating", "mouse", "note", "launch", "shin", "foot", "ipad",
    ]),
    term("avm", C::VesselCondition),
    term("tia", C::Stroke).caps_only(),
    term("tia", C::Stroke).only_after(&["a", "had", "mini", "another", "of", "recent"]),
    term("dvt", C::ClotOrBleeding),
    term("vte", C::ClotOrBleeding),
    term("pe", C::ClotOrBleeding)
        .only_after(EMBOLISM_BEFORE)
        .not_before(SCHOOL),
    term("pe", C::ClotOrBleeding)
        .near(CLOT_CONTEXT, 6)
        .not_before(SCHOOL),
    term("cabg", C::CardiacProcedure),
    term("pci", C::CardiacProcedure),
    term("tavr", C::CardiacProcedure),
    term("tavi", C::CardiacProcedure),
    term("lvad", C::CardiacProcedure),
    term("aicd", C::CardiacProcedure),
    term("ecg", C::CardiacProcedure),
    term("ekg", C::CardiacProcedure),
    term("cpr", C::CardiacFirstAid),
    term("aed", C::CardiacFirstAid),
    term("htn", C::BloodPressureProblem),
    term("hbp", C::BloodPressureProblem),
];

/// Gym words that make "bp" a bench press.
const BENCH_CUES: &[&str] = &[
    "kg",
    "kgs",
    "lb",
    "lbs",
    "pound",
    "pounds",
    "plate",
    "plates",
    "rep",
    "reps",
    "set",
    "sets",
    "pr",
    "pb",
    "1rm",
    "max",
    "bench",
    "squat",
    "squats",
    "deadlift",
    "dl",
    "ohp",
    "press",
    "incline",
    "decline",
    "barbell",
    "bar",
    "dumbbell",
    "db",
    "spotter",
    "arch",
    "grip",
    "form",
    "stuck",
    "plateau",
    "plateaued",
    "stalled",
    "progress",
    "lift",
    "lifts",
    "lifting",
    "strength",
    "stronger",
    "paused",
    "touch",
    "lockout",
    "chest",
    "triceps",
    "tricep",
    "row",
    "rows",
    "x5",
    "x3",
    "x8",
    "5x5",
    "3x5",
    "sbd",
    "total",
    "powerlifting",
    "meet",
];
/// Words that make "bp" blood pressure.
const PRESSURE_CUES: &[&str] = &[
    "high",
    "low",
    "med",
    "meds",
    "medication",
    "medications",
    "medicine",
    "pill",
    "pills",
    "tablet",
    "tablets",
    "reading",
    "readings",
    "systolic",
    "diastolic",
    "mmhg",
    "hypertension",
    "pressure",
    "blood",
    "doctor",
    "heart",
    "monitor",
    "cuff",
    "elevated",
    "raised",
    "spike",
    "spikes",
    "dizzy",
    "headache",
    "normal",
    "check",
    "checked",
    "measure",
    "measured",
    "dangerous",
    "hbp",
    "htn",
    "salt",
    "sodium",
];

/// Whether the token at `index` (a "bp") means blood pressure rather than bench press.
/// Gym cues within four words, or a weight in the sentence, make it a bench press;
/// pressure cues or a slash reading make it blood pressure; with neither, blood
/// pressure, as the safer reading.
pub(crate) fn bp_is_blood_pressure(tokens: &[Token], index: usize) -> bool {
    let start = index.saturating_sub(4);
    let end = (index + 4).min(tokens.len().saturating_sub(1));
    let mut bench = 0;
    let mut pressure = 0;
    for (position, token) in tokens.iter().enumerate().take(end + 1).skip(start) {
        if position == index {
            continue;
        }
        let word = token.word.as_str();
        let unit = token
            .raw
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if BENCH_CUES.contains(&word)
            || (token.leading_number().is_some() && BENCH_CUES.contains(&unit))
        {
            bench += 1;
        }
        if PRESSURE_CUES.contains(&word) || token.after_slash {
            pressure += 1;
        }
    }
    let weight_in_sentence = tokens[sentence_window(tokens, index)].iter().any(|t| {
        let unit = t
            .raw
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        matches!(unit, "kg" | "kgs" | "lb" | "lbs" | "pounds" | "kilos")
    });
    pressure >= bench + usize::from(weight_in_sentence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::matcher;
    use crate::domain::triage::normalize::tokenize;

    fn concepts(text: &str) -> Vec<C> {
        let lexicon = matcher::lexicon();
        let mut tokens = tokenize(text);
        lexicon.correct_spelling(&mut tokens);
        let negated = vec![false; tokens.len()];
        lexicon
            .find(&tokens, &negated)
            .into_iter()
            .map(|f| f.concept)
            .collect()
    }

    fn bp(text: &str) -> bool {
        let tokens = tokenize(text);
        let index = tokens.iter().position(|t| t.word == "bp").unwrap_or(0);
        bp_is_blood_pressure(&tokens, index)
    }

    #[test]
    fn unambiguous_abbreviations() {
        for text in [
            "afib", "a-fib", "AFib", "SVT", "PVCs", "CHF", "DVT", "HBP", "HTN",
        ] {
            assert!(!concepts(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn pe_is_a_clot_only_in_context() {
        assert!(concepts("I had a PE last year").contains(&C::ClotOrBleeding));
        assert!(concepts("history of PE").contains(&C::ClotOrBleeding));
        assert!(concepts("dvt and pe, on xarelto").contains(&C::ClotOrBleeding));
        assert!(concepts("we run laps in pe class").is_empty());
        assert!(concepts("my PE teacher says squats are bad").is_empty());
        assert!(concepts("had PE today").is_empty());
    }

    #[test]
    fn mi_is_an_infarction_only_in_context() {
        assert!(concepts("had an MI in 2019").contains(&C::HeartCondition));
        assert!(concepts("post MI rehab").contains(&C::HeartCondition));
        assert!(concepts("living in Detroit, MI").is_empty());
        assert!(concepts("my mi band says 120 bpm").is_empty());
    }

    #[test]
    fn capitals_decide_pad_cad_and_pots() {
        assert!(concepts("diagnosed with PAD").contains(&C::VesselCondition));
        assert!(concepts("knee pad for lunges").is_empty());
        assert!(concepts("I have CAD").contains(&C::HeartCondition));
        assert!(concepts("costs 50 cad").is_empty());
        assert!(concepts("I have POTS").contains(&C::HeartCondition));
        assert!(concepts("pots and pans").is_empty());
    }

    #[test]
    fn bp_bench_press_or_blood_pressure() {
        assert!(!bp("my bp is 100kg"));
        assert!(!bp("bp stuck at 225 for 5 reps"));
        assert!(bp("bp 150/95"));
        assert!(bp("my bp is high"));
        assert!(bp("on bp meds"));
        assert!(bp("is bfr ok with bp"));
    }
}
