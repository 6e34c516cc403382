//! Challenge names: the same rules as users' exercise names (they are echoed in channel
//! posts just the same), with messages that speak of challenges. Uniqueness among a guild's
//! active challenges needs the database and is checked by the store.

use std::error::Error;
use std::fmt;

use crate::domain::strength::{sanitize_custom_name, ExerciseNameError, MAX_CUSTOM_NAME_CHARS};
use crate::domain::strength::{CharacterRefusal, ALLOWED_NAME_CHARACTERS as ALLOWED};

/// Longest accepted challenge name, in characters.
pub const MAX_CHALLENGE_NAME_CHARS: usize = MAX_CUSTOM_NAME_CHARS;

/// Why a challenge name was refused; the message says what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeNameError(pub ExerciseNameError);

impl fmt::Display for ChallengeNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ExerciseNameError::Empty => f.write_str(
                "The challenge name is empty. Type a name, e.g. `December BFR challenge`.",
            ),
            ExerciseNameError::TooLong { chars } => write!(
                f,
                "That name is {chars} characters long; the limit is \
                 {MAX_CHALLENGE_NAME_CHARS}. Type a shorter name, e.g. `December sessions`."
            ),
            ExerciseNameError::Link => write!(
                f,
                "Challenge names can't contain links. Type just a name. {ALLOWED}."
            ),
            ExerciseNameError::Mention => CharacterRefusal::Mention.write(f, "Challenge"),
            ExerciseNameError::Markdown { .. } => CharacterRefusal::Markdown.write(f, "Challenge"),
            ExerciseNameError::ControlCharacter => {
                CharacterRefusal::ControlCharacter.write(f, "Challenge")
            }
        }
    }
}

impl Error for ChallengeNameError {}

/// Cleans a challenge name: trimmed, inner whitespace collapsed, 1-50 characters, and no
/// mentions, links, formatting symbols or invisible characters.
pub fn sanitize_challenge_name(raw: &str) -> Result<String, ChallengeNameError> {
    sanitize_custom_name(raw).map_err(ChallengeNameError)
}

/// The form two names are compared in for uniqueness, so that "December Reps" and
/// "december  reps" cannot both be active and be confused with each other.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_exercise_name_rules() {
        assert_eq!(
            sanitize_challenge_name("  December   BFR \n"),
            Ok("December BFR".into())
        );
        assert_eq!(
            sanitize_challenge_name("a".repeat(50).as_str()).map(|n| n.len()),
            Ok(50)
        );
        let cases = [
            ("", ExerciseNameError::Empty),
            ("@everyone wins", ExerciseNameError::Mention),
            ("join discord.gg/x", ExerciseNameError::Link),
            ("**best**", ExerciseNameError::Markdown { found: '*' }),
            ("a\u{200B}b", ExerciseNameError::ControlCharacter),
        ];
        for (raw, error) in cases {
            assert_eq!(
                sanitize_challenge_name(raw),
                Err(ChallengeNameError(error)),
                "{raw:?}"
            );
        }
        assert_eq!(
            sanitize_challenge_name(&"b".repeat(51)),
            Err(ChallengeNameError(ExerciseNameError::TooLong { chars: 51 }))
        );
    }

    #[test]
    fn messages_speak_of_challenges() {
        let errors = [
            ExerciseNameError::Empty,
            ExerciseNameError::TooLong { chars: 60 },
            ExerciseNameError::Mention,
            ExerciseNameError::Link,
            ExerciseNameError::Markdown { found: '`' },
            ExerciseNameError::ControlCharacter,
        ];
        for error in errors {
            let text = ChallengeNameError(error).to_string();
            assert!(text.to_lowercase().contains("name"), "{text}");
            assert!(!text.contains("Exercise"), "{text}");
            assert_eq!(text.matches('`').count() % 2, 0, "{text}");
        }
    }

    #[test]
    fn names_compare_without_case_or_spacing() {
        assert_eq!(name_key("December  Reps"), name_key("december reps"));
        assert_ne!(name_key("December Reps"), name_key("December Sets"));
    }
}
