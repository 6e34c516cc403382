//! Symptoms: a body location with a symptom word nearby ("pain in my chest", "left calf
//! swollen"), or a symptom phrase ("passed out", "slurred speech"). Also the combined
//! patterns that only make sense over a whole sentence or message.

use super::concept::{Concept as C, Finding};
use super::cues::{EXERCISE, PAIN, REST, WORRY};
use super::normalize::{sentence_window, Token};
use super::term::{term, Term};

const CHEST_DISCOMFORT: &[&str] = &[
    "pain",
    "painful",
    "hurt",
    "hurting",
    "ache",
    "aching",
    "achy",
    "tight",
    "tightness",
    "tightening",
    "pressure",
    "squeezing",
    "squeeze",
    "heavy",
    "heaviness",
    "discomfort",
    "stabbing",
    "sharp",
    "pinching",
    "constricted",
    "constriction",
    "crushing",
    "weird",
    "strange",
    "throbbing",
    "pains",
];

const CHEST_CRUSHING: &[&str] = &[
    "crushing",
    "crush",
    "crushed",
    "squeezing",
    "squeezed",
    "elephant",
    "vice",
    "vise",
];

/// "chest" as a training word: chest day, chest press, chest strap.
const CHEST_TRAINING: &[&str] = &[
    "day",
    "days",
    "press",
    "presses",
    "fly",
    "flies",
    "flye",
    "flyes",
    "dip",
    "dips",
    "workout",
    "workouts",
    "exercise",
    "exercises",
    "routine",
    "muscle",
    "muscles",
    "pec",
    "pecs",
    "gain",
    "gains",
    "size",
    "fat",
    "hair",
    "strap",
    "monitor",
    "stretch",
    "stretches",
    "opener",
    "supported",
    "expansion",
    "pass",
    "binder",
    "width",
    "training",
    "session",
    "tattoo",
    "pump",
    "machine",
];

const HEART_PAIN: &[&str] = &[
    "pain",
    "pains",
    "hurt",
    "hurting",
    "ache",
    "aching",
    "sharp",
    "stabbing",
    "squeezing",
    "tight",
    "tightness",
];

const IRREGULAR: &[&str] = &[
    "irregular",
    "irregularly",
    "erratic",
    "skipping",
    "skip",
    "skipped",
    "fluttering",
    "flutter",
    "flip",
    "flipping",
    "flop",
    "flopping",
    "jumping",
    "jump",
    "missing",
    "missed",
    "stutter",
    "stuttering",
    "pause",
    "pausing",
    "extra",
    "quivering",
    "uneven",
    "weird",
    "strange",
    "palpitating",
    "palpitate",
    "wonky",
    "funky",
    "jumpy",
    "odd",
    "abnormal",
    "irregularity",
    "rhythm",
    "stop",
    "stops",
    "somersault",
    "tumbling",
    "thud",
    "thudding",
];

/// How heart pain on the left of the upper body is described ("left arm aching",
/// "sharp pain under my left breast"); "sore" is left out, it is the worked muscle.
const LEFT_PAIN: &[&str] = &[
    "pain",
    "painful",
    "hurt",
    "hurting",
    "ache",
    "aching",
    "achy",
    "heavy",
    "heaviness",
    "tight",
    "tightness",
    "numb",
    "numbness",
    "pressure",
    "sharp",
    "stabbing",
    "squeezing",
    "throbbing",
    "discomfort",
    "weird",
    "strange",
];

/// Words that say a medicine acts on the heart ("a pill that slows my heart").
const ACTS_ON_HEART: &[&str] = &[
    "slow",
    "slows",
    "slowing",
    "slower",
    "steady",
    "steadies",
    "steadying",
    "regulate",
    "regulates",
    "regulating",
    "control",
    "controls",
    "controlling",
    "stabilize",
    "stabilise",
];

const MEDICINE_WORDS: &[&str] = &[
    "pill",
    "pills",
    "medicine",
    "medication",
    "medications",
    "meds",
    "med",
    "tablet",
    "tablets",
    "drug",
    "drugs",
    "prescribed",
    "prescription",
    "something",
    "taking",
    "take",
];

