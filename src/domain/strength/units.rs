//! Units of mass, validated weights and the user's smallest load step.
//!
//! Weights are kept in kilograms and converted only at the edges (input and display), so
//! switching units never changes a stored number.

use std::error::Error;
use std::fmt;
use std::str::FromStr;

/// Kilograms in one international avoirdupois pound (exact by definition since 1959).
pub const LB_IN_KG: f64 = 0.45359237;
/// Heaviest weight accepted when entered in kilograms.
pub const MAX_WEIGHT_KG: f64 = 1000.0;
/// Heaviest weight accepted when entered in pounds (a round figure just under 1000 kg).
pub const MAX_WEIGHT_LB: f64 = 2200.0;
/// Lightest weight accepted, in either unit: loads are shown with two decimals, so
/// anything lighter would be displayed as 0.
pub const MIN_WEIGHT: f64 = 0.01;
/// Smallest load step accepted, in either unit, for the same display reason.
pub const MIN_LOAD_STEP: f64 = 0.01;
/// Largest load step accepted in kilograms.
pub const MAX_LOAD_STEP_KG: f64 = 50.0;
/// Largest load step accepted in pounds.
pub const MAX_LOAD_STEP_LB: f64 = 110.0;

/// A unit of mass the user can choose for input and display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Unit {
    /// Kilograms (the default).
    #[default]
    Kg,
    /// International pounds.
    Lb,
}

impl Unit {
    /// Every unit, in the order they are offered.
    pub const ALL: [Unit; 2] = [Unit::Kg, Unit::Lb];

    /// Short lowercase symbol: `"kg"` or `"lb"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Lb => "lb",
        }
    }

    /// Parses a unit name, case-insensitively, ignoring surrounding spaces.
    ///
    /// Accepts `kg`, `kgs`, `kilo(s)`, `kilogram(s)`, `lb`, `lbs`, `pound(s)`.
    pub fn parse(input: &str) -> Result<Unit, UnitError> {
        match input.trim().to_lowercase().as_str() {
            "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" => Ok(Unit::Kg),
            "lb" | "lbs" | "pound" | "pounds" => Ok(Unit::Lb),
            _ => Err(UnitError),
        }
    }

    /// Converts `value` in this unit to kilograms.
    pub fn to_kg(self, value: f64) -> f64 {
        match self {
            Unit::Kg => value,
            Unit::Lb => value * LB_IN_KG,
        }
    }

    /// Converts `kg` kilograms to this unit.
    pub fn kg_to_unit(self, kg: f64) -> f64 {
        match self {
            Unit::Kg => kg,
            Unit::Lb => kg / LB_IN_KG,
        }
    }

    /// Heaviest weight accepted when entered in this unit.
    pub fn max_weight(self) -> f64 {
        match self {
            Unit::Kg => MAX_WEIGHT_KG,
            Unit::Lb => MAX_WEIGHT_LB,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Unit::parse(s)
    }
}

/// The text given was not a unit we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitError;

impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The input is not echoed: it is user text and could carry mentions or markdown.
        f.write_str("Unknown unit. Type `kg` or `lb`.")
    }
}

impl Error for UnitError {}

/// A validated, positive weight, stored in kilograms.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Weight {
    kg: f64,
}

impl Weight {
    /// Validates `value` entered in `unit`: it must be finite, at least 0.01 and at most
    /// 1000 kg (2200 lb).
    pub fn from_unit(value: f64, unit: Unit) -> Result<Weight, WeightError> {
        if !value.is_finite() {
            return Err(WeightError::NotANumber { unit });
        }
        if value < MIN_WEIGHT {
            return Err(WeightError::TooLight { unit });
        }
        if value > unit.max_weight() {
            return Err(WeightError::TooHeavy { unit });
        }
        Ok(Weight {
            kg: unit.to_kg(value),
        })
    }

    /// Validates a weight already in kilograms (same rules as [`Weight::from_unit`]).
    pub fn from_kg(kg: f64) -> Result<Weight, WeightError> {
        Weight::from_unit(kg, Unit::Kg)
    }

    /// The weight in kilograms.
    pub fn kg(self) -> f64 {
        self.kg
    }

    /// The weight converted to `unit`.
    pub fn in_unit(self, unit: Unit) -> f64 {
        unit.kg_to_unit(self.kg)
    }

    /// The weight formatted in `unit`, e.g. `"32.5 kg"`.
    pub fn format(self, unit: Unit) -> String {
        format_load(self.kg, unit)
    }
}

/// Why a weight was refused. Each message says what to type instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightError {
    /// Not a finite number (NaN or infinite).
    NotANumber {
        /// Unit the weight was entered in.
        unit: Unit,
    },
    /// Zero, negative, or below 0.01.
    TooLight {
        /// Unit the weight was entered in.
        unit: Unit,
    },
    /// Above 1000 kg / 2200 lb.
    TooHeavy {
        /// Unit the weight was entered in.
        unit: Unit,
    },
}

