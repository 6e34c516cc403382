//! Strength numbers for blood-flow-restriction training.
//!
//! - Units ([`Unit`], [`Weight`], [`LoadStep`]): kg/lb, validated weights and the user's
//!   smallest load step. Weights are stored in kilograms and converted only for input and
//!   display.
//! - One-rep-max estimates ([`estimate`], [`estimate_both`]): Epley by default, Brzycki
//!   beside it, from sets of 1-12 reps.
//! - Exercises ([`BUILTIN`], [`find_builtin`], [`suggest`]) with the limb each one is
//!   wrapped on, and [`sanitize_custom_name`] for users' own exercise names.
//! - Protocols ([`ProtocolKind`], [`Protocol`]): the evidence-based standard and the
//!   original article's, annotated where the evidence differs.
//! - Sessions ([`plan_session`]): load rounded to the user's step inside the protocol's
//!   range, sets, rests, wrap guidance, stop signs and a time-under-restriction estimate
//!   ([`RestrictionBudget`]).
//!
//! Everything here is pure and uses only the standard library; errors carry messages that
//! can be shown to the user as they are.

mod custom_name;
pub(crate) use custom_name::{CharacterRefusal, ALLOWED as ALLOWED_NAME_CHARACTERS};
mod exercises;
mod one_rep_max;
mod protocol;
mod restriction;
mod session;
mod units;

#[cfg(test)]
mod tests;

pub use custom_name::{sanitize_custom_name, ExerciseNameError, MAX_CUSTOM_NAME_CHARS};
pub use exercises::{builtin_by_key, find_builtin, suggest, Exercise, Limb, BUILTIN};
pub use one_rep_max::{
    estimate, estimate_both, Estimate, EstimateError, Formula, MAX_REPS, RELIABLE_REPS,
};
pub use protocol::{Protocol, ProtocolError, ProtocolKind, ARTICLE, STANDARD};
pub use restriction::{
    format_duration, limit_seconds, RestrictionBudget, ARM_LIMIT_SECONDS, FREE_FLOW_SECONDS,
    LEG_LIMIT_SECONDS, TEMPO_SECONDS_PER_REP,
};
pub use session::{
    plan_session, LoadOption, PlanError, PlannedSet, SessionInput, SessionPlan, STOP_SIGNS,
};
pub use units::{
    format_amount, format_load, LoadStep, LoadStepError, Unit, UnitError, Weight, WeightError,
    LB_IN_KG, MAX_LOAD_STEP_KG, MAX_LOAD_STEP_LB, MAX_WEIGHT_KG, MAX_WEIGHT_LB, MIN_LOAD_STEP,
    MIN_WEIGHT,
};