const RACING: &[&str] = &[
    "racing",
    "race",
    "raced",
    "pounding",
    "pound",
    "pounded",
    "thumping",
    "thump",
    "hammering",
    "galloping",
    "banging",
    "crazy",
];

const SWELLING: &[&str] = &[
    "swollen", "swelling", "swell", "swelled", "puffy", "puffed", "edema", "bloated", "fluid",
];

const LIMB_COLOUR: &[&str] = &[
    "white", "pale", "blue", "bluish", "grey", "gray", "cold", "icy",
];

const LIMB_PAIN: &[&str] = &[
    "pain",
    "painful",
    "hurt",
    "hurting",
    "ache",
    "aching",
    "heavy",
    "heaviness",
    "tight",
    "tightness",
    "numb",
    "numbness",
    "tingling",
    "weak",
    "pressure",
];

const STANDING: &[&str] = &["stand", "standing", "stood", "rise", "rising", "upright"];

const URINE_COLOUR: &[&str] = &[
    "dark", "brown", "cola", "coke", "tea", "black", "bloody", "red", "coffee",
];

/// Sentence words that make swelling look like a clot rather than a pump.
const PAIN_OR_HEAT: &[&str] = &[
    "pain",
    "painful",
    "hurt",
    "hurting",
    "tender",
    "warm",
    "hot",
    "red",
    "redness",
    "ache",
    "aching",
    "throbbing",
];
const ONE_SIDE: &[&str] = &["one", "left", "right", "single", "only"];
/// Situations of little or no effort: breathlessness there is a heart-failure sign, not
/// the normal response to a hard set.
const LITTLE_EFFORT: &[&str] = &[
    "stairs", "flight", "lying", "laying", "flat", "woke", "wake", "waking", "night", "rest",
    "resting", "sitting", "talking", "kitchen", "bed", "pillow", "dressed", "shower",
];
/// A single limb, as written.
const LIMBS: &[&str] = &["leg", "calf", "thigh", "ankle", "foot", "shin"];

/// Words that make dark urine look like muscle breakdown.
const MUSCLE_DISTRESS: &[&str] = &[
    "muscle", "muscles", "sore", "soreness", "pain", "painful", "swollen", "weak", "weakness",
    "ache", "aching", "workout", "training", "exercise", "bfr", "doms", "stiff", "quad", "quads",
    "bicep", "biceps", "legs", "arms",
];

/// Words before "faint" that make it a feeling ("I feel faint") or an adjective ("a
/// faint line") rather than fainting.
const FAINT_AS_ADJECTIVE: &[&str] = &[
    "feel", "felt", "feeling", "feels", "bit", "little", "slightly", "very", "go", "went", "get",
    "gets", "got", "a", "the", "so", "too", "quite", "really", "abit",
];

/// Supplements whose harmless tingle is well known.
const STIMULANT_TINGLE: &[&str] = &["alanine", "preworkout", "pre", "niacin", "caffeine"];

/// Things other than a person that collapse: knees in a squat, arches, lungs.
const COLLAPSING_THINGS: &[&str] = &[
    "lung", "lungs", "arch", "arches", "vein", "disc", "knee", "knees", "ankle", "ankles", "hip",
    "hips", "form", "squat", "squats", "valgus", "building", "roof", "wall", "bar", "back",
    "spine", "posture", "foot", "feet",
];

/// Racing-heart terms are fitness in a training sentence unless rest is mentioned.
const fn racing(location: &'static str) -> Term {
    term(location, C::HeartRhythm)
        .near(RACING, 4)
        .not_before(&["health", "healthy", "zone", "zones", "strap"])
        .not_in_sentence(EXERCISE)
        .unless_in_sentence(REST)
}

/// A fast heartbeat said to happen at rest.
const fn fast_at_rest(location: &'static str) -> Term {
    term(location, C::HeartRhythm)
        .near(&["fast", "rapid", "rapidly", "quick", "quickly", "hard"], 6)
        .also_near(REST)
        .not_before(&["health", "healthy", "zone", "zones", "strap"])
}

