//! Bounds on `/challenge log`, so that one typo cannot win a challenge.
//!
//! Sessions and reps are limited per log and per day (the member's own calendar day; the
//! caller adds up what they already logged by hand that day). Volume is limited by
//! plausibility against the member's 1RM: no logged load above 110% of it, at most 100
//! reps per log, and at most 500 times the 1RM per day. Streaks come from sessions and
//! improvement from 1RMs, so neither can be logged.

use std::error::Error;
use std::fmt;

use super::entry::volume_amount;
use super::metric::{ChallengeMetric, VOLUME_UNITS_PER_KG};
use crate::domain::strength::{format_load, Unit, Weight};

/// Most sessions in one log.
pub const MAX_SESSIONS_PER_LOG: i64 = 2;
/// Most sessions logged by hand in one day.
pub const MAX_SESSIONS_PER_DAY: i64 = 3;
/// Most reps in one log.
pub const MAX_REPS_PER_LOG: i64 = 500;
/// Most reps logged by hand in one day.
pub const MAX_REPS_PER_DAY: i64 = 2000;
/// Most reps in one volume log.
pub const MAX_VOLUME_REPS_PER_LOG: u32 = 100;
/// Heaviest logged load, as a multiple of the member's 1RM: a little room for a 1RM that
/// is out of date, none for a misplaced digit.
pub const MAX_LOAD_OF_ONE_REP_MAX: f64 = 1.1;
/// Most volume logged by hand in one day, as a multiple of the member's 1RM (e.g. 2,000
/// reps at 25% of it).
pub const MAX_DAILY_VOLUME_IN_ONE_REP_MAXES: f64 = 500.0;

/// A parsed `/challenge log` amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LogAmount {
    /// Sessions or reps.
    Count(i64),
    /// A load and the reps done with it.
    Volume {
        /// The load in kg.
        load_kg: f64,
        /// Reps done with it.
        reps: u32,
    },
}

/// Why a manual log was refused; the message says what is accepted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LogError {
    /// Streak and improvement challenges take no manual logs.
    NotLoggable {
        /// The challenge's metric.
        metric: ChallengeMetric,
    },
    /// Not a whole number (sessions, reps) or not `load x reps` (volume).
    Unreadable {
        /// The challenge's metric.
        metric: ChallengeMetric,
    },
    /// Zero or negative.
    NotPositive {
        /// The challenge's metric.
        metric: ChallengeMetric,
    },
    /// More than one log may hold.
    OverPerLog {
        /// The challenge's metric.
        metric: ChallengeMetric,
        /// The most one log may hold, in the metric's stored unit.
        max: i64,
    },
    /// Would take the day's manual logs past the daily limit.
    OverPerDay {
        /// The challenge's metric.
        metric: ChallengeMetric,
        /// The daily limit, in the metric's stored unit.
        max: i64,
        /// What can still be logged today.
        left: i64,
        /// The member's unit, for volume.
        unit: Unit,
    },
    /// A volume log without a 1RM to judge it against.
    NoOneRepMax,
    /// A load above 110% of the member's 1RM.
    LoadAboveOneRepMax {
        /// The heaviest load accepted, in kg.
        max_kg: f64,
        /// The member's unit.
        unit: Unit,
    },
    /// More than 100 reps in one volume log.
    TooManyReps,
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            LogError::NotLoggable {
                metric: ChallengeMetric::Streak,
            } => f.write_str(
                "Streak days come from recorded sessions and can't be logged by hand. Finish \
                 a workout card on each training day to keep your streak.",
            ),
            LogError::NotLoggable { .. } => f.write_str(
                "Improvement comes from your 1RM and can't be logged by hand. Record a new \
                 1RM for the challenge's exercise instead.",
            ),
            LogError::Unreadable { metric } | LogError::NotPositive { metric } => {
                f.write_str(&what_to_type(metric))
            }
            LogError::OverPerLog { metric, max } => write!(
                f,
                "One log can hold at most {}. Log what you did in one go, e.g. `{}`.",
                ChallengeMetric::format_value(metric, max, Unit::Kg),
                example(metric)
            ),
            LogError::OverPerDay {
                metric,
                max,
                left,
                unit,
            } => write!(
                f,
                "That would take today's logs past the daily limit of {}; you can log {} \
                 more today. Workouts recorded with the workout card are not limited.",
                metric.format_value(max, unit),
                metric.format_value(left.max(0), unit),
            ),
            LogError::NoOneRepMax => f.write_str(
                "Volume logs are checked against your 1RM, and you have none recorded yet. \
                 Record one with `/1rm`, then log again.",
            ),
            LogError::LoadAboveOneRepMax { max_kg, unit } => write!(
                f,
                "That load is more than 110% of your 1RM. The most you can log is {}; if \
                 you got stronger, record a new 1RM with `/1rm` first.",
                format_load(max_kg, unit)
            ),
            LogError::TooManyReps => write!(
                f,
                "One volume log can hold at most {MAX_VOLUME_REPS_PER_LOG} reps. Log each \
                 exercise separately, e.g. `30 x 75`."
            ),
        }
    }
}

