//! Joining (consent to appear on the challenge's leaderboard) and leaving.

use chrono::{DateTime, Utc};

use crate::app::reply::{Colour, Embed, Reply};
use crate::app::Caller;
use crate::domain::challenge::{anonymous_label, ChallengeMetric, ChallengeStatus, Visibility};
use crate::domain::user_text::escape_user_text;
use crate::error::{AppError, UserError};
use crate::store::{Challenge, Joined, NewMember, Store};

use crate::store::is_open;

/// How someone joins: by command with options, or by the button with the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JoinChoice {
    pub visibility: Option<Visibility>,
    pub ranked: Option<bool>,
    pub display_name: Option<String>,
}

pub async fn join(
    store: &dyn Store,
    caller: &Caller,
    challenge: &Challenge,
    choice: JoinChoice,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let window = challenge.definition.window;
    if !is_open(challenge, now) || window.status(now) == ChallengeStatus::Grace {
        return Err(UserError::new(
            "That challenge has ended; `/challenge list` shows the running ones.",
        )
        .into());
    }
    // A member who joins again (the Join button, or the command without options) keeps
    // what they chose before: pressing Join must not make an anonymous member public.
    let current = store
        .standing(challenge.id, caller.user_id)
        .await?
        .map(|standing| standing.member);
    let ranked = choice
        .ranked
        .or(current.map(|member| member.ranked))
        .unwrap_or(true);
    if !ranked && caller.user_id != challenge.creator_id {
        return Err(UserError::new(
            "Only the challenge's creator can take part without a place on the leaderboard.",
        )
        .into());
    }
    let visibility = choice
        .visibility
        .or(current.map(|member| member.visibility))
        .unwrap_or_default();
    let baseline_kg = match (&challenge.definition.metric, &challenge.exercise) {
        (ChallengeMetric::Improvement, Some(exercise)) => store
            .current_one_rep_max(caller.user_id, &exercise.key)
            .await?
            .map(|record| record.value_kg),
        _ => None,
    };
    let joined = store
        .join_challenge(
            challenge.id,
            &NewMember {
                user_id: caller.user_id,
                visibility,
                ranked,
                joined_at: now,
                baseline_kg,
                display_name: choice
                    .display_name
                    .filter(|_| visibility == Visibility::Public),
            },
        )
        .await?;
    let member = joined.member();
    let name = escape_user_text(&challenge.definition.name);
    let shown = match member.visibility {
        Visibility::Public => "by your name".to_owned(),
        Visibility::Anonymous => format!("as {}", anonymous_label(member.number)),
    };
    let mut lines = vec![match joined {
        Joined::New(_) => format!("You joined {name}. Others see you {shown}."),
        Joined::Back(_) => format!(
            "Welcome back to {name}: your earlier training counts again. Others see you {shown}."
        ),
        Joined::Already(_) => format!("You're already in {name}; others now see you {shown}."),
    }];
    if !member.ranked {
        lines.push("You take part without a place on the leaderboard.".to_owned());
    }
    lines.push(match challenge.definition.metric {
        ChallengeMetric::Improvement
            if baseline_kg.is_none() && matches!(joined, Joined::New(_)) =>
        {
            "You have no 1RM for the challenge's exercise yet: the first one you record with \
             `/1rm` is your starting point."
                .to_owned()
        }
        ChallengeMetric::Improvement => {
            "Record new 1RMs with `/1rm` to climb the leaderboard.".to_owned()
        }
        _ => "Workouts you finish with `/session` in this server count automatically; \
              `/challenge log` adds training done elsewhere."
            .to_owned(),
    });
    lines.push("`/challenge leave` stops your credit at any time.".to_owned());
    Ok(
        Reply::embed(Embed::new("Challenge joined", lines.join("\n")).colour(Colour::Success))
            .ephemeral(),
    )
}

pub async fn leave(
    store: &dyn Store,
    caller: &Caller,
    challenge: &Challenge,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let name = escape_user_text(&challenge.definition.name);
    if !store
        .leave_challenge(challenge.id, caller.user_id, now)
        .await?
    {
        return Err(UserError::new(format!("You're not in {name}.")).into());
    }
    Ok(Reply::text(format!(
        "You left {name}: nothing more is credited and you're off its leaderboard. Joining \
         again brings back what you had."
    ))
    .ephemeral())
}
