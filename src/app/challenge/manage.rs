//! Creating, ending and listing challenges, and the server's coach role.

use chrono::{DateTime, Duration, Utc};

use crate::app::exercise;
use crate::app::reply::{Colour, Embed, Reply};
use crate::app::Caller;
use crate::domain::challenge::{
    next_post, parse_start, status_text, ChallengeDefinition, ChallengeMetric, ChallengeStatus,
    PostedMarkers,
};
use crate::domain::ids::{GuildId, RoleId};
use crate::domain::user_text::escape_user_text;
use crate::error::{AppError, UserError};
use crate::store::{Challenge, NewChallenge, Store};

use super::{is_coach, CreateChallenge};
use crate::store::is_open;

/// How long ended challenges stay in `/challenge list`.
const RECENTLY_ENDED_DAYS: i64 = 14;

pub async fn create(
    store: &dyn Store,
    caller: &Caller,
    guild_id: GuildId,
    create: CreateChallenge,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    if !create.authority.can_manage_guild && !is_coach(store, guild_id, &create.authority).await? {
        return Err(UserError::new(
            "Creating a challenge needs Manage Server, or the server's coach role (set with \
             `/config coach-role`).",
        )
        .into());
    }
    let settings = store.user_settings(caller.user_id).await?;
    let start = match create.start.as_deref().map(str::trim) {
        Some(date) if !date.is_empty() => parse_start(date, settings.zone(), now)
            .map_err(|error| UserError::new(error.to_string()))?,
        _ => now,
    };
    let exercise = match (create.metric, create.exercise.as_deref()) {
        (ChallengeMetric::Improvement, Some(name)) => Some(exercise::resolve(name)?.exercise),
        (ChallengeMetric::Improvement, None) => {
            return Err(UserError::new(
                "An improvement challenge measures one exercise's 1RM: add `exercise:`, e.g. \
                 `exercise:leg press`.",
            )
            .into())
        }
        (_, Some(_)) => {
            return Err(UserError::new(
                "An exercise only applies to the `improvement` metric. Leave it out, or \
                 choose `improvement`.",
            )
            .into())
        }
        (_, None) => None,
    };
    let definition = ChallengeDefinition::new(
        &create.name,
        create.metric,
        create.days,
        start,
        create.target,
    )
    .map_err(|error| UserError::new(error.to_string()))?;
    let channel_id = create.channel_id.unwrap_or(caller.channel_id);
    let next_post_at =
        next_post(&definition.window, PostedMarkers::default()).map(|planned| planned.due_at);
    let created = store
        .create_challenge(&NewChallenge {
            guild_id,
            channel_id,
            creator_id: caller.user_id,
            definition,
            exercise,
            created_at: now,
            next_post_at,
        })
        .await?;
    let Some(challenge) = created else {
        return Err(UserError::new(
            "A challenge with that name is already running in this server. Pick another \
             name, or end the old one with `/challenge end`.",
        )
        .into());
    };
    let text = format!(
        "Created {}. Its announcement and living leaderboard (with a **Join** button) go to \
         <#{}> in a moment. {}\nYou are not a member yet: use `/challenge join` to take part \
         (`ranked:false` to take part without a place on the leaderboard).",
        escape_user_text(&challenge.definition.name),
        challenge.channel_id,
        status_text(&challenge.definition.window, now),
    );
    Ok(Reply::embed(Embed::new("Challenge created", text).colour(Colour::Success)).ephemeral())
}

pub async fn end(
    store: &dyn Store,
    challenge: &Challenge,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let window = challenge.definition.window;
    if !is_open(challenge, now) || window.status(now) == ChallengeStatus::Grace {
        return Err(UserError::new("That challenge has already ended.").into());
    }
    let ended = window.end_early(now);
    let next = next_post(&ended, challenge.posted).map(|planned| planned.due_at);
    let Some(_) = store.end_challenge(challenge.id, ended, next).await? else {
        return Err(UserError::new("That challenge has already ended.").into());
    };
    let text = format!(
        "{} has ended. The final results go to <#{}> now.",
        escape_user_text(&challenge.definition.name),
        challenge.channel_id
    );
    Ok(Reply::embed(Embed::new("Challenge ended", text).colour(Colour::Success)).ephemeral())
}

pub async fn list(
    store: &dyn Store,
    guild_id: GuildId,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let challenges = store
        .guild_challenges(guild_id, now - Duration::days(RECENTLY_ENDED_DAYS))
        .await?;
    if challenges.is_empty() {
        return Ok(Reply::text(
            "No challenges in this server yet. Members with Manage Server or the coach role \
             can start one with `/challenge create`.",
        )
        .ephemeral());
    }
    let (open, ended): (Vec<_>, Vec<_>) = challenges
        .iter()
        .partition(|challenge| is_open(challenge, now));
    let line = |challenge: &&Challenge| {
        format!(
            "• **{}** — {} · <#{}>\n  {}",
            escape_user_text(&challenge.definition.name),
            challenge.definition.metric.label(),
            challenge.channel_id,
            status_text(&challenge.definition.window, now)
        )
    };
    let mut embed = Embed::new("Challenges", "").colour(Colour::Info);
    if !open.is_empty() {
        embed = embed.field("Running and upcoming", lines(open.iter().map(line)));
    }
    if !ended.is_empty() {
        embed = embed.field("Recently ended", lines(ended.iter().map(line)));
    }
    Ok(Reply::embed(embed).ephemeral())
}

/// Joins lines within an embed field's 1,024 characters.
fn lines(lines: impl Iterator<Item = String>) -> String {
    let lines: Vec<String> = lines.collect();
    crate::app::reply::join_within(&lines, 1024)
}

pub async fn set_coach_role(
    store: &dyn Store,
    guild_id: GuildId,
    role_id: Option<RoleId>,
) -> Result<Reply, AppError> {
    let mut settings = store.guild_settings(guild_id).await?;
    settings.coach_role_id = role_id;
    store.save_guild_settings(guild_id, &settings).await?;
    let text = match role_id {
        Some(role) => format!(
            "Members with <@&{role}> can now create, end and moderate challenges (void \
             entries, see the audit trail)."
        ),
        None => "The coach role is cleared: only Manage Server and each challenge's creator \
                 can manage challenges."
            .to_owned(),
    };
    Ok(Reply::embed(Embed::new("Coach role", text).colour(Colour::Success)).ephemeral())
}
