//! Property tests: whatever a person types, the console parser answers without a panic, and
//! what it accepts is well formed.

use proptest::prelude::*;

use super::*;
use crate::console::request_parse::request_from_raw;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Text that has broken parsers and chat bots before.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\t",
    "\n",
    ":",
    "\"",
    "/",
    "0",
    "-0",
    "-1",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "1e308",
    "1e309",
    "-1e309",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "0.0000000000000000000001",
    "1,5",
    "1.5.5",
    "@everyone",
    "@here",
    "<@0>",
    "<@!0>",
    "<@&0>",
    "<#0>",
    "<@18446744073709551615>",
    "**bold**",
    "`code`",
    "```",
    "||spoiler||",
    "[link](https://example.com)",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "é",
    "ß",
    "🦀",
    "👩‍👩‍👧",
    "漢字",
    "press",
    "choose",
    "wait",
    "/learn",
    "/1rm set",
    "/1rm estimate",
    "/rest start",
    "/session",
    "/settings",
    "/ask",
    "/config ask-channel",
    "weight:",
    "reps:",
    "seconds:",
    "percent:",
    "increment:",
    "for:",
    "channel:",
    "exercise:",
    "question:",
    "public:",
];

/// A piece of a line: tricky text, a random string, or a long run of one character.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TRICKY).prop_map(str::to_owned),
        2 => any::<String>(),
        1 => (any::<char>(), 1000usize..6001).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..8).prop_map(|pieces| pieces.join(" "))
}

fn is_option_name(name: &str) -> bool {
    name.len() <= 32
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_line_parses_to_something_well_formed(line in line()) {
        match parse_line(&line) {
            Line::Empty => prop_assert!(line.trim().is_empty()),
            Line::Help | Line::Quit => {}
            Line::Press(n) => prop_assert!(n >= 1),
            Line::Wait(seconds) => prop_assert!((1..=900).contains(&seconds)),
            Line::Choose(value) => prop_assert!(!value.is_empty()),
            Line::Invalid(why) => prop_assert!(!why.is_empty()),
            Line::Command(raw) => {
                prop_assert!(!raw.path.is_empty());
                for name in raw.options.keys() {
                    prop_assert!(is_option_name(name), "option name {name:?}");
                }
            }
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(line in any::<String>()) {
        let _ = parse_line(&line);
        let _ = parse_line(&format!("/{line}"));
    }

    #[test]
    fn parsed_commands_become_requests_or_clear_refusals(line in line()) {
        if let Line::Command(raw) = parse_line(&format!("/{line}")) {
            if let Err(refusal) = request_from_raw(&raw) {
                prop_assert!(!refusal.message().is_empty());
            }
        }
    }

    /// Values without quotes or `name:` words come back as typed, words joined by one space.
    #[test]
    fn option_values_survive_the_round_trip(
        words in prop::collection::vec("[^\\s:\"]{1,12}", 1..6),
    ) {
        let typed = words.join(" ");
        let parsed = parse_line(&format!("/rest start label:{typed}"));
        match parsed {
            Line::Command(raw) => {
                prop_assert_eq!(raw.path, vec!["rest".to_owned(), "start".to_owned()]);
                prop_assert_eq!(&raw.options["label"], &typed);
            }
            other => prop_assert!(false, "expected a command, got {other:?}"),
        }
    }
}