impl Error for LogError {}

fn what_to_type(metric: ChallengeMetric) -> String {
    match metric {
        ChallengeMetric::Volume => "Type the load and the reps, e.g. `30 x 75` (or `30kg x 75`, \
                                    `65lb x 75`)."
            .to_owned(),
        _ => format!(
            "Type a whole number of {} above 0, e.g. `{}`.",
            noun(metric),
            example(metric)
        ),
    }
}

fn noun(metric: ChallengeMetric) -> &'static str {
    match metric {
        ChallengeMetric::Reps => "reps",
        _ => "sessions",
    }
}

fn example(metric: ChallengeMetric) -> &'static str {
    match metric {
        ChallengeMetric::Reps => "75",
        ChallengeMetric::Volume => "30 x 75",
        _ => "1",
    }
}

/// Reads the `amount` of `/challenge log` for a challenge of `metric`: a whole number of
/// sessions or reps, or for volume `load x reps` with an optional `kg`/`lb` after the load
/// (`unit`, the member's own, otherwise).
pub fn parse_log_amount(
    metric: ChallengeMetric,
    input: &str,
    unit: Unit,
) -> Result<LogAmount, LogError> {
    let text = input.trim().to_lowercase();
    match metric {
        ChallengeMetric::Streak | ChallengeMetric::Improvement => {
            Err(LogError::NotLoggable { metric })
        }
        ChallengeMetric::Sessions | ChallengeMetric::Reps | ChallengeMetric::TeamGoal => {
            let count: i64 = text.parse().map_err(|_| LogError::Unreadable { metric })?;
            if count <= 0 {
                return Err(LogError::NotPositive { metric });
            }
            Ok(LogAmount::Count(count))
        }
        ChallengeMetric::Volume => parse_volume(&text, unit),
    }
}

fn parse_volume(text: &str, unit: Unit) -> Result<LogAmount, LogError> {
    let unreadable = LogError::Unreadable {
        metric: ChallengeMetric::Volume,
    };
    let (load, reps) = text.split_once(['x', '×', '*']).ok_or(unreadable)?;
    let load = load.trim();
    let (number, load_unit) = split_unit(load).unwrap_or((load, unit));
    let value: f64 = number.parse().map_err(|_| unreadable)?;
    let reps: i64 = reps.trim().parse().map_err(|_| unreadable)?;
    if value <= 0.0 || reps <= 0 {
        return Err(LogError::NotPositive {
            metric: ChallengeMetric::Volume,
        });
    }
    let weight = Weight::from_unit(value, load_unit).map_err(|_| unreadable)?;
    let reps = u32::try_from(reps).map_err(|_| LogError::TooManyReps)?;
    Ok(LogAmount::Volume {
        load_kg: weight.kg(),
        reps,
    })
}

/// The load's number and the unit written after it, if any.
fn split_unit(load: &str) -> Option<(&str, Unit)> {
    [
        ("kgs", Unit::Kg),
        ("kg", Unit::Kg),
        ("lbs", Unit::Lb),
        ("lb", Unit::Lb),
    ]
    .into_iter()
    .find_map(|(suffix, unit)| load.strip_suffix(suffix).map(|n| (n.trim(), unit)))
}

/// Checks a manual log against the bounds and returns the amount to credit, in the
/// metric's stored unit. `logged_today` is what the member already logged by hand today
/// for this challenge (same unit); `one_rep_max_kg` is the member's highest recorded 1RM,
/// needed for volume; `unit` is the member's, for messages.
pub fn check_manual_log(
    metric: ChallengeMetric,
    amount: LogAmount,
    logged_today: i64,
    one_rep_max_kg: Option<f64>,
    unit: Unit,
) -> Result<i64, LogError> {
    let (per_log, per_day) = match metric {
        ChallengeMetric::Streak | ChallengeMetric::Improvement => {
            return Err(LogError::NotLoggable { metric })
        }
        ChallengeMetric::Sessions | ChallengeMetric::TeamGoal => {
            (MAX_SESSIONS_PER_LOG, MAX_SESSIONS_PER_DAY)
        }
        ChallengeMetric::Reps => (MAX_REPS_PER_LOG, MAX_REPS_PER_DAY),
        ChallengeMetric::Volume => return check_volume(amount, logged_today, one_rep_max_kg, unit),
    };
    let LogAmount::Count(count) = amount else {
        return Err(LogError::Unreadable { metric });
    };
    if count <= 0 {
        return Err(LogError::NotPositive { metric });
    }
    if count > per_log {
        return Err(LogError::OverPerLog {
            metric,
            max: per_log,
        });
    }
    within_day(metric, count, logged_today, per_day, unit)
}

