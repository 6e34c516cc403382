//! Property tests: `Request::from_raw` and the option parsers accept only values they have
//! checked, and refuse everything else with a short message that says what to type.

use proptest::prelude::*;

use super::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Long enough to explain, short enough for one chat message whatever the user typed.
const REFUSAL_MAX_CHARS: usize = 400;

const TRICKY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "+0",
    "-1",
    "1",
    "8",
    "100",
    "102,5",
    "NaN",
    "-NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "1e309",
    "-1e309",
    "4.9e-324",
    "0x10",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "<#0>",
    "<#1>",
    "<#9223372036854775807>",
    "<#9223372036854775808>",
    "<#18446744073709551615>",
    "<@0>",
    "<@&0>",
    "@everyone",
    "@here",
    "**100**",
    "`100`",
    "1\u{200b}00",
    "\u{200b}",
    "\u{feff}100",
    "100\u{0}",
    "١٠٠",
    "１００",
    "kg",
    "lb",
    "KG",
    "standard",
    "article",
    "true",
    "yes",
    "off",
    "safety",
    "leg press",
    "Europe/Berlin",
];

const COMMANDS: &[&[&str]] = &[
    &["learn"],
    &["1rm"],
    &["1rm", "set"],
    &["1rm", "estimate"],
    &["1rm", "list"],
    &["1rm", "history"],
    &["1rm", "delete"],
    &["1rm", "dance"],
    &["settings"],
    &["screening"],
    &["rest", "start"],
    &["rest", "cancel"],
    &["rest", "list"],
    &["ask"],
    &["config", "ask-channel"],
    &["session"],
    &[],
];

const OPTION_NAMES: &[&str] = &[
    "topic",
    "exercise",
    "weight",
    "reps",
    "unit",
    "units",
    "save",
    "public",
    "increment",
    "timezone",
    "seconds",
    "label",
    "for",
    "question",
    "channel",
    "protocol",
    "percent",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TRICKY).prop_map(str::to_owned),
        2 => any::<String>(),
        1 => any::<f64>().prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| format!("<#{n}>")),
        1 => (any::<char>(), 1000usize..6001).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(OPTION_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => (any::<char>(), 1000usize..6001).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn path() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        6 => proptest::sample::select(COMMANDS)
            .prop_map(|path| path.iter().map(|s| (*s).to_owned()).collect()),
        1 => prop::collection::vec(any::<String>(), 0..3),
        1 => (any::<char>(), 1000usize..6001).prop_map(|(c, n)| vec![c.to_string().repeat(n)]),
    ]
}

fn raw_command() -> impl Strategy<Value = RawCommand> {
    (path(), prop::collection::btree_map(name(), value(), 0..6))
        .prop_map(|(path, options)| RawCommand { path, options })
}

fn finite(n: f64) -> bool {
    n.is_finite()
}

/// Every number a request carries is finite: the core's range checks rely on it.
fn numbers_are_finite(request: &Request) -> bool {
    match request {
        Request::OneRepMaxSet { weight, .. }
        | Request::OneRepMaxEstimate(EstimateInput { weight, .. }) => finite(*weight),
        Request::Settings(SettingsChange { increment, .. }) => increment.is_none_or(finite),
        Request::Session(SessionRequest { percent, .. }) => percent.is_none_or(finite),
        Request::ConfigAskChannel {
            channel_id: Some(id),
        } => (1..=i64::MAX as u64).contains(&id.get()),
        _ => true,
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn requests_are_valid_or_refused_briefly(raw in raw_command()) {
        match request_from_raw(&raw) {
            Ok(request) => prop_assert!(numbers_are_finite(&request), "{request:?}"),
            Err(refusal) => {
                let message = refusal.message();
                prop_assert!(!message.is_empty());
                prop_assert!(
                    message.chars().count() <= REFUSAL_MAX_CHARS,
                    "{} characters: {message:?}",
                    message.chars().count()
                );
            }
        }
    }

    #[test]
    fn numbers_are_finite_or_refused(raw in value()) {
        if let Ok(n) = parse_number(&raw) {
            prop_assert!(n.is_finite(), "{raw:?} gave {n}");
        }
    }

    #[test]
    fn every_finite_number_is_read_back(n in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
        prop_assert_eq!(parse_number(&n.to_string()), Ok(n));
    }

    #[test]
    fn integers_are_read_exactly(raw in value()) {
        if let Ok(n) = parse_integer(&raw) {
            prop_assert_eq!(raw.trim().parse::<i64>(), Ok(n));
        }
    }

    #[test]
    fn channel_ids_are_snowflakes(raw in value()) {
        if let Ok(id) = parse_channel(&raw) {
            prop_assert!((1..=i64::MAX as u64).contains(&id.get()), "{raw:?} gave {id}");
        }
    }

    #[test]
    fn every_option_parser_survives_any_text(raw in value()) {
        let _ = parse_topic(&raw);
        let _ = parse_text(&raw);
        let _ = parse_unit(&raw);
        let _ = parse_protocol(&raw);
        let _ = parse_bool(&raw);
    }
}
