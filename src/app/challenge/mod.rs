//! `/challenge`: group challenges in a server. The rules are the domain's
//! (`domain::challenge`); this module checks who may do what, reads and writes the store,
//! and builds the replies. Scheduled posts (the living leaderboard, weekly summaries, the
//! final results) are made by [`poster`], a background job.

mod board;
mod chart_cache;
mod credit;
mod group;
mod group_card;
mod manage;
mod membership;
pub mod poster;

use chrono::Utc;

use crate::app::reply::Reply;
use crate::app::{App, Caller, ComponentReply};
use crate::domain::challenge::{name_key, ChallengeMetric, Visibility};
use crate::domain::ids::{ChannelId, GuildId, RoleId, UserId};
use crate::error::{AppError, UserError};
use crate::store::{Challenge, Store};

pub use board::{board_reply, BOARD_CHART_FILENAME};
pub use credit::{credit_finished_workout, credit_one_rep_max, credit_sets};
pub use poster::{ChallengePostSender, PostError};

/// Custom-ID prefix of the Join button on a challenge's living leaderboard.
pub const JOIN_PREFIX: &str = "challenge:join:";

/// What the caller may do in the server, read from the interaction itself (never from a
/// cache that could be stale or forged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authority {
    /// Manage Server in this server.
    pub can_manage_guild: bool,
    /// The caller's roles in this server.
    pub role_ids: Vec<RoleId>,
}

impl Authority {
    /// The console's user, who runs the console's own server.
    pub fn admin() -> Self {
        Self {
            can_manage_guild: true,
            role_ids: Vec::new(),
        }
    }
}

/// `/challenge create`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateChallenge {
    pub name: String,
    pub metric: ChallengeMetric,
    pub days: i64,
    /// Where it is announced and its leaderboard lives; the current channel by default.
    pub channel_id: Option<ChannelId>,
    /// `YYYY-MM-DD` in the creator's time zone; now by default.
    pub start: Option<String>,
    /// The team goal's target (sessions).
    pub target: Option<i64>,
    /// The exercise of an improvement challenge.
    pub exercise: Option<String>,
    pub authority: Authority,
}

/// The `/challenge` subcommands.
#[derive(Debug, Clone, PartialEq)]
pub enum ChallengeCommand {
    Create(CreateChallenge),
    Join {
        name: String,
        visibility: Option<Visibility>,
        /// `false`: take part without a place on the leaderboard (the creator only).
        ranked: Option<bool>,
        display_name: Option<String>,
    },
    Leave {
        name: String,
    },
    Log {
        name: String,
        amount: String,
    },
    Void {
        name: String,
        entry_id: i64,
        authority: Authority,
    },
    Audit {
        name: String,
        member: Option<UserId>,
        authority: Authority,
    },
    Leaderboard {
        name: String,
        public: bool,
    },
    End {
        name: String,
        authority: Authority,
    },
    List,
    /// `/challenge session`: a group workout for the challenge, led by the caller.
    Session {
        name: String,
        exercise: String,
    },
    /// `/config coach-role`: who may create and end challenges besides Manage Server.
    CoachRole {
        role_id: Option<RoleId>,
        authority: Authority,
    },
}

