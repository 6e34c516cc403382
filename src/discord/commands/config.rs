//! `/config`: server settings, for members with Manage Server.

use poise::serenity_prelude as serenity;

use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::ids;
use crate::discord::Context;
use crate::error::AppError;

/// Server settings for bfr-coach
#[poise::command(
    slash_command,
    rename = "config",
    subcommands("config_ask_channel", "config_coach_role"),
    subcommand_required,
    guild_only,
    default_member_permissions = "MANAGE_GUILD"
)]
pub async fn config(_ctx: Context<'_>) -> Result<(), AppError> {
    Ok(())
}

/// Check every message in a channel for health questions (leave empty to clear)
#[poise::command(
    slash_command,
    rename = "ask-channel",
    guild_only,
    required_permissions = "MANAGE_GUILD"
)]
pub async fn config_ask_channel(
    ctx: Context<'_>,
    #[description = "The channel (leave empty to clear)"]
    #[channel_types("Text")]
    channel: Option<serenity::ChannelId>,
) -> Result<(), AppError> {
    let request = Request::ConfigAskChannel {
        channel_id: channel.map(ids::channel).transpose()?,
    };
    respond(ctx, request).await
}

/// A role whose members may create, end and moderate challenges (leave empty to clear)
#[poise::command(
    slash_command,
    rename = "coach-role",
    guild_only,
    required_permissions = "MANAGE_GUILD"
)]
pub async fn config_coach_role(
    ctx: Context<'_>,
    #[description = "The role (leave empty to clear)"] role: Option<serenity::Role>,
) -> Result<(), AppError> {
    let role_id = match role {
        Some(role) => Some(
            crate::domain::ids::RoleId::new(role.id.get())
                .ok_or_else(|| AppError::user("That role's ID is not usable."))?,
        ),
        None => None,
    };
    let command = crate::app::challenge::ChallengeCommand::CoachRole {
        role_id,
        authority: super::challenge::authority(&ctx),
    };
    respond(ctx, Request::Challenge(Box::new(command))).await
}