impl fmt::Display for WeightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, problem) = match *self {
            WeightError::NotANumber { unit } => (unit, "The weight must be a number"),
            WeightError::TooLight { unit } => (unit, "The weight must be more than 0"),
            WeightError::TooHeavy { unit } => (unit, "That weight is too heavy"),
        };
        let example = match unit {
            Unit::Kg => "60",
            Unit::Lb => "135",
        };
        write!(
            f,
            "{problem}. Type a weight from {} to {} {unit}, e.g. `{example}`.",
            format_amount(MIN_WEIGHT),
            format_amount(unit.max_weight()),
        )
    }
}

impl Error for WeightError {}

/// The smallest change the user can make to a load (plates, dumbbell increments, pin
/// stack), in the unit the user entered it in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadStep {
    value: f64,
    unit: Unit,
}

impl LoadStep {
    /// Validates a step: finite, at least 0.01 and at most 50 kg (110 lb).
    pub fn new(value: f64, unit: Unit) -> Result<LoadStep, LoadStepError> {
        if !value.is_finite() {
            return Err(LoadStepError::NotANumber { unit });
        }
        if value < MIN_LOAD_STEP {
            return Err(LoadStepError::TooSmall { unit });
        }
        if value > LoadStep::max_for(unit) {
            return Err(LoadStepError::TooLarge { unit });
        }
        Ok(LoadStep { value, unit })
    }

    /// The default step: 2.5 kg (two 1.25 kg plates) or 5 lb (two 2.5 lb plates).
    pub fn default_for(unit: Unit) -> LoadStep {
        let value = match unit {
            Unit::Kg => 2.5,
            Unit::Lb => 5.0,
        };
        LoadStep { value, unit }
    }

    /// Largest step accepted in `unit`.
    pub fn max_for(unit: Unit) -> f64 {
        match unit {
            Unit::Kg => MAX_LOAD_STEP_KG,
            Unit::Lb => MAX_LOAD_STEP_LB,
        }
    }

    /// The step as entered, in [`LoadStep::unit`].
    pub fn value(self) -> f64 {
        self.value
    }

    /// The unit the step was entered in.
    pub fn unit(self) -> Unit {
        self.unit
    }

    /// The step in kilograms.
    pub fn in_kg(self) -> f64 {
        self.unit.to_kg(self.value)
    }

    /// The step converted to `unit` (unchanged when it is the step's own unit).
    pub fn in_unit(self, unit: Unit) -> f64 {
        if unit == self.unit {
            self.value
        } else {
            unit.kg_to_unit(self.in_kg())
        }
    }
}

impl Default for LoadStep {
    fn default() -> Self {
        LoadStep::default_for(Unit::default())
    }
}

/// Why a load step was refused. Each message says what to type instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStepError {
    /// Not a finite number.
    NotANumber {
        /// Unit the step was entered in.
        unit: Unit,
    },
    /// Zero, negative, or below 0.01.
    TooSmall {
        /// Unit the step was entered in.
        unit: Unit,
    },
    /// Above 50 kg / 110 lb.
    TooLarge {
        /// Unit the step was entered in.
        unit: Unit,
    },
}

impl fmt::Display for LoadStepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, problem) = match *self {
            LoadStepError::NotANumber { unit } => (unit, "The load step must be a number"),
            LoadStepError::TooSmall { unit } => (unit, "The load step must be more than 0"),
            LoadStepError::TooLarge { unit } => (unit, "That load step is too large"),
        };
        write!(
            f,
            "{problem}. Type the smallest change you can make to the weight, from {} to {} {unit}, e.g. `{}`.",
            format_amount(MIN_LOAD_STEP),
            format_amount(LoadStep::max_for(unit)),
            format_amount(LoadStep::default_for(unit).value),
        )
    }
}

impl Error for LoadStepError {}

/// Formats a load given in kilograms in `unit`, e.g. `"32.5 kg"` or `"70 lb"`: at most two
/// decimals, trailing zeros trimmed.
pub fn format_load(kg: f64, unit: Unit) -> String {
    format!("{} {}", format_amount(unit.kg_to_unit(kg)), unit.as_str())
}

