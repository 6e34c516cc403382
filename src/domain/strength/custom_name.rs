//! Cleaning the names users give their own exercises.
//!
//! These names are echoed back in messages, so anything that could ping people, render as
//! formatting or hide text is refused rather than silently altered: the user then sees
//! exactly the name that will be stored.

use std::error::Error;
use std::fmt;

use crate::domain::user_text::{contains_link, is_invisible};

/// Longest accepted name, in characters (not bytes).
pub const MAX_CUSTOM_NAME_CHARS: usize = 50;

/// Characters that start Discord markdown, quotes, headings, links, spoilers or escapes.
const MARKDOWN_CHARS: &[char] = &[
    '*', '_', '~', '|', '`', '>', '<', '#', '[', ']', '(', ')', '\\',
];

/// Why a custom exercise name was refused. Each message says what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseNameError {
    /// Nothing left after trimming.
    Empty,
    /// Longer than [`MAX_CUSTOM_NAME_CHARS`] characters.
    TooLong {
        /// Length in characters after trimming and collapsing spaces.
        chars: usize,
    },
    /// Contains `@` (mentions, `@everyone`, `@here`) or a channel mention.
    Mention,
    /// Contains a link.
    Link,
    /// Contains a formatting character.
    Markdown {
        /// The first offending character.
        found: char,
    },
    /// Contains a control or invisible character.
    ControlCharacter,
}

/// What every user-given name may contain, as the refusals say it.
pub(crate) const ALLOWED: &str =
    "Use letters, numbers, spaces and simple punctuation such as - ' . , / + & %";

/// The refusals worded alike for every kind of name (exercise, challenge). The other
/// refusals give examples of their own kind, so they are not here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharacterRefusal {
    Mention,
    Markdown,
    ControlCharacter,
}

impl CharacterRefusal {
    /// The refusal for a name of kind `noun` ("Exercise", "Challenge").
    pub(crate) fn write(self, f: &mut fmt::Formatter<'_>, noun: &str) -> fmt::Result {
        match self {
            Self::Mention => write!(
                f,
                "{noun} names can't contain @ or mentions, so they never ping anyone. Type the \
                 name without them. {ALLOWED}."
            ),
            Self::Markdown => write!(
                f,
                "{noun} names can't contain formatting symbols (asterisks, underscores, tildes, \
                 pipes, backticks, angle brackets, hashes, brackets, parentheses or \
                 backslashes). {ALLOWED}."
            ),
            Self::ControlCharacter => write!(
                f,
                "{noun} names can't contain invisible or control characters. Retype the name. \
                 {ALLOWED}."
            ),
        }
    }
}

impl fmt::Display for ExerciseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Offending characters are named in words, never echoed: a lone backtick or
        // asterisk in the reply could itself break formatting.
        match self {
            ExerciseNameError::Empty => {
                write!(
                    f,
                    "The exercise name is empty. Type a name, e.g. `cable kickback`."
                )
            }
            ExerciseNameError::TooLong { chars } => write!(
                f,
                "That name is {chars} characters long; the limit is {MAX_CUSTOM_NAME_CHARS}. \
                 Type a shorter name, e.g. `incline db curl`."
            ),
            ExerciseNameError::Link => write!(
                f,
                "Exercise names can't contain links. Type just the name of the exercise. \
                 {ALLOWED}."
            ),
            ExerciseNameError::Mention => CharacterRefusal::Mention.write(f, "Exercise"),
            ExerciseNameError::Markdown { .. } => CharacterRefusal::Markdown.write(f, "Exercise"),
            ExerciseNameError::ControlCharacter => {
                CharacterRefusal::ControlCharacter.write(f, "Exercise")
            }
        }
    }
}

impl Error for ExerciseNameError {}

