//! Turning a one-rep max into a concrete session: load, sets, rests and wrap guidance.

use std::error::Error;
use std::fmt;

use super::exercises::Limb;
use super::protocol::{Protocol, ProtocolKind};
use super::restriction::RestrictionBudget;
use super::units::{
    format_amount, format_load, LoadStep, Unit, Weight, WeightError, MAX_WEIGHT_KG, MIN_WEIGHT,
};

/// When to stop, release or get help (ACSM stop criteria, AHA warning signs, cuff makers'
/// advice), short enough to show with every plan.
pub const STOP_SIGNS: &[&str] = &[
    "Numbness or tingling that lingers, or a limb turning pale, blue or cold: release the \
     wrap at once.",
    "Chest pain, severe breathlessness, dizziness, vision problems, confusion, an irregular \
     heartbeat, leg or calf pain or cramps, or you simply want to stop: stop the exercise.",
    "Chest pain or pressure lasting more than a few minutes or coming back, pain spreading to \
     the arm, back, neck, jaw or stomach, cold sweat or nausea; or sudden breathlessness, \
     coughing blood or fainting: call emergency services.",
    "In the days after: one limb swollen, painful, warm or red, or muscle pain far beyond \
     normal soreness with dark (tea- or cola-coloured) urine: see a doctor urgently.",
];

/// What a session is planned from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionInput {
    /// The exercise's one-rep max, in kilograms.
    pub one_rep_max_kg: f64,
    /// The user's display unit; loads are rounded in this unit.
    pub unit: Unit,
    /// The smallest change the user can make to the load (converted to `unit` if entered
    /// in the other one).
    pub step: LoadStep,
    /// Which protocol to follow.
    pub protocol: ProtocolKind,
    /// Load in percent of 1RM (30 means 30%); `None` uses the protocol's default.
    pub percent: Option<f64>,
    /// The limb the wrap goes on.
    pub limb: Limb,
}

/// One set of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedSet {
    /// 1-based set number.
    pub number: u32,
    /// Target reps.
    pub reps: u32,
}

/// A load the user can make with their step, and what it is as a share of 1RM.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadOption {
    /// The load in kilograms.
    pub load_kg: f64,
    /// The load in the user's unit (a multiple of the step).
    pub load_in_unit: f64,
    /// The load in percent of 1RM.
    pub percent: f64,
}

/// A planned session for one exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionPlan {
    /// The protocol followed.
    pub protocol: ProtocolKind,
    /// The user's display unit.
    pub unit: Unit,
    /// The limb the wrap goes on.
    pub limb: Limb,
    /// The one-rep max planned from, in kilograms.
    pub one_rep_max_kg: f64,
    /// The percent of 1RM asked for (or the protocol's default).
    pub percent_target: f64,
    /// The load to use, in kilograms.
    pub load_kg: f64,
    /// The load to use, in the user's unit (a multiple of the step).
    pub load_in_unit: f64,
    /// The load as a percent of 1RM after rounding to the step.
    pub actual_percent: f64,
    /// The sets, in order.
    pub sets: Vec<PlannedSet>,
    /// Rest between sets, in seconds.
    pub rest_seconds: u32,
    /// Other rest lengths the user may choose, in seconds.
    pub rest_options: &'static [u32],
    /// How tight to wrap and when to release.
    pub wrap_guidance: &'static str,
    /// Whether to release the wrap during the rests between sets.
    pub release_between_sets: bool,
    /// Estimated continuous restriction against the limb's limit.
    pub restriction: RestrictionBudget,
    /// When to stop, release or get help.
    pub stop_signs: &'static [&'static str],
}

impl SessionPlan {
    /// The full protocol description (title, notes).
    pub fn protocol_details(&self) -> &'static Protocol {
        self.protocol.protocol()
    }

    /// The load formatted in the user's unit, e.g. `"32.5 kg"`.
    pub fn load_text(&self) -> String {
        format_load(self.load_kg, self.unit)
    }

    /// Total reps across all sets.
    pub fn total_reps(&self) -> u32 {
        self.sets.iter().map(|set| set.reps).sum()
    }
}

