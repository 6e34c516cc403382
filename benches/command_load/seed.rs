//! What the commands need, set up through interactions as users would: 1RMs and clear
//! screenings for `/session`, a challenge with members and entries for its leaderboard.

use serde_json::{json, Value};

use crate::support::{
    buttons, component, interact, member, opt, reply_text, set_one_rep_max, slash_command, title,
    FakeDiscord, ADMIN_PERMISSIONS,
};

/// Users with a 1RM and a clear screening; `/session` cycles through them.
const SESSION_USERS: u64 = 16;
const SESSION_USER_BASE: u64 = 1_440_000_000_000_000_000;
/// Members of the challenge; `/challenge leaderboard` cycles through them.
const CHALLENGE_MEMBERS: u64 = 24;
const CHALLENGE_USER_BASE: u64 = 1_450_000_000_000_000_000;
const CHALLENGE_NAME: &str = "Bench BFR";

/// Who and what the scenarios use.
pub(crate) struct Seeded {
    pub(crate) session_users: Vec<String>,
    pub(crate) challenge_name: String,
    pub(crate) challenge_members: Vec<String>,
}

pub(crate) async fn seed(fake: &FakeDiscord) -> Result<Seeded, String> {
    let mut session_users = Vec::new();
    for k in 0..SESSION_USERS {
        let user = (SESSION_USER_BASE + k).to_string();
        let saved = set_one_rep_max(fake, &user, "leg press", 120.0).await;
        expect(&saved, "1RM saved", "seeding a 1RM")?;
        clear_screening(fake, &user).await?;
        session_users.push(user);
    }

    let creator = (CHALLENGE_USER_BASE).to_string();
    let create = json!([{"name": "create", "type": 1, "options": [
        opt("name", 3, json!(CHALLENGE_NAME)),
        opt("metric", 4, json!(0)),
        opt("days", 4, json!(30))
    ]}]);
    let (id, mut payload) = slash_command(fake, "challenge", create, &creator);
    payload["member"] = member(&creator, ADMIN_PERMISSIONS);
    let created = interact(fake, (id, payload)).await;
    expect(&created, "Challenge created", "creating the challenge")?;

    let mut challenge_members = Vec::new();
    for k in 0..CHALLENGE_MEMBERS {
        let user = (CHALLENGE_USER_BASE + k).to_string();
        if k > 0 {
            let join = json!([{"name": "join", "type": 1, "options": [
                opt("name", 3, json!(CHALLENGE_NAME))
            ]}]);
            interact(fake, slash_command(fake, "challenge", join, &user)).await;
        }
        let log = json!([{"name": "log", "type": 1, "options": [
            opt("name", 3, json!(CHALLENGE_NAME)),
            opt("amount", 3, json!((k % 5 + 1).to_string()))
        ]}]);
        let logged = interact(fake, slash_command(fake, "challenge", log, &user)).await;
        if reply_text(&logged).contains(bfr_coach::error::APOLOGY) {
            return Err(format!("logging a session: {}", reply_text(&logged)));
        }
        challenge_members.push(user);
    }
    Ok(Seeded {
        session_users,
        challenge_name: CHALLENGE_NAME.to_owned(),
        challenge_members,
    })
}

/// `/screening`, answering No to every question: a clear outcome.
async fn clear_screening(fake: &FakeDiscord, user: &str) -> Result<(), String> {
    let mut answer = interact(fake, slash_command(fake, "screening", json!([]), user)).await;
    // Bounded: the screening has fewer questions than this.
    for _ in 0..30 {
        let Some((_, no)) = buttons(&answer)
            .into_iter()
            .find(|(label, _)| label == "No")
        else {
            break;
        };
        answer = interact(fake, component(fake, &no, &[], user)).await;
    }
    if title(&answer) != "Screening result" {
        return Err(format!("the screening did not finish: {answer}"));
    }
    Ok(())
}

fn expect(callback: &Value, word: &str, what: &str) -> Result<(), String> {
    if reply_text(callback).contains(word) {
        Ok(())
    } else {
        Err(format!("{what}: unexpected answer {callback}"))
    }
}
