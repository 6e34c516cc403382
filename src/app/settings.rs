//! `/settings`: units, the smallest load step, time zone.

use std::str::FromStr;

use crate::app::reply::{Colour, Embed, Reply};
use crate::domain::ids::UserId;
use crate::domain::strength::{format_amount, LoadStep, Unit};
use crate::error::{AppError, UserError};
use crate::store::{Store, UserSettings};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    pub units: Option<Unit>,
    pub increment: Option<f64>,
    pub timezone: Option<String>,
}

pub async fn settings(
    store: &dyn Store,
    user_id: UserId,
    change: SettingsChange,
) -> Result<Reply, AppError> {
    let current = store.user_settings(user_id).await?;
    if change == SettingsChange::default() {
        return Ok(Reply::embed(card("Your settings", &current)).ephemeral());
    }
    let updated = apply(&current, change)?;
    store.save_user_settings(user_id, &updated).await?;
    Ok(Reply::embed(card("Settings saved", &updated).colour(Colour::Success)).ephemeral())
}

/// Validates a change against the current settings. A change of units without a new step
/// resets the step to the new unit's default: 2.5 kg makes no sense as a step in pounds.
pub fn apply(current: &UserSettings, change: SettingsChange) -> Result<UserSettings, UserError> {
    let mut updated = current.clone();
    if let Some(units) = change.units {
        if units != current.units {
            updated.load_step = None;
        }
        updated.units = units;
    }
    if let Some(increment) = change.increment {
        let step = LoadStep::new(increment, updated.units)
            .map_err(|error| UserError::new(error.to_string()))?;
        updated.load_step = Some(step.value());
    }
    if let Some(timezone) = change.timezone {
        updated.time_zone = parse_time_zone(&timezone)?;
    }
    Ok(updated)
}

/// The step to round loads to: the user's, or the default for their units.
pub fn load_step(settings: &UserSettings) -> LoadStep {
    settings
        .load_step
        .and_then(|value| LoadStep::new(value, settings.units).ok())
        .unwrap_or_else(|| LoadStep::default_for(settings.units))
}

/// The calendar date of `at` in the user's time zone (UTC if the stored zone is unknown).
pub fn local_date(settings: &UserSettings, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.with_timezone(&settings.zone()).date_naive()
}

/// Accepts IANA names in any letter case and returns the canonical spelling.
pub fn parse_time_zone(input: &str) -> Result<String, UserError> {
    let trimmed = input.trim();
    chrono_tz::Tz::from_str(trimmed)
        .or_else(|_| chrono_tz::Tz::from_str_insensitive(trimmed))
        .map(|zone| zone.name().to_owned())
        .map_err(|_| {
            UserError::new(
                "That is not a time zone I know. Use an IANA name such as `Europe/London`, \
                 `America/New_York` or `Asia/Tokyo`.",
            )
        })
}

fn card(title: &str, settings: &UserSettings) -> Embed {
    let step = load_step(settings);
    let step_note = if settings.load_step.is_some() {
        ""
    } else {
        " (default)"
    };
    Embed::new(
        title,
        "Change any of them with `/settings units:… increment:… timezone:…`.",
    )
    .field("Units", settings.units.as_str())
    .field(
        "Smallest load step",
        format!(
            "{} {}{step_note}",
            format_amount(step.value()),
            settings.units.as_str()
        ),
    )
    .field("Time zone", &settings.time_zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changing_units_resets_the_step_unless_one_is_given() {
        let current = UserSettings {
            load_step: Some(1.25),
            ..UserSettings::default()
        };
        let to_lb = apply(
            &current,
            SettingsChange {
                units: Some(Unit::Lb),
                ..SettingsChange::default()
            },
        )
        .unwrap();
        assert_eq!(to_lb.load_step, None);
        assert_eq!(load_step(&to_lb).value(), 5.0);

        let with_step = apply(
            &current,
            SettingsChange {
                units: Some(Unit::Lb),
                increment: Some(2.5),
                ..SettingsChange::default()
            },
        )
        .unwrap();
        assert_eq!(with_step.load_step, Some(2.5));
    }

    #[test]
    fn invalid_steps_and_zones_are_refused() {
        let current = UserSettings::default();
        for increment in [0.0, -1.0, f64::NAN, 500.0] {
            let change = SettingsChange {
                increment: Some(increment),
                ..SettingsChange::default()
            };
            assert!(apply(&current, change).is_err(), "{increment}");
        }
        assert!(parse_time_zone("Mars/Olympus").is_err());
        assert_eq!(parse_time_zone(" europe/berlin ").unwrap(), "Europe/Berlin");
        assert_eq!(parse_time_zone("UTC").unwrap(), "UTC");
    }
}
