//! Typed commands, and the parser that turns `name:value` options into them.
//!
//! Discord delivers options already typed; the console delivers text. Both end up as a
//! [`Request`], so a command's validation rules live in one place.

use std::collections::BTreeMap;

use crate::domain::learn::LearnTopic;
use crate::error::UserError;

#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Learn { topic: Option<LearnTopic> },
}

/// A command as the console user typed it: `/name sub option:value …`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCommand {
    /// The command and any subcommand, e.g. `["1rm", "set"]`.
    pub path: Vec<String>,
    pub options: BTreeMap<String, String>,
}

/// One line of help per command, for the console's `/help`.
pub const COMMAND_HELP: &[(&str, &str)] = &[(
    "/learn [topic:overview|benefits|how-it-works|how-to|pressure|safety|evidence]",
    "Learn about blood-flow-restriction (occlusion) training",
)];

impl Request {
    pub fn from_raw(raw: &RawCommand) -> Result<Self, UserError> {
        let path: Vec<&str> = raw.path.iter().map(String::as_str).collect();
        let mut options = Options::new(raw);
        let request = match path.as_slice() {
            ["learn"] => Request::Learn {
                topic: options.optional("topic", parse_topic)?,
            },
            [] => return Err(UserError::new("Type a command, e.g. `/learn`.")),
            _ => {
                return Err(UserError::new(format!(
                    "I don't know `/{}`. Type `/help` to see the commands.",
                    path.join(" ")
                )))
            }
        };
        options.finish()?;
        Ok(request)
    }
}

fn parse_topic(raw: &str) -> Result<LearnTopic, String> {
    LearnTopic::from_slug(raw).ok_or_else(|| {
        let topics: Vec<&str> = LearnTopic::ALL.iter().map(|t| t.slug()).collect();
        format!("pick one of: {}", topics.join(", "))
    })
}

/// Takes options one by one so that leftovers (typos) can be reported at the end.
struct Options<'a> {
    remaining: BTreeMap<&'a str, &'a str>,
}

impl<'a> Options<'a> {
    fn new(raw: &'a RawCommand) -> Self {
        Self {
            remaining: raw
                .options
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str()))
                .collect(),
        }
    }

    fn optional<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, UserError> {
        match self.remaining.remove(name) {
            None => Ok(None),
            Some(raw) => parse(raw)
                .map(Some)
                .map_err(|why| UserError::new(format!("`{name}:{raw}` is not valid: {why}."))),
        }
    }

    fn finish(self) -> Result<(), UserError> {
        match self.remaining.keys().next() {
            None => Ok(()),
            Some(name) => Err(UserError::new(format!(
                "This command has no option `{name}`. Type `/help` to see the options."
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(path: &[&str], options: &[(&str, &str)]) -> RawCommand {
        RawCommand {
            path: path.iter().map(|s| s.to_string()).collect(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn learn_with_and_without_topic() {
        assert_eq!(
            Request::from_raw(&raw(&["learn"], &[])),
            Ok(Request::Learn { topic: None })
        );
        assert_eq!(
            Request::from_raw(&raw(&["learn"], &[("topic", "safety")])),
            Ok(Request::Learn {
                topic: Some(LearnTopic::Safety)
            })
        );
    }

    #[test]
    fn refusals_say_what_to_type() {
        let bad_topic = Request::from_raw(&raw(&["learn"], &[("topic", "magic")])).unwrap_err();
        assert!(bad_topic.message().contains("overview"), "{bad_topic}");
        let typo = Request::from_raw(&raw(&["learn"], &[("topci", "safety")])).unwrap_err();
        assert!(typo.message().contains("topci"), "{typo}");
        let unknown = Request::from_raw(&raw(&["dance"], &[])).unwrap_err();
        assert!(unknown.message().contains("/help"), "{unknown}");
    }
}
