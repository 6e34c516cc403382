//! The console's text commands: `/name sub option:value …` parsed into the same typed
//! [`Request`] the Discord adapter builds, with the console's help text.

use std::collections::BTreeMap;

use crate::app::request::{
    Authority, ChallengeCommand, CreateChallenge, EstimateInput, SessionRequest, SettingsChange,
    StartRest,
};
use crate::app::Request;
use crate::domain::challenge::{
    ChallengeMetric, Visibility, MAX_CHALLENGE_DAYS, MIN_CHALLENGE_DAYS,
};
use crate::domain::ids::{ChannelId, RoleId, UserId};
use crate::domain::learn::LearnTopic;
use crate::domain::snowflake;
use crate::domain::strength::{ProtocolKind, Unit};
use crate::error::UserError;
use crate::timers::{MAX_REST_SECONDS, MIN_REST_SECONDS};

/// A command as the console user typed it: `/name sub option:value …`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCommand {
    /// The command and any subcommand, e.g. `["1rm", "set"]`.
    pub path: Vec<String>,
    pub options: BTreeMap<String, String>,
}

/// One line of help per command, for the console's `/help`.
const COMMAND_HELP: &[(&str, &str)] = &[
    (
        "/learn [topic:overview|benefits|how-it-works|how-to|pressure|safety|evidence]",
        "Learn about blood-flow-restriction (occlusion) training",
    ),
    (
        "/1rm set exercise:NAME weight:N [unit:kg|lb] [public:true]",
        "Store a one-rep max",
    ),
    (
        "/1rm estimate exercise:NAME weight:N reps:N [unit:kg|lb] [save:true] [public:true]",
        "Estimate a one-rep max from a set (Epley, with Brzycki beside it)",
    ),
    ("/1rm list [public:true]", "Your stored one-rep maxes"),
    (
        "/1rm history exercise:NAME [public:true]",
        "How a one-rep max changed (a chart in Discord)",
    ),
    (
        "/1rm delete exercise:NAME",
        "Delete a one-rep max and its history",
    ),
    (
        "/settings [units:kg|lb] [increment:N] [timezone:Area/City]",
        "Show or change your units, smallest load step and time zone",
    ),
    (
        "/session exercise:NAME [protocol:standard|article] [percent:N] [public:true]",
        "A BFR workout built from your 1RM",
    ),
    (
        "/screening",
        "The safety checklist before BFR (only the result is stored)",
    ),
    (
        "/rest start [seconds:{rest_seconds}] [label:TEXT] [for:@someone or @role]",
        "A rest countdown; you are pinged when it ends",
    ),
    ("/rest cancel", "Cancel your running rest here"),
    (
        "/rest remove user:@someone",
        "Take someone out of your running rest here (and your group)",
    ),
    ("/rest list", "The rests running here"),
    (
        "/ask question:TEXT [public:true]",
        "Ask about BFR; heart and health questions are sent to a doctor",
    ),
    (
        "/config ask-channel [channel:ID]",
        "Servers only, Manage Server: messages in this channel are checked for health questions",
    ),
    (
        "/config coach-role [role:ID]",
        "Manage Server: members with this role may create, end and moderate challenges",
    ),
    (
        "/challenge create name:TEXT metric:sessions|reps|volume|streak|improvement|team-goal \
         days:{challenge_days} [start:YYYY-MM-DD] [target:N] [exercise:NAME] [channel:ID]",
        "Start a group challenge (Manage Server or the coach role)",
    ),
    (
        "/challenge join name:TEXT [visibility:public|anonymous] [ranked:false]",
        "Join a challenge (ranked:false for its creator only)",
    ),
    ("/challenge leave name:TEXT", "Leave a challenge"),
    (
        "/challenge log name:TEXT amount:N (volume: amount:30x75)",
        "Log training done away from the bot",
    ),
    (
        "/challenge leaderboard name:TEXT [public:true]",
        "The leaderboard, with your own place",
    ),
    ("/challenge list", "Running and recently ended challenges"),
    ("/data export", "Everything stored about you, as JSON"),
    (
        "/data delete",
        "Delete everything stored about you (asks to confirm)",
    ),
    (
        "/challenge session name:TEXT exercise:NAME",
        "A group workout for a challenge you're in: one rest for everyone, all credited",
    ),
    (
        "/challenge end name:TEXT",
        "End a challenge now and post the results",
    ),
    (
        "/challenge void name:TEXT entry:N",
        "Moderators: void an entry so it no longer counts",
    ),
    (
        "/challenge audit name:TEXT [member:@someone]",
        "Moderators: manual logs and voids, and a member's entries",
    ),
];

