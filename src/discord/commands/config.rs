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
    subcommands("config_ask_channel"),
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