/// Why no session was planned. Each message says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanError {
    /// The stored one-rep max is not a usable weight.
    OneRepMax(WeightError),
    /// The percent is not a number inside the protocol's range.
    PercentOutOfRange {
        /// The protocol asked for.
        protocol: ProtocolKind,
        /// The percent given.
        percent: f64,
    },
    /// No multiple of the load step lies inside the protocol's range.
    NoLoadInRange {
        /// The protocol asked for.
        protocol: ProtocolKind,
        /// The user's unit.
        unit: Unit,
        /// The load step, in the user's unit.
        step_in_unit: f64,
        /// Lightest load inside the range, in the user's unit.
        lowest_in_unit: f64,
        /// Heaviest load inside the range, in the user's unit.
        highest_in_unit: f64,
        /// The closest load below the range, if it is above zero.
        nearest_below: Option<LoadOption>,
        /// The closest load above the range.
        nearest_above: Option<LoadOption>,
    },
}

/// Percents larger than this are not echoed: the number would only clutter the reply.
const LARGEST_PERCENT_SHOWN: f64 = 10_000.0;

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PlanError::OneRepMax(_) => write!(
                f,
                "The one-rep max stored for this exercise is not usable: it must be from {} \
                 to {} kg. Set it again; `/1rm estimate` works it out from a set of 1-12 reps.",
                format_amount(MIN_WEIGHT),
                format_amount(MAX_WEIGHT_KG),
            ),
            PlanError::PercentOutOfRange { protocol, percent } => {
                let details = protocol.protocol();
                let min = format_amount(details.percent_min);
                let max = format_amount(details.percent_max);
                let default = format_amount(details.default_percent);
                if percent.is_finite() && percent.abs() < LARGEST_PERCENT_SHOWN {
                    write!(
                        f,
                        "{}% is outside the {protocol} protocol's range of {min}-{max}% of 1RM. ",
                        format_amount(percent)
                    )?;
                } else {
                    write!(
                        f,
                        "The percent must be a number within the {protocol} protocol's range \
                         of {min}-{max}% of 1RM. "
                    )?;
                }
                write!(
                    f,
                    "Type a percent from {min} to {max}, e.g. `percent: {default}`, or leave it \
                     out for {default}%."
                )?;
                if percent > 0.0 && percent <= 1.0 {
                    write!(
                        f,
                        " The percent is a whole number: 30 means 30% of your 1RM."
                    )?;
                }
                Ok(())
            }
            PlanError::NoLoadInRange {
                protocol,
                unit,
                step_in_unit,
                lowest_in_unit,
                highest_in_unit,
                nearest_below,
                nearest_above,
            } => {
                let details = protocol.protocol();
                write!(
                    f,
                    "With a load step of {} {unit}, no load fits the {protocol} protocol's \
                     {}-{}% of your 1RM ({}-{} {unit}). ",
                    format_amount(step_in_unit),
                    format_amount(details.percent_min),
                    format_amount(details.percent_max),
                    format_amount(lowest_in_unit),
                    format_amount(highest_in_unit),
                )?;
                let options: Vec<String> = [nearest_below, nearest_above]
                    .iter()
                    .flatten()
                    .map(|option| {
                        format!(
                            "{} ({}% of 1RM)",
                            format_load(option.load_kg, unit),
                            format_amount(option.percent)
                        )
                    })
                    .collect();
                if !options.is_empty() {
                    write!(f, "Nearest loads you can make: {}. ", options.join(" or "))?;
                }
                write!(
                    f,
                    "Set a smaller load step in your settings (e.g. `{}`), or choose a load \
                     yourself knowing it is outside the range.",
                    format_amount(LoadStep::default_for(unit).value() / 2.0)
                )
            }
        }
    }
}

impl Error for PlanError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            PlanError::OneRepMax(error) => Some(error),
            _ => None,
        }
    }
}

/// Where the rounded load ended up.
enum Rounded {
    Load(f64),
    OutOfReach {
        below: Option<f64>,
        above: Option<f64>,
    },
}

