//! `/challenge`: group challenges in a server.

use poise::serenity_prelude as serenity;

use crate::app::challenge::{Authority, ChallengeCommand, CreateChallenge};
use crate::app::Request;
use crate::discord::commands::choices::{MetricChoice, VisibilityChoice};
use crate::discord::commands::{autocomplete_exercise, autocomplete_response, respond};
use crate::discord::{ids, Context};
use crate::domain::ids::RoleId;
use crate::error::AppError;

/// Group challenges: join, log, leaderboards
#[poise::command(
    slash_command,
    subcommands(
        "challenge_create",
        "challenge_join",
        "challenge_leave",
        "challenge_log",
        "challenge_leaderboard",
        "challenge_list",
        "challenge_session",
        "challenge_end",
        "challenge_void",
        "challenge_audit"
    ),
    subcommand_required,
    guild_only
)]
pub async fn challenge(_ctx: Context<'_>) -> Result<(), AppError> {
    Ok(())
}

async fn run(ctx: Context<'_>, command: ChallengeCommand) -> Result<(), AppError> {
    respond(ctx, Request::Challenge(Box::new(command))).await
}

/// What the member may do here, from the interaction Discord sent (not from a cache).
pub(crate) fn authority(ctx: &Context<'_>) -> Authority {
    let poise::Context::Application(app) = ctx else {
        return Authority::default();
    };
    let Some(member) = app.interaction.member.as_ref() else {
        return Authority::default();
    };
    Authority {
        can_manage_guild: member
            .permissions
            .is_some_and(|p| p.manage_guild() || p.administrator()),
        role_ids: member
            .roles
            .iter()
            .filter_map(|role| RoleId::new(role.get()))
            .collect(),
    }
}

/// The member's name in this server, for the leaderboard chart.
fn display_name(ctx: &Context<'_>) -> String {
    let user = ctx.author();
    let nick = match ctx {
        poise::Context::Application(app) => app
            .interaction
            .member
            .as_ref()
            .and_then(|member| member.nick.clone()),
        poise::Context::Prefix(_) => None,
    };
    nick.or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone())
}

async fn autocomplete_challenge(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let guild_id = ids::guild(ctx.guild_id()).ok().flatten();
    let store = ctx.data().app.store();
    let names = crate::app::challenge::name_suggestions(store, guild_id, partial).await;
    autocomplete_response(names, "challenge")
}

/// Start a challenge (Manage Server or the coach role)
#[poise::command(slash_command, rename = "create")]
#[allow(clippy::too_many_arguments)]
pub async fn challenge_create(
    ctx: Context<'_>,
    #[description = "Name, e.g. December BFR"] name: String,
    #[description = "What counts"] metric: MetricChoice,
    #[description = "How many days it runs, 1-90"] days: i64,
    #[description = "Where to announce it and keep its leaderboard (default: here)"]
    #[channel_types("Text")]
    channel: Option<serenity::ChannelId>,
    #[description = "Start date YYYY-MM-DD in your time zone (default: now)"] start: Option<String>,
    #[description = "team-goal only: sessions to reach together"] target: Option<i64>,
    #[description = "improvement only: the exercise whose 1RM counts"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: Option<String>,
) -> Result<(), AppError> {
    let command = ChallengeCommand::Create(CreateChallenge {
        name,
        metric: metric.into(),
        days,
        channel_id: channel.map(ids::channel).transpose()?,
        start,
        target,
        exercise,
        authority: authority(&ctx),
    });
    run(ctx, command).await
}

/// Join a challenge
#[poise::command(slash_command, rename = "join")]
pub async fn challenge_join(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "How others see you (default: public)"] visibility: Option<VisibilityChoice>,
    #[description = "Creator only: false to take part without a place on the leaderboard"]
    ranked: Option<bool>,
) -> Result<(), AppError> {
    let command = ChallengeCommand::Join {
        name,
        visibility: visibility.map(Into::into),
        ranked,
        display_name: Some(display_name(&ctx)),
    };
    run(ctx, command).await
}

/// Leave a challenge: nothing more is credited
#[poise::command(slash_command, rename = "leave")]
pub async fn challenge_leave(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
) -> Result<(), AppError> {
    run(ctx, ChallengeCommand::Leave { name }).await
}

/// Log training done away from the bot
#[poise::command(slash_command, rename = "log")]
pub async fn challenge_log(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "Sessions or reps, e.g. 1; for volume load x reps, e.g. 30 x 75"]
    amount: String,
) -> Result<(), AppError> {
    run(ctx, ChallengeCommand::Log { name, amount }).await
}

/// The leaderboard, with your own place
#[poise::command(slash_command, rename = "leaderboard")]
pub async fn challenge_leaderboard(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "Show it to the channel (default: only you)"] public: Option<bool>,
) -> Result<(), AppError> {
    let command = ChallengeCommand::Leaderboard {
        name,
        public: public.unwrap_or(false),
    };
    run(ctx, command).await
}

/// Running and recently ended challenges here
#[poise::command(slash_command, rename = "list")]
pub async fn challenge_list(ctx: Context<'_>) -> Result<(), AppError> {
    run(ctx, ChallengeCommand::List).await
}

/// A group workout for a challenge: members train along, one rest pings everyone
#[poise::command(slash_command, rename = "session")]
pub async fn challenge_session(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "The exercise, e.g. leg press"]
    #[autocomplete = "autocomplete_exercise"]
    exercise: String,
) -> Result<(), AppError> {
    run(ctx, ChallengeCommand::Session { name, exercise }).await
}

/// End a challenge now and post the results (creator, coach role or Manage Server)
#[poise::command(slash_command, rename = "end")]
pub async fn challenge_end(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
) -> Result<(), AppError> {
    let authority = authority(&ctx);
    run(ctx, ChallengeCommand::End { name, authority }).await
}

/// Void an entry so it no longer counts (moderators)
#[poise::command(slash_command, rename = "void")]
pub async fn challenge_void(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "The entry number, from /challenge audit"] entry: i64,
) -> Result<(), AppError> {
    let authority = authority(&ctx);
    let command = ChallengeCommand::Void {
        name,
        entry_id: entry,
        authority,
    };
    run(ctx, command).await
}

/// Manual logs and voids, and a member's entries (moderators)
#[poise::command(slash_command, rename = "audit")]
pub async fn challenge_audit(
    ctx: Context<'_>,
    #[description = "The challenge"]
    #[autocomplete = "autocomplete_challenge"]
    name: String,
    #[description = "Also list this member's entries"] member: Option<serenity::User>,
) -> Result<(), AppError> {
    let authority = authority(&ctx);
    let command = ChallengeCommand::Audit {
        name,
        member: member.map(|user| ids::user(user.id)).transpose()?,
        authority,
    };
    run(ctx, command).await
}