/// One line of help per command, with bounds written from the core's constants.
pub fn command_help() -> Vec<(String, &'static str)> {
    let rest_seconds = format!("{MIN_REST_SECONDS}-{MAX_REST_SECONDS}");
    let challenge_days = format!("{MIN_CHALLENGE_DAYS}-{MAX_CHALLENGE_DAYS}");
    COMMAND_HELP
        .iter()
        .map(|(usage, what)| {
            let usage = usage
                .replace("{rest_seconds}", &rest_seconds)
                .replace("{challenge_days}", &challenge_days);
            (usage, *what)
        })
        .collect()
}

pub fn request_from_raw(raw: &RawCommand) -> Result<Request, UserError> {
    let path: Vec<&str> = raw.path.iter().map(String::as_str).collect();
    let mut options = Options::new(raw);
    let request = match path.as_slice() {
        ["learn"] => Request::Learn {
            topic: options.optional("topic", parse_topic)?,
        },
        ["1rm", "set"] => Request::OneRepMaxSet {
            exercise: options.required("exercise", parse_text)?,
            weight: options.required("weight", parse_number)?,
            unit: options.optional("unit", parse_unit)?,
            public: options.flag("public")?,
        },
        ["1rm", "estimate"] => Request::OneRepMaxEstimate(EstimateInput {
            exercise: options.required("exercise", parse_text)?,
            weight: options.required("weight", parse_number)?,
            reps: options.required("reps", parse_integer)?,
            unit: options.optional("unit", parse_unit)?,
            save: options.flag("save")?,
            public: options.flag("public")?,
        }),
        ["1rm", "list"] => Request::OneRepMaxList {
            public: options.flag("public")?,
        },
        ["1rm", "history"] => Request::OneRepMaxHistory {
            exercise: options.required("exercise", parse_text)?,
            public: options.flag("public")?,
        },
        ["1rm", "delete"] => Request::OneRepMaxDelete {
            exercise: options.required("exercise", parse_text)?,
        },
        ["1rm"] | ["1rm", _] => {
            return Err(UserError::new(
                "Use `/1rm set`, `/1rm estimate`, `/1rm list`, `/1rm history` or \
                 `/1rm delete`. Type `/help` for their options.",
            ))
        }
        ["settings"] => Request::Settings(SettingsChange {
            units: options.optional("units", parse_unit)?,
            increment: options.optional("increment", parse_number)?,
            timezone: options.optional("timezone", parse_text)?,
        }),
        ["screening"] => Request::Screening,
        ["rest", "start"] => Request::RestStart(StartRest {
            seconds: options.optional("seconds", parse_integer)?,
            label: options.optional("label", parse_text)?,
            with: options.optional("for", parse_text)?,
            mentionable_roles: Vec::new(),
            interaction_token: None,
        }),
        ["rest", "cancel"] => Request::RestCancel,
        ["rest", "list"] => Request::RestList,
        ["rest", "remove"] => Request::RestRemove {
            user_id: options.required("user", parse_user)?,
        },
        ["ask"] => Request::Ask {
            question: options.required("question", parse_text)?,
            public: options.flag("public")?,
        },
        ["config", "ask-channel"] => Request::ConfigAskChannel {
            channel_id: options.optional("channel", parse_channel)?,
        },
        ["config", "coach-role"] => challenge(ChallengeCommand::CoachRole {
            role_id: options.optional("role", parse_role)?,
            authority: Authority::admin(),
        }),
        ["challenge", "create"] => challenge(ChallengeCommand::Create(CreateChallenge {
            name: options.required("name", parse_text)?,
            metric: options.required("metric", parse_metric)?,
            days: options.required("days", parse_integer)?,
            channel_id: options.optional("channel", parse_channel)?,
            start: options.optional("start", parse_text)?,
            target: options.optional("target", parse_integer)?,
            exercise: options.optional("exercise", parse_text)?,
            authority: Authority::admin(),
        })),
        ["challenge", "join"] => challenge(ChallengeCommand::Join {
            name: options.required("name", parse_text)?,
            visibility: options.optional("visibility", parse_visibility)?,
            ranked: options.optional("ranked", parse_bool)?,
            display_name: None,
        }),
        ["challenge", "leave"] => challenge(ChallengeCommand::Leave {
            name: options.required("name", parse_text)?,
        }),
        ["challenge", "log"] => challenge(ChallengeCommand::Log {
            name: options.required("name", parse_text)?,
            amount: options.required("amount", parse_text)?,
        }),
        ["challenge", "leaderboard"] => challenge(ChallengeCommand::Leaderboard {
            name: options.required("name", parse_text)?,
            public: options.flag("public")?,
        }),
        ["challenge", "list"] => challenge(ChallengeCommand::List),
        ["challenge", "session"] => challenge(ChallengeCommand::Session {
            name: options.required("name", parse_text)?,
            exercise: options.required("exercise", parse_text)?,
        }),
        ["challenge", "end"] => challenge(ChallengeCommand::End {
            name: options.required("name", parse_text)?,
            authority: Authority::admin(),
        }),
        ["challenge", "void"] => challenge(ChallengeCommand::Void {
            name: options.required("name", parse_text)?,
            entry_id: options.required("entry", parse_integer)?,
            authority: Authority::admin(),
        }),
        ["challenge", "audit"] => challenge(ChallengeCommand::Audit {
            name: options.required("name", parse_text)?,
            member: options.optional("member", parse_user)?,
            authority: Authority::admin(),
        }),
        ["challenge"] | ["challenge", _] => {
            return Err(UserError::new(
                "Use `/challenge create`, `join`, `leave`, `log`, `leaderboard`, `list`, \
                 `session`, `end`, `void` or `audit`. Type `/help` for their options.",
            ))
        }
        ["data", "export"] => Request::DataExport,
        ["data", "delete"] => Request::DataDelete,
        ["data"] | ["data", _] => {
            return Err(UserError::new(
                "Use `/data export` or `/data delete`. Type `/help` for more.",
            ))
        }
        ["session"] => Request::Session(SessionRequest {
            exercise: options.required("exercise", parse_text)?,
            protocol: options.optional("protocol", parse_protocol)?,
            percent: options.optional("percent", parse_number)?,
            public: options.flag("public")?,
        }),
        [] => return Err(UserError::new("Type a command, e.g. `/learn`.")),
        _ => {
            return Err(UserError::new(format!(
                "I don't know `/{}`. Type `/help` to see the commands.",
                echo(&path.join(" "))
            )))
        }
    };
    options.finish()?;
    Ok(request)
}