/// Rounds `target` to the nearest multiple of `step`, falling back to the multiple on the
/// other side if the nearest one leaves `[low, high]`. All values in the user's unit.
fn round_into_range(target: f64, low: f64, high: f64, step: f64) -> Rounded {
    // Unit conversions leave crumbs in the last bits; without slack, a load exactly on the
    // edge of the range could be refused.
    let slack = 1e-9 * high.abs().max(1.0);
    let fits = |load: f64| load > 0.0 && load >= low - slack && load <= high + slack;
    let k = (target / step).round();
    let nearest = k * step;
    let other = if nearest > target {
        (k - 1.0) * step
    } else {
        (k + 1.0) * step
    };
    // With target inside the range, if neither neighbour fits then no multiple does.
    if let Some(load) = [nearest, other].into_iter().find(|&load| fits(load)) {
        return Rounded::Load(load);
    }
    let below = (low / step).floor() * step;
    let above = (high / step).ceil() * step;
    Rounded::OutOfReach {
        below: (below > 0.0 && below.is_finite()).then_some(below),
        above: (above > 0.0 && above.is_finite()).then_some(above),
    }
}

/// Plans one exercise's session from a one-rep max.
///
/// The load is 1RM × percent rounded to the nearest multiple of the user's step (in the
/// user's unit), moving to the other neighbouring multiple if that keeps it inside the
/// protocol's range; if no multiple fits, the nearest options are returned in the error.
pub fn plan_session(input: SessionInput) -> Result<SessionPlan, PlanError> {
    let one_rep_max = Weight::from_kg(input.one_rep_max_kg).map_err(PlanError::OneRepMax)?;
    let protocol = input.protocol.protocol();
    let percent = input.percent.unwrap_or(protocol.default_percent);
    if !protocol.allows_percent(percent) {
        return Err(PlanError::PercentOutOfRange {
            protocol: input.protocol,
            percent,
        });
    }

    let unit = input.unit;
    let max_in_unit = one_rep_max.in_unit(unit);
    let option = |load_in_unit: f64| LoadOption {
        load_kg: unit.to_kg(load_in_unit),
        load_in_unit,
        percent: load_in_unit / max_in_unit * 100.0,
    };
    let step = input.step.in_unit(unit);
    let low = max_in_unit * protocol.percent_min / 100.0;
    let high = max_in_unit * protocol.percent_max / 100.0;
    let target = max_in_unit * percent / 100.0;
    let load = match round_into_range(target, low, high, step) {
        Rounded::Load(load) => option(load),
        Rounded::OutOfReach { below, above } => {
            return Err(PlanError::NoLoadInRange {
                protocol: input.protocol,
                unit,
                step_in_unit: step,
                lowest_in_unit: low,
                highest_in_unit: high,
                nearest_below: below.map(option),
                nearest_above: above.map(option),
            })
        }
    };

    let sets = protocol
        .reps_per_set
        .iter()
        .zip(1u32..)
        .map(|(&reps, number)| PlannedSet { number, reps })
        .collect();
    Ok(SessionPlan {
        protocol: input.protocol,
        unit,
        limb: input.limb,
        one_rep_max_kg: one_rep_max.kg(),
        percent_target: percent,
        load_kg: load.load_kg,
        load_in_unit: load.load_in_unit,
        actual_percent: load.percent,
        sets,
        rest_seconds: protocol.rest_seconds,
        rest_options: protocol.rest_options,
        wrap_guidance: protocol.pressure_guidance,
        release_between_sets: !protocol.wrap_on_between_sets,
        restriction: RestrictionBudget::for_sets(
            input.limb,
            protocol.reps_per_set,
            protocol.rest_seconds,
            protocol.wrap_on_between_sets,
        ),
        stop_signs: STOP_SIGNS,
    })
}

#[cfg(test)]
mod tests {
    use super::super::units::LB_IN_KG;
    use super::*;

    fn input(one_rep_max_kg: f64) -> SessionInput {
        SessionInput {
            one_rep_max_kg,
            unit: Unit::Kg,
            step: LoadStep::default_for(Unit::Kg),
            protocol: ProtocolKind::Standard,
            percent: None,
            limb: Limb::Leg,
        }
    }

