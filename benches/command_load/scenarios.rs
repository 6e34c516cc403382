//! The commands under load: how the i-th interaction of each is built and what its answer
//! must look like.

use serde_json::{json, Value};

use crate::seed::Seeded;
use bfr_coach::error::APOLOGY;

use crate::support::{opt, reply_text, slash_command, FakeDiscord};

/// Users of the stateless commands (`/ping`, `/learn`, `/ask`): one per interaction.
const PLAIN_USER_BASE: u64 = 1_410_000_000_000_000_000;
/// Users of `/1rm set`: one per interaction.
const ONE_RM_USER_BASE: u64 = 1_420_000_000_000_000_000;
/// Users and channels of `/rest start`: one of each per interaction, so neither the per-user
/// limit of running rests nor the public post allowance refuses any.
const REST_USER_BASE: u64 = 1_430_000_000_000_000_000;
const REST_CHANNEL_BASE: u64 = 1_330_000_000_000_000_000;
/// Rests last the longest allowed, so that none ends while the bench runs.
const REST_SECONDS: u64 = 600;

/// Questions `/ask` cycles through (each finds an FAQ answer).
const QUESTIONS: [&str; 4] = [
    "how tight should the cuff be",
    "is bfr safe for older people",
    "how long should I rest between sets",
    "can I do bfr every day",
];

/// One command of the bench.
pub(crate) struct Scenario {
    /// As the table shows it, e.g. `/rest start`.
    pub(crate) name: &'static str,
    /// The `i`-th interaction (counted across the runs of this command).
    pub(crate) build: fn(&FakeDiscord, &Seeded, usize) -> (String, Value),
    /// A word the answer must contain (so a refusal or an error does not count as fast).
    pub(crate) expect: &'static str,
}

impl Scenario {
    /// Why `callback` is not the answer this command should give, if it is not.
    pub(crate) fn check(&self, callback: &Value) -> Result<(), String> {
        let text = reply_text(callback);
        if callback["type"].as_u64() == Some(5) {
            return Ok(()); // a deferral: counted apart, its answer comes later
        }
        if text.contains(APOLOGY) || !text.contains(self.expect) {
            return Err(format!("{}: {}", self.name, truncate(&text, 200)));
        }
        Ok(())
    }
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

pub(crate) const FLOOR: &str = "/ping";

/// Every scenario, the floor first; `/rest start` last, so its countdowns (posted in the
/// background at the bot's pace) disturb no other command's run.
pub(crate) fn all() -> Vec<Scenario> {
    vec![
        Scenario {
            name: FLOOR,
            build: |fake, _, i| plain(fake, "ping", json!([]), PLAIN_USER_BASE + i as u64),
            expect: "pong",
        },
        Scenario {
            name: "/learn",
            build: |fake, _, i| plain(fake, "learn", json!([]), PLAIN_USER_BASE + i as u64),
            expect: "BFR",
        },
        Scenario {
            name: "/1rm set",
            build: |fake, _, i| {
                let options = json!([{"name": "set", "type": 1, "options": [
                    opt("exercise", 3, json!("leg press")),
                    opt("weight", 10, json!(100 + i % 50))
                ]}]);
                plain(fake, "1rm", options, ONE_RM_USER_BASE + i as u64)
            },
            expect: "1RM saved",
        },
        Scenario {
            name: "/session",
            build: |fake, seeded, i| {
                let user = &seeded.session_users[i % seeded.session_users.len()];
                let options = json!([opt("exercise", 3, json!("leg press"))]);
                slash_command(fake, "session", options, user)
            },
            expect: "of your 1RM",
        },
        Scenario {
            name: "/ask",
            build: |fake, _, i| {
                let options = json!([opt("question", 3, json!(QUESTIONS[i % QUESTIONS.len()]))]);
                plain(fake, "ask", options, PLAIN_USER_BASE + i as u64)
            },
            expect: "",
        },
        Scenario {
            name: "/challenge leaderboard",
            build: |fake, seeded, i| {
                let user = &seeded.challenge_members[i % seeded.challenge_members.len()];
                let options = json!([{"name": "leaderboard", "type": 1, "options": [
                    opt("name", 3, json!(seeded.challenge_name))
                ]}]);
                slash_command(fake, "challenge", options, user)
            },
            expect: "Leaderboard",
        },
        Scenario {
            name: "/rest start",
            build: |fake, _, i| {
                let options = json!([{"name": "start", "type": 1, "options": [
                    opt("seconds", 4, json!(REST_SECONDS))
                ]}]);
                let user = (REST_USER_BASE + i as u64).to_string();
                let (id, mut payload) = slash_command(fake, "rest", options, &user);
                payload["channel_id"] = json!((REST_CHANNEL_BASE + i as u64).to_string());
                (id, payload)
            },
            expect: "Rest started",
        },
    ]
}

fn plain(fake: &FakeDiscord, name: &str, options: Value, user: u64) -> (String, Value) {
    slash_command(fake, name, options, &user.to_string())
}
