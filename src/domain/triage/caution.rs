//! Non-cardiac medical issues: a general "check with a professional" note. Pregnancy,
//! sickle cell disease, lymphedema, a dialysis fistula and similar are singled out
//! because they rule out a cuff until a doctor says otherwise.

use super::concept::{Concept as C, Finding};
use super::normalize::Token;
use super::term::{term, Term};

const BONES: &[&str] = &[
    "bone",
    "arm",
    "leg",
    "wrist",
    "ankle",
    "foot",
    "hand",
    "finger",
    "toe",
    "rib",
    "hip",
    "collarbone",
    "elbow",
    "knee",
    "back",
    "nose",
    "shin",
    "femur",
    "tibia",
];

/// Non-cardiac terms.
pub(crate) const TERMS: &[Term] = &[
    // Conditions that rule out a cuff until cleared.
    term("pregnant", C::CuffSafety),
    term("pregnan*", C::CuffSafety),
    term("postpartum", C::CuffSafety),
    term("post partum", C::CuffSafety),
    term("trimester", C::CuffSafety),
    term("gave birth", C::CuffSafety),
    term("sickle cell", C::CuffSafety),
    term("lymphedema", C::CuffSafety),
    term("lymphoedema", C::CuffSafety),
    term("lymph node", C::CuffSafety),
    term("mastectomy", C::CuffSafety),
    term("lumpectomy", C::CuffSafety),
    term("dialysis", C::CuffSafety),
    term("fistula", C::CuffSafety),
    term("picc", C::CuffSafety),
    term("open wound", C::CuffSafety),
    // Medical conditions.
    term("diabetes", C::MedicalCondition),
    term("diabetic", C::MedicalCondition),
    term("diabet*", C::MedicalCondition),
    term("blood sugar", C::MedicalCondition),
    term("hypoglyc*", C::MedicalCondition),
    term("hyperglyc*", C::MedicalCondition),
    term("kidney", C::MedicalCondition).near(
        &[
            "disease",
            "failure",
            "transplant",
            "stone",
            "problem",
            "damage",
            "infection",
        ],
        3,
    ),
    term("ckd", C::MedicalCondition),
    term("renal", C::MedicalCondition),
    term("cancer", C::MedicalCondition),
    term("tumor", C::MedicalCondition),
    term("tumour", C::MedicalCondition),
    term("chemo", C::MedicalCondition),
    term("chemo*", C::MedicalCondition),
    term("radiotherapy", C::MedicalCondition),
    term("leukemia", C::MedicalCondition),
    term("leukaemia", C::MedicalCondition),
    term("lymphoma", C::MedicalCondition),
    term("melanoma", C::MedicalCondition),
    term("carcinoma", C::MedicalCondition),
    term("arthritis", C::MedicalCondition),
    term("*arthritis", C::MedicalCondition),
    term("rheumatoid", C::MedicalCondition),
    term("lupus", C::MedicalCondition),
    term("fibromyalgia", C::MedicalCondition),
    term("asthma", C::MedicalCondition),
    term("asthma*", C::MedicalCondition),
    term("copd", C::MedicalCondition),
    term("emphysema", C::MedicalCondition),
    term("epilepsy", C::MedicalCondition),
    term("epilep*", C::MedicalCondition),
    term("seizure", C::MedicalCondition),
    term("multiple sclerosis", C::MedicalCondition),
    term("parkinson", C::MedicalCondition),
    term("thyroid", C::MedicalCondition),
    term("hypothyroid*", C::MedicalCondition),
    term("hyperthyroid*", C::MedicalCondition),
    term("anemia", C::MedicalCondition),
    term("osteoporosis", C::MedicalCondition),
    term("osteopenia", C::MedicalCondition),
    term("gout", C::MedicalCondition),
    term("hernia", C::MedicalCondition),
    term("glaucoma", C::MedicalCondition),
    term("eye pressure", C::MedicalCondition),
    term("retina", C::MedicalCondition),
    term("retinal", C::MedicalCondition),
    term("migraine", C::MedicalCondition),
    term("eating disorder", C::MedicalCondition),
    term("anorexia", C::MedicalCondition),
    term("bulimia", C::MedicalCondition),
    term("hepatitis", C::MedicalCondition),
    term("cirrhosis", C::MedicalCondition),
    term("liver disease", C::MedicalCondition),
    term("hiv", C::MedicalCondition),
    term("crohn", C::MedicalCondition),
    term("colitis", C::MedicalCondition),
    term("celiac", C::MedicalCondition),
    term("coeliac", C::MedicalCondition),
    term("apnea", C::MedicalCondition),
    term("pcos", C::MedicalCondition),
    term("endometriosis", C::MedicalCondition),
    term("scoliosis", C::MedicalCondition),
    term("hypermobility", C::MedicalCondition),
    term("ehlers danlos", C::MedicalCondition),
    term("neuropathy", C::MedicalCondition),
    term("nerve damage", C::MedicalCondition),
    term("paralysis", C::MedicalCondition),
    term("paralyzed", C::MedicalCondition),
    term("spinal cord", C::MedicalCondition),
    term("dementia", C::MedicalCondition),
    term("depression", C::MedicalCondition),
    term("hypercholesterolemia", C::MedicalCondition),
    term("clot", C::MedicalCondition).near(
        &[
            "period",
            "menstrual",
            "menstruation",
            "vaginal",
            "uterine",
            "miscarriage",
        ],
        6,
    ),
    term("disease", C::MedicalCondition),
    term("syndrome", C::MedicalCondition),
    term("disorder", C::MedicalCondition),
    term("diagnosed", C::MedicalCondition),
    term("autoimmune", C::MedicalCondition),
    // Injuries and surgery.
    term("injury", C::Injury),
    term("injured", C::Injury),
    term("injur*", C::Injury),
    term("torn", C::Injury),
    term("sprain", C::Injury),
    term("sprained", C::Injury),
    term("strained", C::Injury),
    term("fracture", C::Injury),
    term("fractured", C::Injury),
    term("broken", C::Injury).near(BONES, 3),
    term("broke", C::Injury).near(BONES, 3),
    term("dislocat*", C::Injury),
    term("tendonitis", C::Injury),
    term("tendinitis", C::Injury),
    term("tendinopathy", C::Injury),
    term("tendinosis", C::Injury),
    term("bursitis", C::Injury),
    term("ligament", C::Injury).near(&["torn", "tear", "sprain", "damaged", "ruptured"], 3),
    term("acl", C::Injury),
    term("mcl", C::Injury),
    term("meniscus", C::Injury),
    term("labrum", C::Injury),
    term("rotator cuff", C::Injury),
    term("herniat*", C::Injury),
    term("slipped disc", C::Injury),
    term("bulging disc", C::Injury),
    term("sciatica", C::Injury),
    term("pinched nerve", C::Injury),
    term("surgery", C::Injury),
    term("surgical", C::Injury),
    term("operation", C::Injury),
    term("post op", C::Injury),
    term("postop", C::Injury),
    term("incision", C::Injury),
    term("stitches", C::Injury),
    term("replacement", C::Injury).near(&["knee", "hip", "shoulder", "joint"], 2),
    term("fasciitis", C::Injury),
    term("shin splints", C::Injury),
    term("tennis elbow", C::Injury),
    term("golfers elbow", C::Injury),
    term("whiplash", C::Injury),
    term("concussion", C::Injury),
    term("pain", C::Injury),
    term("painful", C::Injury),
    term("bruising", C::Injury),
    term("petechiae", C::Injury),
    term("wound", C::Injury).not_before(&["up", "down", "around", "tight"]),
    // Illness.
    term("fever", C::Illness),
    term("feverish", C::Illness),
    term("flu", C::Illness),
    term("influenza", C::Illness),
    term("covid", C::Illness),
    term("sick", C::Illness),
    term("illness", C::Illness),
    term("infection", C::Illness),
    term("infected", C::Illness),
    term("virus", C::Illness),
    term("strep", C::Illness),
    term("pneumonia", C::Illness),
    term("bronchitis", C::Illness),
    term("sore throat", C::Illness),
    term("shingles", C::Illness),
    term("cellulitis", C::Illness),
    term("food poisoning", C::Illness),
    term("heat stroke", C::Illness),
    term("heatstroke", C::Illness),
    term("heat exhaustion", C::Illness),
    term("vomiting", C::Illness).near(&["blood"], 3),
    // Medicines that are not cardiac.
    term("medication", C::Medication),
    term("meds", C::Medication).not_before(&["ball", "balls"]),
    term("medicine", C::Medication)
        .not_before(&["ball", "balls"])
        .not_after(&["sports", "sport"]),
    term("prescription", C::Medication),
    term("prescribed", C::Medication),
    term("steroid", C::Medication),
    term("prednisone", C::Medication),
    term("prednisolone", C::Medication),
    term("cortisone", C::Medication),
    term("anabolic", C::Medication),
    term("testosterone", C::Medication),
    term("trt", C::Medication),
    term("sarm", C::Medication),
    term("birth control", C::Medication),
    term("contraceptive", C::Medication),
    term("contraception", C::Medication),
    term("on the pill", C::Medication),
    term("estrogen", C::Medication),
    term("oestrogen", C::Medication),
    term("hrt", C::Medication),
    term("insulin", C::Medication),
    term("metformin", C::Medication),
    term("ozempic", C::Medication),
    term("semaglutide", C::Medication),
    term("wegovy", C::Medication),
    term("mounjaro", C::Medication),
    term("tirzepatide", C::Medication),
    term("antidepressant", C::Medication),
    term("ssri", C::Medication),
    term("sertraline", C::Medication),
    term("fluoxetine", C::Medication),
    term("adderall", C::Medication),
    term("vyvanse", C::Medication),
    term("ritalin", C::Medication),
    term("accutane", C::Medication),
    term("isotretinoin", C::Medication),
    term("ibuprofen", C::Medication),
    term("nsaid", C::Medication),
    term("antibiotic", C::Medication),
    term("painkiller", C::Medication),
    term("oxycodone", C::Medication),
    term("tramadol", C::Medication),
    term("levothyroxine", C::Medication),
    term("gabapentin", C::Medication),
    term("clotrimazole", C::Medication),
    // Screening factors that need clearance.
    term("smoker", C::ScreeningFactor),
    term("smoking", C::ScreeningFactor),
    term("vaping", C::ScreeningFactor),
    term("obese", C::ScreeningFactor),
    term("obesity", C::ScreeningFactor),
    term("long haul flight", C::ScreeningFactor),
    term("long flight", C::ScreeningFactor),
    term("immobilized", C::ScreeningFactor),
    term("immobilised", C::ScreeningFactor),
    term("bed rest", C::ScreeningFactor),
];