fn check_volume(
    amount: LogAmount,
    logged_today: i64,
    one_rep_max_kg: Option<f64>,
    unit: Unit,
) -> Result<i64, LogError> {
    let metric = ChallengeMetric::Volume;
    let LogAmount::Volume { load_kg, reps } = amount else {
        return Err(LogError::Unreadable { metric });
    };
    let one_rep_max = one_rep_max_kg
        .filter(|kg| kg.is_finite() && *kg > 0.0)
        .ok_or(LogError::NoOneRepMax)?;
    if reps == 0 || load_kg.is_nan() || load_kg <= 0.0 {
        return Err(LogError::NotPositive { metric });
    }
    if reps > MAX_VOLUME_REPS_PER_LOG {
        return Err(LogError::TooManyReps);
    }
    let max_kg = one_rep_max * MAX_LOAD_OF_ONE_REP_MAX;
    // A hair of tolerance so that exactly 110%, entered in pounds, is not refused for
    // rounding.
    if load_kg > max_kg + 1e-9 {
        return Err(LogError::LoadAboveOneRepMax { max_kg, unit });
    }
    let credit = volume_amount(load_kg, reps).ok_or(LogError::Unreadable { metric })?;
    let per_day = (one_rep_max * MAX_DAILY_VOLUME_IN_ONE_REP_MAXES * VOLUME_UNITS_PER_KG as f64)
        .round() as i64;
    within_day(metric, credit, logged_today, per_day, unit)
}

