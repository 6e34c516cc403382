//! Credit: automatic from workout cards and 1RMs, by hand with `/challenge log` (bounded),
//! voided by moderators, every manual log and void kept in the audit trail.

use std::ops::RangeInclusive;

use chrono::{DateTime, Utc};

use crate::app::reply::{Colour, Embed, Reply};
use crate::app::Caller;
use crate::domain::challenge::{
    check_manual_log, local_day_bounds, parse_log_amount, session_credit, set_credit,
    ChallengeMetric,
};
use crate::domain::ids::UserId;
use crate::domain::user_text::escape_user_text;
use crate::error::{AppError, UserError};
use crate::store::{AuditAction, Challenge, Credit, EntryId, ManualLog, Store, TrainingSession};

/// Audit lines shown at once.
const AUDIT_LINES: u32 = 20;

/// Credits sets `sets` of a workout card (and, when `finished`, the workout itself) to every
/// running challenge the user joined in this server. Credit is a side effect of recording
/// the workout, so a failure here is logged and the card goes on.
pub async fn credit_sets(
    store: &dyn Store,
    caller: &Caller,
    session: &TrainingSession,
    sets: RangeInclusive<u32>,
    finished: bool,
) {
    if let Err(error) = try_credit(store, caller, session, sets, finished).await {
        tracing::error!(%error, "could not credit a workout to challenges");
    }
}

/// A finished workout: its sets not credited yet (`from_set` on) and the session.
pub async fn credit_finished_workout(
    store: &dyn Store,
    caller: &Caller,
    done: &TrainingSession,
    from_set: u32,
) {
    let sets = from_set..=done.sets_done;
    credit_sets(store, caller, done, sets, done.sets_done >= 1).await;
}

async fn try_credit(
    store: &dyn Store,
    caller: &Caller,
    session: &TrainingSession,
    sets: RangeInclusive<u32>,
    finished: bool,
) -> Result<(), AppError> {
    let Some(guild_id) = caller.guild_id else {
        return Ok(());
    };
    let now = Utc::now();
    let challenges = store
        .running_memberships(guild_id, caller.user_id, now)
        .await?;
    if challenges.is_empty() {
        return Ok(());
    }
    let credits: Vec<Credit> = challenges
        .iter()
        .map(|challenge| {
            let metric = challenge.definition.metric;
            let from_sets: i64 = sets
                .clone()
                .filter_map(|set| session.planned_reps.get(set.checked_sub(1)? as usize))
                .filter_map(|reps| set_credit(metric, session.load_kg, *reps))
                .sum();
            let from_session = if finished {
                session_credit(metric).unwrap_or(0)
            } else {
                0
            };
            Credit {
                challenge_id: challenge.id,
                amount: from_sets.saturating_add(from_session),
            }
        })
        .collect();
    store.credit_workout(caller.user_id, now, &credits).await?;
    Ok(())
}

/// A new 1RM raises the user's improvement scores. Logged, never fails the `/1rm` answer.
pub async fn credit_one_rep_max(store: &dyn Store, user_id: UserId, exercise_key: &str, kg: f64) {
    if let Err(error) = store
        .record_improvement(user_id, exercise_key, kg, Utc::now())
        .await
    {
        tracing::error!(%error, "could not credit a 1RM to improvement challenges");
    }
}

pub async fn log(
    store: &dyn Store,
    caller: &Caller,
    challenge: &Challenge,
    amount: &str,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let metric = challenge.definition.metric;
    let name = escape_user_text(&challenge.definition.name);
    let Some(at) = challenge.definition.window.manual_log_instant(now) else {
        return Err(UserError::new(format!(
            "{name} is not running: logs are taken from its start until the results are posted."
        ))
        .into());
    };
    let Some(standing) = store.standing(challenge.id, caller.user_id).await? else {
        return Err(UserError::new(format!(
            "You're not in {name}. Join it first with `/challenge join`."
        ))
        .into());
    };
    let settings = store.user_settings(caller.user_id).await?;
    let unit = settings.units;
    let parsed = parse_log_amount(metric, amount, unit).map_err(user)?;
    let (day_start, day_end) = local_day_bounds(now, settings.zone())
        .ok_or_else(|| UserError::new("Your time zone has no such day; check `/settings`."))?;
    let logged_today = store
        .manually_logged(challenge.id, caller.user_id, day_start, day_end)
        .await?;
    let one_rep_max_kg = if metric == ChallengeMetric::Volume {
        store
            .current_one_rep_maxes(caller.user_id)
            .await?
            .iter()
            .map(|record| record.value_kg)
            .fold(None, |best: Option<f64>, kg| {
                Some(best.map_or(kg, |b| b.max(kg)))
            })
    } else {
        None
    };
    let credited =
        check_manual_log(metric, parsed, logged_today, one_rep_max_kg, unit).map_err(user)?;
    let stored = store
        .log_manual(&ManualLog {
            challenge_id: challenge.id,
            user_id: caller.user_id,
            at,
            amount: credited,
            logged_at: now,
        })
        .await?;
    let Some(entry_id) = stored else {
        return Err(UserError::new(format!("You're no longer in {name}.")).into());
    };
    let total = store
        .standing(challenge.id, caller.user_id)
        .await?
        .map_or(standing.score.value, |s| s.score.value);
    let text = format!(
        "Logged {} for {name} (entry {entry_id}). Your total: {}.\nManual logs are kept in \
         the challenge's audit trail, which moderators can see.",
        metric.format_value(credited, unit),
        metric.format_value(total, unit)
    );
    Ok(Reply::embed(Embed::new("Logged", text).colour(Colour::Success)).ephemeral())
}