fn parse_topic(raw: &str) -> Result<LearnTopic, String> {
    LearnTopic::from_slug(raw).ok_or_else(|| {
        let topics: Vec<&str> = LearnTopic::ALL.iter().map(|t| t.slug()).collect();
        format!("pick one of: {}", topics.join(", "))
    })
}

fn parse_text(raw: &str) -> Result<String, String> {
    Ok(raw.to_owned())
}

fn parse_number(raw: &str) -> Result<f64, String> {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| "type a number, e.g. 100 or 102.5".to_owned())
}

fn parse_integer(raw: &str) -> Result<i64, String> {
    raw.trim()
        .parse::<i64>()
        .map_err(|_| "type a whole number, e.g. 8".to_owned())
}

fn parse_unit(raw: &str) -> Result<Unit, String> {
    Unit::parse(raw).map_err(|_| "type kg or lb".to_owned())
}

fn parse_protocol(raw: &str) -> Result<ProtocolKind, String> {
    ProtocolKind::parse(raw).map_err(|_| "type standard or article".to_owned())
}

/// A channel mention (`<#123>`) or a bare channel ID.
fn parse_channel(raw: &str) -> Result<ChannelId, String> {
    let trimmed = raw.trim();
    let id = trimmed
        .strip_prefix("<#")
        .and_then(|rest| rest.strip_suffix('>'))
        .unwrap_or(trimmed);
    snowflake::parse(id)
        .and_then(ChannelId::new)
        .ok_or_else(|| "type a channel mention like <#123456789> or its ID".to_owned())
}

/// A user mention (`<@123>`, `<@!123>`) or a bare user ID.
fn parse_user(raw: &str) -> Result<UserId, String> {
    let trimmed = raw.trim();
    let id = trimmed
        .strip_prefix("<@")
        .and_then(|rest| rest.strip_suffix('>'))
        .map(|inside| inside.strip_prefix('!').unwrap_or(inside))
        .unwrap_or(trimmed);
    snowflake::parse(id)
        .and_then(UserId::new)
        .ok_or_else(|| "type a user mention like <@123456789> or its ID".to_owned())
}

fn challenge(command: ChallengeCommand) -> Request {
    Request::Challenge(Box::new(command))
}

fn parse_metric(raw: &str) -> Result<ChallengeMetric, String> {
    ChallengeMetric::parse(raw).ok_or_else(|| {
        "type one of sessions, reps, volume, streak, improvement, team-goal".to_owned()
    })
}

fn parse_visibility(raw: &str) -> Result<Visibility, String> {
    Visibility::parse(raw).ok_or_else(|| "type public or anonymous".to_owned())
}

fn parse_role(raw: &str) -> Result<RoleId, String> {
    let trimmed = raw.trim();
    let id = trimmed
        .strip_prefix("<@&")
        .and_then(|rest| rest.strip_suffix('>'))
        .unwrap_or(trimmed);
    snowflake::parse(id)
        .and_then(RoleId::new)
        .ok_or_else(|| "type a role mention like <@&123456789> or its ID".to_owned())
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "on" => Ok(true),
        "false" | "no" | "n" | "0" | "off" => Ok(false),
        _ => Err("type true or false".to_owned()),
    }
}

