//! Parses what a person types at the console into a command or a console action.
//!
//! Options are written as in Discord: `/1rm set exercise:leg press weight:100`. A value runs
//! until the next `name:` word, so multi-word values need no quotes; quotes are accepted too.

use super::request_parse::RawCommand;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Empty,
    Help,
    Quit,
    Command(RawCommand),
    /// Press button N (1-based) of the last reply.
    Press(usize),
    /// Choose a value in the last reply's menu.
    Choose(String),
    /// Wait N seconds, printing background notifications.
    Wait(u64),
    Invalid(String),
}

pub fn parse_line(line: &str) -> Line {
    let line = line.trim();
    if line.is_empty() {
        return Line::Empty;
    }
    match line.to_ascii_lowercase().as_str() {
        "/help" | "help" | "?" => return Line::Help,
        "/quit" | "quit" | "/exit" | "exit" => return Line::Quit,
        _ => {}
    }
    if let Some(rest) = strip_word(line, "press") {
        return match rest.trim().parse::<usize>() {
            Ok(n) if n > 0 => Line::Press(n),
            _ => Line::Invalid("Type `press` and a button number, e.g. `press 1`.".into()),
        };
    }
    if let Some(rest) = strip_word(line, "wait") {
        return match rest.trim().parse::<u64>() {
            Ok(seconds) if (1..=900).contains(&seconds) => Line::Wait(seconds),
            _ => Line::Invalid("Type `wait` and seconds from 1 to 900, e.g. `wait 30`.".into()),
        };
    }
    if let Some(rest) = strip_word(line, "choose") {
        let value = unquote(rest.trim());
        return if value.is_empty() {
            Line::Invalid("Type `choose` and a value from the menu, e.g. `choose safety`.".into())
        } else {
            Line::Choose(value.to_owned())
        };
    }
    match line.strip_prefix('/') {
        Some(command) => parse_command(command),
        None => Line::Invalid(
            "Commands start with `/`, e.g. `/learn topic:safety`. Type `/help` for the list."
                .into(),
        ),
    }
}

fn strip_word<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    let rest = line.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word) && (rest.is_empty() || rest.starts_with(' '))).then_some(rest)
}

fn parse_command(text: &str) -> Line {
    let words = split_words(text);
    let mut command = RawCommand::default();
    let mut current: Option<(String, Vec<String>)> = None;

    for word in words {
        match option_start(&word) {
            Some((name, value)) => {
                if let Some((name, parts)) = current.take() {
                    command.options.insert(name, parts.join(" "));
                }
                if command.options.contains_key(&name) {
                    return Line::Invalid(format!("The option `{name}` is given twice."));
                }
                current = Some((name, vec![value]));
            }
            None => match &mut current {
                Some((_, parts)) => parts.push(word),
                None => command.path.push(word.to_lowercase()),
            },
        }
    }
    if let Some((name, parts)) = current {
        command
            .options
            .insert(name, parts.join(" ").trim().to_owned());
    }
    if command.path.is_empty() {
        return Line::Invalid("Type a command name after `/`, e.g. `/learn`.".into());
    }
    Line::Command(command)
}

/// `name:value` where name is a plain option name; `https://…` and `12:30` are values.
fn option_start(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once(':')?;
    let is_name = !name.is_empty()
        && name.len() <= 32
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_name.then(|| (name.to_ascii_lowercase(), unquote(value).to_owned()))
}