fn within_day(
    metric: ChallengeMetric,
    credit: i64,
    logged_today: i64,
    per_day: i64,
    unit: Unit,
) -> Result<i64, LogError> {
    let left = per_day.saturating_sub(logged_today.max(0));
    if credit > left {
        return Err(LogError::OverPerDay {
            metric,
            max: per_day,
            left,
            unit,
        });
    }
    Ok(credit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChallengeMetric::*;

    fn check(
        metric: ChallengeMetric,
        input: &str,
        today: i64,
        one_rm: Option<f64>,
    ) -> Result<i64, LogError> {
        let amount = parse_log_amount(metric, input, Unit::Kg)?;
        check_manual_log(metric, amount, today, one_rm, Unit::Kg)
    }

    #[test]
    fn sessions_two_per_log_three_per_day() {
        assert_eq!(check(Sessions, "1", 0, None), Ok(1));
        assert_eq!(check(Sessions, " 2 ", 1, None), Ok(2));
        assert_eq!(check(TeamGoal, "2", 0, None), Ok(2));
        assert_eq!(
            check(Sessions, "3", 0, None),
            Err(LogError::OverPerLog {
                metric: Sessions,
                max: 2
            })
        );
        assert_eq!(
            check(Sessions, "2", 2, None),
            Err(LogError::OverPerDay {
                metric: Sessions,
                max: 3,
                left: 1,
                unit: Unit::Kg
            })
        );
    }

    #[test]
    fn reps_five_hundred_per_log_two_thousand_per_day() {
        assert_eq!(check(Reps, "500", 1500, None), Ok(500));
        assert_eq!(
            check(Reps, "501", 0, None),
            Err(LogError::OverPerLog {
                metric: Reps,
                max: 500
            })
        );
        assert!(matches!(
            check(Reps, "1", 2000, None),
            Err(LogError::OverPerDay { left: 0, .. })
        ));
    }

    #[test]
    fn counts_must_be_whole_positive_numbers() {
        for input in ["", "two", "1.5", "1e3", "<@1>"] {
            assert_eq!(
                check(Reps, input, 0, None),
                Err(LogError::Unreadable { metric: Reps }),
                "{input}"
            );
        }
        for input in ["0", "-4"] {
            assert_eq!(
                check(Sessions, input, 0, None),
                Err(LogError::NotPositive { metric: Sessions })
            );
        }
    }

    #[test]
    fn streak_and_improvement_are_never_logged() {
        for metric in [Streak, Improvement] {
            assert_eq!(
                parse_log_amount(metric, "1", Unit::Kg),
                Err(LogError::NotLoggable { metric })
            );
            assert_eq!(
                check_manual_log(metric, LogAmount::Count(1), 0, None, Unit::Kg),
                Err(LogError::NotLoggable { metric })
            );
        }
        let streak = LogError::NotLoggable { metric: Streak }.to_string();
        assert!(streak.contains("sessions"), "{streak}");
    }

    #[test]
    fn volume_is_plausible_against_the_one_rep_max() {
        // 30 kg × 75 with a 100 kg 1RM: 2250 kg.
        assert_eq!(check(Volume, "30 x 75", 0, Some(100.0)), Ok(2_250_000));
        assert_eq!(check(Volume, "30kg×75", 0, Some(100.0)), Ok(2_250_000));
        assert_eq!(check(Volume, "110*1", 0, Some(100.0)), Ok(110_000));
        assert_eq!(
            check(Volume, "111 x 1", 0, Some(100.0)),
            Err(LogError::LoadAboveOneRepMax {
                max_kg: 100.0 * 1.1,
                unit: Unit::Kg
            })
        );
        // A misplaced digit: 300 instead of 30.
        assert!(matches!(
            check(Volume, "300 x 75", 0, Some(100.0)),
            Err(LogError::LoadAboveOneRepMax { .. })
        ));
        assert_eq!(
            check(Volume, "30 x 101", 0, Some(100.0)),
            Err(LogError::TooManyReps)
        );
        assert_eq!(
            check(Volume, "30 x 75", 0, None),
            Err(LogError::NoOneRepMax)
        );
        assert_eq!(
            check(Volume, "30 x 75", 0, Some(0.0)),
            Err(LogError::NoOneRepMax)
        );
        // The day's limit is 500 × 1RM: 50,000 kg for a 100 kg 1RM.
        assert!(matches!(
            check(Volume, "30 x 75", 48_000_000, Some(100.0)),
            Err(LogError::OverPerDay {
                max: 50_000_000,
                left: 2_000_000,
                ..
            })
        ));
    }

    #[test]
    fn volume_loads_may_name_their_unit() {
        let pounds = parse_log_amount(Volume, "66 lb x 10", Unit::Kg);
        let Ok(LogAmount::Volume { load_kg, reps }) = pounds else {
            panic!("{pounds:?}");
        };
        assert!((load_kg - 66.0 * 0.45359237).abs() < 1e-9);
        assert_eq!(reps, 10);
        // Without a unit, the member's own.
        let own = parse_log_amount(Volume, "66 x 10", Unit::Lb);
        assert_eq!(own, pounds);
        let lbs = parse_log_amount(Volume, "66lbs x 10", Unit::Kg);
        assert_eq!(lbs, pounds);
        for bad in ["30", "x 10", "30 x", "thirty x 10", "30 x 1.5", "5000 x 1"] {
            assert_eq!(
                parse_log_amount(Volume, bad, Unit::Kg),
                Err(LogError::Unreadable { metric: Volume }),
                "{bad}"
            );
        }
        assert_eq!(
            parse_log_amount(Volume, "0 x 10", Unit::Kg),
            Err(LogError::NotPositive { metric: Volume })
        );
    }

    #[test]
    fn messages_say_what_to_do_and_use_the_viewers_unit() {
        let errors = [
            LogError::NotLoggable { metric: Streak },
            LogError::NotLoggable {
                metric: Improvement,
            },
            LogError::Unreadable { metric: Reps },
            LogError::Unreadable { metric: Volume },
            LogError::NotPositive { metric: Sessions },
            LogError::OverPerLog {
                metric: Reps,
                max: 500,
            },
            LogError::OverPerDay {
                metric: Volume,
                max: 50_000_000,
                left: 1_000_000,
                unit: Unit::Lb,
            },
            LogError::NoOneRepMax,
            LogError::LoadAboveOneRepMax {
                max_kg: 110.0,
                unit: Unit::Lb,
            },
            LogError::TooManyReps,
        ];
        for error in errors {
            let text = error.to_string();
            assert_eq!(text.matches('`').count() % 2, 0, "{text}");
            assert!(text.ends_with('.'), "{text}");
        }
        let per_day = errors[6].to_string();
        assert!(
            per_day.contains("110231.13 lb") && per_day.contains("2204.62 lb"),
            "{per_day}"
        );
        assert!(errors[8].to_string().contains("242.51 lb"));
        assert!(errors[5].to_string().contains("500 reps"));
    }
}