/// Cleans a user's own exercise name: trims it, collapses runs of whitespace (including
/// newlines and tabs) to one space, and refuses it if it is empty, longer than
/// [`MAX_CUSTOM_NAME_CHARS`] characters, or contains mentions, links, formatting symbols
/// or control/invisible characters. Any script is accepted.
pub fn sanitize_custom_name(raw: &str) -> Result<String, ExerciseNameError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(ExerciseNameError::Empty);
    }
    if name.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(ExerciseNameError::ControlCharacter);
    }
    let chars = name.chars().count();
    if chars > MAX_CUSTOM_NAME_CHARS {
        return Err(ExerciseNameError::TooLong { chars });
    }
    // Any '@' is refused, not just @everyone/@here: a bare "@name" still reads as a ping.
    if name.contains('@') || name.contains("<#") {
        return Err(ExerciseNameError::Mention);
    }
    if contains_link(&name) {
        return Err(ExerciseNameError::Link);
    }
    if let Some(found) = name.chars().find(|c| MARKDOWN_CHARS.contains(c)) {
        return Err(ExerciseNameError::Markdown { found });
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_whitespace() {
        assert_eq!(
            sanitize_custom_name("  cable   kickback \n"),
            Ok("cable kickback".into())
        );
        assert_eq!(
            sanitize_custom_name("sissy\tsquat"),
            Ok("sissy squat".into())
        );
        assert_eq!(
            sanitize_custom_name("Zottman curl, 3/4 ROM + pause 50%"),
            Ok("Zottman curl, 3/4 ROM + pause 50%".into())
        );
        assert_eq!(sanitize_custom_name(""), Err(ExerciseNameError::Empty));
        assert_eq!(
            sanitize_custom_name(" \n\t "),
            Err(ExerciseNameError::Empty)
        );
    }

    #[test]
    fn refuses_mentions() {
        for name in [
            "@everyone",
            "@here squat",
            "curl <@123456>",
            "<@&42> press",
            "<@!7>",
            "x @ y",
        ] {
            assert_eq!(
                sanitize_custom_name(name),
                Err(ExerciseNameError::Mention),
                "{name}"
            );
        }
        assert_eq!(
            sanitize_custom_name("see <#123>"),
            Err(ExerciseNameError::Mention)
        );
    }

    #[test]
    fn refuses_markdown() {
        for name in [
            "**heavy**",
            "_curl_",
            "~~row~~",
            "||spoiler||",
            "`code`",
            "> quote",
            "# title",
            "[a](b)",
            "a\\b",
            "a<b",
        ] {
            assert!(
                matches!(
                    sanitize_custom_name(name),
                    Err(ExerciseNameError::Markdown { .. })
                ),
                "{name}"
            );
        }
        assert_eq!(
            sanitize_custom_name("row *"),
            Err(ExerciseNameError::Markdown { found: '*' })
        );
    }

    #[test]
    fn refuses_links() {
        for name in [
            "https://example.com",
            "see www.example.com",
            "discord.gg/abc",
            "HTTP://X",
        ] {
            assert_eq!(
                sanitize_custom_name(name),
                Err(ExerciseNameError::Link),
                "{name}"
            );
        }
    }

    #[test]
    fn refuses_control_and_invisible_characters() {
        for name in [
            "curl\u{0}",
            "row\u{7}",
            "a\u{200B}b",
            "\u{202E}lruc",
            "x\u{FEFF}",
        ] {
            assert_eq!(
                sanitize_custom_name(name),
                Err(ExerciseNameError::ControlCharacter),
                "{name:?}"
            );
        }
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let fifty = "é".repeat(50);
        assert_eq!(sanitize_custom_name(&fifty), Ok(fifty.clone()));
        let fifty_one = "a".repeat(51);
        assert_eq!(
            sanitize_custom_name(&fifty_one),
            Err(ExerciseNameError::TooLong { chars: 51 })
        );
        // Collapsed spaces do not count against the limit.
        let padded = format!("{}     {}", "a".repeat(24), "b".repeat(25));
        assert_eq!(
            sanitize_custom_name(&padded).map(|n| n.chars().count()),
            Ok(50)
        );
    }

    #[test]
    fn accepts_other_scripts_and_emoji() {
        for name in [
            "Kniebeuge mit Kurzhantel",
            "Жим лёжа",
            "スクワット",
            "Curl 💪",
            "Développé couché",
        ] {
            assert_eq!(sanitize_custom_name(name), Ok(name.to_owned()), "{name}");
        }
    }

    #[test]
    fn messages_say_what_is_allowed() {
        let errors = [
            ExerciseNameError::Empty,
            ExerciseNameError::TooLong { chars: 60 },
            ExerciseNameError::Mention,
            ExerciseNameError::Link,
            ExerciseNameError::Markdown { found: '`' },
            ExerciseNameError::ControlCharacter,
        ];
        for error in errors {
            let text = error.to_string();
            assert!(text.contains("Type") || text.contains("Use"), "{text}");
            assert_eq!(text.matches('`').count() % 2, 0, "{text}");
        }
    }
}