const fn irregular(location: &'static str) -> Term {
    term(location, C::HeartRhythm)
        .near(IRREGULAR, 5)
        .not_before(&["health", "healthy", "zone", "zones", "strap"])
}

const fn chest_pain(location: &'static str) -> Term {
    term(location, C::ChestPain)
        .near(CHEST_DISCOMFORT, 6)
        .not_before(CHEST_TRAINING)
}

/// Pain on the left of the upper body, outside a training sentence (where it is most
/// often the worked muscle) unless the sentence says it came at rest.
const fn left_sided(location: &'static str) -> Term {
    term(location, C::ChestPain)
        .only_after(&["left"])
        .near(LEFT_PAIN, 5)
        .not_in_sentence(EXERCISE)
        .unless_in_sentence(REST)
}

const fn swollen(location: &'static str) -> Term {
    term(location, C::LegSwelling)
        .near(SWELLING, 5)
        .not_in_sentence(&["pump", "pumped", "pregnant", "pregnancy", "trimester"])
        .unless_in_sentence(&[
            "one", "left", "right", "painful", "red", "warm", "hot", "tender",
        ])
}

const fn pale(limb: &'static str) -> Term {
    term(limb, C::LimbColour).near(LIMB_COLOUR, 3)
}

const fn dizzy_standing(word: &'static str) -> Term {
    term(word, C::DizzyOnStanding).near(STANDING, 6)
}

const fn dark(urine: &'static str) -> Term {
    term(urine, C::DarkUrine).near(URINE_COLOUR, 3)
}

