//! Heart and blood-vessel conditions, stroke, clotting and bleeding disorders, cardiac
//! devices, tests, procedures and first aid.
//!
//! Rules name ideas rather than sentences: a condition word, a medical word-part
//! ("*carditis", "thromb*"), or a body word plus a trouble word ("blocked arteries",
//! "problems with my heart").

use super::concept::Concept as C;
use super::term::{term, Term};

/// Nouns that make "heart" a medical mention ("heart problems", "hole in the heart").
const HEART_TROUBLE: &[&str] = &[
    "disease",
    "diseases",
    "problem",
    "problems",
    "issue",
    "issues",
    "condition",
    "conditions",
    "failure",
    "failing",
    "attack",
    "attach",
    "attacks",
    "defect",
    "defects",
    "murmur",
    "block",
    "blockage",
    "blocked",
    "surgery",
    "operation",
    "transplant",
    "transplantation",
    "valve",
    "disorder",
    "damage",
    "damaged",
    "trouble",
    "scare",
    "episode",
    "event",
    "abnormality",
    "abnormal",
    "rhythm",
    "doctor",
    "specialist",
    "med",
    "meds",
    "medication",
    "medicine",
    "pill",
    "pills",
    "tablet",
    "stent",
    "bypass",
    "enlarged",
    "enlargement",
    "hole",
    "symptom",
    "symptoms",
    "test",
    "scan",
    "echo",
    "ultrasound",
    "inflammation",
    "infection",
    "cath",
    "catheterization",
    "catheterisation",
    "ablation",
    "procedure",
    "stopped",
    "arrest",
    "syndrome",
    "wrong",
    "weak",
    "leaky",
    "palpitation",
    "murmurs",
    "complication",
    "patient",
    "ward",
    "clinic",
    "monitor",
    "history",
    "mri",
];

/// Words after "heart" that keep it an everyday fitness word ("heart rate zones").
const HEART_FITNESS: &[&str] = &[
    "rate", "rates", "health", "healthy", "zone", "zones", "strap", "pumping", "shaped", "emoji",
    "warming", "of",
];

/// "cardio..." words that are about exercise, not disease.
const CARDIO_FITNESS: &[&str] = &[
    "cardiovascular",
    "cardiorespiratory",
    "cardiokickboxing",
    "cardioworkout",
    "cardiovascularly",
    "cardiofitness",
];

const VASCULAR_TROUBLE: &[&str] = &[
    "disease",
    "diseases",
    "surgery",
    "problem",
    "problems",
    "condition",
    "malformation",
    "dementia",
    "disorder",
    "graft",
    "insufficiency",
    "issue",
    "issues",
    "damage",
    "surgeon",
    "specialist",
    "bypass",
    "ring",
    "anomaly",
];

/// Words after "vascular occlusion" that make it the name of the training (vascular
/// occlusion training is another name for BFR), not a blocked vessel.
const NAMES_THE_TRAINING: &[&str] = &[
    "training",
    "train",
    "trainer",
    "exercise",
    "exercises",
    "workout",
    "workouts",
    "session",
    "sessions",
    "band",
    "bands",
    "cuff",
    "cuffs",
    "method",
    "protocol",
];

const ARTERY_TROUBLE: &[&str] = &[
    "furred",
    "furring",
    "clogging",
    "disease",
    "blocked",
    "blockage",
    "blockages",
    "clogged",
    "hardening",
    "hardened",
    "narrowing",
    "narrowed",
    "plaque",
    "calcification",
    "calcified",
    "damage",
    "damaged",
    "dissection",
    "stenosis",
    "spasm",
    "occlusion",
    "occluded",
    "bypass",
    "stent",
    "torn",
    "tear",
    "problem",
    "problems",
    "issue",
    "condition",
    "aneurysm",
    "insufficiency",
    "burst",
    "ruptured",
    "rupture",
    "blockage",
    "clot",
];

const VEIN_TROUBLE: &[&str] = &[
    "varicose",
    "broken",
    "blocked",
    "clotted",
    "clot",
    "painful",
    "pain",
    "swollen",
    "damaged",
    "burst",
    "surgery",
    "disease",
    "problem",
    "problems",
    "insufficiency",
    "thrombosis",
    "inflamed",
    "inflammation",
    "hardened",
    "stripping",
    "ablation",
    "tender",
    "lump",
    "bulge",
    "occlusion",
    "occluded",
];