/// What the user typed, quoted back in a refusal: short enough that the refusal stays
/// readable (and within one chat message), and without backticks that would end the code span.
fn echo(typed: &str) -> String {
    const SHOWN_CHARS: usize = 40;
    let mut shown: String = typed
        .chars()
        .take(SHOWN_CHARS)
        .map(|c| if c == '`' { '\'' } else { c })
        .collect();
    if typed.chars().nth(SHOWN_CHARS).is_some() {
        shown.push('…');
    }
    shown
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
            Some(raw) => parse(raw).map(Some).map_err(|why| {
                UserError::new(format!("`{name}:{}` is not valid: {why}.", echo(raw)))
            }),
        }
    }

    fn required<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, UserError> {
        self.optional(name, parse)?.ok_or_else(|| {
            UserError::new(format!(
                "The option `{name}:` is required. Type `/help` to see the options."
            ))
        })
    }

    fn flag(&mut self, name: &str) -> Result<bool, UserError> {
        Ok(self.optional(name, parse_bool)?.unwrap_or(false))
    }

    fn finish(self) -> Result<(), UserError> {
        match self.remaining.keys().next() {
            None => Ok(()),
            Some(name) => Err(UserError::new(format!(
                "This command has no option `{}`. Type `/help` to see the options.",
                echo(name)
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
            request_from_raw(&raw(&["learn"], &[])),
            Ok(Request::Learn { topic: None })
        );
        assert_eq!(
            request_from_raw(&raw(&["learn"], &[("topic", "safety")])),
            Ok(Request::Learn {
                topic: Some(LearnTopic::Safety)
            })
        );
    }

    #[test]
    fn one_rep_max_commands() {
        assert_eq!(
            request_from_raw(&raw(
                &["1rm", "estimate"],
                &[
                    ("exercise", "leg press"),
                    ("weight", "102,5"),
                    ("reps", "8"),
                    ("save", "yes")
                ]
            )),
            Ok(Request::OneRepMaxEstimate(EstimateInput {
                exercise: "leg press".into(),
                weight: 102.5,
                reps: 8,
                unit: None,
                save: true,
                public: false
            }))
        );
        let missing = request_from_raw(&raw(&["1rm", "set"], &[("exercise", "squat")]));
        assert!(missing.unwrap_err().message().contains("weight"));
        let bad_unit = request_from_raw(&raw(
            &["1rm", "set"],
            &[("exercise", "squat"), ("weight", "100"), ("unit", "stone")],
        ));
        assert!(bad_unit.unwrap_err().message().contains("kg or lb"));
        assert!(request_from_raw(&raw(&["1rm"], &[])).is_err());
        assert!(request_from_raw(&raw(
            &["1rm", "set"],
            &[("exercise", "squat"), ("weight", "NaN")]
        ))
        .is_err());
    }

    #[test]
    fn session_and_settings() {
        assert_eq!(
            request_from_raw(&raw(
                &["session"],
                &[
                    ("exercise", "curl"),
                    ("protocol", "article"),
                    ("percent", "40")
                ]
            )),
            Ok(Request::Session(SessionRequest {
                exercise: "curl".into(),
                protocol: Some(ProtocolKind::Article),
                percent: Some(40.0),
                public: false
            }))
        );
        assert_eq!(
            request_from_raw(&raw(&["settings"], &[("units", "lb")])),
            Ok(Request::Settings(SettingsChange {
                units: Some(Unit::Lb),
                increment: None,
                timezone: None
            }))
        );
    }

    #[test]
    fn a_group_session_names_the_challenge_and_the_exercise() {
        assert_eq!(
            request_from_raw(&raw(
                &["challenge", "session"],
                &[("name", "December BFR"), ("exercise", "leg press")]
            )),
            Ok(challenge(ChallengeCommand::Session {
                name: "December BFR".into(),
                exercise: "leg press".into()
            }))
        );
        let missing =
            request_from_raw(&raw(&["challenge", "session"], &[("name", "December BFR")]))
                .unwrap_err();
        assert!(missing.message().contains("exercise"), "{missing}");
        assert!(command_help()
            .iter()
            .any(|(usage, _)| usage.starts_with("/challenge session name:")));
    }

    #[test]
    fn refusals_say_what_to_type() {
        let bad_topic = request_from_raw(&raw(&["learn"], &[("topic", "magic")])).unwrap_err();
        assert!(bad_topic.message().contains("overview"), "{bad_topic}");
        let typo = request_from_raw(&raw(&["learn"], &[("topci", "safety")])).unwrap_err();
        assert!(typo.message().contains("topci"), "{typo}");
        let unknown = request_from_raw(&raw(&["dance"], &[])).unwrap_err();
        assert!(unknown.message().contains("/help"), "{unknown}");
    }
}

#[cfg(test)]
#[path = "request_props.rs"]
mod props;
