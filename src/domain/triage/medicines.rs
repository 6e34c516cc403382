//! Cardiovascular medicines by class: generic names, common brand names, class words,
//! and the suffixes that name whole classes ("-olol" beta-blockers, "-pril" ACE
//! inhibitors, "-sartan" ARBs, "-dipine" calcium-channel blockers, "-xaban" and
//! "-parin" anticoagulants). Cholesterol medicines and aspirin count as cardiac only with
//! a heart context elsewhere in the message (decided in `mod.rs`).

use super::concept::Concept as C;
use super::term::{term, Term};

const fn anticoagulant(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("anticoagulant")
}
const fn antiplatelet(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("antiplatelet")
}
const fn beta_blocker(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("beta-blocker")
}
const fn ace_inhibitor(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("ACE inhibitor")
}
const fn arb(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("ARB")
}
const fn calcium_channel_blocker(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("calcium-channel blocker")
}
const fn diuretic(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("diuretic")
}
const fn nitrate(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("nitrate")
}
const fn antiarrhythmic(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("antiarrhythmic")
}
const fn blood_pressure(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("blood-pressure medicine")
}
const fn thrombolytic(name: &'static str) -> Term {
    term(name, C::CardiacMedicine).detail("clot-dissolving medicine")
}
const fn cholesterol(name: &'static str) -> Term {
    term(name, C::LipidMedicine)
}

/// Contexts where "diuretic" or "water pill" means shedding water weight, not a medicine.
const WATER_WEIGHT: &[&str] = &[
    "natural",
    "caffeine",
    "coffee",
    "tea",
    "herbal",
    "dandelion",
    "food",
    "foods",
    "bloat",
    "bloating",
    "alcohol",
    "beer",
    "asparagus",
    "cranberry",
    "lemon",
    "juice",
    "show",
    "weigh",
    "competition",
    "stage",
    "cutting",
    "supplement",
];
const PRESCRIBED: &[&str] = &[
    "pressure",
    "bp",
    "heart",
    "doctor",
    "prescribed",
    "prescription",
    "swelling",
    "edema",
];

const EYE_DROPS: &[&str] = &["ophthalmic", "eye", "eyes", "drop", "drops", "glaucoma"];

