//! What a matched phrase means: its severity, whether it can be an emergency, and how
//! it is worded in a reason.

use super::Category;

/// The idea behind a matched phrase. Several phrasings map to one concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Concept {
    HeartCondition,
    VesselCondition,
    Stroke,
    ClotOrBleeding,
    AorticRisk,
    BloodPressureProblem,
    BloodPressureTopic,
    CardiacProcedure,
    CardiacMedicine,
    CardiacFirstAid,
    ChestPain,
    CrushingChestPain,
    HeartRhythm,
    Fainting,
    StrokeSign,
    CoughingBlood,
    LegSwelling,
    LegClotSign,
    WorryingReading,
    BloodPressureCrisis,
    HeartWorry,
    CardiacEventNow,
    DizzyOnStanding,
    RadiatingPain,
    Breathlessness,
    BreathlessAtLittleEffort,
    CannotBreathe,
    DarkUrine,
    RhabdoSign,
    Rhabdo,
    Dizziness,
    Numbness,
    SweatOrNausea,
    LimbColour,
    CuffSafety,
    MedicalCondition,
    Injury,
    Illness,
    Medication,
    LipidMedicine,
    Aspirin,
    ScreeningFactor,
}

/// Whether a concept can mean "happening now, call emergency services".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Acuity {
    /// Never an emergency by itself (a condition, a medicine, a past event).
    Never,
    /// An emergency when the writer says it is happening to them now.
    WhenHappeningNow,
    /// An emergency whenever it is described as a real event, not a general question.
    Inherent,
}

impl Concept {
    /// Severity of the concept on its own, before context adjusts it.
    pub(crate) fn category(self) -> Category {
        use Concept::*;
        match self {
            HeartCondition
            | VesselCondition
            | Stroke
            | ClotOrBleeding
            | AorticRisk
            | BloodPressureProblem
            | BloodPressureTopic
            | CardiacProcedure
            | CardiacMedicine
            | CardiacFirstAid
            | ChestPain
            | CrushingChestPain
            | HeartRhythm
            | Fainting
            | StrokeSign
            | CoughingBlood
            | LegSwelling
            | LegClotSign
            | WorryingReading
            | BloodPressureCrisis
            | BreathlessAtLittleEffort
            | HeartWorry
            | CardiacEventNow
            | DizzyOnStanding => Category::Heart,
            RadiatingPain | Breathlessness | CannotBreathe | DarkUrine | RhabdoSign | Rhabdo
            | Dizziness | Numbness | SweatOrNausea | LimbColour | CuffSafety | MedicalCondition
            | Injury | Illness | Medication | LipidMedicine | Aspirin | ScreeningFactor => {
                Category::Caution
            }
        }
    }