/// Formats a number with at most two decimals and no trailing zeros (`32.5`, `70`, `30.16`).
/// Non-finite values are shown as `"?"` rather than `NaN` or `inf`.
pub fn format_amount(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_owned();
    }
    let mut text = format!("{value:.2}");
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    // Tiny negatives round to "-0", which reads like an error.
    if text == "-0" {
        text.remove(0);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unit_names() {
        for text in ["kg", "KG", " kgs ", "Kilo", "kilos", "kilograms"] {
            assert_eq!(Unit::parse(text), Ok(Unit::Kg), "{text}");
        }
        for text in ["lb", "LBS", "pound", " Pounds "] {
            assert_eq!(Unit::parse(text), Ok(Unit::Lb), "{text}");
        }
        for text in ["", "k", "stone", "lbss", "<@1>"] {
            assert_eq!(Unit::parse(text), Err(UnitError), "{text}");
        }
        assert_eq!("lb".parse::<Unit>(), Ok(Unit::Lb));
        assert_eq!(Unit::Kg.as_str(), "kg");
        assert_eq!(Unit::Lb.to_string(), "lb");
        assert_eq!(Unit::default(), Unit::Kg);
    }

    #[test]
    fn one_pound_is_exactly_the_defined_kilograms() {
        assert_eq!(Unit::Lb.to_kg(1.0), 0.45359237);
        assert_eq!(Unit::Kg.to_kg(12.5), 12.5);
    }

    #[test]
    fn hundred_kg_in_pounds() {
        let lb = Unit::Lb.kg_to_unit(100.0);
        assert!((lb - 220.462_262_184_877_6).abs() < 1e-9, "{lb}");
        assert_eq!(format_load(100.0, Unit::Lb), "220.46 lb");
    }

    #[test]
    fn conversions_round_trip() {
        for i in 1..=4000 {
            let lb = f64::from(i) * 0.55;
            let back = Unit::Lb.kg_to_unit(Unit::Lb.to_kg(lb));
            assert!(
                (back - lb).abs() <= lb * 4.0 * f64::EPSILON,
                "{lb} -> {back}"
            );
            let weight = Weight::from_unit(lb.min(MAX_WEIGHT_LB), Unit::Lb);
            let weight = weight.unwrap_or_else(|e| panic!("{lb}: {e}"));
            assert!((weight.in_unit(Unit::Lb) - lb.min(MAX_WEIGHT_LB)).abs() < 1e-9);
        }
    }

    #[test]
    fn weight_validation() {
        assert!(Weight::from_unit(1000.0, Unit::Kg).is_ok());
        assert!(Weight::from_unit(2200.0, Unit::Lb).is_ok());
        assert!(Weight::from_unit(0.01, Unit::Kg).is_ok());
        assert_eq!(
            Weight::from_unit(1000.5, Unit::Kg),
            Err(WeightError::TooHeavy { unit: Unit::Kg })
        );
        assert_eq!(
            Weight::from_unit(2200.5, Unit::Lb),
            Err(WeightError::TooHeavy { unit: Unit::Lb })
        );
        for bad in [0.0, -0.0, -5.0, 0.004, f64::MIN_POSITIVE] {
            assert_eq!(
                Weight::from_kg(bad),
                Err(WeightError::TooLight { unit: Unit::Kg })
            );
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                Weight::from_kg(bad),
                Err(WeightError::NotANumber { unit: Unit::Kg })
            );
        }
        let message = WeightError::TooHeavy { unit: Unit::Lb }.to_string();
        assert!(
            message.contains("2200 lb") && message.contains("Type"),
            "{message}"
        );
    }

    #[test]
    fn load_step_validation_and_defaults() {
        assert_eq!(LoadStep::default_for(Unit::Kg).value(), 2.5);
        assert_eq!(LoadStep::default_for(Unit::Lb).value(), 5.0);
        assert_eq!(LoadStep::default().unit(), Unit::Kg);
        assert!(LoadStep::new(50.0, Unit::Kg).is_ok());
        assert!(LoadStep::new(110.0, Unit::Lb).is_ok());
        assert_eq!(
            LoadStep::new(51.0, Unit::Kg),
            Err(LoadStepError::TooLarge { unit: Unit::Kg })
        );
        assert_eq!(
            LoadStep::new(0.0, Unit::Lb),
            Err(LoadStepError::TooSmall { unit: Unit::Lb })
        );
        assert_eq!(
            LoadStep::new(f64::NAN, Unit::Lb),
            Err(LoadStepError::NotANumber { unit: Unit::Lb })
        );
        let step = LoadStep::default_for(Unit::Lb);
        assert_eq!(step.in_kg(), 5.0 * LB_IN_KG);
        assert_eq!(step.in_unit(Unit::Lb), 5.0);
        assert!((step.in_unit(Unit::Kg) - 2.267_961_85).abs() < 1e-12);
        let message = LoadStepError::TooSmall { unit: Unit::Lb }.to_string();
        assert!(message.contains("`5`"), "{message}");
    }

    #[test]
    fn formats_loads() {
        assert_eq!(format_load(32.5, Unit::Kg), "32.5 kg");
        assert_eq!(format_load(30.0, Unit::Kg), "30 kg");
        assert_eq!(format_load(Unit::Lb.to_kg(70.0), Unit::Lb), "70 lb");
        assert_eq!(format_load(0.3 * 3.0, Unit::Kg), "0.9 kg");
        assert_eq!(format_load(1.0 / 3.0, Unit::Kg), "0.33 kg");
        assert_eq!(format_amount(-0.0001), "0");
        assert_eq!(format_amount(f64::NAN), "?");
        assert_eq!(format_amount(f64::NEG_INFINITY), "?");
        assert_eq!(format_amount(100.0), "100");
        assert_eq!(
            Weight::from_kg(60.0).map(|w| w.format(Unit::Kg)),
            Ok("60 kg".into())
        );
    }
}