    fn plan(input: SessionInput) -> SessionPlan {
        plan_session(input).unwrap_or_else(|e| panic!("{e}"))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn thirty_percent_of_a_hundred_kilos() {
        let plan = plan(input(100.0));
        assert_eq!(plan.load_in_unit, 30.0);
        assert_eq!(plan.load_kg, 30.0);
        assert!(close(plan.actual_percent, 30.0));
        assert_eq!(plan.percent_target, 30.0);
        assert_eq!(plan.load_text(), "30 kg");
    }

    #[test]
    fn rounds_to_the_nearest_step() {
        // 107 × 30% = 32.1 kg, nearest 2.5 kg multiple 32.5.
        let plan = plan(input(107.0));
        assert_eq!(plan.load_in_unit, 32.5);
        assert!(close(plan.actual_percent, 32.5 / 107.0 * 100.0));
    }

    #[test]
    fn falls_back_to_the_other_neighbour_at_the_edges() {
        let step = LoadStep::new(5.0, Unit::Kg).unwrap_or_else(|e| panic!("{e}"));
        // 40% of 107 = 42.8; 45 would be 42%, so 40 is used.
        let high = plan(SessionInput {
            step,
            percent: Some(40.0),
            ..input(107.0)
        });
        assert_eq!(high.load_in_unit, 40.0);
        // 20% of 107 = 21.4; 20 would be 18.7%, so 25 is used.
        let low = plan(SessionInput {
            step,
            percent: Some(20.0),
            ..input(107.0)
        });
        assert_eq!(low.load_in_unit, 25.0);
    }

    #[test]
    fn pounds_with_a_five_pound_step() {
        // 1RM 315 lb; 30% = 94.5 lb, nearest 5 lb multiple 95.
        let plan = plan(SessionInput {
            unit: Unit::Lb,
            step: LoadStep::default_for(Unit::Lb),
            ..input(315.0 * LB_IN_KG)
        });
        assert!(close(plan.load_in_unit, 95.0));
        assert!(close(plan.load_kg, 95.0 * LB_IN_KG));
        assert_eq!(plan.load_text(), "95 lb");
        assert!(close(plan.actual_percent, 95.0 / 315.0 * 100.0));
    }

    #[test]
    fn a_step_in_the_other_unit_is_converted() {
        // A 2.5 kg step shown in pounds: the load stays a multiple of 2.5 kg.
        let plan = plan(SessionInput {
            unit: Unit::Lb,
            ..input(100.0)
        });
        assert!(close(plan.load_kg, 30.0), "{}", plan.load_kg);
        assert_eq!(plan.load_text(), "66.14 lb");
    }

    #[test]
    fn impossible_step_shows_the_nearest_options() {
        let step = LoadStep::new(10.0, Unit::Kg).unwrap_or_else(|e| panic!("{e}"));
        let result = plan_session(SessionInput {
            step,
            ..input(20.0)
        });
        let Err(error) = result else {
            panic!("expected no load in range, got {result:?}");
        };
        let PlanError::NoLoadInRange {
            nearest_below,
            nearest_above,
            lowest_in_unit,
            highest_in_unit,
            ..
        } = error
        else {
            panic!("wrong error {error:?}");
        };
        assert_eq!(nearest_below, None);
        assert!(close(lowest_in_unit, 4.0) && close(highest_in_unit, 8.0));
        let above = nearest_above.unwrap_or_else(|| panic!("no option above"));
        assert_eq!(above.load_kg, 10.0);
        assert!(close(above.percent, 50.0));
        let text = error.to_string();
        assert!(text.contains("10 kg (50% of 1RM)"), "{text}");
        assert!(text.contains("4-8 kg") && text.contains("`1.25`"), "{text}");
    }

    #[test]
    fn percent_ranges() {
        for percent in [19.0, 41.0, -30.0, 0.0, f64::NAN, f64::INFINITY] {
            let result = plan_session(SessionInput {
                percent: Some(percent),
                ..input(100.0)
            });
            assert!(
                matches!(result, Err(PlanError::PercentOutOfRange { .. })),
                "{percent}"
            );
        }
        for percent in [20.0, 40.0, 33.3] {
            assert!(plan_session(SessionInput {
                percent: Some(percent),
                ..input(100.0)
            })
            .is_ok());
        }
        let article = SessionInput {
            protocol: ProtocolKind::Article,
            ..input(100.0)
        };
        let fifty = plan(SessionInput {
            percent: Some(50.0),
            ..article
        });
        assert_eq!(fifty.load_in_unit, 50.0);
        let over = plan_session(SessionInput {
            percent: Some(50.5),
            ..article
        });
        assert!(matches!(over, Err(PlanError::PercentOutOfRange { .. })));
        assert_eq!(plan(article).percent_target, 30.0);
    }

    #[test]
    fn percent_messages_say_what_to_type() {
        let error = PlanError::PercentOutOfRange {
            protocol: ProtocolKind::Standard,
            percent: 41.0,
        };
        let text = error.to_string();
        assert!(
            text.starts_with("41% is outside the standard protocol's range of 20-40%"),
            "{text}"
        );
        assert!(text.contains("`percent: 30`"), "{text}");
        let fraction = PlanError::PercentOutOfRange {
            protocol: ProtocolKind::Article,
            percent: 0.3,
        };
        assert!(fraction.to_string().contains("30 means 30%"));
        let huge = PlanError::PercentOutOfRange {
            protocol: ProtocolKind::Standard,
            percent: 1e300,
        };
        assert!(huge.to_string().len() < 300);
        let nan = PlanError::PercentOutOfRange {
            protocol: ProtocolKind::Standard,
            percent: f64::NAN,
        };
        assert!(!nan.to_string().contains("NaN"));
    }

    #[test]
    fn bad_one_rep_max_is_refused() {
        for bad in [0.0, -100.0, f64::NAN, f64::INFINITY, 1000.5] {
            let result = plan_session(input(bad));
            assert!(matches!(result, Err(PlanError::OneRepMax(_))), "{bad}");
        }
        let error = PlanError::OneRepMax(WeightError::TooLight { unit: Unit::Kg });
        assert!(error.source().is_some());
        assert!(error.to_string().contains("`/1rm estimate`"));
    }

    #[test]
    fn sets_rests_and_wrap() {
        let standard = plan(input(100.0));
        let reps: Vec<u32> = standard.sets.iter().map(|s| s.reps).collect();
        assert_eq!(reps, [30, 15, 15, 15]);
        let numbers: Vec<u32> = standard.sets.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        assert_eq!(standard.total_reps(), 75);
        assert_eq!(standard.rest_seconds, 30);
        assert_eq!(standard.rest_options, &[30, 45, 60]);
        assert!(!standard.release_between_sets);
        assert!(standard.wrap_guidance.contains("40-80%"));
        assert_eq!(standard.stop_signs, STOP_SIGNS);
        assert_eq!(standard.protocol_details().kind, ProtocolKind::Standard);

        let article = plan(SessionInput {
            protocol: ProtocolKind::Article,
            ..input(100.0)
        });
        assert_eq!(article.total_reps(), 65);
        assert!(article.rest_options.iter().all(|&s| s <= 30));
        assert!(!article.release_between_sets);
        assert!(article.wrap_guidance.contains("7/10"));
    }

    #[test]
    fn restriction_time_budget() {
        // Standard on a leg: 75 reps × 3 s + 3 × 30 s = 315 s, well inside 20 min.
        let leg = plan(input(100.0));
        assert_eq!(leg.restriction.estimated_seconds, 315);
        assert_eq!(leg.restriction.limit_seconds, 1200);
        assert!(!leg.restriction.over_limit);

        // Article on an arm: 65 reps × 3 s + 2 × 30 s = 255 s. Alone it is fine; four
        // such exercises back to back without releasing pass the 15 min arm limit.
        let arm = plan(SessionInput {
            protocol: ProtocolKind::Article,
            limb: Limb::Arm,
            ..input(60.0)
        });
        assert_eq!(arm.restriction.estimated_seconds, 255);
        assert!(!arm.restriction.over_limit);
        let chain = RestrictionBudget::back_to_back(Limb::Arm, &[arm.restriction; 4], 60);
        assert!(chain.over_limit, "{chain:?}");
        assert!(chain.warning().is_some());
        let three = RestrictionBudget::back_to_back(Limb::Arm, &[arm.restriction; 3], 60);
        assert!(!three.over_limit, "{three:?}");
    }
}
