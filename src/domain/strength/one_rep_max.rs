//! One-rep-max estimates from a set taken to failure.
//!
//! Epley is the default; Brzycki is shown beside it. Both lose accuracy as reps rise, so
//! estimates are refused above [`MAX_REPS`].

use std::error::Error;
use std::fmt;

use super::units::{Weight, WeightError};

/// Most reps an estimate is made from; past this the formulas drift apart and from reality.
pub const MAX_REPS: u32 = 12;
/// Above this many reps an estimate is still given but is less reliable.
pub const RELIABLE_REPS: u32 = 10;

/// A one-rep-max formula (w = weight lifted, r = reps to failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Formula {
    /// Epley (1985): w × (1 + r/30). The default.
    #[default]
    Epley,
    /// Brzycki (1993): w × 36 / (37 − r).
    Brzycki,
}

impl Formula {
    /// Every formula, default first.
    pub const ALL: [Formula; 2] = [Formula::Epley, Formula::Brzycki];

    /// Short name, e.g. `"Epley"`.
    pub fn name(self) -> &'static str {
        match self {
            Formula::Epley => "Epley",
            Formula::Brzycki => "Brzycki",
        }
    }

    /// Author and year, e.g. `"Epley (1985)"`.
    pub fn citation(self) -> &'static str {
        match self {
            Formula::Epley => "Epley (1985)",
            Formula::Brzycki => "Brzycki (1993)",
        }
    }

    /// The formula as text, e.g. `"w × (1 + r/30)"`.
    pub fn formula_text(self) -> &'static str {
        match self {
            Formula::Epley => "w × (1 + r/30)",
            Formula::Brzycki => "w × 36 / (37 − r)",
        }
    }

    /// Applies the bare formula. Callers go through [`estimate`], which handles r = 1 and
    /// refuses reps the formula is not meant for.
    fn apply(self, weight: f64, reps: u32) -> f64 {
        let r = f64::from(reps);
        match self {
            Formula::Epley => weight * (1.0 + r / 30.0),
            Formula::Brzycki => weight * 36.0 / (37.0 - r),
        }
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why no estimate was made. Each message says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateError {
    /// The weight lifted is not a usable weight.
    Weight(WeightError),
    /// Zero reps: there is nothing to estimate from.
    ZeroReps,
    /// More than [`MAX_REPS`] reps.
    TooManyReps {
        /// Reps entered.
        reps: u32,
    },
}

impl fmt::Display for EstimateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateError::Weight(error) => error.fmt(f),
            EstimateError::ZeroReps => f.write_str(
                "A set of 0 reps gives no estimate. Type the reps you completed in a set \
                 taken close to failure, from 1 to 12, e.g. `reps: 5`.",
            ),
            EstimateError::TooManyReps { .. } => f.write_str(
                "Estimates from more than 12 reps are unreliable; do a heavier set of 3-10 \
                 reps and estimate from that.",
            ),
        }
    }
}

impl Error for EstimateError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            EstimateError::Weight(error) => Some(error),
            _ => None,
        }
    }
}

/// Estimates a one-rep max in kilograms from `weight_kg` lifted for `reps` reps.
///
/// One rep returns the weight itself (the formulas would not, exactly). Zero reps and more
/// than [`MAX_REPS`] are refused, as is a weight outside the accepted range.
pub fn estimate(weight_kg: f64, reps: u32, formula: Formula) -> Result<f64, EstimateError> {
    let weight = Weight::from_kg(weight_kg).map_err(EstimateError::Weight)?;
    match reps {
        0 => Err(EstimateError::ZeroReps),
        1 => Ok(weight.kg()),
        r if r > MAX_REPS => Err(EstimateError::TooManyReps { reps }),
        r => Ok(formula.apply(weight.kg(), r)),
    }
}

/// Both estimates for one set, for showing side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Weight lifted, in kilograms.
    pub weight_kg: f64,
    /// Reps completed.
    pub reps: u32,
    /// Epley estimate in kilograms (the default).
    pub epley_kg: f64,
    /// Brzycki estimate in kilograms.
    pub brzycki_kg: f64,
}

impl Estimate {
    /// The estimate for `formula`, in kilograms.
    pub fn value_kg(&self, formula: Formula) -> f64 {
        match formula {
            Formula::Epley => self.epley_kg,
            Formula::Brzycki => self.brzycki_kg,
        }
    }