/// Medicine terms.
pub(crate) const TERMS: &[Term] = &[
    // Anticoagulants.
    term("blood thinner", C::CardiacMedicine).detail("anticoagulant"),
    term("blood thinning", C::CardiacMedicine).detail("anticoagulant"),
    anticoagulant("thinner").only_after(&["on", "taking", "take", "takes", "my", "his", "her"]),
    anticoagulant("anticoag*"),
    anticoagulant("anticoagulant"),
    anticoagulant("anti coagulant"),
    anticoagulant("warfarin"),
    anticoagulant("coumadin"),
    anticoagulant("jantoven"),
    anticoagulant("heparin"),
    anticoagulant("*parin"),
    anticoagulant("enoxaparin"),
    anticoagulant("lovenox"),
    anticoagulant("fragmin"),
    anticoagulant("dalteparin"),
    anticoagulant("fondaparinux"),
    anticoagulant("arixtra"),
    anticoagulant("apixaban"),
    anticoagulant("eliquis"),
    anticoagulant("rivaroxaban"),
    anticoagulant("xarelto"),
    anticoagulant("dabigatran"),
    anticoagulant("pradaxa"),
    anticoagulant("edoxaban"),
    anticoagulant("savaysa"),
    anticoagulant("lixiana"),
    anticoagulant("*xaban"),
    anticoagulant("argatroban"),
    anticoagulant("bivalirudin"),
    // Antiplatelets.
    antiplatelet("antiplatelet"),
    antiplatelet("antiplatelet*"),
    antiplatelet("anti platelet"),
    antiplatelet("clopidogrel"),
    antiplatelet("plavix"),
    antiplatelet("prasugrel"),
    antiplatelet("effient"),
    antiplatelet("ticagrelor"),
    antiplatelet("brilinta"),
    antiplatelet("*grel").except(&["mongrel"]),
    antiplatelet("*grelor"),
    antiplatelet("dipyridamole"),
    antiplatelet("aggrenox"),
    antiplatelet("persantine"),
    antiplatelet("cilostazol"),
    antiplatelet("pletal"),
    antiplatelet("ticlopidine"),
    antiplatelet("vorapaxar"),
    antiplatelet("anagrelide"),
    term("baby aspirin", C::CardiacMedicine).detail("daily aspirin"),
    term("low dose aspirin", C::CardiacMedicine).detail("daily aspirin"),
    term("aspirin", C::CardiacMedicine)
        .detail("daily aspirin")
        .near(&["daily", "81mg", "81", "baby", "everyday"], 3),
    term("aspirin", C::Aspirin),
    // Beta-blockers.
    beta_blocker("beta blocker"),
    beta_blocker("betablocker"),
    // Beta-blocker eye drops treat glaucoma, not the heart.
    beta_blocker("*olol").not_in_sentence(EYE_DROPS),
    beta_blocker("timolol").not_in_sentence(EYE_DROPS),
    beta_blocker("*alol"),
    beta_blocker("metoprolol"),
    beta_blocker("lopressor"),
    beta_blocker("toprol"),
    beta_blocker("atenolol"),
    beta_blocker("tenormin"),
    beta_blocker("propranolol"),
    beta_blocker("inderal"),
    beta_blocker("bisoprolol"),
    beta_blocker("zebeta"),
    beta_blocker("concor"),
    beta_blocker("carvedilol"),
    beta_blocker("coreg"),
    beta_blocker("nebivolol"),
    beta_blocker("bystolic"),
    beta_blocker("labetalol"),
    beta_blocker("nadolol"),
    beta_blocker("sotalol"),
    beta_blocker("acebutolol"),
    beta_blocker("pindolol"),
    // ACE inhibitors.
    ace_inhibitor("ace inhibitor"),
    term("angiotensin", C::CardiacMedicine).detail("ACE inhibitor or ARB"),
    ace_inhibitor("*pril").except(&["april"]),
    ace_inhibitor("lisinopril"),
    ace_inhibitor("zestril"),
    ace_inhibitor("prinivil"),
    ace_inhibitor("ramipril"),
    ace_inhibitor("altace"),
    ace_inhibitor("enalapril"),
    ace_inhibitor("vasotec"),
    ace_inhibitor("captopril"),
    ace_inhibitor("benazepril"),
    ace_inhibitor("lotensin"),
    ace_inhibitor("quinapril"),
    ace_inhibitor("accupril"),
    ace_inhibitor("perindopril"),
    ace_inhibitor("coversyl"),
    ace_inhibitor("trandolapril"),
    ace_inhibitor("fosinopril"),
    ace_inhibitor("moexipril"),
    // ARBs.
    arb("*sartan"),
    arb("losartan"),
    arb("cozaar"),
    arb("hyzaar"),
    arb("valsartan"),
    arb("diovan"),
    arb("irbesartan"),
    arb("avapro"),
    arb("candesartan"),
    arb("atacand"),
    arb("olmesartan"),
    arb("benicar"),
    arb("telmisartan"),
    arb("micardis"),
    arb("eprosartan"),
    arb("azilsartan"),
    arb("edarbi"),
    arb("sacubitril"),
    arb("entresto"),
    // Calcium-channel blockers.
    calcium_channel_blocker("calcium channel blocker"),
    calcium_channel_blocker("*dipine"),
    calcium_channel_blocker("amlodipine"),
    calcium_channel_blocker("norvasc"),
    calcium_channel_blocker("nifedipine"),
    calcium_channel_blocker("procardia"),
    calcium_channel_blocker("adalat"),
    calcium_channel_blocker("felodipine"),
    calcium_channel_blocker("plendil"),
    calcium_channel_blocker("nicardipine"),
    calcium_channel_blocker("isradipine"),
    calcium_channel_blocker("nimodipine"),
    calcium_channel_blocker("diltiazem"),
    calcium_channel_blocker("cardizem"),
    calcium_channel_blocker("tiazac"),
    calcium_channel_blocker("verapamil"),
    calcium_channel_blocker("isoptin"),
    // Diuretics used for blood pressure and heart failure.
    diuretic("diuretic")
        .not_in_sentence(WATER_WEIGHT)
        .unless_in_sentence(PRESCRIBED),
    diuretic("water pill")
        .not_in_sentence(WATER_WEIGHT)
        .unless_in_sentence(PRESCRIBED),
    diuretic("*thiazide"),
    diuretic("hydrochlorothiazide"),
    diuretic("hctz"),
    diuretic("chlorthalidone"),
    diuretic("chlorothiazide"),
    diuretic("indapamide"),
    diuretic("metolazone"),
    diuretic("furosemide"),
    diuretic("frusemide"),
    diuretic("lasix"),
    diuretic("bumetanide"),
    diuretic("bumex"),
    diuretic("torsemide"),
    diuretic("torasemide"),
    diuretic("spironolactone").not_in_sentence(&["acne", "pcos", "hair", "hirsutism", "skin"]),
    diuretic("aldactone").not_in_sentence(&["acne", "pcos", "hair", "hirsutism", "skin"]),
    diuretic("eplerenone"),
    diuretic("inspra"),
    diuretic("triamterene"),
    diuretic("dyazide"),
    diuretic("maxzide"),
    diuretic("amiloride"),
    diuretic("ethacrynic"),
    // Nitrates and other anti-anginals.
    nitrate("nitroglycerin"),
    nitrate("nitroglycerine"),
    nitrate("nitro").near(
        &[
            "spray", "pill", "pills", "tablet", "tablets", "patch", "tongue",
        ],
        2,
    ),
    nitrate("gtn spray"),
    nitrate("isosorbide"),
    nitrate("mononitrate"),
    nitrate("dinitrate"),
    nitrate("imdur"),
    nitrate("ranolazine"),
    nitrate("ranexa"),
    nitrate("nitroprusside"),
    // Rhythm medicines and digoxin.
    antiarrhythmic("antiarrhythmic"),
    antiarrhythmic("antiarrhythm*"),
    antiarrhythmic("amiodarone"),
    antiarrhythmic("flecainide"),
    antiarrhythmic("propafenone"),
    antiarrhythmic("dofetilide"),
    antiarrhythmic("tikosyn"),
    antiarrhythmic("dronedarone"),
    antiarrhythmic("multaq"),
    antiarrhythmic("mexiletine"),
    antiarrhythmic("disopyramide"),
    antiarrhythmic("quinidine"),
    antiarrhythmic("procainamide"),
    antiarrhythmic("ivabradine"),
    term("digoxin", C::CardiacMedicine).detail("digoxin"),
    term("lanoxin", C::CardiacMedicine).detail("digoxin"),
    term("digitalis", C::CardiacMedicine).detail("digoxin"),
    // Other blood-pressure medicines.
    blood_pressure("antihypertensive"),
    blood_pressure("hydralazine"),
    blood_pressure("clonidine"),
    blood_pressure("catapres"),
    blood_pressure("methyldopa"),
    blood_pressure("doxazosin"),
    blood_pressure("cardura"),
    blood_pressure("terazosin"),
    blood_pressure("prazosin"),
    blood_pressure("aliskiren"),
    blood_pressure("midodrine"),
    blood_pressure("droxidopa"),
    blood_pressure("guanabenz"),
    term("dobutamine", C::CardiacMedicine).detail("heart-failure medicine"),
    term("milrinone", C::CardiacMedicine).detail("heart-failure medicine"),
    blood_pressure("reserpine"),
    blood_pressure("minoxidil").not_in_sentence(&[
        "topical", "hair", "scalp", "beard", "rogaine", "foam", "balding", "regrowth",
    ]),
    blood_pressure("guanfacine").not_in_sentence(&["adhd", "intuniv", "focus", "attention"]),
    term("pentoxifylline", C::CardiacMedicine).detail("circulation medicine"),
    term("*sentan", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("bosentan", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("ambrisentan", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("treprostinil", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("epoprostenol", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("iloprost", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("selexipag", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    term("riociguat", C::CardiacMedicine).detail("pulmonary hypertension medicine"),
    // Clot-dissolving medicines.
    thrombolytic("alteplase"),
    thrombolytic("tenecteplase"),
    thrombolytic("streptokinase"),
    thrombolytic("clot buster"),
    // Cholesterol medicines: cardiac only with a heart context.
    cholesterol("statin"),
    cholesterol("*vastatin"),
    cholesterol("atorvastatin"),
    cholesterol("simvastatin"),
    cholesterol("rosuvastatin"),
    cholesterol("pravastatin"),
    cholesterol("lovastatin"),
    cholesterol("lipitor"),
    cholesterol("crestor"),
    cholesterol("zocor"),
    cholesterol("ezetimibe"),
    cholesterol("zetia"),
    cholesterol("fenofibrate"),
    cholesterol("gemfibrozil"),
    cholesterol("alirocumab"),
    cholesterol("evolocumab"),
    cholesterol("repatha"),
    cholesterol("praluent"),
    cholesterol("icosapent"),
    cholesterol("vascepa"),
    cholesterol("cholestyramine"),
    cholesterol("colesevelam"),
    cholesterol("bempedoic"),
    cholesterol("cholesterol").near(
        &[
            "medication",
            "medicine",
            "meds",
            "med",
            "pill",
            "pills",
            "drug",
            "tablet",
        ],
        3,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage::matcher;
    use crate::domain::triage::normalize::tokenize;

    fn classes(text: &str) -> Vec<(C, &'static str)> {
        let lexicon = matcher::lexicon();
        let mut tokens = tokenize(text);
        lexicon.correct_spelling(&mut tokens);
        let negated = vec![false; tokens.len()];
        lexicon
            .find(&tokens, &negated)
            .into_iter()
            .map(|f| (f.concept, f.detail))
            .collect()
    }

    fn class_of(text: &str) -> Option<&'static str> {
        classes(text)
            .into_iter()
            .find(|(concept, _)| *concept == C::CardiacMedicine)
            .map(|(_, detail)| detail)
    }

    #[test]
    fn names_and_brands_by_class() {
        let cases = [
            ("warfarin", "anticoagulant"),
            ("eliquis", "anticoagulant"),
            ("apixaban", "anticoagulant"),
            ("xarelto", "anticoagulant"),
            ("rivaroxaban", "anticoagulant"),
            ("clopidogrel", "antiplatelet"),
            ("plavix", "antiplatelet"),
            ("metoprolol", "beta-blocker"),
            ("atenolol", "beta-blocker"),
            ("propranolol", "beta-blocker"),
            ("bisoprolol", "beta-blocker"),
            ("lisinopril", "ACE inhibitor"),
            ("ramipril", "ACE inhibitor"),
            ("enalapril", "ACE inhibitor"),
            ("losartan", "ARB"),
            ("valsartan", "ARB"),
            ("amlodipine", "calcium-channel blocker"),
            ("diltiazem", "calcium-channel blocker"),
            ("verapamil", "calcium-channel blocker"),
            ("hydrochlorothiazide", "diuretic"),
            ("furosemide", "diuretic"),
            ("chlorthalidone", "diuretic"),
            ("nitroglycerin", "nitrate"),
            ("isosorbide mononitrate", "nitrate"),
            ("digoxin", "digoxin"),
            ("amiodarone", "antiarrhythmic"),
            ("flecainide", "antiarrhythmic"),
        ];
        for (text, class) in cases {
            assert_eq!(
                class_of(&format!("I take {text} daily")),
                Some(class),
                "{text}"
            );
        }
    }

    #[test]
    fn suffixes_cover_unlisted_names() {
        assert_eq!(class_of("on nebivolol"), Some("beta-blocker"));
        assert_eq!(class_of("started perindopril"), Some("ACE inhibitor"));
        assert_eq!(class_of("telmisartan 40"), Some("ARB"));
        assert_eq!(class_of("lercanidipine"), Some("calcium-channel blocker"));
        assert_eq!(class_of("betrixaban"), Some("anticoagulant"));
        assert_eq!(class_of("see you in april"), None);
        assert_eq!(class_of("timolol eye drops"), None);
        assert_eq!(
            class_of("timolol tablets for blood pressure"),
            Some("beta-blocker")
        );
    }

    #[test]
    fn misspelled_names() {
        assert_eq!(class_of("on blood thiners"), Some("anticoagulant"));
        assert_eq!(class_of("taking metropolol"), Some("beta-blocker"));
        assert_eq!(class_of("lisinipril"), Some("ACE inhibitor"));
        assert_eq!(class_of("amlodopine"), Some("calcium-channel blocker"));
        assert_eq!(class_of("zarelto"), Some("anticoagulant"));
    }

    #[test]
    fn water_pills_and_aspirin_depend_on_context() {
        assert_eq!(class_of("water pill for bp"), Some("diuretic"));
        assert_eq!(class_of("natural diuretic before my show"), None);
        assert_eq!(class_of("baby aspirin every day"), Some("daily aspirin"));
        assert_eq!(class_of("aspirin for a headache"), None);
        assert!(classes("aspirin for a headache").contains(&(C::Aspirin, "")));
    }

    #[test]
    fn statins_are_cholesterol_medicines() {
        assert!(classes("does creatine interact with statins")
            .iter()
            .any(|(c, _)| *c == C::LipidMedicine));
        assert_eq!(class_of("myostatin inhibitors"), None);
        assert!(classes("myostatin").is_empty());
    }
}