pub async fn void(
    store: &dyn Store,
    caller: &Caller,
    challenge: &Challenge,
    entry_id: i64,
    now: DateTime<Utc>,
) -> Result<Reply, AppError> {
    let Some(entry_id) = EntryId::new(entry_id) else {
        return Err(
            UserError::new("Entry numbers start at 1; `/challenge audit` shows them.").into(),
        );
    };
    let Some(voided) = store
        .void_entry(challenge.id, entry_id, caller.user_id, now)
        .await?
    else {
        return Err(UserError::new(format!(
            "{} has no entry {entry_id} that can be voided (it may be voided already). \
             `/challenge audit` shows the entries.",
            escape_user_text(&challenge.definition.name)
        ))
        .into());
    };
    let text = format!(
        "Voided entry {entry_id}: {} for <@{}>. It no longer counts, and the void is in the \
         audit trail.",
        challenge
            .definition
            .metric
            .format_value(voided.entry.amount, crate::domain::strength::Unit::Kg),
        voided.entry.user_id
    );
    Ok(Reply::embed(Embed::new("Entry voided", text).colour(Colour::Success)).ephemeral())
}

pub async fn audit(
    store: &dyn Store,
    challenge: &Challenge,
    member: Option<UserId>,
) -> Result<Reply, AppError> {
    let metric = challenge.definition.metric;
    let unit = crate::domain::strength::Unit::Kg;
    let trail = store.audit_trail(challenge.id, AUDIT_LINES).await?;
    let trail_lines: Vec<String> = trail
        .iter()
        .map(|record| match record.action {
            AuditAction::Log => format!(
                "<t:{}:f> entry {}: <@{}> logged {}",
                record.at.timestamp(),
                record.entry_id,
                record.member_id,
                metric.format_value(record.amount, unit)
            ),
            AuditAction::Void => format!(
                "<t:{}:f> entry {}: <@{}> voided {} of <@{}>",
                record.at.timestamp(),
                record.entry_id,
                record.actor_id,
                metric.format_value(record.amount, unit),
                record.member_id
            ),
        })
        .collect();
    let mut embed = Embed::new(
        format!("Audit: {}", challenge.definition.name),
        if trail_lines.is_empty() {
            "No manual logs or voids yet.".to_owned()
        } else {
            crate::app::reply::join_within(&trail_lines, 3500)
        },
    )
    .colour(Colour::Info);
    if let Some(member) = member {
        let entries = store.member_entries(challenge.id, member, 15).await?;
        let lines: Vec<String> = entries
            .iter()
            .map(|stored| {
                format!(
                    "entry {} · <t:{}:f> · {} · {}{}",
                    stored.id,
                    stored.entry.at.timestamp(),
                    stored.entry.source.as_str(),
                    metric.format_value(stored.entry.amount, unit),
                    if stored.entry.voided {
                        " · voided"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        embed = embed.field(
            format!("Newest entries of member {member}"),
            if lines.is_empty() {
                "None.".to_owned()
            } else {
                crate::app::reply::join_within(&lines, 1024)
            },
        );
    }
    embed = embed.footer("Void an entry with /challenge void and its number.");
    Ok(Reply::embed(embed).ephemeral())
}

fn user(error: impl std::fmt::Display) -> UserError {
    UserError::new(error.to_string())
}
