//! Discord's own checks on options, set from the same constants the core and the console
//! validate with, so the three never disagree. (poise's `#[min]`/`#[max]` attributes take
//! only literals, which would be second copies.)

use poise::serenity_prelude as serenity;

use crate::discord::Data;
use crate::domain::challenge::{
    MAX_CHALLENGE_DAYS, MAX_CHALLENGE_NAME_CHARS, MAX_TEAM_TARGET, MIN_CHALLENGE_DAYS,
};
use crate::domain::strength::{MAX_REPS, MAX_WEIGHT_LB, MIN_WEIGHT};
use crate::error::AppError;
use crate::timers::{MAX_LABEL_CHARS, MAX_REST_SECONDS, MIN_REST_SECONDS};

type Command = poise::Command<Data, AppError>;
type TypeSetter = fn(serenity::CreateCommandOption) -> serenity::CreateCommandOption;

/// `(command path, option, how Discord should check it)` for every bounded option.
const BOUNDED_OPTIONS: &[(&[&str], &str, TypeSetter)] = &[
    (&["rest", "start"], "seconds", |option| {
        option
            .kind(serenity::CommandOptionType::Integer)
            .min_int_value(u64::from(MIN_REST_SECONDS))
            .max_int_value(u64::from(MAX_REST_SECONDS))
    }),
    (&["rest", "start"], "label", |option| {
        option
            .kind(serenity::CommandOptionType::String)
            .max_length(label_length())
    }),
    (&["challenge", "create"], "days", |option| {
        option
            .kind(serenity::CommandOptionType::Integer)
            .min_int_value(u64::from(MIN_CHALLENGE_DAYS))
            .max_int_value(u64::from(MAX_CHALLENGE_DAYS))
    }),
    (&["challenge", "create"], "target", |option| {
        option
            .kind(serenity::CommandOptionType::Integer)
            .min_int_value(1)
            .max_int_value(u64::from(MAX_TEAM_TARGET))
    }),
    (&["challenge", "create"], "name", |option| {
        option
            .kind(serenity::CommandOptionType::String)
            .max_length(u16::try_from(MAX_CHALLENGE_NAME_CHARS).unwrap_or(u16::MAX))
    }),
    (&["challenge", "void"], "entry", |option| {
        option
            .kind(serenity::CommandOptionType::Integer)
            .min_int_value(1)
    }),
    (&["1rm", "set"], "weight", weight),
    (&["1rm", "estimate"], "weight", weight),
    (&["1rm", "estimate"], "reps", |option| {
        option
            .kind(serenity::CommandOptionType::Integer)
            .min_int_value(1)
            .max_int_value(u64::from(MAX_REPS))
    }),
];

/// Any unit's range: the core then checks it against the unit actually given.
fn weight(option: serenity::CreateCommandOption) -> serenity::CreateCommandOption {
    option
        .kind(serenity::CommandOptionType::Number)
        .min_number_value(MIN_WEIGHT)
        .max_number_value(MAX_WEIGHT_LB)
}

fn label_length() -> u16 {
    u16::try_from(MAX_LABEL_CHARS).unwrap_or(u16::MAX)
}

/// Sets the bounds of every option listed in [`BOUNDED_OPTIONS`].
pub fn apply(commands: &mut [Command]) {
    for &(path, option, setter) in BOUNDED_OPTIONS {
        if let Some(command) = find(commands, path) {
            for parameter in &mut command.parameters {
                if parameter.name == option {
                    parameter.type_setter = Some(setter);
                }
            }
        }
    }
}

fn find<'a>(commands: &'a mut [Command], path: &[&str]) -> Option<&'a mut Command> {
    let (first, rest) = path.split_first()?;
    let command = commands.iter_mut().find(|c| c.name == *first)?;
    if rest.is_empty() {
        Some(command)
    } else {
        find(&mut command.subcommands, rest)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn option<'a>(commands: &'a Value, path: &[&str], name: &str) -> &'a Value {
        let mut node = commands
            .as_array()
            .and_then(|all| all.iter().find(|c| c["name"] == path[0]))
            .expect("the command");
        for part in &path[1..] {
            node = node["options"]
                .as_array()
                .and_then(|all| all.iter().find(|o| o["name"] == *part))
                .expect("the subcommand");
        }
        node["options"]
            .as_array()
            .and_then(|all| all.iter().find(|o| o["name"] == name))
            .expect("the option")
    }

    #[test]
    fn discord_checks_options_with_the_core_s_constants() {
        let commands = crate::discord::commands::all();
        let registered = poise::builtins::create_application_commands(&commands);
        let json = serde_json::to_value(&registered).expect("commands serialize");
        let seconds = option(&json, &["rest", "start"], "seconds");
        assert_eq!(seconds["min_value"], u64::from(MIN_REST_SECONDS));
        assert_eq!(seconds["max_value"], u64::from(MAX_REST_SECONDS));
        assert_eq!(seconds["type"], 4);
        let label = option(&json, &["rest", "start"], "label");
        assert_eq!(label["max_length"], MAX_LABEL_CHARS);
        let reps = option(&json, &["1rm", "estimate"], "reps");
        assert_eq!(reps["max_value"], u64::from(MAX_REPS));
        let weight = option(&json, &["1rm", "set"], "weight");
        assert_eq!(weight["max_value"], MAX_WEIGHT_LB);
        assert_eq!(weight["type"], 10);
    }
}
