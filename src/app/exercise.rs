//! Which exercise the user means: a built-in one (by name or alias) or their own.

use crate::domain::ids::UserId;
use crate::domain::strength::{find_builtin, sanitize_custom_name, suggest, Limb};
use crate::error::{AppError, UserError};
use crate::store::{ExerciseRef, Store};

/// Discord shows at most 25 autocomplete choices.
pub const MAX_SUGGESTIONS: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedExercise {
    pub exercise: ExerciseRef,
    /// Known for built-in exercises; custom ones are planned with the stricter arm limit.
    pub limb: Option<Limb>,
}

impl ResolvedExercise {
    /// The limb for restriction-time limits: unknown counts as arm, whose limit is shorter.
    pub fn limb_or_arm(&self) -> Limb {
        self.limb.unwrap_or(Limb::Arm)
    }
}

pub fn resolve(input: &str) -> Result<ResolvedExercise, UserError> {
    if let Some(builtin) = find_builtin(input) {
        return Ok(ResolvedExercise {
            exercise: ExerciseRef {
                key: builtin.key.to_owned(),
                name: builtin.name.to_owned(),
            },
            limb: Some(builtin.limb),
        });
    }
    let name = sanitize_custom_name(input).map_err(|error| UserError::new(error.to_string()))?;
    Ok(ResolvedExercise {
        exercise: ExerciseRef {
            key: custom_key(&name),
            name,
        },
        limb: None,
    })
}

fn custom_key(name: &str) -> String {
    format!("custom:{}", name.to_lowercase())
}

/// Autocomplete: the user's own lifts first, then the built-in list.
pub async fn suggestions(
    store: &dyn Store,
    user_id: UserId,
    partial: &str,
) -> Result<Vec<String>, AppError> {
    let needle = partial.trim().to_lowercase();
    let mut names: Vec<String> = store
        .current_one_rep_maxes(user_id)
        .await?
        .into_iter()
        .map(|record| record.exercise.name)
        .filter(|name| name.to_lowercase().contains(&needle))
        .collect();
    for name in suggest(partial, MAX_SUGGESTIONS) {
        if !names.iter().any(|known| known.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    names.truncate(MAX_SUGGESTIONS);
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_the_builtin_exercise() {
        let squat = resolve("bb squat").unwrap();
        assert_eq!(squat.exercise.name, "Back squat");
        assert_eq!(squat.limb, Some(Limb::Leg));
        assert_eq!(resolve("  BACK SQUAT ").unwrap(), squat);
    }

    #[test]
    fn custom_names_get_a_stable_key_and_the_arm_limit() {
        let custom = resolve("Zercher  lunge").unwrap();
        assert_eq!(custom.exercise.name, "Zercher lunge");
        assert_eq!(custom.exercise.key, "custom:zercher lunge");
        assert_eq!(custom.limb_or_arm(), Limb::Arm);
    }

    #[test]
    fn unsafe_names_are_refused() {
        assert!(resolve("@everyone squat").is_err());
        assert!(resolve("").is_err());
        assert!(resolve(&"x".repeat(51)).is_err());
    }
}