/// Units after a number that make it something other than an age.
const NOT_AGE_UNITS: &[&str] = &[
    "kg", "kgs", "kilo", "kilos", "lb", "lbs", "pound", "pounds", "percent", "cm", "reps", "rep",
    "minutes", "min", "mins", "seconds", "sec", "secs", "bpm", "mmhg", "times", "days", "weeks",
    "sets", "miles", "km",
];

/// Age 60 or over ("I'm 65", "67 years old", "age 70") needs clearance before BFR.
pub(crate) fn find_age(tokens: &[Token], findings: &mut Vec<Finding>) {
    for (index, token) in tokens.iter().enumerate() {
        let Some(age) = token.leading_number().filter(|n| (60..=110).contains(n)) else {
            continue;
        };
        let suffix = token.raw.trim_start_matches(|c: char| c.is_ascii_digit());
        let next = tokens.get(index + 1).map(|t| t.raw.as_str());
        let previous = index.checked_sub(1).map(|i| tokens[i].raw.as_str());
        let says_years = matches!(suffix, "yo" | "yrs" | "yr" | "y")
            || (suffix.is_empty() && matches!(next, Some("years" | "year" | "yo" | "yrs" | "yr")));
        let says_i_am = suffix.is_empty()
            && matches!(
                previous,
                Some("im" | "am" | "age" | "aged" | "turning" | "turned")
            )
            && !next.is_some_and(|n| NOT_AGE_UNITS.contains(&n));
        if age >= 60 && (says_years || says_i_am) {
            let mut finding = Finding::new(C::ScreeningFactor, index, index);
            if says_years && suffix.is_empty() {
                finding.last = index + 1;
            }
            if let Some(start) = index.checked_sub(1).filter(|_| says_i_am) {
                finding.first = start;
            }
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::normalize::tokenize;

    fn ages(text: &str) -> usize {
        let mut findings = Vec::new();
        find_age(&tokenize(text), &mut findings);
        findings.len()
    }

    #[test]
    fn finds_ages_of_sixty_and_over() {
        assert_eq!(ages("I'm 65 and want to start bfr"), 1);
        assert_eq!(ages("67 years old male"), 1);
        assert_eq!(ages("age 72, bad knees"), 1);
        assert_eq!(ages("62yo"), 1);
    }

    #[test]
    fn ignores_weights_reps_and_younger_ages() {
        assert_eq!(ages("I'm 70 kg"), 0);
        assert_eq!(ages("im 65kg"), 0);
        assert_eq!(ages("I'm 35 years old"), 0);
        assert_eq!(ages("did 100 reps"), 0);
    }
}