    /// Short human-readable label used at the start of a reason.
    pub(crate) fn label(self) -> &'static str {
        use Concept::*;
        match self {
            HeartCondition => "mentions a heart condition",
            VesselCondition => "mentions a blood-vessel condition",
            Stroke => "mentions a stroke or mini-stroke",
            ClotOrBleeding => "mentions a blood clot or a clotting/bleeding disorder",
            AorticRisk => "mentions a condition that can weaken the aorta",
            BloodPressureProblem => "mentions a blood-pressure problem",
            BloodPressureTopic => "asks about blood pressure",
            CardiacProcedure => "mentions a cardiac device, test or procedure",
            CardiacMedicine => "mentions a cardiovascular medicine",
            CardiacFirstAid => "asks about cardiac first aid",
            ChestPain | CrushingChestPain => "cardiac-type symptom",
            HeartRhythm => "irregular or racing heartbeat",
            Fainting => "fainting or passing out",
            StrokeSign => "possible stroke sign",
            CoughingBlood => "coughing blood",
            LegSwelling => "leg or ankle swelling",
            LegClotSign => "one swollen, painful leg (possible clot)",
            WorryingReading => "worrying reading",
            BloodPressureCrisis => "very high blood pressure with symptoms",
            HeartWorry => "worried about the heart or blood pressure",
            CardiacEventNow => "describes a heart attack or stroke",
            DizzyOnStanding => "dizziness on standing (possible low blood pressure)",
            RadiatingPain => "pain in the arm, jaw or neck",
            Breathlessness => "shortness of breath",
            BreathlessAtLittleEffort => "shortness of breath at rest or on little effort",
            CannotBreathe => "cannot breathe",
            DarkUrine => "dark urine",
            RhabdoSign => "dark urine with muscle pain (possible rhabdomyolysis)",
            Rhabdo => "mentions rhabdomyolysis",
            Dizziness => "dizziness or light-headedness",
            Numbness => "numbness or tingling (release the cuff if it persists)",
            SweatOrNausea => "cold sweat or nausea",
            LimbColour => "limb turning pale, blue or cold (release the cuff now)",
            CuffSafety => "needs medical clearance before using a cuff",
            MedicalCondition => "mentions a medical condition",
            Injury => "mentions pain, an injury or surgery",
            Illness => "mentions an illness or infection",
            Medication => "mentions a medicine",
            LipidMedicine => "mentions a cholesterol-lowering medicine",
            Aspirin => "mentions aspirin",
            ScreeningFactor => "screening factor (needs medical clearance)",
        }
    }

    /// Whether the concept can escalate to an emergency, and how.
    pub(crate) fn acuity(self) -> Acuity {
        use Concept::*;
        match self {
            CrushingChestPain | Fainting | StrokeSign | CoughingBlood | LegClotSign
            | CannotBreathe | RhabdoSign => Acuity::Inherent,
            ChestPain
            | CardiacEventNow
            | Breathlessness
            | BreathlessAtLittleEffort
            | Rhabdo
            | BloodPressureCrisis => Acuity::WhenHappeningNow,
            _ => Acuity::Never,
        }
    }

    /// Symptoms that are ordinary alone but need a doctor next to a cardiac concern,
    /// even a denied one ("no chest pain but my arm is numb").
    pub(crate) fn is_companion_symptom(self) -> bool {
        use Concept::*;
        matches!(
            self,
            RadiatingPain | Breathlessness | Dizziness | Numbness | SweatOrNausea
        )
    }

    /// Medicines that are cardiac only when the message has a heart context
    /// (daily aspirin after a stent, a statin after a heart attack).
    pub(crate) fn needs_heart_context(self) -> bool {
        matches!(self, Concept::Aspirin | Concept::LipidMedicine)
    }
}

/// One concept found in the text, as a token range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) concept: Concept,
    /// Extra wording for the reason, e.g. the medicine class; empty when none.
    pub(crate) detail: &'static str,
    /// First and last token (inclusive) quoted in the reason.
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// Inside the scope of a negation ("no chest pain").
    pub(crate) negated: bool,
}

impl Finding {
    pub(crate) fn new(concept: Concept, first: usize, last: usize) -> Self {
        Finding {
            concept,
            detail: "",
            first,
            last: last.max(first),
            negated: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emergencies_come_only_from_symptoms() {
        assert_eq!(Concept::HeartCondition.acuity(), Acuity::Never);
        assert_eq!(Concept::CardiacMedicine.acuity(), Acuity::Never);
        assert_eq!(Concept::Fainting.acuity(), Acuity::Inherent);
        assert_eq!(Concept::ChestPain.acuity(), Acuity::WhenHappeningNow);
    }

    #[test]
    fn cuff_safety_conditions_are_caution() {
        assert_eq!(Concept::CuffSafety.category(), Category::Caution);
        assert_eq!(Concept::ClotOrBleeding.category(), Category::Heart);
    }

    #[test]
    fn finding_span_is_never_inverted() {
        let finding = Finding::new(Concept::Injury, 5, 2);
        assert!(finding.first <= finding.last);
    }
}