pub async fn handle(
    app: &App,
    caller: &Caller,
    command: ChallengeCommand,
) -> Result<Reply, AppError> {
    let now = Utc::now();
    let guild_id = in_guild(caller)?;
    let store = app.store();
    match command {
        ChallengeCommand::Create(create) => {
            let reply = manage::create(store, caller, guild_id, create, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::Join {
            name,
            visibility,
            ranked,
            display_name,
        } => {
            let challenge = find(store, guild_id, &name).await?;
            let choice = membership::JoinChoice {
                visibility,
                ranked,
                display_name,
            };
            let reply = membership::join(store, caller, &challenge, choice, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::Leave { name } => {
            let challenge = find(store, guild_id, &name).await?;
            let reply = membership::leave(store, caller, &challenge, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::Log { name, amount } => {
            let challenge = find(store, guild_id, &name).await?;
            let reply = credit::log(store, caller, &challenge, &amount, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::Void {
            name,
            entry_id,
            authority,
        } => {
            let challenge = find(store, guild_id, &name).await?;
            moderator(store, guild_id, &authority, Some(&challenge), caller).await?;
            let reply = credit::void(store, caller, &challenge, entry_id, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::Audit {
            name,
            member,
            authority,
        } => {
            let challenge = find(store, guild_id, &name).await?;
            moderator(store, guild_id, &authority, Some(&challenge), caller).await?;
            credit::audit(store, &challenge, member).await
        }
        ChallengeCommand::Leaderboard { name, public } => {
            let challenge = find(store, guild_id, &name).await?;
            board::leaderboard(store, caller, &challenge, public, now).await
        }
        ChallengeCommand::End { name, authority } => {
            let challenge = find(store, guild_id, &name).await?;
            moderator(store, guild_id, &authority, Some(&challenge), caller).await?;
            let reply = manage::end(store, &challenge, now).await?;
            app.wake_challenge_poster();
            Ok(reply)
        }
        ChallengeCommand::List => manage::list(store, guild_id, now).await,
        ChallengeCommand::Session { name, exercise } => {
            let challenge = find(store, guild_id, &name).await?;
            group::open(app, caller, &challenge, &exercise, now).await
        }
        ChallengeCommand::CoachRole { role_id, authority } => {
            if !authority.can_manage_guild {
                return Err(UserError::new("Setting the coach role needs Manage Server.").into());
            }
            manage::set_coach_role(store, guild_id, role_id).await
        }
    }
}

/// The Join button on a challenge's leaderboard message, and the buttons of a group
/// workout's card. `presser_name` is the presser's
/// name in the server: joining by the button is public, and the chart (an image, which
/// cannot show a mention) names public members by it, as when joining by command.
pub async fn on_button(
    app: &App,
    caller: &Caller,
    custom_id: &str,
    presser_name: Option<&str>,
) -> Option<Result<ComponentReply, AppError>> {
    if let Some(outcome) = group::on_button(app, caller, custom_id).await {
        return Some(outcome);
    }
    let id = custom_id.strip_prefix(JOIN_PREFIX)?;
    Some(press_join(app, caller, id, presser_name).await)
}

async fn press_join(
    app: &App,
    caller: &Caller,
    id: &str,
    presser_name: Option<&str>,
) -> Result<ComponentReply, AppError> {
    let stale = || {
        ComponentReply::Send(
            Reply::text("This challenge no longer exists. See `/challenge list`.").ephemeral(),
        )
    };
    let Some(id) = id.parse().ok().and_then(crate::store::ChallengeId::new) else {
        return Ok(stale());
    };
    let Some(challenge) = app.store().challenge(id).await? else {
        return Ok(stale());
    };
    // A button copied into another server must not join this one's challenge.
    if caller.guild_id != Some(challenge.guild_id) {
        return Ok(stale());
    }
    let choice = membership::JoinChoice {
        display_name: presser_name.map(str::to_owned),
        ..membership::JoinChoice::default()
    };
    let reply = membership::join(app.store(), caller, &challenge, choice, Utc::now()).await?;
    app.wake_challenge_poster();
    Ok(ComponentReply::Send(reply.ephemeral()))
}

/// Names of the guild's challenges starting with `partial` (ignoring case), open first.
pub async fn name_suggestions(
    store: &dyn Store,
    guild_id: Option<GuildId>,
    partial: &str,
) -> Result<Vec<String>, AppError> {
    let Some(guild_id) = guild_id else {
        return Ok(Vec::new());
    };
    let wanted = name_key(partial);
    let challenges = store
        .guild_challenges(guild_id, Utc::now() - chrono::Duration::days(30))
        .await?;
    Ok(challenges
        .into_iter()
        .filter(|c| name_key(&c.definition.name).contains(&wanted))
        .map(|c| c.definition.name)
        .take(25)
        .collect())
}

fn in_guild(caller: &Caller) -> Result<GuildId, UserError> {
    caller
        .guild_id
        .ok_or_else(|| UserError::new("Challenges belong to a server: use `/challenge` there."))
}

async fn find(store: &dyn Store, guild_id: GuildId, name: &str) -> Result<Challenge, AppError> {
    let key = name_key(name);
    match store.challenge_named(guild_id, &key).await? {
        Some(challenge) => Ok(challenge),
        None => Err(UserError::new(format!(
            "There is no challenge called {} in this server. `/challenge list` shows them.",
            crate::domain::user_text::escape_user_text(name)
        ))
        .into()),
    }
}

/// Manage Server, the server's coach role, or (for a challenge) its creator.
async fn moderator(
    store: &dyn Store,
    guild_id: GuildId,
    authority: &Authority,
    challenge: Option<&Challenge>,
    caller: &Caller,
) -> Result<(), AppError> {
    if authority.can_manage_guild
        || challenge.is_some_and(|c| c.creator_id == caller.user_id)
        || is_coach(store, guild_id, authority).await?
    {
        return Ok(());
    }
    Err(UserError::new(
        "Only the challenge's creator, the server's coach role or members with Manage Server \
         can do that.",
    )
    .into())
}

async fn is_coach(
    store: &dyn Store,
    guild_id: GuildId,
    authority: &Authority,
) -> Result<bool, AppError> {
    let settings = store.guild_settings(guild_id).await?;
    Ok(settings
        .coach_role_id
        .is_some_and(|coach| authority.role_ids.contains(&coach)))
}