    /// The default (Epley) estimate, in kilograms.
    pub fn primary_kg(&self) -> f64 {
        self.value_kg(Formula::default())
    }

    /// True above [`RELIABLE_REPS`] reps, where a caution belongs beside the number.
    pub fn is_less_reliable(&self) -> bool {
        self.reps > RELIABLE_REPS
    }
}

/// Estimates with both formulas at once (same rules as [`estimate`]).
pub fn estimate_both(weight_kg: f64, reps: u32) -> Result<Estimate, EstimateError> {
    Ok(Estimate {
        weight_kg,
        reps,
        epley_kg: estimate(weight_kg, reps, Formula::Epley)?,
        brzycki_kg: estimate(weight_kg, reps, Formula::Brzycki)?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::units::Unit;
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn known_values() {
        // 100 kg × 5: Epley 100 × (1 + 5/30) = 116.67; Brzycki 100 × 36/32 = 112.5.
        assert_eq!(
            estimate(100.0, 5, Formula::Epley).map(|v| close(v, 116.666_666_666_666_67)),
            Ok(true)
        );
        assert_eq!(estimate(100.0, 5, Formula::Brzycki), Ok(112.5));
        // 60 kg × 12: Epley 84; Brzycki 60 × 36/25 = 86.4.
        assert_eq!(
            estimate(60.0, 12, Formula::Epley).map(|v| close(v, 84.0)),
            Ok(true)
        );
        assert_eq!(
            estimate(60.0, 12, Formula::Brzycki).map(|v| close(v, 86.4)),
            Ok(true)
        );
    }

    #[test]
    fn one_rep_is_the_weight() {
        for formula in Formula::ALL {
            assert_eq!(estimate(142.5, 1, formula), Ok(142.5));
        }
    }

    #[test]
    fn zero_and_too_many_reps_are_refused() {
        assert_eq!(
            estimate(100.0, 0, Formula::Epley),
            Err(EstimateError::ZeroReps)
        );
        assert_eq!(
            estimate(100.0, 13, Formula::Brzycki),
            Err(EstimateError::TooManyReps { reps: 13 })
        );
        assert_eq!(
            estimate_both(100.0, u32::MAX),
            Err(EstimateError::TooManyReps { reps: u32::MAX })
        );
        assert!(estimate(100.0, 12, Formula::Brzycki).is_ok());
        let message = EstimateError::TooManyReps { reps: 13 }.to_string();
        assert_eq!(
            message,
            "Estimates from more than 12 reps are unreliable; do a heavier set of 3-10 reps and estimate from that."
        );
        assert!(EstimateError::ZeroReps.to_string().contains("`reps: 5`"));
    }

    #[test]
    fn bad_weights_are_refused() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1000.1] {
            let result = estimate(bad, 5, Formula::Epley);
            assert!(matches!(result, Err(EstimateError::Weight(_))), "{bad}");
        }
        let error = EstimateError::Weight(WeightError::TooLight { unit: Unit::Kg });
        assert!(error.source().is_some());
    }

    #[test]
    fn epley_and_brzycki_agree_at_ten_reps() {
        let both = estimate_both(90.0, 10);
        let both = both.unwrap_or_else(|e| panic!("{e}"));
        assert!(close(both.epley_kg, both.brzycki_kg), "{both:?}");
        assert!(close(both.primary_kg(), 120.0));
        assert!(!both.is_less_reliable());
        // Below ten Epley reads higher, above ten Brzycki does.
        let five = estimate_both(90.0, 5).unwrap_or_else(|e| panic!("{e}"));
        assert!(five.epley_kg > five.brzycki_kg);
        let eleven = estimate_both(90.0, 11).unwrap_or_else(|e| panic!("{e}"));
        assert!(eleven.brzycki_kg > eleven.epley_kg);
        assert!(eleven.is_less_reliable());
    }

    #[test]
    fn formula_texts() {
        assert_eq!(Formula::default(), Formula::Epley);
        assert_eq!(Formula::Epley.citation(), "Epley (1985)");
        assert_eq!(Formula::Epley.formula_text(), "w × (1 + r/30)");
        assert_eq!(Formula::Brzycki.citation(), "Brzycki (1993)");
        assert_eq!(Formula::Brzycki.to_string(), "Brzycki");
    }
}