/// Symptom terms.
pub(crate) const TERMS: &[Term] = &[
    // Chest pain and pressure.
    chest_pain("chest"),
    chest_pain("sternum"),
    chest_pain("breastbone"),
    term("chest", C::CrushingChestPain)
        .near(CHEST_CRUSHING, 5)
        .not_before(CHEST_TRAINING),
    term("heart", C::ChestPain)
        .near(HEART_PAIN, 3)
        .not_before(&["rate", "health", "healthy", "zone", "strap"]),
    // Rhythm, including the feeling of it in the chest.
    term("chest", C::HeartRhythm)
        .near(
            &[
                "fluttering",
                "flutter",
                "flutters",
                "fluttery",
                "skipping",
                "thumping",
                "pounding",
                "palpitation",
            ],
            4,
        )
        .not_before(CHEST_TRAINING),
    irregular("heart"),
    irregular("heartbeat"),
    irregular("heartrate"),
    irregular("pulse"),
    fast_at_rest("heart"),
    fast_at_rest("heartbeat"),
    fast_at_rest("pulse"),
    racing("heart"),
    racing("heartbeat"),
    racing("pulse"),
    term("beating", C::HeartRhythm)
        .near(&["fast", "quickly", "rapidly", "hard"], 2)
        .also_near(&["heart", "heartbeat", "pulse"])
        .not_in_sentence(EXERCISE)
        .unless_in_sentence(REST),
    term("beat", C::HeartRhythm).near(
        &[
            "skipped",
            "skipping",
            "skip",
            "missed",
            "missing",
            "extra",
            "irregular",
            "dropped",
        ],
        2,
    ),
    term("palpitat*", C::HeartRhythm),
    term("palpatat*", C::HeartRhythm),
    term("palpitation", C::HeartRhythm),
    // Fainting.
    term("fainted", C::Fainting),
    term("fainting", C::Fainting),
    term("faint", C::Fainting)
        .not_after(FAINT_AS_ADJECTIVE)
        .not_before(&[
            "line", "lines", "smell", "sound", "taste", "light", "hint", "trace", "memory", "idea",
            "glow", "odor", "odour", "voice", "mark", "marks", "scar", "color", "colour", "heart",
        ]),
    term("faint", C::Dizziness).only_after(FAINT_AS_ADJECTIVE),
    term("passed out", C::Fainting),
    term("pass out", C::Fainting),
    term("passing out", C::Fainting),
    term("passes out", C::Fainting),
    term("blacked out", C::Fainting),
    term("blacking out", C::Fainting),
    term("black out", C::Fainting).not_before(&["curtain", "curtains", "blind", "blinds"]),
    term("lost consciousness", C::Fainting),
    term("loss of consciousness", C::Fainting),
    term("losing consciousness", C::Fainting),
    term("unconscious", C::Fainting).not_before(&["bias", "mind", "thought", "habit"]),
    term("syncope", C::Fainting),
    term("syncopal", C::Fainting),
    term("collapsed", C::Fainting).not_in_sentence(COLLAPSING_THINGS),
    term("collapsing", C::Fainting).not_in_sentence(COLLAPSING_THINGS),
    // Stroke signs.
    term("face", C::StrokeSign).near(
        &[
            "droop", "drooping", "droopy", "drooped", "sagging", "lopsided", "uneven",
        ],
        3,
    ),
    term("speech", C::StrokeSign).near(&["slurred", "slurring", "slur", "garbled"], 2),
    term("slurring", C::StrokeSign),
    term("side", C::StrokeSign).only_after(&["one"]).near(
        &[
            "numb",
            "numbness",
            "weak",
            "weakness",
            "paralyzed",
            "paralysed",
            "droop",
            "drooping",
            "dead",
        ],
        6,
    ),
    term("worst headache", C::StrokeSign),
    term("thunderclap", C::StrokeSign).near(&["headache"], 2),
    term("vision", C::StrokeSign)
        .near(&["lost", "losing", "loss"], 3)
        .also_near(&["sudden", "suddenly"]),
    // Coughing blood.
    term("cough", C::CoughingBlood).near(&["blood", "bloody"], 3),
    term("coughing", C::CoughingBlood).near(&["blood", "bloody"], 3),
    term("coughed", C::CoughingBlood).near(&["blood", "bloody"], 3),
    term("hemoptysis", C::CoughingBlood),
    term("haemoptysis", C::CoughingBlood),
    // Swelling (upgraded to a possible clot by `refine`).
    swollen("leg"),
    swollen("calf"),
    swollen("calve"),
    swollen("thigh"),
    swollen("ankle"),
    swollen("foot"),
    swollen("feet"),
    swollen("shin"),
    term("edema", C::LegSwelling),
    // Pain that spreads from the heart; cardiac only next to a cardiac concern.
    term("jaw", C::RadiatingPain).near(LIMB_PAIN, 5),
    left_sided("arm"),
    left_sided("shoulder"),
    left_sided("side"),
    left_sided("pec"),
    left_sided("breast"),
    left_sided("boob"),
    left_sided("rib"),
    left_sided("armpit"),
    // A medicine named by what it does to the heart.
    term("heart", C::CardiacMedicine)
        .near(ACTS_ON_HEART, 4)
        .also_near(MEDICINE_WORDS),
    term("arm", C::RadiatingPain)
        .only_after(&["left"])
        .near(LIMB_PAIN, 5),
    // Pain spreading to the left arm or jaw is the textbook heart pattern.
    term("radiating", C::ChestPain).near(&["jaw", "left"], 5),
    term("radiates", C::ChestPain).near(&["jaw", "left"], 5),
    term("spreading", C::ChestPain)
        .near(&["jaw", "left"], 5)
        .also_near(PAIN),
    // Breathing.
    term("short of breath", C::Breathlessness),
    term("shortness of breath", C::Breathlessness),
    term("breathless", C::Breathlessness),
    term("breathlessness", C::Breathlessness),
    term("trouble breathing", C::Breathlessness),
    term("difficulty breathing", C::Breathlessness),
    term("difficult to breathe", C::Breathlessness),
    term("hard to breathe", C::Breathlessness),
    term("struggling to breathe", C::Breathlessness),
    term("struggle to breathe", C::Breathlessness),
    term("catch my breath", C::Breathlessness).only_after(&["cant", "cannot", "couldnt"]),
    term("gasping", C::Breathlessness),
    term("breathe", C::CannotBreathe)
        .only_after(&["cant", "cannot", "couldnt"])
        .not_before(&[
            "through", "out", "in", "with", "during", "while", "when", "properly",
        ]),
    term("breath", C::CannotBreathe)
        .only_after(&["cant", "cannot", "couldnt"])
        .not_before(&["through", "out", "in", "with", "during", "while", "when"]),
    // Urine and muscle breakdown (upgraded by `refine`).
    dark("urine"),
    dark("pee"),
    dark("peeing"),
    dark("piss"),
    term("rhabdo*", C::Rhabdo),
    term("rhabdo", C::Rhabdo),
    term("rhabdomyolysis", C::Rhabdo),
    // Dizziness.
    term("dizzy", C::Dizziness),
    term("dizziness", C::Dizziness),
    term("lightheaded", C::Dizziness),
    term("lightheadedness", C::Dizziness),
    term("vertigo", C::Dizziness),
    term("woozy", C::Dizziness),
    term("head rush", C::Dizziness),
    term("headrush", C::Dizziness),
    dizzy_standing("dizzy"),
    dizzy_standing("dizziness"),
    dizzy_standing("lightheaded"),
    dizzy_standing("head rush"),
    dizzy_standing("headrush"),
    dizzy_standing("woozy"),
    // Cuff-related nerve and circulation signs.
    term("numb", C::Numbness),
    term("numbness", C::Numbness),
    term("tingling", C::Numbness).not_in_sentence(STIMULANT_TINGLE),
    term("tingly", C::Numbness).not_in_sentence(STIMULANT_TINGLE),
    term("tingle", C::Numbness).not_in_sentence(STIMULANT_TINGLE),
    term("pins and needles", C::Numbness),
    term("feeling", C::Numbness).only_after(&["lost", "losing", "lose"]),
    pale("hand"),
    pale("finger"),
    pale("arm"),
    pale("leg"),
    pale("foot"),
    pale("feet"),
    pale("toe"),
    pale("limb"),
    // Sweat and nausea.
    term("cold sweat", C::SweatOrNausea),
    term("clammy", C::SweatOrNausea),
    term("nausea", C::SweatOrNausea),
    term("nauseous", C::SweatOrNausea),
    term("nauseated", C::SweatOrNausea),
    // Worry about one's own heart.
    term("my heart", C::HeartWorry).near(WORRY, 6),
    term("my heart", C::HeartWorry).near(&["safe", "damage", "harm", "strain", "bad"], 4),
    // Saying that a heart attack or stroke is happening.
    term("having a heart attack", C::CardiacEventNow),
    term("having a stroke", C::CardiacEventNow),
];