const VENOUS_TROUBLE: &[&str] = &[
    "insufficiency",
    "disease",
    "ulcer",
    "malformation",
    "anomaly",
    "anomalous",
    "reflux",
    "stasis",
    "thrombosis",
    "thromboembolism",
    "hypertension",
    "eczema",
];

const VESSEL_TROUBLE: &[&str] = &[
    "disease",
    "problem",
    "problems",
    "damage",
    "damaged",
    "disorder",
    "condition",
    "burst",
    "broken",
    "inflammation",
    "inflamed",
    "malformation",
    "blocked",
    "narrowing",
    "narrowed",
];

const VALVE_CONTEXT: &[&str] = &[
    "heart",
    "mitral",
    "aortic",
    "tricuspid",
    "pulmonary",
    "replacement",
    "replaced",
    "disease",
    "prolapse",
    "leaky",
    "leaking",
    "stenosis",
    "regurgitation",
    "surgery",
    "repair",
    "bicuspid",
    "artificial",
    "mechanical",
    "pig",
    "cardiac",
];

/// Swimming, rowing and other sport uses of "stroke".
const STROKE_SPORT_BEFORE: &[&str] = &[
    "breast",
    "back",
    "free",
    "swim",
    "swimming",
    "heat",
    "sun",
    "golf",
    "paddle",
    "pedal",
    "pedaling",
    "pedalling",
    "rowing",
    "row",
    "piston",
    "brush",
    "pen",
    "key",
    "tennis",
    "butterfly",
    "side",
    "power",
    "master",
    "full",
    "half",
    "drive",
    "recovery",
    "catch",
    "each",
    "every",
    "per",
    "oar",
    "kayak",
    "crawl",
    "forehand",
    "backhand",
    "putting",
    "short",
    "long",
    "smooth",
    "finishing",
    "single",
];
const STROKE_SPORTS: &[&str] = &[
    "swim",
    "swimming",
    "swimmer",
    "pool",
    "lap",
    "laps",
    "rowing",
    "rower",
    "erg",
    "paddle",
    "paddling",
    "kayak",
    "canoe",
    "golf",
    "tennis",
    "pedal",
    "pedaling",
    "cycling",
    "freestyle",
    "backstroke",
    "breaststroke",
    "butterfly",
    "piston",
    "engine",
];
const STROKE_MEDICAL: &[&str] = &[
    "had",
    "brain",
    "blood",
    "clot",
    "doctor",
    "hospital",
    "mini",
    "ischemic",
    "hemorrhagic",
    "survivor",
    "paralysis",
    "paralyzed",
    "rehab",
    "rehabilitation",
    "tia",
];
/// After "ischemic", words that make it a way of training, not a condition.
const ISCHEMIC_METHOD: &[&str] = &[
    "training",
    "train",
    "exercise",
    "stimulus",
    "strength",
    "resistance",
    "preconditioning",
    "conditioning",
    "workout",
];
const STROKE_SPORT_AFTER: &[&str] = &[
    "rate",
    "length",
    "count",
    "technique",
    "efficiency",
    "volume",
    "distance",
    "per",
    "of",
    "rhythm",
    "play",
    "cadence",
];

/// Places a clot can come from that are not a blood vessel.
const CLOT_ELSEWHERE: &[&str] = &[
    "menstrual",
    "menstruation",
    "period",
    "periods",
    "vaginal",
    "uterine",
    "uterus",
    "vomit",
    "vomiting",
    "vomited",
    "throw",
    "threw",
    "stool",
    "poop",
    "bowel",
    "rectal",
    "nose",
    "nosebleed",
    "mucus",
    "phlegm",
    "snot",
    "scab",
    "socket",
    "tooth",
    "milk",
    "breastfeeding",
    "discharge",
    "miscarriage",
    "ear",
    "cream",
];
const CLOT_VASCULAR: &[&str] = &[
    "calf",
    "lung",
    "lungs",
    "dvt",
    "artery",
    "vein",
    "heart",
    "brain",
    "thinner",
    "thinners",
    "anticoagulant",
];

