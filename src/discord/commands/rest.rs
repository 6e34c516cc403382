use poise::serenity_prelude as serenity;

use crate::app::request::InteractionToken;
use crate::app::request::StartRest;
use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::ids;
use crate::discord::Context;
use crate::domain::ids::RoleId;
use crate::error::AppError;

/// Rest countdowns between sets: you are pinged when the rest ends
#[poise::command(
    slash_command,
    subcommands("rest_start", "rest_cancel", "rest_list", "rest_remove"),
    subcommand_required
)]
pub async fn rest(_ctx: Context<'_>) -> Result<(), AppError> {
    Ok(())
}

/// Start a rest countdown in this channel
#[poise::command(slash_command, rename = "start")]
pub async fn rest_start(
    ctx: Context<'_>,
    #[description = "Length in seconds, 5-600 (default: your last rest, else 30)"] seconds: Option<
        i64,
    >,
    #[description = "A note shown on the countdown, e.g. the next exercise"] label: Option<String>,
    #[description = "People or a role to ping with you, e.g. @Sam @Alex or @BFR Crew (needs Manage Messages)"]
    #[rename = "for"]
    with: Option<String>,
) -> Result<(), AppError> {
    let mentionable_roles = if with.as_deref().is_some_and(|w| w.contains("<@&")) {
        mentionable_roles(&ctx)
    } else {
        Vec::new()
    };
    let interaction_token = match ctx {
        poise::Context::Application(app) => Some(InteractionToken(app.interaction.token.clone())),
        poise::Context::Prefix(_) => None,
    };
    let request = Request::RestStart(StartRest {
        seconds,
        label,
        with,
        mentionable_roles,
        interaction_token,
    });
    respond(ctx, request).await
}

/// The server's roles that anyone may mention, as the cache knows them.
fn mentionable_roles(ctx: &Context<'_>) -> Vec<RoleId> {
    ctx.guild()
        .map(|guild| {
            guild
                .roles
                .values()
                .filter(|role| role.mentionable)
                .filter_map(|role| ids::role(role.id))
                .collect()
        })
        .unwrap_or_default()
}

/// Cancel your running rest in this channel
#[poise::command(slash_command, rename = "cancel")]
pub async fn rest_cancel(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::RestCancel).await
}

/// The rests running in this channel
#[poise::command(slash_command, rename = "list")]
pub async fn rest_list(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::RestList).await
}

/// Take someone out of your running rest here (they are no longer pinged with you)
#[poise::command(slash_command, rename = "remove")]
pub async fn rest_remove(
    ctx: Context<'_>,
    #[description = "Who to take out of your rest"] user: serenity::User,
) -> Result<(), AppError> {
    let request = Request::RestRemove {
        user_id: crate::discord::ids::user(user.id)?,
    };
    respond(ctx, request).await
}