/// Upgrades that need a whole sentence or message: a swollen leg that is also painful,
/// hot or red on one side is a possible clot; dark urine with muscle distress is possible
/// rhabdomyolysis.
pub(crate) fn refine(tokens: &[Token], findings: &mut [Finding]) {
    let is_one_of =
        |token: &Token, words: &[&str]| words.iter().any(|w| *w == token.word || *w == token.raw);
    let muscle_distress = || {
        tokens
            .iter()
            .any(|t| is_one_of(t, MUSCLE_DISTRESS) || is_one_of(t, PAIN))
    };
    for finding in findings.iter_mut() {
        match finding.concept {
            C::LegSwelling => {
                let sentence = &tokens[sentence_window(tokens, finding.first)];
                let in_sentence = |words: &[&str]| sentence.iter().any(|t| is_one_of(t, words));
                // "my calf", not "my calves": a single limb.
                let single_limb = tokens
                    .get(finding.first..=finding.last)
                    .into_iter()
                    .flatten()
                    .any(|t| LIMBS.contains(&t.raw.as_str()));
                if in_sentence(PAIN_OR_HEAT) && (single_limb || in_sentence(ONE_SIDE)) {
                    finding.concept = C::LegClotSign;
                }
            }
            C::DarkUrine if muscle_distress() => finding.concept = C::RhabdoSign,
            C::Breathlessness => {
                let sentence = &tokens[sentence_window(tokens, finding.first)];
                if sentence.iter().any(|t| is_one_of(t, LITTLE_EFFORT)) {
                    finding.concept = C::BreathlessAtLittleEffort;
                }
            }
            _ => {}
        }
    }
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
        let mut findings = lexicon.find(&tokens, &negated);
        refine(&tokens, &mut findings);
        findings.into_iter().map(|f| f.concept).collect()
    }

    #[test]
    fn chest_pain_but_not_chest_day() {
        assert!(concepts("chest pain after squats").contains(&C::ChestPain));
        assert!(concepts("it hurts in my chest").contains(&C::ChestPain));
        assert!(concepts("tightness in the middle of my chest").contains(&C::ChestPain));
        assert!(!concepts("chest day pump was crazy").contains(&C::ChestPain));
        assert!(!concepts("best chest press for pain free shoulders").contains(&C::ChestPain));
        assert!(!concepts("chest fly vs dips").contains(&C::ChestPain));
        assert!(!concepts("my chest is sore after bench").contains(&C::ChestPain));
    }

    #[test]
    fn crushing_pressure_is_its_own_concept() {
        assert!(concepts("crushing pressure on my chest").contains(&C::CrushingChestPain));
        assert!(concepts("feels like an elephant on my chest").contains(&C::CrushingChestPain));
    }

    #[test]
    fn racing_heart_in_training_is_normal() {
        assert!(!concepts("my heart is pounding during sprints").contains(&C::HeartRhythm));
        assert!(concepts("my heart is pounding while lying in bed").contains(&C::HeartRhythm));
        assert!(concepts("heart racing for no reason").contains(&C::HeartRhythm));
        assert!(concepts("my heart skips a beat sometimes").contains(&C::HeartRhythm));
        assert!(concepts("irregular heartbeat during bfr").contains(&C::HeartRhythm));
    }

    #[test]
    fn fainting_words() {
        assert!(concepts("I passed out at the gym").contains(&C::Fainting));
        assert!(concepts("i fainted").contains(&C::Fainting));
        assert!(concepts("felt faint after the set").contains(&C::Dizziness));
        assert!(!concepts("a faint line on the test").contains(&C::Fainting));
    }

    #[test]
    fn swollen_painful_leg_on_one_side_is_a_clot_sign() {
        assert!(concepts("my left calf is swollen and painful").contains(&C::LegClotSign));
        assert!(concepts("one swollen painful leg").contains(&C::LegClotSign));
        let both = concepts("both ankles a bit swollen in the evening");
        assert!(both.contains(&C::LegSwelling) && !both.contains(&C::LegClotSign));
    }

    #[test]
    fn dark_urine_with_sore_muscles_is_rhabdo() {
        assert!(concepts("pee is dark like cola and my quads are so sore").contains(&C::RhabdoSign));
        assert!(concepts("dark urine this morning").contains(&C::DarkUrine));
    }

    #[test]
    fn breathing_phrases() {
        assert!(concepts("I cant breathe").contains(&C::CannotBreathe));
        assert!(!concepts("I can't breathe through my nose").contains(&C::CannotBreathe));
        assert!(concepts("suddenly short of breath").contains(&C::Breathlessness));
        assert!(!concepts("out of breath after running").contains(&C::Breathlessness));
    }

    #[test]
    fn stroke_signs() {
        assert!(concepts("his face is drooping").contains(&C::StrokeSign));
        assert!(concepts("my speech is slurred").contains(&C::StrokeSign));
        assert!(concepts("one side of my body went numb").contains(&C::StrokeSign));
    }

    #[test]
    fn standing_dizziness_is_blood_pressure() {
        assert!(concepts("dizzy when I stand up").contains(&C::DizzyOnStanding));
        assert!(!concepts("dizzy after heavy squats").contains(&C::DizzyOnStanding));
    }
}