const OTHER_PRESSURES: &[&str] = &["ocular", "intracranial", "portal", "idiopathic"];

const STENT_ELSEWHERE: &[&str] = &[
    "kidney",
    "ureter",
    "ureteral",
    "ureteric",
    "urinary",
    "bladder",
    "biliary",
    "bile",
    "pancreatic",
    "esophageal",
    "oesophageal",
    "duct",
    "dental",
    "sinus",
    "stomach",
];
const STENT_CARDIAC: &[&str] = &["heart", "cardiac", "coronary", "artery", "cardiologist"];

/// Heart and blood-vessel terms.
pub(crate) const TERMS: &[Term] = &[
    // The heart itself, with a trouble word nearby.
    term("heart", C::HeartCondition)
        .near(HEART_TROUBLE, 3)
        .not_before(HEART_FITNESS),
    term("bad heart", C::HeartCondition),
    term("open heart", C::CardiacProcedure),
    term("hearth attack", C::HeartCondition),
    term("heat attack", C::HeartCondition),
    term("cardiac", C::HeartCondition)
        .not_before(&["output", "drift", "muscle", "muscles", "cycle"])
        .not_after(&["non"]),
    term("cardiovascular", C::HeartCondition).near(
        &[
            "disease",
            "problem",
            "condition",
            "event",
            "issue",
            "complication",
            "patient",
            "surgery",
            "medication",
            "disorder",
            "death",
        ],
        2,
    ),
    term("cardio*", C::HeartCondition).except(CARDIO_FITNESS),
    term("cardiomyopathy", C::HeartCondition),
    term("cardiologist", C::HeartCondition),
    // "cardio doc" is slang for a cardiologist, not a running coach.
    term("cardio doc", C::HeartCondition),
    term("cardio doctor", C::HeartCondition),
    term("cardio dr", C::HeartCondition),
    // Bacteria named like heart words: Nocardia.
    term("*cardia", C::HeartCondition).except(&["nocardia"]),
    term("*carditis", C::HeartCondition),
    term("*cardial", C::HeartCondition),
    term("*cardium", C::HeartCondition),
    term("*cardiac", C::HeartCondition),
    term("*pericard*", C::HeartCondition),
    term("*myocard*", C::HeartCondition),
    term("*endocard*", C::HeartCondition),
    term("tachycardia", C::HeartCondition),
    term("bradycardia", C::HeartCondition),
    term("endocarditis", C::HeartCondition),
    term("myocarditis", C::HeartCondition),
    term("pericarditis", C::HeartCondition),
    term("angina", C::HeartCondition).not_after(&["ludwig", "ludwigs", "vincent", "vincents"]),
    term("anginal", C::HeartCondition),
    term("infarct*", C::HeartCondition),
    term("infarction", C::HeartCondition),
    term("coronary", C::HeartCondition),
    term("arrhythm*", C::HeartCondition),
    term("arythm*", C::HeartCondition),
    term("arrythm*", C::HeartCondition),
    term("arhythm*", C::HeartCondition),
    term("dysrhythm*", C::HeartCondition),
    term("arrhythmia", C::HeartCondition),
    term("fibrillat*", C::HeartCondition),
    term("fibrillation", C::HeartCondition),
    term("ectopic", C::HeartRhythm).near(
        &[
            "beat",
            "beats",
            "heartbeat",
            "heart",
            "atrial",
            "ventricular",
            "rhythm",
        ],
        2,
    ),
    term("heart block", C::HeartCondition),
    term("av block", C::HeartCondition),
    // The implanted defibrillator, not the disease classification.
    term("icd", C::CardiacProcedure).near(
        &[
            "fitted",
            "implanted",
            "implant",
            "shock",
            "shocked",
            "fired",
            "device",
            "pacemaker",
            "defibrillator",
        ],
        4,
    ),
    term("av node", C::HeartCondition),
    term("av nodal", C::HeartCondition),
    term("bundle branch", C::HeartCondition),
    term("sick sinus", C::HeartCondition),
    term("long qt", C::HeartCondition),
    term("qt", C::HeartCondition).near(&["long", "prolonged", "prolongation", "interval"], 2),
    term("brugada", C::HeartCondition),
    term("wolff parkinson", C::HeartCondition),
    term("andersen tawil", C::HeartCondition),
    term("romano ward", C::HeartCondition),
    term("takotsubo", C::HeartCondition),
    term("torsade", C::HeartCondition),
    term("telangiectasia", C::VesselCondition).near(&["hereditary", "hemorrhagic"], 3),
    term("murmur", C::HeartCondition),
    term("valve", C::HeartCondition).near(VALVE_CONTEXT, 3),
    term("mitral", C::HeartCondition),
    term("tricuspid", C::HeartCondition),
    term("aortic", C::HeartCondition),
    term("aorta", C::HeartCondition),
    term("regurgitation", C::HeartCondition).near(
        &[
            "valve",
            "mitral",
            "aortic",
            "tricuspid",
            "pulmonary",
            "heart",
        ],
        3,
    ),
    term("rheumatic fever", C::HeartCondition),
    term("rheumatic heart", C::HeartCondition),
    term("septal", C::HeartCondition).near(&["defect", "hole"], 2),
    term("foramen ovale", C::HeartCondition),
    term("ductus", C::HeartCondition),
    term("tetralogy", C::HeartCondition),
    term("fallot", C::HeartCondition),
    term("transposition", C::HeartCondition).near(&["great", "artery", "vessel"], 4),
    term("coarctation", C::HeartCondition),
    term("ebstein", C::HeartCondition).not_before(&["barr"]),
    term("eisenmenger", C::HeartCondition),
    term("truncus", C::HeartCondition),
    term("hypoplastic", C::HeartCondition).near(&["heart", "ventricle"], 3),
    term("ventric*", C::HeartCondition)
        .except(&["ventriculoperitoneal", "ventriculostomy"])
        .not_in_sentence(&["brain", "cerebral", "hydrocephalus", "shunt"]),
    term("atrial", C::HeartCondition),
    term("atria", C::HeartCondition),
    term("atrium", C::HeartCondition).near(&["left", "right", "heart", "enlarged"], 2),
    term("myxoma", C::HeartCondition),
    term("ejection fraction", C::HeartCondition),
    term("congestive", C::HeartCondition).near(&["heart", "failure"], 2),
    // Blood vessels.
    term("aneurysm", C::VesselCondition),
    term("aneur*", C::VesselCondition),
    term("anneur*", C::VesselCondition),
    term("athero*", C::VesselCondition),
    term("aorto*", C::VesselCondition),
    term("angiopath*", C::VesselCondition),
    term("atherosclerosis", C::VesselCondition),
    term("arterioscl*", C::VesselCondition),
    term("arteriosclerosis", C::VesselCondition),
    term("arterio*", C::VesselCondition),
    term("arteriovenous", C::VesselCondition),
    term("*arteritis", C::VesselCondition),
    term("arteritis", C::VesselCondition),
    term("vasculit*", C::VesselCondition),
    term("vasculitis", C::VesselCondition),
    term("vasculop*", C::VesselCondition),
    term("vascular", C::VesselCondition).near(VASCULAR_TROUBLE, 2),
    term("vascular occlusion", C::VesselCondition).not_before(NAMES_THE_TRAINING),
    term("cerebrovascular", C::VesselCondition),
    term("microvascular", C::VesselCondition),
    term("peripheral vascular", C::VesselCondition),
    term("peripheral artery", C::VesselCondition),
    term("pulmonary artery", C::VesselCondition),
    term("peripheral arterial", C::VesselCondition),
    term("claudicat*", C::VesselCondition),
    term("claudication", C::VesselCondition),
    term("artery", C::VesselCondition).near(ARTERY_TROUBLE, 3),
    term("arterial", C::VesselCondition).near(ARTERY_TROUBLE, 3),
    term("carotid", C::VesselCondition)
        .not_before(&["pulse", "check"])
        .not_in_sentence(&["pulse", "rate", "bpm"]),
    term("varicose", C::VesselCondition),
    term("varicos*", C::VesselCondition),
    term("vein", C::VesselCondition)
        .near(VEIN_TROUBLE, 3)
        .not_in_sentence(&[
            "iv",
            "draw",
            "drawn",
            "injection",
            "needle",
            "infusion",
            "cannula",
        ]),
    term("venous", C::VesselCondition).near(VENOUS_TROUBLE, 4),
    term("blood vessel", C::VesselCondition)
        .near(VESSEL_TROUBLE, 3)
        .not_in_sentence(&["eye", "eyes", "nose", "nosebleed", "cheek", "face", "skin"]),
    term("circulatory", C::VesselCondition).near(
        &[
            "disorder", "problem", "problems", "disease", "issue", "issues",
        ],
        2,
    ),
    term("circulation", C::VesselCondition).near(
        &[
            "poor", "bad", "problem", "problems", "issue", "issues", "impaired", "reduced",
        ],
        3,
    ),
    term("phlebitis", C::VesselCondition),
    term("*phlebitis", C::VesselCondition),
    term("raynaud", C::VesselCondition),
    term("kawasaki", C::VesselCondition).not_before(&["ninja", "motorcycle", "bike"]),
    term("takayasu", C::VesselCondition),
    term("buerger", C::VesselCondition),
    term("moyamoya", C::VesselCondition),
    term("behcet", C::VesselCondition),
    term("churg strauss", C::VesselCondition),
    term("polyangiitis", C::VesselCondition),
    term("wegener", C::VesselCondition),
    term("henoch", C::VesselCondition),
    term("klippel trenaunay", C::VesselCondition),
    term("trenaunay", C::VesselCondition),
    term("nutcracker syndrome", C::VesselCondition),
    term("may thurner", C::VesselCondition),
    term("budd chiari", C::VesselCondition),
    term("vasospasm", C::VesselCondition),
    // "Ischemic training" and "an ischemic stimulus" are names for BFR itself.
    term("ischemi*", C::VesselCondition).not_before(ISCHEMIC_METHOD),
    term("ischemia", C::VesselCondition).not_before(ISCHEMIC_METHOD),
    term("ischemic", C::VesselCondition).not_before(ISCHEMIC_METHOD),
    // Blood pressure named as a condition (readings and "high bp" are in `vitals`).
    // Eye, brain and liver "hypertension" are other pressures.
    term("hypertension", C::BloodPressureProblem).not_after(OTHER_PRESSURES),
    term("hypertens*", C::BloodPressureProblem).not_after(OTHER_PRESSURES),
    term("hypotension", C::BloodPressureProblem),
    term("preeclampsia", C::BloodPressureProblem),
    term("eclampsia", C::BloodPressureProblem),
    term("pre eclampsia", C::BloodPressureProblem),
    term("hypotens*", C::BloodPressureProblem),
    // Stroke.
    term("stroke", C::Stroke)
        .not_after(STROKE_SPORT_BEFORE)
        .not_before(STROKE_SPORT_AFTER)
        .not_in_sentence(STROKE_SPORTS)
        .unless_in_sentence(STROKE_MEDICAL),
    term("hemorrhage", C::Stroke).near(&["brain", "cerebral", "subarachnoid", "intracranial"], 3),
    term("brain bleed", C::Stroke),
    term("subarachnoid", C::Stroke),
    term("apoplexy", C::Stroke).not_after(&["pituitary"]),
    // Clots, clotting and bleeding disorders.
    term("clot", C::ClotOrBleeding)
        .not_before(&["cream"])
        .not_in_sentence(CLOT_ELSEWHERE)
        .unless_in_sentence(CLOT_VASCULAR),
    term("clotting", C::ClotOrBleeding)
        .not_in_sentence(CLOT_ELSEWHERE)
        .unless_in_sentence(CLOT_VASCULAR),
    term("clotting disorder", C::ClotOrBleeding),
    term("*thromb*", C::ClotOrBleeding),
    term("thrombosis", C::ClotOrBleeding),
    term("thrombophilia", C::ClotOrBleeding),
    term("thrombocytopenia", C::ClotOrBleeding),
    term("embol*", C::ClotOrBleeding).except(&[
        "embolden",
        "emboldened",
        "emboldening",
        "emboldens",
    ]),
    term("embolism", C::ClotOrBleeding),
    term("hypercoag*", C::ClotOrBleeding),
    term("factor v leiden", C::ClotOrBleeding),
    term("leiden", C::ClotOrBleeding).near(&["factor"], 3),
    term("protein c deficiency", C::ClotOrBleeding),
    term("protein s deficiency", C::ClotOrBleeding),
    term("antiphospholipid", C::ClotOrBleeding),
    term("hughes syndrome", C::ClotOrBleeding),
    term("bleeding disorder", C::ClotOrBleeding),
    term("platelet", C::ClotOrBleeding)
        .near(&["disorder", "low", "dysfunction", "defect", "defects"], 3),
    term("coagulopathy", C::ClotOrBleeding),
    term("coagulation", C::ClotOrBleeding).near(
        &[
            "disorder",
            "disseminated",
            "intravascular",
            "defect",
            "problem",
            "deficiency",
        ],
        2,
    ),
    // Haemophilus is a bacterium.
    term("hemophil*", C::ClotOrBleeding).except(&["hemophilus"]),
    term("haemophil*", C::ClotOrBleeding).except(&["haemophilus"]),
    term("hemophilia", C::ClotOrBleeding),
    term("willebrand", C::ClotOrBleeding),
    // Connective-tissue disorders whose danger is the aorta.
    term("marfan", C::AorticRisk),
    term("marfan*", C::AorticRisk),
    term("loeys", C::AorticRisk),
    term("ehlers", C::AorticRisk).near(&["vascular"], 2),
    // Devices, tests, procedures.
    term("stent", C::CardiacProcedure)
        .not_in_sentence(STENT_ELSEWHERE)
        .unless_in_sentence(STENT_CARDIAC),
    term("stented", C::CardiacProcedure),
    term("stint", C::CardiacProcedure).near(
        &[
            "heart",
            "artery",
            "cardiac",
            "coronary",
            "cardiologist",
            "chest",
        ],
        6,
    ),
    term("bypass", C::CardiacProcedure)
        .near(
            &[
                "surgery",
                "heart",
                "triple",
                "double",
                "quadruple",
                "quintuple",
                "coronary",
                "cardiac",
                "graft",
                "artery",
                "single",
            ],
            3,
        )
        .not_in_sentence(&["gastric", "stomach", "roux", "bariatric", "sleeve"]),
    term("angioplast*", C::CardiacProcedure),
    term("angioplasty", C::CardiacProcedure),
    term("angiogra*", C::CardiacProcedure),
    term("angiogram", C::CardiacProcedure),
    term("*cardiogra*", C::CardiacProcedure),
    term("echocardiogram", C::CardiacProcedure),
    term("electrocardiogram", C::CardiacProcedure),
    term("cath lab", C::CardiacProcedure),
    term("catheteri*", C::CardiacProcedure).near(&["heart", "coronary", "swan", "artery"], 3),
    term("pacemaker", C::CardiacProcedure),
    term("defibril*", C::CardiacProcedure),
    term("defibrillator", C::CardiacProcedure),
    term("loop recorder", C::CardiacProcedure),
    term("holter", C::CardiacProcedure),
    term("heart monitor", C::CardiacProcedure),
    term("stress test", C::CardiacProcedure),
    term("treadmill test", C::CardiacProcedure),
    term("nuclear stress", C::CardiacProcedure),
    term("ablation", C::CardiacProcedure).not_in_sentence(&[
        "endometrial",
        "uterine",
        "uterus",
        "thyroid",
        "liver",
        "tumor",
        "tumour",
        "kidney",
        "nerve",
        "vein",
    ]),
    term("cardioversion", C::CardiacProcedure),
    term("troponin", C::CardiacProcedure),
    term("calcium score", C::CardiacProcedure),
    // First aid.
    term("resuscitation", C::CardiacFirstAid),
    term("chest compression", C::CardiacFirstAid),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::normalize::tokenize;
    use crate::domain::triage::{matcher, Category};

    fn has(text: &str, concept: C) -> bool {
        let lexicon = matcher::lexicon();
        let mut tokens = tokenize(text);
        lexicon.correct_spelling(&mut tokens);
        let negated = vec![false; tokens.len()];
        lexicon
            .find(&tokens, &negated)
            .iter()
            .any(|f| f.concept == concept)
    }

    #[test]
    fn heart_needs_a_trouble_word() {
        assert!(has("I have heart problems", C::HeartCondition));
        assert!(has("problems with my heart", C::HeartCondition));
        assert!(has("born with a hole in the heart", C::HeartCondition));
        assert!(!has("what are good heart rate zones", C::HeartCondition));
        assert!(!has("heart rate monitor problems", C::HeartCondition));
        assert!(!has("cardio for heart health", C::HeartCondition));
    }

    #[test]
    fn cardio_workouts_are_not_heart_words() {
        assert!(!has("best cardio workouts", C::HeartCondition));
        assert!(!has("cardiovascular endurance training", C::HeartCondition));
        assert!(has("cardiovascular disease", C::HeartCondition));
        assert!(has("my cardiologist said", C::HeartCondition));
        assert!(has("cardiac output during bfr", C::HeartCondition).eq(&false));
    }

    #[test]
    fn word_parts_generalise() {
        assert!(has("myocarditis after covid", C::HeartCondition));
        assert!(has("sinus tachycardia", C::HeartCondition));
        assert!(has("polyarteritis nodosa", C::VesselCondition));
        assert!(has("antithrombin deficiency", C::ClotOrBleeding));
        assert!(has("atrial fibrilation", C::HeartCondition));
    }

    #[test]
    fn stroke_in_sport_is_not_a_stroke() {
        assert!(has("my dad had a stroke", C::Stroke));
        assert!(has("mini strokes", C::Stroke));
        assert!(!has("improve my breast stroke", C::Stroke));
        assert!(!has("stroke rate on the rower", C::Stroke));
        assert!(!has("heat stroke on a run", C::Stroke));
    }

    #[test]
    fn clots_outside_vessels_do_not_count() {
        assert!(has("blood clot in my leg", C::ClotOrBleeding));
        assert!(!has("heavy period with clots", C::ClotOrBleeding));
        assert!(!has("vomiting blood clots", C::ClotOrBleeding));
        assert!(!has(
            "clotrimazole cream for athletes foot",
            C::ClotOrBleeding
        ));
    }

    #[test]
    fn stent_needs_a_vessel_and_persistent_is_not_a_stent() {
        assert!(has("on atorvastatin after my stent", C::CardiacProcedure));
        assert!(has("got a stint in my heart", C::CardiacProcedure));
        assert!(!has("persistent knee pain", C::CardiacProcedure));
        assert!(!has("kidney stent removed", C::CardiacProcedure));
        assert!(!has("gastric bypass surgery", C::CardiacProcedure));
        assert!(has("triple bypass last year", C::CardiacProcedure));
    }

    #[test]
    fn ischemic_training_is_a_method_not_a_condition() {
        assert!(has("ischemic heart disease", C::VesselCondition));
        assert!(has("I had an ischaemic stroke", C::VesselCondition));
        assert!(has("limb ischemia in my leg", C::VesselCondition));
        assert!(!has(
            "ischemic strength training with light loads",
            C::VesselCondition
        ));
        assert!(!has(
            "does the cuff give an ischemic stimulus",
            C::VesselCondition
        ));
        assert!(!has(
            "ischaemic preconditioning before a race",
            C::VesselCondition
        ));
    }

    #[test]
    fn arteries_need_trouble() {
        assert!(has("blocked arteries", C::VesselCondition));
        assert!(has("hardening of the arteries", C::VesselCondition));
        assert!(!has(
            "why draw blood from veins rather than arteries",
            C::VesselCondition
        ));
        assert!(!has("veins popping out when I lift", C::VesselCondition));
        assert!(!has("check your carotid pulse", C::VesselCondition));
    }

    #[test]
    fn every_term_is_cardiac_or_cardiovascular() {
        for term in TERMS {
            assert_eq!(term.concept.category(), Category::Heart, "{}", term.phrase);
        }
    }
}