/// Splits on spaces, keeping "quoted parts" together (quotes stay on the word).
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_quotes = false;
    for c in text.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                word.push(c);
            }
            c if c.is_whitespace() && !in_quotes => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(line: &str) -> RawCommand {
        match parse_line(line) {
            Line::Command(command) => command,
            other => panic!("expected a command, got {other:?}"),
        }
    }

    #[test]
    fn plain_command() {
        let parsed = command("/learn");
        assert_eq!(parsed.path, ["learn"]);
        assert!(parsed.options.is_empty());
    }

    #[test]
    fn options_and_subcommands() {
        let parsed = command("/1rm set exercise:leg press weight:100 unit:kg");
        assert_eq!(parsed.path, ["1rm", "set"]);
        assert_eq!(parsed.options["exercise"], "leg press");
        assert_eq!(parsed.options["weight"], "100");
        assert_eq!(parsed.options["unit"], "kg");
    }

    #[test]
    fn quoted_values_and_colons_inside_values() {
        let parsed = command(r#"/ask question:"is it safe: really?" public:true"#);
        assert_eq!(parsed.options["question"], "is it safe: really?");
        assert_eq!(parsed.options["public"], "true");
        let parsed = command("/rest start label:back at 12:30");
        assert_eq!(parsed.options["label"], "back at 12:30");
    }

    #[test]
    fn option_names_are_case_insensitive() {
        assert_eq!(command("/learn TOPIC:safety").options["topic"], "safety");
    }

    #[test]
    fn console_actions() {
        assert_eq!(parse_line("  "), Line::Empty);
        assert_eq!(parse_line("/help"), Line::Help);
        assert_eq!(parse_line("quit"), Line::Quit);
        assert_eq!(parse_line("press 2"), Line::Press(2));
        assert_eq!(parse_line("choose how-to"), Line::Choose("how-to".into()));
        assert_eq!(parse_line("wait 6"), Line::Wait(6));
        assert!(matches!(parse_line("wait forever"), Line::Invalid(_)));
        assert!(matches!(parse_line("press zero"), Line::Invalid(_)));
        assert!(matches!(parse_line("press 0"), Line::Invalid(_)));
        assert!(matches!(parse_line("learn"), Line::Invalid(_)));
        assert!(matches!(parse_line("/"), Line::Invalid(_)));
        assert!(matches!(
            parse_line("/learn topic:a topic:b"),
            Line::Invalid(_)
        ));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for line in [
            "\"",
            "/\"",
            "/x \"unterminated",
            "/x a:",
            "/x :b",
            "pressé",
            "chooseß",
            "/🦀 🦀:🦀",
            "press 99999999999999999999999",
            "/x\u{0}y:z",
        ] {
            let _ = parse_line(line);
        }
    }
}

#[cfg(test)]
mod generated_input {
    use super::*;

    /// A small deterministic generator: the same inputs on every run, no extra crates.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() as usize) % items.len()]
        }
    }

    const PIECES: &[&str] = &[
        "/",
        "/learn",
        "/1rm",
        "set",
        "estimate",
        "/session",
        "/rest",
        "start",
        "/ask",
        "/settings",
        "exercise:",
        "weight:",
        "reps:",
        "unit:",
        "percent:",
        "protocol:",
        "seconds:",
        "for:",
        "question:",
        "public:",
        "timezone:",
        "increment:",
        "\"",
        ":",
        " ",
        "  ",
        "NaN",
        "inf",
        "-1",
        "0",
        "1e308",
        "99999999999999999999",
        "1,5",
        "kg",
        "lb",
        "<@123>",
        "@everyone",
        "🦀",
        "é",
        "\u{0}",
        "\u{200b}",
        "\t",
        "press",
        "choose",
        "wait",
        "leg press",
        "x",
    ];

    #[test]
    fn random_lines_never_panic_and_parse_to_requests_or_refusals() {
        let mut rng = Lcg(42);
        for _ in 0..20_000 {
            let parts = 1 + rng.next() % 8;
            let line: String = (0..parts).map(|_| rng.pick(PIECES)).collect();
            if let Line::Command(raw) = parse_line(&line) {
                match crate::console::request_parse::request_from_raw(&raw) {
                    Ok(_) => {}
                    Err(refusal) => assert!(!refusal.message().is_empty(), "{line:?}"),
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "parse_props.rs"]
mod props;
